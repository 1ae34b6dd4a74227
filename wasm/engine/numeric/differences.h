// Finite differences shared by the gradient and Jacobian checks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "numeric/eval.h"

namespace matcalc {

// Directions to probe the variable along: four random ones and, when it has at most
// `max_entries` entries, one per entry (E_ij + E_ji for a symmetric variable, only the
// diagonal for a diagonal one), so every entry of a small derivative is compared.
std::vector<Matrix> probe_directions(const Context& ctx, const Instance& in, const std::string& wrt,
                                     std::uint32_t seed, int max_entries, bool* entrywise);

// vec of the derivative of f along h: central differences D(t) = (f(X+tH) - f(X-tH))/2t
// with Richardson extrapolation (4 D(t/2) - D(t)) / 3, whose error is O(t^4), so t
// can stay large enough that rounding does not matter.
Matrix directional_difference(const Context& ctx, const Instance& in, Expr f,
                              const std::string& wrt, const Matrix& h);

}  // namespace matcalc
