// derive_gradient: the lecture. Take the differential, push d inward (forward
// passes), move dX out of every inner product (adjoint passes), read the gradient
// off, state the convention, simplify, name repeated parts, check numerically.
#include <algorithm>
#include <set>

#include "derive.h"
#include "diff/forward.h"
#include "diff/pair_passes.h"
#include "diff/steps.h"
#include "expr/build.h"
#include "expr/error.h"
#include "numeric/check.h"
#include "print/latex.h"
#include "simplify/simplify.h"
#include "simplify/where.h"

namespace matcalc {

namespace {

std::string df_latex() { return "\\mathrm{d}f"; }

}  // namespace

Derivation derive_gradient(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Build b(ctx);
  Derivation d;
  d.kind = "gradient";
  d.f = f;
  d.wrt = wrt;
  const VarInfo* x = ctx.var(wrt);
  if (!x) throw InternalError("derive: unknown variable");
  Expr var = b.var(*x);
  std::string xl = latex_var_name(wrt);

  d.steps.push_back(
      {{"differential"},
       "take the differential",
       df_latex() + " = \\mathrm{d}" +
           (f->kind == Kind::Var ? to_latex(ctx, f) : "\\left(" + to_latex(ctx, f) + "\\right)"),
       {}});
  std::vector<Pass> passes = differential_passes(b, f, wrt);
  add_forward_steps(ctx, passes, df_latex(), d.steps);
  for (const Pass& p : passes) d.notes.insert(d.notes.end(), p.notes.begin(), p.notes.end());
  // No passes when f is the variable itself: df = dX already.
  Expr df = passes.empty() ? differential_of(b, f, wrt) : passes.back().expr;

  std::vector<PairPass> adj = adjoint_passes(b, b.num(1), df);
  add_pair_steps(ctx, adj, "move d" + wrt + " out of each term", df_latex(), false, d.steps);

  Expr g = b.zero(var->shape);
  for (const auto& [gi, li] : adj.back().pairs) g = b.add(g, gi);
  d.steps.push_back({{"read-off"},
                     "read off the gradient",
                     df_latex() + " = \\left\\langle \\frac{\\partial f}{\\partial " + xl +
                         "},\\; \\mathrm{d}" + xl +
                         " \\right\\rangle \\;\\Rightarrow\\; "
                         "\\frac{\\partial f}{\\partial " +
                         xl + "} = " + to_latex(ctx, g),
                     {}});
  if ((x->props & kSymmetric) && !g->symmetric()) {
    g = b.scale(0.5, b.add(g, b.transpose(g)));
    d.steps.push_back({{"sym-gradient"},
                       "symmetric variable: keep the symmetric part",
                       "\\frac{\\partial f}{\\partial " + xl + "} = " + to_latex(ctx, g),
                       {}});
  }
  d.raw_result = g;
  SimplifyResult simp = simplify(b, g);
  if (simp.expr != g) {
    g = simp.expr;
    d.steps.push_back({simp.rules,
                       "simplify",
                       "\\frac{\\partial f}{\\partial " + xl + "} = " + to_latex(ctx, g),
                       {}});
  }
  d.result = g;

  std::set<std::string> taken;
  for (const VarInfo& v : ctx.vars()) taken.insert(v.name);
  name_repeated(g, taken, d.where, d.where_order);

  if (x->shape.scalar()) {
    d.convention = "scalar variable: the ordinary derivative df/d" + wrt + ".";
  } else if (x->props & kSymmetric) {
    d.convention = wrt + " is symmetric: the gradient shown is the symmetric G with df = <G, d" +
                   wrt + "> for every symmetric d" + wrt +
                   " (the symmetric part of the unconstrained gradient). The Matrix Cookbook's "
                   "derivative with respect to the independent entries is 2G - diag(diag(G)).";
  } else {
    d.convention = "denominator layout: df = <G, d" + wrt + "> = tr(G' d" + wrt +
                   "), so the gradient G has the shape of " + wrt +
                   " (numerator layout writes its transpose).";
  }
  d.convention_latex =
      "\\mathrm{d}f = \\left\\langle \\tfrac{\\partial f}{\\partial " + xl + "}, \\mathrm{d}" + xl +
      "\\right\\rangle = \\operatorname{tr}\\left(\\left(\\tfrac{\\partial f}{\\partial " + xl +
      "}\\right)^{\\top} \\mathrm{d}" + xl + "\\right)";
  d.check = check_gradient(ctx, f, wrt, g, opt.seed);
  d.lhs_latex = partial_latex("f", xl);
  d.layout = "denominator";
  d.layout_note = "Denominator layout (the gradient has the shape of " + wrt +
                  "); numerator layout writes the transpose, a row where this is a column.";
  if (opt.layout == "numerator" && !x->shape.scalar()) {
    // The numerator-layout derivative is the transpose; the check above verified G.
    d.layout = "numerator";
    d.result = b.transpose(g);
    d.lhs_latex = "\\left(" + d.lhs_latex + "\\right)^{\\top}";
    d.steps.push_back(
        {{"layout-numerator"},
         "numerator layout: transpose",
         "\\frac{\\partial f}{\\partial " + xl + "^{\\top}} = " + to_latex(ctx, d.result, d.where),
         {}});
    d.convention = "numerator layout: the transpose of the gradient G (df = <G, d" + wrt +
                   "> = tr(G' d" + wrt + ")), shaped like " + wrt + "'.";
    d.layout_note = "Numerator layout: the transpose of the gradient (shape of " + wrt +
                    "'); denominator layout, the SPEC's default, has the shape of " + wrt + ".";
  }
  return d;
}

}  // namespace matcalc
