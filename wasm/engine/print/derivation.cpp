#include "print/derivation.h"

#include <set>

#include "expr/build.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "expr/structures.h"
#include "print/latex.h"
#include "print/text.h"

namespace matcalc {

namespace {

// A step whose expression, written out, has more terms than this is summarised: a
// shared DAG (deep compositions) can be exponentially large as text.
constexpr int kMaxShownTerms = 4000;

std::string vec_of(const std::string& name, Shape s) {
  return s.cols == kDimOne ? name : "\\operatorname{vec}(" + name + ")";
}

class Presenter {
 public:
  Presenter(Context& ctx, const Derivation& d) : ctx_(ctx), d_(d) {
    const VarInfo* x = ctx.var(d.wrt);
    x_shape_ = x ? x->shape : Shape{};
    xl_ = latex_var_name(d.wrt);
  }

  StepView step(const Step& s) {
    StepView v{s.rules, s.title, form_name(s.form), "", "", false, s.notes};
    if (!s.typed.empty()) {  // the same expression as the user typed it
      v.text = s.typed.text;
      v.latex = lhs(s) + " = " + s.typed.latex;
      return v;
    }
    bool large = tree_size_capped(s.expr, kMaxShownTerms) > kMaxShownTerms;
    std::string rhs = large ? "\\text{(" + std::to_string(kMaxShownTerms) +
                                  "+ terms written out: too large to show)}"
                            : to_latex(ctx_, s.expr);
    v.too_large = large;
    if (!large) v.text = to_text(ctx_, s.expr);
    v.latex = lhs(s) + " = " + rhs;
    return v;
  }

  // The left-hand side a step's expression is the right-hand side of.
  std::string lhs(const Step& s) {
    // A vector or matrix value is F unless the question named it (D = W*X).
    const std::string of = s.of_name == "F" ? value_latex() : s.of_name;
    bool read_off = !s.rules.empty() && s.rules.front() == "read-off";
    // Steps through definitions are about each defined name in turn.
    std::string xl = s.wrt.empty() ? xl_ : latex_var_name(s.wrt);
    std::string dx = "\\mathrm{d}" + xl;
    switch (s.form) {
      case Form::Differential:
        return "\\mathrm{d}" + of;
      case Form::VecDifferential:
        return "\\mathrm{d}" + vec_of(of, s.of->shape);
      case Form::Gradient: {
        std::string g = partial_latex(of, xl);
        if (d_.kind == "hessian") return "g = " + g;
        if (!read_off) return g;
        return "\\mathrm{d}" + of + " = \\left\\langle " + g + ",\\; " + dx +
               " \\right\\rangle \\;\\Rightarrow\\; " + g;
      }
      case Form::Derivative: {
        std::string dd = "\\frac{\\mathrm{d}" + of + "}{\\mathrm{d}" + xl + "}";
        if (!read_off) return dd;
        return "\\mathrm{d}" + of + " = \\left(" + to_latex(ctx_, s.expr) + "\\right)" + dx +
               " \\;\\Rightarrow\\; " + dd;
      }
      case Form::Jacobian: {
        std::string j = jacobian_lhs(of, s.of->shape);
        if (!read_off) return j;
        return "\\mathrm{d}" + vec_of(of, s.of->shape) + " = J\\, \\mathrm{d}" +
               vec_of(xl_, x_shape_) + " \\;\\Rightarrow\\; " + j;
      }
      case Form::SecondDifferential:
        return "\\mathrm{d}^2 f = \\left\\langle " + dx + ", \\mathrm{d}g\\right\\rangle";
    }
    return "";
  }

  // The name of a vector or matrix value: the one the question gave it, else F.
  std::string value_text() const {
    const std::string& name = d_.function_name;
    return name.empty() || name == "f" ? "F" : name;
  }
  std::string value_latex() const {
    return value_text() == "F" ? "F" : latex_var_name(value_text());
  }

  std::string jacobian_lhs(const std::string& of, Shape of_shape) {
    return "\\frac{\\partial " + vec_of(of, of_shape) + "}{\\partial " + vec_of(xl_, x_shape_) +
           "}";
  }

