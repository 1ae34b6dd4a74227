// The one entry point of differentiation: an expression and a variable in, a
// Derivation out — the steps a lecture would show, the result, the conventions it
// uses, and the numeric check that proves it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "expr/context.h"
#include "expr/node.h"
#include "print/latex.h"

namespace matcalc {

struct Step {
  std::vector<std::string> rules;  // rule names applied in this step
  std::string title;               // what the step does, in words
  std::string latex;               // the equation after the step
  std::vector<std::string> notes;  // e.g. subgradient caveats
};

struct Check {
  bool passed = false;
  bool inconclusive = false;  // no inputs found where f is finite
  double max_rel_error = 0;
  double tolerance = 1e-6;
  std::string sizes;  // "n=3, m=4"
  std::uint32_t seed = 1;
  int directions = 0;
  bool entrywise = false;
  std::string inputs;  // "plain", "positive", "all-positive": which values were used
  std::string method;
};

struct Derivation {
  std::string kind;  // gradient, jacobian, derivative (scalar variable), hessian
  Expr f = nullptr;
  Expr result = nullptr;
  Expr raw_result = nullptr;  // as read off, before simplification (for diagnosing answers)
  std::string wrt;
  std::vector<Step> steps;
  Names where;                           // repeated subexpressions named in the LaTeX view
  std::vector<std::string> where_order;  // names in order
  std::string convention;                // in words
  std::string convention_latex;          // e.g. \mathrm{d}f = \langle G, \mathrm{d}X\rangle
  std::vector<std::string> notes;
  Check check;
  std::string lhs_latex;               // e.g. \frac{\partial f}{\partial X}
  std::string layout;                  // denominator | numerator
  std::string layout_note;             // how the other layout relates
  Expr differential = nullptr;         // dF, linear in dX (Jacobians, Hessians: dG)
  Expr gradient = nullptr;             // Hessians: the gradient that was differentiated
  Expr second_differential = nullptr;  // Hessians: d^2 f = <dX, dG>
  Expr backprop = nullptr;             // Jacobians: dphi/dX for an upstream G = dphi/dF
  std::string upstream;                // the name of that G
};

struct DeriveOptions {
  std::uint32_t seed = 1;
  std::string layout;  // "", "denominator", "numerator"
  bool hessian = false;
};

// Checks the request (a variable that occurs, a known layout, a scalar for a Hessian)
// and picks the derivation: gradient, Jacobian / derivative, or Hessian.
Derivation derive_any(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);

Derivation derive_gradient(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);
// F vector or matrix valued (or X scalar): dF, the Jacobian d vec(F) = J d vec(X) in
// Kronecker form, and the backprop form for an upstream gradient.
Derivation derive_jacobian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);
// f scalar: the Hessian, the Jacobian of the gradient, with d^2 f.
Derivation derive_hessian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt);

}  // namespace matcalc
