// Strategies: how rewrite rules are applied, separate from the rules themselves (SymPy's
// strategies, egg's runner). A Rewrite returns its input unchanged when it does not
// apply; the combinators build the order of application, and exhaust() runs one to a
// fixed point within a budget and says which of the two it reached.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "expr/build.h"

namespace matcalc {

using Rewrite = std::function<Expr(Build&, Expr)>;

// Each rewrite in turn, each on the result of the one before.
Rewrite chain(std::vector<Rewrite> rewrites);
// The first rewrite that changes the expression, and only that one.
Rewrite do_one(std::vector<Rewrite> rewrites);
// The rewrite at every node, children first (one pass over the DAG, shared nodes once).
Rewrite bottom_up(Rewrite rewrite);

struct Exhausted {
  Expr expr;
  bool fixed_point = false;  // false: the budget ran out first
  int passes = 0;
};
// The rewrite again and again until it changes nothing, at most `budget` times.
Exhausted exhaust(const Rewrite& rewrite, Build& b, Expr e, int budget);

}  // namespace matcalc
