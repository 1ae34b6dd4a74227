// LaTeX for KaTeX: ^\top, \odot, \oslash, \otimes, \operatorname{tr}, \det, \sigma,
// \frac for scalar division, and only the parentheses precedence needs. Optional
// `names` print a subexpression as a name (the where-clause of a result).
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/names.h"
#include "expr/node.h"

namespace matcalc {

std::string to_latex(Context& ctx, Expr e, const Names& names = {});
// As a factor of a product: parenthesised unless it binds at least as tightly.
std::string to_latex_factor(Context& ctx, Expr e);
std::string latex_var_name(const std::string& name);
std::string latex_dim(const Context& ctx, Dim d);

}  // namespace matcalc
