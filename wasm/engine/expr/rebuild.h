// Rebuilds a node of the same kind over new children through the canonicalising
// factories: the one generic traversal step every rewrite pass uses.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "expr/build.h"

namespace matcalc {

Expr rebuild(Build& b, Expr e, const std::vector<Expr>& kids);

// Bottom-up map: f is applied to every node after its children were mapped.
Expr map_bottom_up(Build& b, Expr e, const std::function<Expr(Expr)>& f);

// e with every defined name (SPEC section 5: a variable whose VarInfo holds its
// definition) written out as its definition, recursively, except the names in `keep`.
Expr inline_definitions(Build& b, Expr e, const std::set<std::string>& keep = {});

}  // namespace matcalc
