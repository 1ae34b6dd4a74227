// Names given to subexpressions in a printed result (the where-clause: w = σ(Xᵀa)).
// A leaf, so the Derivation record and the printers can share it.
#pragma once

#include <map>
#include <string>

#include "expr/node.h"

namespace matcalc {

using Names = std::map<Expr, std::string>;

}  // namespace matcalc
