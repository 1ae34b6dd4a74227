// Translations between matrix form (the Expr DAG) and index form (expr/index_form.h).
//
// To index form: the (row, col) entry of a matrix expression, by Einstein summation:
// a product chains its factors through new summed indices, a transpose swaps the two
// indices, a trace repeats one, sum() sums both, diag() and I are deltas, element-wise
// functions and powers apply entry by entry, kron, vec and K have entries on combined
// indices (split into their parts, see IndexSpace::split and resolve_splits). Inverses,
// determinants and the constructs with no entry formula (unvec, softmax, ...) stay opaque
// tensors; their derivative rules, where there are any, are in diff/index_rules.cpp.
//
// Back to matrix form: each term becomes pieces (matrices whose rows and columns carry
// indices); pieces sharing both indices are a Hadamard product, a summed index shared by
// two pieces is a matrix product (transposing as needed), one repeated in one piece a
// trace (or diag), one in a single piece a sum against ones, a vector sharing an index
// with a matrix a diag() factor; what is left over is an outer product. A term with no
// such reading (a summed index shared by three matrices, say) has no matrix form: the
// translation says so (nullptr) rather than guessing.
#pragma once

#include "expr/index_form.h"

namespace matcalc {

// A variable node standing for an argument while the chain rule's f'(u) is translated:
// its entries are `arg`, whose free indices are (row, col).
struct Placeholder {
  Expr var = nullptr;
  const IndexSum* arg = nullptr;
  int row = -1, col = -1;
};

// The (row, col) entry of e (an index is -1 where e's dimension is 1). With a placeholder,
// e is a scalar function of it, and its entries are taken at the placeholder's indices.
IndexSum to_index(Build& b, IndexSpace& space, Expr e, int row, int col,
                  const Placeholder* ph = nullptr);

// The matrix whose (row, col) entry s is (s's free indices are row and col); nullptr
// when some term has no matrix form.
Expr index_to_matrix(Build& b, const IndexSpace& space, const IndexSum& s, int row, int col);

// The Jacobian J with d vec(F) = J d vec(X) from dF_{ij}/dX_{ab} (i, j the entry of F,
// a, b of X; -1 where a dimension is 1): A_{ia} B_{jb} is kron(B, A), A_{ib} B_{ja} is
// kron(B, A) K with K vec(X) = vec(X'). nullptr when some term has no such form.
Expr index_to_jacobian(Build& b, const IndexSpace& space, const IndexSum& s, int i, int j, int a,
                       int bb, Shape x_shape);

}  // namespace matcalc
