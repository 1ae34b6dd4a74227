// The index route (SPEC section 10, DESIGN "the index route"): f written in index
// notation, differentiated with respect to one entry X_{ab} by the idx- rules, deltas
// contracted, like terms collected, read back into matrix form, simplified, and checked
// numerically exactly as the default route's result is. A matrix-valued F gets the
// 4-index object dF_{ij}/dX_{ab}, its Kronecker form (d vec(F) = J d vec(X)) and its
// contraction with an upstream G (the backprop form).
//
// Refusals are UserError "unsupported": a construct with no idx- rule (adj of the
// variable), a Hessian, a combined index (kron, vec) with no plain-index form, or a
// result with no matrix form.
#pragma once

#include <string>

#include "derive/derive.h"
#include "expr/index_derivation.h"

namespace matcalc {

IndexDerivation derive_index(Context& ctx, Expr f, const std::string& wrt,
                             const DeriveOptions& opt);

}  // namespace matcalc
