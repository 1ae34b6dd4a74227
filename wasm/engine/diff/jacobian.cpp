// Jacobians and Hessians. dF is derived exactly as df is for a gradient (forward
// passes); then the vectorisation rules move vec() onto dX, one level per pass,
// giving d vec(F) = J d vec(X) in Kronecker form; the adjoint rules applied to an
// upstream G give the backprop form. A Hessian is the Jacobian of the gradient.
#include <algorithm>
#include <set>

#include "derive.h"
#include "diff/forward.h"
#include "diff/pair_passes.h"
#include "diff/steps.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "simplify/simplify.h"
#include "simplify/where.h"

namespace matcalc {

namespace {

// Adds the vectorisation steps from dF to d vec(F) = J d vec(X); returns J.
Expr kronecker_form(Context& ctx, Build& b, Expr df, Expr x, const std::string& lhs,
                    std::vector<Step>& steps) {
  std::vector<PairPass> passes = vec_passes(b, df);
  add_pair_steps(ctx, passes, "move vec onto d" + x->name, lhs, true, steps);
  Expr j = b.zero(Shape{ctx.dim_product(df->shape.rows, df->shape.cols),
                        ctx.dim_product(x->shape.rows, x->shape.cols)});
  for (const auto& [m, l] : passes.back().pairs) j = b.add(j, m);
  return j;
}

// dF/dx for a scalar x: the differential with dx = 1.
Expr substitute_unit(Build& b, Expr df) {
  return map_bottom_up(b, df, [&](Expr e) { return e->kind == Kind::Diff ? b.num(1) : e; });
}

std::string upstream_name(const Context& ctx) {
  for (const char* c : {"G", "Gbar", "G_F", "Delta"})
    if (!ctx.var(c)) return c;
  return "G_up";
}

void finish_result(Context& ctx, Derivation& d, Expr r, const std::string& lhs) {
  Build b(ctx);
  d.raw_result = r;
  SimplifyResult simp = simplify(b, r);
  if (simp.expr != r)
    d.steps.push_back({simp.rules, "simplify", lhs + " = " + to_latex(ctx, simp.expr), {}});
  d.result = simp.expr;
  std::set<std::string> taken;
  for (const VarInfo& v : ctx.vars()) taken.insert(v.name);
  name_repeated(d.result, taken, d.where, d.where_order);
}

// The derivative of F with respect to X, for F not scalar or X scalar; `name` is
// how F is written ("F", or the gradient's name for a Hessian).
void jacobian_of(Context& ctx, Derivation& d, Expr f, Expr x, const std::string& of,
                 const DeriveOptions& opt) {
  Build b(ctx);
  std::string xl = latex_var_name(x->name);
  std::string dof = "\\mathrm{d}" + of;
  std::vector<Pass> passes = differential_passes(b, f, x->name);
  add_forward_steps(ctx, passes, dof, d.steps);
  for (const Pass& p : passes) d.notes.insert(d.notes.end(), p.notes.begin(), p.notes.end());
  Expr df = passes.empty() ? differential_of(b, f, x->name) : passes.back().expr;
  d.differential = df;
  if (x->shape.scalar()) {
    d.lhs_latex = "\\frac{\\mathrm{d}" + of + "}{\\mathrm{d}" + xl + "}";
    Expr r = substitute_unit(b, df);
    d.steps.push_back({{"read-off"},
                       "read off the derivative",
                       dof + " = \\left(" + to_latex(ctx, r) + "\\right)\\mathrm{d}" + xl +
                           " \\;\\Rightarrow\\; " + d.lhs_latex + " = " + to_latex(ctx, r),
                       {}});
    finish_result(ctx, d, r, d.lhs_latex);
    d.layout = "numerator";
    d.layout_note = "A scalar variable: the derivative has the expression's shape (SPEC).";
    return;
  }
  // vec of a column vector is the vector itself: write it without vec.
  auto vec_of = [](const std::string& name, Shape s) {
    return s.cols == kDimOne ? name : "\\operatorname{vec}(" + name + ")";
  };
  std::string vec_lhs = "\\mathrm{d}" + vec_of(of, f->shape);
  Expr j = kronecker_form(ctx, b, df, x, vec_lhs, d.steps);
  d.lhs_latex =
      "\\frac{\\partial " + vec_of(of, f->shape) + "}{\\partial " + vec_of(xl, x->shape) + "}";
  d.steps.push_back({{"read-off"},
                     "read off the Jacobian",
                     vec_lhs + " = J\\, \\mathrm{d}" + vec_of(xl, x->shape) +
                         " \\;\\Rightarrow\\; " + d.lhs_latex + " = " + to_latex(ctx, j),
                     {}});
  finish_result(ctx, d, j, d.lhs_latex);
  d.layout = "numerator";
  d.layout_note =
      "Numerator (vec) layout: d vec(F) = J d vec(X), J has one row per entry of F "
      "(SPEC). Denominator layout writes J'.";
  if (opt.layout == "denominator") {
    d.layout = "denominator";
    d.result = b.transpose(d.result);
    d.lhs_latex = "\\left(" + d.lhs_latex + "\\right)^{\\top}";
    d.steps.push_back({{"layout-denominator"},
                       "denominator layout: transpose",
                       d.lhs_latex + " = " + to_latex(ctx, d.result, d.where),
                       {}});
    d.layout_note =
        "Denominator layout: J' (one column per entry of F); the SPEC's vec layout "
        "d vec(F) = J d vec(X) is its transpose.";
  }
}

}  // namespace

Derivation derive_jacobian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Build b(ctx);
  Derivation d;
  d.f = f;
  d.wrt = wrt;
  const VarInfo* xv = ctx.var(wrt);
  Expr x = b.var(*xv);
  d.kind = x->shape.scalar() ? "derivative" : "jacobian";
  d.steps.push_back({{"differential"},
                     "take the differential",
                     "\\mathrm{d}F = \\mathrm{d}\\left(" + to_latex(ctx, f) + "\\right)",
                     {}});
  jacobian_of(ctx, d, f, x, "F", opt);
  // Backprop: for phi with dphi/dF = G, dphi = <G, dF> = <dphi/dX, dX>.
  std::string g = upstream_name(ctx);
  ctx.add_var(VarInfo{g, f->shape, 0, f->shape.cols == kDimOne ? "vector" : "matrix", false});
  Expr up = b.var(*ctx.var(g));
  std::vector<PairPass> adj = adjoint_passes(b, up, d.differential);
  Expr bp = b.zero(x->shape);
  for (const auto& [gi, li] : adj.back().pairs) bp = b.add(bp, gi);
  d.backprop = simplify(b, bp).expr;
  d.upstream = g;
  d.convention = x->shape.scalar()
                     ? "scalar variable: dF/d" + wrt + " has the shape of F."
                     : "vec layout: d vec(F) = J d vec(" + wrt +
                           "), J is (entries of F) x (entries of " + wrt +
                           "), written with kron and the commutation matrix where it exists.";
  d.convention_latex =
      x->shape.scalar()
          ? "\\mathrm{d}F = \\frac{\\mathrm{d}F}{\\mathrm{d}" + latex_var_name(wrt) +
                "}\\,\\mathrm{d}" + latex_var_name(wrt)
          : "\\mathrm{d}\\operatorname{vec}(F) = J\\,\\mathrm{d}\\operatorname{vec}(" +
                latex_var_name(wrt) + ")";
  Expr jac = d.layout == "denominator" ? b.transpose(d.result) : d.result;
  d.check = check_jacobian(ctx, f, wrt, jac, d.backprop, g, opt.seed);
  return d;
}

