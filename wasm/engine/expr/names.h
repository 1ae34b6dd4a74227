// Names given to subexpressions in a printed result (the where-clause: w = σ(Xᵀa)).
// Each name is an identifier of the input language (u, v, u1, ...): the text printer
// writes it as it is, the LaTeX printer as a variable (u_{1}). A leaf, so the
// Derivation record and the printers can share it.
#pragma once

#include <map>
#include <string>

#include "expr/node.h"

namespace matcalc {

using Names = std::map<Expr, std::string>;

}  // namespace matcalc
