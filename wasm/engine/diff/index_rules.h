// The index-calculus rule table (the idx- family): differentiation with respect to one
// entry X_{ab}, factor by factor. Each row is the identity a lecture writes, e.g.
// dX_{ij}/dX_{ab} = delta_{ia} delta_{jb}, with its source and the function that applies
// it to one factor; the product and sum rules and the passes of the route (writing f in
// index notation, contracting deltas, reading the matrix form back) are rows without an
// applier. A factor whose rule is missing is refused (UserError "unsupported").
#pragma once

#include <set>
#include <string>
#include <vector>

#include "expr/index_form.h"
#include "expr/rule_info.h"

namespace matcalc {

class IndexDiff;

struct IndexRule {
  RuleInfo info;
  bool (*matches)(const IndexDiff& d, const Factor& f);  // null: a structural rule
  IndexSum (*apply)(IndexDiff& d, const Factor& f);      // d f_{row col} / d X_{ab}
};

const std::vector<IndexRule>& index_rules();
const IndexRule* find_index_rule(const std::string& name);

// d/dX_{ab} of index forms. `a`, `b` are the entry's indices (-1 where X's dimension is 1).
class IndexDiff {
 public:
  IndexDiff(Build& b, IndexSpace& space, std::string wrt, int a, int bb)
      : b_(b), space_(space), wrt_(std::move(wrt)), a_(a), bb_(bb) {}

  // d s / d X_{ab}; s's free indices are `free` (those of the result are free, a, b).
  IndexSum sum(const IndexSum& s, const std::set<int>& free);
  IndexSum factor(const Factor& f);
  // d e_{row col} / d X_{ab} for a matrix-form node (the argument of an opaque entry).
  IndexSum entry(Expr e, int row, int col);
  bool depends(const Factor& f) const;

  Build& b() { return b_; }
  IndexSpace& space() { return space_; }
  const std::string& wrt() const { return wrt_; }
  int a() const { return a_; }
  int bb() const { return bb_; }
  // Appends u (its own summed indices renamed apart, `keep` kept) to the factors of t.
  Term splice(Term t, Term u, const std::set<int>& keep);
  const std::vector<std::string>& fired() const { return fired_; }
  void fire(const std::string& rule);

 private:
  Build& b_;
  IndexSpace& space_;
  std::string wrt_;
  int a_, bb_;
  std::vector<std::string> fired_;
};

}  // namespace matcalc
