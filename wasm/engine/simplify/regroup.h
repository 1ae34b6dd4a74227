// Regrouping with lookahead: a sum rewritten another way — its products distributed
// over their sums, its sums of entries merged, its reciprocals made one
// (1/d * 1/(q/d + 1) = 1/(q + d)), or the 1x1 parts inside its matrix chains pulled out
// as scalars — and simplified again, kept only when the result prints shorter. This is
// how M x - M x x'M x becomes (1 - x'M x) M x, and how a sum whose terms cancel only
// after distributing ((1-y)./(1-s) - y./s) .* s .* (1-s) becomes s - y: steps a
// textbook takes that no single rewrite makes shorter.
#pragma once

#include "expr/build.h"

namespace matcalc {

// e rewritten and simplified, when that is shorter; else e. A lookahead may look ahead
// once more inside (two levels); does nothing while a RegroupOff is alive.
Expr regroup(Build& b, Expr e);

// While alive, regroup() changes nothing: the simplifier's run without lookahead that
// the run with it is compared with.
class RegroupOff {
 public:
  RegroupOff();
  ~RegroupOff();
  RegroupOff(const RegroupOff&) = delete;
  RegroupOff& operator=(const RegroupOff&) = delete;

 private:
  bool was_;
};
// While alive (the outermost one of a simplification), regroup() remembers what it made
// of each node, for the passes that meet the node again.
class RegroupScope {
 public:
  RegroupScope();
  ~RegroupScope();
  RegroupScope(const RegroupScope&) = delete;
  RegroupScope& operator=(const RegroupScope&) = delete;

 private:
  bool outer_;
};

// Inside a lookahead or a RegroupOff: simplify() runs the rows once.
bool regroup_nested();

}  // namespace matcalc
