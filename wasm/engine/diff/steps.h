// Turning the passes of a derivation into the steps a lecture shows: shared by the
// gradient, Jacobian and Hessian derivations.
#pragma once

#include <string>
#include <vector>

#include "derive.h"
#include "diff/forward.h"
#include "diff/pair_passes.h"
#include "diff/rules.h"

namespace matcalc {

// One step per forward pass worth pausing on; `lhs` is what the differential is of
// ("\mathrm{d}f", "\mathrm{d}F").
void add_forward_steps(Context& ctx, const std::vector<Pass>& passes, const std::string& lhs,
                       std::vector<Step>& steps);

// Adds one step per adjoint or vectorisation pass; passes that used only light
// rules (moving a scalar or a transpose) are merged into the step before.
void add_pair_steps(Context& ctx, const std::vector<PairPass>& passes, const std::string& title,
                    const std::string& lhs, bool vectorised, std::vector<Step>& steps);

// sum_i <G_i, L_i> (adjoint pairs) as LaTeX.
std::string inner_pairs_latex(Context& ctx, const Pairs& pairs);
// sum_i M_i vec(L_i) (vectorisation pairs) as LaTeX.
std::string vec_pairs_latex(Context& ctx, const Pairs& pairs);

// "\frac{\partial f}{\partial X}" and friends.
std::string partial_latex(const std::string& of, const std::string& wrt_latex);

}  // namespace matcalc
