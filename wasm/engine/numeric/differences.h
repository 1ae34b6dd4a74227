// Finite differences shared by the gradient and Jacobian checks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "numeric/eval.h"
#include "numeric/instance.h"

namespace matcalc {

// Directions to probe the variable along: four random ones and, when it has at most
// `max_entries` entries, one per entry (E_ij + E_ji for a symmetric variable, only the
// diagonal for a diagonal one), so every entry of a small derivative is compared.
std::vector<Matrix> probe_directions(const Context& ctx, const Instance& in, const std::string& wrt,
                                     std::uint32_t seed, int max_entries, bool* entrywise);

// Estimates of vec of the derivative of f along h: central differences
// D(t) = (f(X+tH) - f(X-tH))/2t with Richardson extrapolation (4 D(t/2) - D(t)) / 3
// (error O(t^4)), at several step sizes t. A step too large for a fast-varying f, or
// one that crosses a kink of abs or relu, spoils one estimate and not the others, so a
// check compares with the closest: a wrong derivative is far from all of them.
// `sizes` (1 to 4) limits how many step sizes are tried, the likeliest first.
// `pins` hold nodes of f at fixed values as wrt moves.
std::vector<Matrix> directional_differences(const Context& ctx, const Instance& in, Expr f,
                                            const std::string& wrt, const Matrix& h, int sizes = 4,
                                            const Pins& pins = {});

// The largest |x| among the values of f at the instance (a scale for rounding noise).
double value_scale(const Context& ctx, const Instance& in, Expr f);

// The floor of the scale a derivative of f along a direction is compared on: below it,
// differences are rounding. 1e-6 (1 + |f|) for a well-conditioned f (rounding in
// f(X +- tH) is about 1e-16 |f| / t); more where evaluating f itself is noisy, as
// measured by moving wrt by a few units in the last place (inv(X'*X) of an
// ill-conditioned X: a zero gradient then has differences of 1e-10, not 1e-16).
// Entry-wise factors 1 + u, |u| <= ulps * 1.1e-16: multiplying wrt's value by them moves it
// by a few units in the last place, to see how much a value's evaluation is rounding.
Matrix ulp_factors(const Matrix& like, Rng& rng, double ulps);
// A rounding noise on the scale of the comparisons: the finite differences divide by steps
// of 1e-3 or more and Richardson weighs them by about 3, so their noise is below 1e4 times
// the value's; the tolerance is 1e-6 of the floor.
inline constexpr double kNoiseToFloor = 1e10;

// `noise` false gives the first part alone (one evaluation): checks start with it and
// measure the noise only where a comparison fails.
double comparison_floor(const Context& ctx, const Instance& in, Expr f, const std::string& wrt,
                        bool noise = true);

// f's relative condition number with respect to wrt at the inputs, measured: the largest
// relative change of f's value over a few random relative moves of wrt's entries by 1e-8,
// divided by 1e-8 (x'*x: about 2; sin of an argument of 1e10: about 1e10). It saturates
// near 1e8 for a bounded f.
double condition_number(const Context& ctx, const Instance& in, Expr f, const std::string& wrt);
// Whether finite differences at a relative step `step` resolve a function of this
// condition number: a move of step * |x| changes it by about condition * step relatively,
// and the terms the extrapolation drops grow like (condition * step)^4 or faster, so
// beyond 0.05 they reach the 1e-6 tolerance. A disagreement the differences do not resolve
// is inconclusive, not a bug. (f's rounding, condition * 1e-16 relative, is in the
// comparison floor already.)
inline bool resolves(double condition, double step) { return condition * step <= 0.05; }
// The smallest relative step of the checks' estimates (directional_differences).
inline constexpr double kSmallestStep = 1e-5;

// How far the estimates at different step sizes are from each other, on their own size
// (at least `scale`; a derivative's scale is not theirs when they are noise): far
// above the tolerance, the differences have not converged (f varies faster than the
// smallest step resolves, e.g. cos(exp(27))) and cannot judge a derivative.
double estimate_spread(const std::vector<Matrix>& estimates, double scale);

// Exact values along one direction, each with its finite-difference estimates.
using Comparisons = std::vector<std::pair<Matrix, std::vector<Matrix>>>;

struct Agreement {
  double worst = 0;      // the largest relative error over the directions
  bool resolved = true;  // false: a disagreeing direction's estimates disagree among
                         // themselves (f varies faster than the steps resolve)
  double condition = 0;  // f's condition number, measured where a comparison failed
};

// The result checks' comparison (gradient and Jacobian): `along(h, sizes)` gives the
// exact values along h and their estimates at `sizes` step sizes. One step size first
// along every direction, on a common scale (the largest value seen, at least f's floor);
// all four along a direction where that disagrees, and from then on f's own rounding
// noise counts in the floor (comparison_floor).
Agreement compare_along(const Context& ctx, const Instance& in, Expr f, const std::string& wrt,
                        const std::vector<Matrix>& directions,
                        const std::function<Comparisons(const Matrix& h, int sizes)>& along,
                        double tolerance);

// Relative error of `exact` against the closest estimate, on a common `scale`.
double closest_error(const Matrix& exact, const std::vector<Matrix>& estimates, double scale);

}  // namespace matcalc
