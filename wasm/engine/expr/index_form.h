// The index-notation form of an expression (Ricci calculus, Einstein summation): the
// IR of the second route to every derivative (SPEC section 10). An entry of a matrix
// expression is a sum of terms; a term is a coefficient times a product of factors, each
// the (row, col) entry of something: a tensor (a variable, or an opaque matrix-form node
// such as inv(A) or det(A) whose derivative rule is in diff/index_rules.cpp), a Kronecker
// delta, a parenthesised group, an element-wise function or power of a group. An index
// of a term that is not one of its free indices is summed over (Einstein's convention,
// made explicit by the free list rather than by counting occurrences). Indices that are
// 1 (the column of a vector, both of a scalar) are not written: they are -1 here.
//
// Groups, functions and powers hold their argument as an IndexSum whose free indices
// are the factor's (row, col); any other index inside is bound there. Renaming applies
// only to free indices inside arguments, so bound names never leak out of their scope.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "expr/build.h"
#include "expr/functions.h"

namespace matcalc {

// The indices of one derivation: each has a dimension (the range it runs over) and,
// for the free indices of the question (i, j of F; a, b of X), a fixed name.
struct IndexInfo {
  Dim dim = kDimOne;
  std::string name;  // empty: named when printed
};

class IndexSpace {
 public:
  int fresh(Dim dim, std::string name = "") {
    infos_.push_back(IndexInfo{dim, std::move(name)});
    return static_cast<int>(infos_.size()) - 1;
  }
  // A new index over d, or -1 when d is 1 (a dimension that is not written).
  int fresh_or_none(Dim d) { return d == kDimOne ? -1 : fresh(d); }
  int size() const { return static_cast<int>(infos_.size()); }
  Dim dim(int i) const { return infos_[static_cast<std::size_t>(i)].dim; }
  const std::string& name(int i) const { return infos_[static_cast<std::size_t>(i)].name; }

 private:
  std::vector<IndexInfo> infos_;
};

struct IndexSum;
using SumPtr = std::shared_ptr<const IndexSum>;

enum class FactorKind {
  Tensor,  // base_{row col}: base a matrix-form node (Var, Ones, inv(A), det(A), ...)
  Delta,   // delta_{row col}
  Group,   // (arg)_{row col}
  Func,    // fn((arg)_{row col}), element-wise
  Pow,     // ((arg)_{row col})^(exponent), exponent a scalar IndexSum
};

struct Factor {
  FactorKind kind = FactorKind::Tensor;
  int row = -1, col = -1;
  Expr base = nullptr;  // Tensor
  Fn fn{};              // Func
  SumPtr arg;           // Group, Func, Pow
  SumPtr exponent;      // Pow
};

struct Term {
  double coef = 1;
  std::vector<Factor> factors;
};

struct IndexSum {
  std::vector<Term> terms;
};

// An entry of something in index notation: the sum and its free indices in order
// (f: none; F_{ij}: i, j; a gradient: a, b; a Jacobian: i, j, a, b).
struct IndexForm {
  IndexSum sum;
  std::vector<int> free;
};

// ---- operations on the IR ---------------------------------------------------------------

Factor tensor(Expr base, int row, int col);
Factor delta(int row, int col);
Factor group(IndexSum arg, int row, int col);

// Renames the indices of `from` to `to` (same length) at the top level of f, and inside
// its argument only where they are the argument's free indices.
void rename(Factor& f, const std::vector<int>& from, const std::vector<int>& to);
void rename(Term& t, const std::vector<int>& from, const std::vector<int>& to);

// The indices written at the top level of a term (factors' rows and columns).
std::set<int> term_indices(const Term& t);
// Gives every top-level index of t not in `keep` a fresh name (so that t can be spliced
// into another term without capturing its indices).
void freshen(IndexSpace& space, Term& t, const std::set<int>& keep);
// a * b as one term; a sum of several terms becomes a group over (row, col). False when
// `s` is zero (no terms).
bool multiply_into(IndexSpace& space, Term& t, const IndexSum& s, int row, int col);

// Contracts every delta with a summed index: sum_p delta_{pq} T_{..p..} = T_{..q..};
// delta_{pp} summed is the dimension (an opaque tr(I)). Inside arguments too.
void contract_deltas(Build& b, IndexSpace& space, IndexSum& s, const std::set<int>& free);
// Collects like terms (equal up to the names of summed indices and the order of
// factors) and drops zero ones.
void collect_terms(IndexSum& s, const std::set<int>& free);
std::size_t count_factors(const IndexSum& s);  // over all terms and arguments

}  // namespace matcalc
