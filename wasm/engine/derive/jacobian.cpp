// Jacobians and Hessians. dF is derived exactly as df is for a gradient (forward
// passes); then the vectorisation rules move vec() onto dX, one level per pass,
// giving d vec(F) = J d vec(X) in Kronecker form; the adjoint rules applied to an
// upstream G give the backprop form. A Hessian is the Jacobian of the gradient.
#include <algorithm>

#include "derive/derive.h"
#include "derive/finish.h"
#include "derive/steps.h"
#include "diff/pair_passes.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/step_check.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

// dF/dx for a scalar x: the differential with dx = 1.
Expr substitute_unit(Build& b, Expr df) {
  return map_bottom_up(b, df, [&](Expr e) { return e->kind == Kind::Diff ? b.num(1) : e; });
}

std::string upstream_name(const Context& ctx) {
  for (const char* c : {"G", "Gbar", "G_F", "Delta"})
    if (!ctx.var(c)) return c;
  return "G_up";
}

// The derivative of F with respect to X (F not scalar, or X scalar), as steps about F
// written `of`: d.differential, d.raw_result and d.result are set. `typed`: how the
// first step shows dF.
void jacobian_steps(Context& ctx, Derivation& d, Expr f, Expr x, const std::string& of,
                    const AsWritten& typed = {}) {
  Build b(ctx);
  StepList steps(d.steps, f, of);
  Expr df = steps.add_differential(b, f, x->name, d.notes, "differential", "take the differential",
                                   {}, typed);
  d.differential = df;
  Expr r;
  if (x->shape.scalar()) {
    r = substitute_unit(b, df);
    steps.add({"read-off"}, "read off the derivative", Form::Derivative, r);
  } else {
    std::vector<PairPass> vp = vec_passes(b, df);
    steps.add_pairs(b, vp, "move vec onto d" + x->name, true);
    r = b.zero(Shape{ctx.dim_product(f->shape.rows, f->shape.cols),
                     ctx.dim_product(x->shape.rows, x->shape.cols)});
    for (const auto& [m, l] : vp.back().pairs) r = b.add(r, m);
    steps.add({"read-off"}, "read off the Jacobian", Form::Jacobian, r);
  }
  d.raw_result = r;
  SimplifyResult simp = simplify(b, r);
  d.simplify_stopped = simp.stopped;
  d.simplify_passes = simp.passes;
  if (simp.expr != r)
    steps.add(simp.rules, "simplify", x->shape.scalar() ? Form::Derivative : Form::Jacobian,
              simp.expr);
  d.result = simp.expr;
}

}  // namespace

Derivation derive_jacobian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Build b(ctx);
  Derivation d;
  d.f = f;
  d.wrt = wrt;
  Expr x = b.var(*ctx.var(wrt));
  d.kind = x->shape.scalar() ? "derivative" : "jacobian";
  jacobian_steps(ctx, d, f, x, "F", opt.typed);
  name_result_parts(ctx, d);
  // Backprop: for phi with dphi/dF = G, dphi = <G, dF> = <dphi/dX, dX>.
  std::string g = upstream_name(ctx);
  ctx.add_var(VarInfo{g, f->shape, 0, f->shape.cols == kDimOne ? "vector" : "matrix", false});
  Expr up = b.var(*ctx.var(g));
  std::vector<PairPass> adj = adjoint_passes(b, up, d.differential);
  Expr bp = b.zero(x->shape);
  for (const auto& [gi, li] : adj.back().pairs) bp = b.add(bp, gi);
  d.backprop = simplify(b, bp).expr;
  d.upstream = g;
  Instance in;
  d.check = check_jacobian(ctx, f, wrt, d.result, d.backprop, g, opt.seed, &in);
  if (opt.check_steps && !d.check.inconclusive) d.step_check = check_steps(ctx, d, in, opt.seed);
  return d;
}

Derivation derive_hessian(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Build b(ctx);
  Derivation d;
  d.kind = "hessian";
  d.f = f;
  d.wrt = wrt;
  Expr x = b.var(*ctx.var(wrt));
  // The gradient's own steps are the first half of the lecture, collapsed into one.
  Derivation grad;
  Expr g = gradient_steps(ctx, grad, f, wrt);
  Instance at_gradient;  // f and g are both finite here (the steps are about both)
  Check gc = check_gradient(ctx, f, wrt, g, opt.seed, &at_gradient);
  d.gradient = g;
  std::vector<std::string> rules;
  for (const Step& s : grad.steps)
    for (const std::string& r : s.rules)
      if (std::find(rules.begin(), rules.end(), r) == rules.end()) rules.push_back(r);
  StepList(d.steps, f, "f")
      .add(rules, "the gradient (derived step by step in the gradient view)", Form::Gradient, g,
           grad.notes);
  try {
    jacobian_steps(ctx, d, g, x, "g");
  } catch (const UserError& e) {
    // The gradient's Jacobian has no Kronecker form (a Fréchet derivative's): said of the
    // question asked, the Hessian, not of a Jacobian the user did not ask for.
    std::string m = e.what();
    const std::string lead = "the Jacobian through ";
    if (m.rfind(lead, 0) != 0) throw;
    std::string fn = m.substr(lead.size(), m.find(' ', lead.size()) - lead.size());
    throw UserError(e.code,
                    "the Hessian through " + fn +
                        " has no Kronecker form here: Hessians through matrix functions "
                        "are not available yet (the gradient is)",
                    e.source, e.begin, e.end);
  }
  name_result_parts(ctx, d);
  // d^2 f = <dX, dg>, shown before the Jacobian is read off.
  d.second_differential = b.inner(b.diff(x), d.differential);
  auto read_off = std::find_if(d.steps.begin(), d.steps.end(), [](const Step& s) {
    return !s.rules.empty() && s.rules.front() == "read-off";
  });
  d.steps.insert(read_off, Step{{"second-differential"},
                                "the second-order differential",
                                Form::SecondDifferential,
                                d.second_differential,
                                g,
                                "g",
                                "",
                                {},
                                {}});
  Instance in;
  Check hc = check_jacobian(ctx, g, wrt, d.result, nullptr, "", opt.seed, &in);
  // Both the gradient and its Jacobian must agree with finite differences.
  hc.passed = hc.passed && gc.passed;
  hc.inconclusive = hc.inconclusive || gc.inconclusive;
  hc.max_rel_error = std::max(hc.max_rel_error, gc.max_rel_error);
  hc.method = "gradient: " + gc.method + "; Hessian: " + hc.method;
  d.check = hc;
  // The steps are about f and about g: at the gradient check's inputs both are finite
  // (at the Hessian check's, f may not be: -sum(log(x)) for a negative x).
  if (opt.check_steps && !hc.inconclusive && !gc.inconclusive)
    d.step_check = check_steps(ctx, d, at_gradient, opt.seed);
  return d;
}

}  // namespace matcalc
