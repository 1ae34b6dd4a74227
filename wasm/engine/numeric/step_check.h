// Every step of a derivation checked, the way egg re-checks every step of an
// explanation: at the inputs of the numeric check and along random directions H, a
// step's expression must equal the directional derivative of its function, computed
// by central differences of that function itself (never from the derived result):
//   differential       value with d(X) = H             vs  D_H of
//   vec-differential   value with d(X) = H             vs  vec(D_H of)
//   gradient           <G, H>                           vs  D_H of
//   derivative         D h (scalar x)                   vs  D_H of
//   jacobian           J vec(H)                         vs  vec(D_H of)
//   second-diff.       value with d(X) = H             vs  <H, D_H g>
// A step that disagrees is a bug in a rule, never a tolerance to raise.
#pragma once

#include <cstdint>
#include <string>

#include "expr/context.h"
#include "expr/derivation.h"
#include "numeric/eval.h"

namespace matcalc {

// At the inputs `in` (those of the result's own check: nothing is re-drawn).
StepCheck check_steps(Context& ctx, const Derivation& d, const Instance& in, std::uint32_t seed);

// The relative error of one step (largest over the directions), or -1 when no inputs
// make the derivation's function finite. Draws its own inputs (for tests).
double step_error(Context& ctx, const Derivation& d, const Step& step, std::uint32_t seed);

}  // namespace matcalc
