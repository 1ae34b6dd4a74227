// What the pipelines share after the rules have run: naming the repeated parts of a
// result, and the gradient's steps (which the Hessian reuses).
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/derivation.h"

namespace matcalc {

// Names the repeated subexpressions of d.result (the where-clause of the LaTeX view).
void name_result_parts(Context& ctx, Derivation& d);

// Appends the steps from df to the simplified gradient of scalar f by `wrt` to d (notes
// and raw_result too) and returns that gradient. `typed`: how the first step shows df.
Expr gradient_steps(Context& ctx, Derivation& d, Expr f, const std::string& wrt,
                    const AsWritten& typed = {});

}  // namespace matcalc
