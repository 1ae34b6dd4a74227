// LaTeX of an expression as the user typed it (parse/frontend.h AsTyped): written from
// its syntax tree, not from the canonical expression the factories build, so the first
// step of a derivation shows the question itself — tr(Q*Q') as tr(QQᵀ), not tr(Q²).
// The conventions are print/latex.h's: latex_var_name for names, ^\top, \odot,
// \oslash, \otimes, \operatorname{tr}, the function registry's LaTeX, and only the
// parentheses precedence needs (the parentheses the user typed for grouping are
// written again where they are needed, not where they are not).
#pragma once

#include <string>

#include "expr/derivation.h"
#include "parse/frontend.h"

namespace matcalc {

// The expression's LaTeX ("" when the syntax tree is not known).
std::string typed_latex(const AsTyped& t);

// Its differential as a step shows it: d(<text>) in the input language and \mathrm{d}
// of the LaTeX (empty when the syntax tree is not known).
AsWritten typed_differential(const AsTyped& t);

}  // namespace matcalc
