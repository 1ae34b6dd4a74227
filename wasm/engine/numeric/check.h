// The numeric check: the symbolic gradient against central finite differences of f,
// along random directions and (for small variables) along every entry, at random
// inputs of distinct sizes. A failure is reported as one, never retried into a pass.
#pragma once

#include <cstdint>
#include <string>

#include "expr/derivation.h"
#include "numeric/eval.h"

namespace matcalc {

// `used`, when given, receives the inputs the check ran at (for the step check).
Check check_gradient(Context& ctx, Expr f, const std::string& wrt, Expr gradient,
                     std::uint32_t seed, Instance* used = nullptr);

// The inputs the check uses: the first of plain, positive and all-positive values at
// which f (and `also`, if given) is finite everywhere. Returns false when none is.
// `undefined`, when given, receives why a function's derivative does not exist at the
// last inputs drawn (SPEC 12), when that is why none would do.
bool usable_instance(Context& ctx, Expr f, Expr also, std::uint32_t seed, Instance* out,
                     std::string* which, std::string* undefined = nullptr);

}  // namespace matcalc

namespace matcalc {

// The Jacobian check: J vec(H) (or, for a scalar variable, J*h) against central
// differences of vec(F) along H. With `backprop` and `upstream` given, also
// <G, dF(H)> against <backprop, H> for a random upstream G.
Check check_jacobian(Context& ctx, Expr f, const std::string& wrt, Expr jacobian, Expr backprop,
                     const std::string& upstream, std::uint32_t seed, Instance* used = nullptr);

}  // namespace matcalc