Derivation derive_hessian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Build b(ctx);
  DeriveOptions gopt = opt;
  gopt.layout = "";
  Derivation grad = derive_gradient(ctx, f, wrt, gopt);
  Derivation d;
  d.kind = "hessian";
  d.f = f;
  d.wrt = wrt;
  Expr x = b.var(*ctx.var(wrt));
  std::string xl = latex_var_name(wrt);
  Expr g = grad.result;
  d.gradient = g;
  std::vector<std::string> rules;
  for (const Step& s : grad.steps)
    for (const std::string& r : s.rules)
      if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  d.steps.push_back({rules, "the gradient (derived step by step in the gradient view)",
                     "g = " + partial_latex("f", xl) + " = " + to_latex(ctx, g), grad.notes});
  d.steps.push_back({{"differential"},
                     "differentiate the gradient",
                     "\\mathrm{d}g = \\mathrm{d}\\left(" + to_latex(ctx, g) + "\\right)",
                     {}});
  jacobian_of(ctx, d, g, x, "g", opt);
  d.second_differential = b.inner(b.diff(x), d.differential);
  d.steps.insert(d.steps.end() - 1,
                 {{"second-differential"},
                  "the second-order differential",
                  "\\mathrm{d}^2 f = \\left\\langle \\mathrm{d}" + xl +
                      ", \\mathrm{d}g\\right\\rangle = " + to_latex(ctx, d.second_differential),
                  {}});
  d.lhs_latex = x->shape.scalar() ? "\\frac{\\mathrm{d}^2 f}{\\mathrm{d}" + xl + "^2}"
                : x->shape.cols == kDimOne
                    ? "\\frac{\\partial^2 f}{\\partial " + xl + "\\,\\partial " + xl + "^{\\top}}"
                    : "\\frac{\\partial^2 f}{\\partial \\operatorname{vec}(" + xl +
                          ")\\,\\partial \\operatorname{vec}(" + xl + ")^{\\top}}";
  d.convention = "Hessian: the Jacobian of the gradient, d vec(g) = H d vec(" + wrt +
                 "), so d^2 f = vec(d" + wrt + ")' H vec(d" + wrt + ").";
  d.convention_latex = "\\mathrm{d}^2 f = \\operatorname{vec}(\\mathrm{d}" + xl +
                       ")^{\\top} H\\, \\operatorname{vec}(\\mathrm{d}" + xl + ")";
  Expr jac = d.layout == "denominator" ? b.transpose(d.result) : d.result;
  Check hc = check_jacobian(ctx, g, wrt, jac, nullptr, "", opt.seed);
  // Both the gradient and its Jacobian must agree with finite differences.
  hc.passed = hc.passed && grad.check.passed;
  hc.inconclusive = hc.inconclusive || grad.check.inconclusive;
  hc.max_rel_error = std::max(hc.max_rel_error, grad.check.max_rel_error);
  hc.method = "gradient: " + grad.check.method + "; Hessian: " + hc.method;
  d.check = hc;
  return d;
}

}  // namespace matcalc