  std::vector<WhereClause> where() {
    std::vector<WhereClause> out;
    for (const std::string& name : d_.where_order)
      for (const auto& [node, n] : d_.where)
        if (n == name)  // the clause writes its node out, naming the others
          out.push_back({name, latex_var_name(name), to_latex(ctx_, node, d_.where),
                         to_text(ctx_, node, d_.where)});
    return out;
  }

  std::string result_latex(Expr shown, const std::vector<WhereClause>& where) {
    std::string out = to_latex(ctx_, shown, d_.where);
    for (std::size_t i = 0; i < where.size(); ++i)
      out += std::string(i == 0 ? ",\\quad \\text{where } " : ",\\; ") + where[i].latex_name +
             " = " + where[i].latex;
    return out;
  }

  void conventions(DerivationView& v, bool transposed) {
    const std::string& w = d_.wrt;
    const VarInfo* x = ctx_.var(w);
    if (d_.kind == "gradient") {
      v.lhs_latex = partial_latex(d_.function_name, xl_);
      v.convention_latex = "\\mathrm{d}f = \\left\\langle \\tfrac{\\partial f}{\\partial " + xl_ +
                           "}, \\mathrm{d}" + xl_ +
                           "\\right\\rangle = \\operatorname{tr}\\left(\\left(\\tfrac{\\partial "
                           "f}{\\partial " +
                           xl_ + "}\\right)^{\\top} \\mathrm{d}" + xl_ + "\\right)";
      if (x_shape_.scalar()) {
        v.convention = "scalar variable: the ordinary derivative df/d" + w + ".";
      } else if (const StructureRow* row = x ? structure_of(*x) : nullptr) {
        v.convention = with_name(row->convention, w);
      } else {
        v.convention = "denominator layout: df = ⟨G, d" + w + "⟩ = tr(G' d" + w +
                       "), so the gradient G has the shape of " + w +
                       " (numerator layout writes its transpose).";
      }
      v.layout = "denominator";
      v.layout_note = "Denominator layout (the gradient has the shape of " + w +
                      "); numerator layout writes the transpose, a row where this is a column.";
      if (transposed) {
        v.layout = "numerator";
        v.lhs_latex = "\\left(" + v.lhs_latex + "\\right)^{\\top}";
        v.convention = "numerator layout: the transpose of the gradient G (df = ⟨G, d" + w +
                       "⟩ = tr(G' d" + w + ")), shaped like " + w + "'.";
        v.layout_note = "Numerator layout: the transpose of the gradient (shape of " + w +
                        "'); denominator layout, the SPEC's default, has the shape of " + w + ".";
      }
      return;
    }
    v.layout = "numerator";
    const std::string fn = value_text(), fl = value_latex();
    if (d_.kind == "derivative") {
      v.lhs_latex = "\\frac{\\mathrm{d}" + fl + "}{\\mathrm{d}" + xl_ + "}";
      v.layout_note = "A scalar variable: the derivative has the expression's shape (SPEC).";
      v.convention = "scalar variable: d" + fn + "/d" + w + " has the shape of " + fn + ".";
      v.convention_latex = "\\mathrm{d}" + fl + " = \\frac{\\mathrm{d}" + fl + "}{\\mathrm{d}" +
                           xl_ + "}\\,\\mathrm{d}" + xl_;
      return;
    }
    v.layout_note = "Numerator (vec) layout: d vec(" + fn + ") = J d vec(" + w +
                    "), J has one row per entry of " + fn +
                    " (SPEC). Denominator layout writes J'.";
    if (d_.kind == "hessian") {
      v.lhs_latex =
          x_shape_.scalar() ? "\\frac{\\mathrm{d}^2 f}{\\mathrm{d}" + xl_ + "^2}"
          : x_shape_.cols == kDimOne
              ? "\\frac{\\partial^2 f}{\\partial " + xl_ + "\\,\\partial " + xl_ + "^{\\top}}"
              : "\\frac{\\partial^2 f}{\\partial \\operatorname{vec}(" + xl_ +
                    ")\\,\\partial \\operatorname{vec}(" + xl_ + ")^{\\top}}";
      v.convention = "Hessian: the Jacobian of the gradient, d vec(g) = H d vec(" + w +
                     "), so d^2 f = vec(d" + w + ")' H vec(d" + w + ").";
      v.convention_latex = "\\mathrm{d}^2 f = \\operatorname{vec}(\\mathrm{d}" + xl_ +
                           ")^{\\top} H\\, \\operatorname{vec}(\\mathrm{d}" + xl_ + ")";
    } else {
      v.lhs_latex = jacobian_lhs(fl, d_.f->shape);
      v.convention = "vec layout: d vec(" + fn + ") = J d vec(" + w + "), J is (entries of " + fn +
                     ") x (entries of " + w +
                     "), written with kron and the commutation matrix where it exists.";
      v.convention_latex = "\\mathrm{d}\\operatorname{vec}(" + fl +
                           ") = J\\,\\mathrm{d}\\operatorname{vec}(" + xl_ + ")";
    }
    if (transposed) {
      v.layout = "denominator";
      v.lhs_latex = "\\left(" + v.lhs_latex + "\\right)^{\\top}";
      v.layout_note = "Denominator layout: J' (one column per entry of " + fn +
                      "); the SPEC's vec layout d vec(" + fn + ") = J d vec(" + w +
                      ") is its transpose.";
    }
  }

