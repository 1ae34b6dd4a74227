// Index notation as KaTeX-ready LaTeX and as plain text: x_{i} W_{ij} W_{kj} x_{k},
// \delta_{ia}, summation over every index that is not free implied (Einstein). Indices
// are named when printed: the free ones by their fixed names (i, j of F; a, b of X),
// the summed ones of each term from k, l, m, ... in order of appearance.
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/index_derivation.h"

namespace matcalc {

std::string index_latex(Context& ctx, const IndexSpace& space, const IndexForm& form);
std::string index_text(Context& ctx, const IndexSpace& space, const IndexForm& form);

// The step as an equation, "lhs = rhs" (the rhs in matrix form for a matrix step).
std::string index_step_latex(Context& ctx, const IndexSpace& space, const IndexStep& step);
std::string index_step_text(Context& ctx, const IndexSpace& space, const IndexStep& step);

}  // namespace matcalc
