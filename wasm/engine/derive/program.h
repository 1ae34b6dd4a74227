// Derivations through definitions (SPEC section 5): `P = M*M'; Q = P - I; f = tr(Q*Q')`.
// The gradient goes back through the program the way a lecture does — the gradient
// with respect to the last defined name first, then through each definition to the
// variable: backpropagation in matrix form, every step a rule, every step checked.
#pragma once

#include <string>

#include "derive/derive.h"
#include "parse/frontend.h"

namespace matcalc {

// `wrt` names a variable or a defined name (then treated as independent: its own
// definition is set aside). A program without definitions is derive_any's.
Derivation derive_program(Context& ctx, const Program& program, const std::string& wrt,
                          const DeriveOptions& opt);

}  // namespace matcalc
