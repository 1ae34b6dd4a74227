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
//
// A combined index (the row of a Kronecker product, the entry of vec(X)) runs over the
// pairs of two indices: I = (s, f) stands for s * dim(f) + f, the fast index f varying
// first as in a column-major vec (vec(X)_{(j,i)} = X_{ij}; kron(A,B)_{(i,k),(j,l)} =
// A_{ij} B_{kl}). Such an index is split once, into its two parts, and the forms write
// the parts in its place (see resolve_splits).
struct IndexInfo {
  Dim dim = kDimOne;
  std::string name;          // empty: named when printed
  int slow = -1, fast = -1;  // the parts of a split index
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
  void set_name(int i, std::string name) { infos_[static_cast<std::size_t>(i)].name = name; }

  // i as the pair (slow, fast) over the given ranges (i's range is their product): new
  // parts the first time, the same parts after. An index already split over other ranges
  // cannot be written with plain indices: UserError "unsupported".
  std::pair<int, int> split(int i, Dim slow, Dim fast);
  bool is_split(int i) const { return i >= 0 && infos_[static_cast<std::size_t>(i)].slow >= 0; }
  std::pair<int, int> parts(int i) const {
    const IndexInfo& f = infos_[static_cast<std::size_t>(i)];
    return {f.slow, f.fast};
  }
  // i' made a copy of split i over its own parts (a term's summed indices renamed apart).
  void set_parts(int i, int slow, int fast) {
    infos_[static_cast<std::size_t>(i)].slow = slow;
    infos_[static_cast<std::size_t>(i)].fast = fast;
  }
  // The indices i stands for: i itself, or the leaves of its parts (slow first).
  std::vector<int> leaves(int i) const;

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

// Writes every split index (IndexSpace::split) as its parts, to a fixed point: a delta
// on combined indices is two deltas (splitting the other index the same way), a vector
// y on one is the matrix unvec(y) (y_{(s,f)} = unvec(y)_{fs}), a vector group or function
// on one is the same over its argument's parts, a matrix group on one is multiplied out.
// A matrix entry on a combined index (a 3- or 4-index object: inv(kron(A,X))_{(i,k)j})
// has no plain-index form: UserError "unsupported", naming it.
void resolve_splits(Build& b, IndexSpace& space, IndexSum& s);
// The leaves of the given indices (the -1s dropped), in order.
std::vector<int> leaves_of(const IndexSpace& space, std::initializer_list<int> ids);

// Contracts every delta with a summed index: sum_p delta_{pq} T_{..p..} = T_{..q..};
// delta_{pp} summed is the dimension (an opaque tr(I)). Inside arguments too.
void contract_deltas(Build& b, IndexSpace& space, IndexSum& s, const std::set<int>& free);
// Collects like terms (equal up to the names of summed indices and the order of
// factors) and drops zero ones.
void collect_terms(IndexSum& s, const std::set<int>& free);
std::size_t count_factors(const IndexSum& s);  // over all terms and arguments

}  // namespace matcalc
