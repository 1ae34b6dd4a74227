// The Derivation printed: every step as LaTeX and as text in the input language, the
// result and its left-hand side, the convention in words and in LaTeX — in the layout
// the reader asked for. The engine derives one thing (a gradient shaped like X, a
// Jacobian with d vec(F) = J d vec(X)); the other layout is a transpose made here.
#pragma once

#include <string>
#include <vector>

#include "expr/context.h"
#include "expr/derivation.h"

namespace matcalc {

struct StepView {
  std::vector<std::string> rules;
  std::string title;
  std::string form;  // form_name(), or "layout" for the step that changes layout
  std::string latex;
  std::string text;  // the right-hand side in the input language; "" when too large
  bool too_large = false;
  std::vector<std::string> notes;
};

// A repeated part of the result named in the LaTeX view: w = \sigma(X^\top a). The
// text is a line of a program (earlier clauses by name), so the clauses and the
// result's named text read back.
struct WhereClause {
  std::string name, latex_name, latex, text;
};

struct DerivationView {
  std::string layout;              // denominator | numerator
  std::string layout_note;         // how the other layout relates
  Expr result = nullptr;           // as shown (the transpose of d.result in the other layout)
  Expr result_plain = nullptr;     // the same with defined names written out (its text)
  std::vector<WhereClause> where;  // in the order the names were given
  std::string result_latex;        // with the where-clause
  std::string lhs_latex;           // e.g. \frac{\partial f}{\partial X}
  std::string convention;          // in words
  std::string convention_latex;
  std::vector<StepView> steps;
};

// `layout` is "", "denominator" or "numerator" (checked by the caller).
DerivationView present(Context& ctx, const Derivation& d, const std::string& layout);

// The layout a derivation of this kind is derived in (gradient: denominator; Jacobian,
// derivative, Hessian: numerator, i.e. vec layout), and whether showing it in `layout`
// transposes the result.
std::string native_layout(const Derivation& d);
bool transposes(Context& ctx, const Derivation& d, const std::string& layout);

// The note that introduces ⟨A, B⟩ = tr(AᵀB) at the first step that uses it.
extern const char* const kInnerProductNote;

std::string partial_latex(const std::string& of, const std::string& wrt_latex);

}  // namespace matcalc