 private:
  Context& ctx_;
  const Derivation& d_;
  Shape x_shape_;
  std::string xl_;
};

// Whether an <G, L> pair occurs in e (a walk over the DAG, each node once).
bool contains_inner(Expr e) {
  std::vector<Expr> stack{e};
  std::set<Expr> seen;
  while (!stack.empty()) {
    Expr n = stack.back();
    stack.pop_back();
    if (n->kind == Kind::Inner) return true;
    if (!seen.insert(n).second) continue;
    for (Expr k : n->kids) stack.push_back(k);
  }
  return false;
}

}  // namespace

const char* const kInnerProductNote =
    "⟨A, B⟩ is the inner product of matrices: tr(Aᵀ B) = Σᵢⱼ Aᵢⱼ Bᵢⱼ (aᵀ b for vectors).";

std::string partial_latex(const std::string& of, const std::string& wrt_latex) {
  return "\\frac{\\partial " + of + "}{\\partial " + wrt_latex + "}";
}

std::string native_layout(const Derivation& d) {
  return d.kind == "gradient" ? "denominator" : "numerator";
}

bool transposes(Context& ctx, const Derivation& d, const std::string& layout) {
  const VarInfo* x = ctx.var(d.wrt);
  if (layout.empty() || layout == native_layout(d) || d.kind == "derivative") return false;
  return !(x && x->shape.scalar() && d.kind == "gradient");
}

DerivationView present(Context& ctx, const Derivation& d, const std::string& layout) {
  Presenter p(ctx, d);
  DerivationView v;
  bool transposed = transposes(ctx, d, layout);
  for (const Step& s : d.steps) v.steps.push_back(p.step(s));
  // The notation is introduced once, where it first appears (the lessons and the
  // rule reference write the inner product the same way).
  for (std::size_t i = 0; i < d.steps.size(); ++i)
    if (d.steps[i].expr && contains_inner(d.steps[i].expr)) {
      v.steps[i].notes.insert(v.steps[i].notes.begin(), kInnerProductNote);
      break;
    }
  p.conventions(v, transposed);
  Build b(ctx);
  v.result = transposed ? b.transpose(d.result) : d.result;
  v.where = p.where();
  v.result_latex = p.result_latex(v.result, v.where);
  std::set<std::string> keep;
  if (const VarInfo* x = ctx.var(d.wrt); x && x->definition) keep.insert(d.wrt);
  v.result_plain = d.definitions.empty() ? v.result : inline_definitions(b, v.result, keep);
  if (transposed) {
    bool gradient = d.kind == "gradient";
    std::string rule = gradient ? "layout-numerator" : "layout-denominator";
    std::string lhs = gradient
                          ? "\\frac{\\partial f}{\\partial " + latex_var_name(d.wrt) + "^{\\top}}"
                          : v.lhs_latex;
    v.steps.push_back({{rule},
                       v.layout + " layout: transpose",
                       "layout",
                       lhs + " = " + to_latex(ctx, v.result, d.where),
                       to_text(ctx, v.result),
                       false,
                       {}});
  }
  return v;
}

}  // namespace matcalc
