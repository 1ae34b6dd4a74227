// One simplification run and the state it keeps: the regrouping lookahead's switch (off
// for the run it is compared with), how deep lookaheads nest, and what it made of each
// node. The object lives on the stack of one top-level simplify() call and dies with it,
// also when a user error (the Context's node limit) is thrown mid-run: the engine keeps no
// mutable static state, so a long-lived worker is never poisoned by one failed request,
// and the memo (keyed by node addresses) never outlives the Context that owns the nodes.
#pragma once

#include <map>
#include <utility>

#include "simplify/simplify.h"

namespace matcalc {

class SimplifyRun {
 public:
  explicit SimplifyRun(Build& b) : b_(b) {}
  SimplifyRun(const SimplifyRun&) = delete;
  SimplifyRun& operator=(const SimplifyRun&) = delete;

  // The rows with the lookahead and without it; the shorter printed result is kept.
  SimplifyResult simplify(Expr e);
  // The lookahead row (simplify/regroup.cpp): e rewritten and simplified again, when that
  // is shorter; else e.
  Expr regroup(Expr e);

 private:
  // The rows once, bottom-up to a fixed point or the budget.
  SimplifyResult rows(Expr e);

  Build& b_;
  bool regroup_off_ = false;
  int depth_ = 0;  // lookaheads inside lookaheads: two levels (distribute, then cancel)
  std::map<std::pair<Expr, int>, Expr> memo_;  // (node, depth) -> what regroup made of it
};

}  // namespace matcalc
