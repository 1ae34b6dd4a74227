// Adjoint pass of a derivation: df = sum_i <G_i, L_i(dX)> with each linear map moved
// to the other side of the inner product, one level per pass, until every L_i is dX.
#pragma once

#include <string>
#include <vector>

#include "diff/rules.h"

namespace matcalc {

struct AdjointPass {
  Pairs pairs;
  std::vector<std::string> rules;
};

// Starts from df (linear in dX, a scalar) and returns the passes; in the last one
// every pair's second element is dX (or dX' for nothing: transposes are moved too).
std::vector<AdjointPass> adjoint_passes(Build& b, Expr df);
// The same from <upstream, dF> for a matrix-valued dF (the backprop form).
std::vector<AdjointPass> adjoint_passes(Build& b, Expr upstream, Expr linear);

// Terms that share a second element are merged: <G1, L> + <G2, L> = <G1 + G2, L>.
Pairs merge_pairs(Build& b, const Pairs& pairs);

}  // namespace matcalc
