// The pipelines of differentiation: an expression and a variable in, a Derivation
// (expr/derivation.h) out — the steps a lecture would show as data, the result in one
// layout, and the numeric checks that prove it. Printing, and the choice of layout,
// happen afterwards (print/derivation.h).
#pragma once

#include <cstdint>
#include <string>

#include "expr/context.h"
#include "expr/derivation.h"

namespace matcalc {

struct DeriveOptions {
  std::uint32_t seed = 1;
  bool hessian = false;
  bool check_steps = true;  // evaluate every step against f (numeric/step_check.h)
  AsWritten typed;          // f as typed: a gradient's or Jacobian's first step shows it
  // A question asked entry by entry (SPEC 14): its index letters, the function's (row's
  // first) and the variable's, which the index route's forms use for the free indices.
  std::string index_of, index_wrt;
};

// A Jacobian or Hessian by a structured variable is refused (SPEC 13: gradients only),
// with a message; `scalar`: the expression is scalar.
void refuse_unless_gradient(const Context& ctx, const std::string& wrt, bool hessian, bool scalar);

// Checks the request (a variable that occurs, a scalar for a Hessian) and picks the
// derivation: gradient, Jacobian / derivative, or Hessian.
Derivation derive_any(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);

Derivation derive_gradient(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);
// F vector or matrix valued (or X scalar): dF, the Jacobian d vec(F) = J d vec(X) in
// Kronecker form, and the backprop form for an upstream gradient.
Derivation derive_jacobian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);
// f scalar: the Hessian, the Jacobian of the gradient, with d^2 f.
Derivation derive_hessian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);

}  // namespace matcalc
