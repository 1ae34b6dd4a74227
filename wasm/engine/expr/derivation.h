// A Derivation is data: the steps a lecture shows, each the rules it applied and the
// expression after it (a differential with d(X) nodes, a gradient, a Jacobian), the
// result, and the numeric checks. Nothing here is formatted: printers (print/
// derivation.h) turn it into LaTeX, text and JSON, in either layout; the step checker
// (numeric/step_check.h) evaluates every step against f itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "expr/names.h"
#include "expr/node.h"

namespace matcalc {

// What a step's expression is, relative to the function `of` it is a step for:
//   Differential        d(of) = expr, linear in d(X) (Inner nodes show <G, L> pairs)
//   VecDifferential     d vec(of) = expr, a sum of M_i vec(L_i)
//   Gradient            d(of)/dX = expr, shaped like X (of scalar)
//   Derivative          d(of)/dx = expr for a scalar x, shaped like of
//   Jacobian            d vec(of)/d vec(X) = expr
//   SecondDifferential  d^2 f = expr, quadratic in d(X) (of is the gradient g)
#define MATCALC_FORMS(X)                 \
  X(Differential, "differential")        \
  X(VecDifferential, "vec-differential") \
  X(Gradient, "gradient")                \
  X(Derivative, "derivative")            \
  X(Jacobian, "jacobian")                \
  X(SecondDifferential, "second-differential")

enum class Form {
#define MATCALC_FORM_ENUM(id, text) id,
  MATCALC_FORMS(MATCALC_FORM_ENUM)
#undef MATCALC_FORM_ENUM
};

const char* form_name(Form f);

// A step's expression as the user wrote it. The first step of a derivation takes the
// differential of f as typed, d(tr(Q*Q')), not of the canonical form the engine computes
// with (tr(Q^2)); a chain-rule step that opens a definition, of its right-hand side as
// typed. Both are the same function, so the step's expr stays the canonical one (what
// the step check evaluates); only its display differs. The two strings are written by
// print/typed_latex.h from the question's syntax tree, which this layer does not see.
struct AsWritten {
  std::string text;   // in the input language, reads back with d(X): d(tr(Q*Q'))
  std::string latex;  // \mathrm{d}\left(\operatorname{tr}\left(Q Q^{\top}\right)\right)
  bool empty() const { return text.empty(); }
};

struct Step {
  std::vector<std::string> rules;  // rule names applied in this step
  std::string title;               // what the step does, in words
  Form form = Form::Differential;
  Expr expr = nullptr;             // the right-hand side after the step
  Expr of = nullptr;               // the function it is a step for (f, F, or the gradient g)
  std::string of_name;             // how that function is written: f, F, g
  std::string wrt;                 // the variable the step is about, when not the derivation's
                                   // (steps through definitions are about each defined name)
  std::vector<std::string> notes;  // e.g. subgradient caveats
  AsWritten typed;                 // when not empty, how the step is shown (expr as typed)
  Expr held = nullptr;             // a part of `of` held at its value at the inputs: the
                                   // upstream gradient G in <G, dP> through a definition
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
  std::string inputs;  // "plain", "positive", "all-positive": which values were used;
                       // "unresolved", "ill-conditioned", "too-large" when inconclusive
  std::string method;
  double condition = 0;  // f's relative condition number, measured where a comparison failed
  // When no input would do: why the derivative does not exist at the last one drawn
  // ("the largest eigenvalue (1) is repeated"), or "" when the values were not finite.
  std::string undefined;
  // A structured variable's gradient must lie in its tangent space (SPEC 13): the
  // distance from it, relative to the gradient's size (a failure above the tolerance);
  // -1 for a variable without a structure.
  double tangent_error = -1;
};

// Every step evaluated along random directions against the directional derivative of
// its function (numeric/step_check.h).
struct StepCheck {
  bool ran = false;
  bool passed = false;
  int steps = 0;         // steps compared
  int failed_step = -1;  // index of the first step that disagreed
  double max_rel_error = 0;
  // The disagreement is no verdict: the step's function is ill-conditioned at the inputs
  // (its condition number, measured, beyond what finite differences resolve).
  bool inconclusive = false;
  double condition = 0;
};

struct Derivation {
  std::string kind;  // gradient, jacobian, derivative (scalar variable), hessian
  Expr f = nullptr;
  std::string wrt;
  std::vector<Step> steps;
  // The result in the engine's one layout: a gradient shaped like the variable, a
  // Jacobian with d vec(F) = J d vec(X). The printers transpose it for the other layout.
  Expr result = nullptr;
  Expr raw_result = nullptr;  // as read off, before simplification (for diagnosing answers)
  Names where;                // repeated subexpressions named in the LaTeX view
  std::vector<std::string> where_order;
  std::vector<std::string> notes;
  Check check;
  StepCheck step_check;
  Expr differential = nullptr;         // dF, linear in dX (Jacobians, Hessians: dG)
  Expr gradient = nullptr;             // Hessians: the gradient that was differentiated
  Expr second_differential = nullptr;  // Hessians: d^2 f = <dX, dG>
  Expr backprop = nullptr;             // Jacobians: dphi/dX for an upstream G = dphi/dF
  std::string upstream;                // the name of that G
  // Definitions (SPEC section 5) the derivation went through, in order: the defined
  // name as a variable and its definition. The result may use the names; its text
  // writes them out.
  std::vector<std::pair<Expr, Expr>> definitions;
  // Why the simplifier stopped on the result: "fixed-point", or "budget" when it ran
  // out of passes (a test asserts it never does on the suite's derivations).
  std::string simplify_stopped = "fixed-point";
  int simplify_passes = 0;
  std::string function_name = "f";  // the objective's name (`f = ...` names it)
};

}  // namespace matcalc
