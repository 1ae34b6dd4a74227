// Rebuilds a node of the same kind over new children through the canonicalising
// factories: the one generic traversal step every rewrite pass uses.
#pragma once

#include <functional>
#include <vector>

#include "expr/build.h"

namespace matcalc {

Expr rebuild(Build& b, Expr e, const std::vector<Expr>& kids);

// Bottom-up map: f is applied to every node after its children were mapped.
Expr map_bottom_up(Build& b, Expr e, const std::function<Expr(Expr)>& f);

}  // namespace matcalc
