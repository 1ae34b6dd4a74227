// derive_gradient: the lecture. Take the differential, push d inward (forward
// passes), move dX out of every inner product (adjoint passes), read the gradient
// off, keep the symmetric part for a symmetric variable, simplify, name repeated
// parts, check the result and every step numerically.
#include "derive/derive.h"
#include "derive/finish.h"
#include "derive/steps.h"
#include "diff/pair_passes.h"
#include "expr/build.h"
#include "expr/error.h"
#include "numeric/check.h"
#include "numeric/step_check.h"
#include "simplify/simplify.h"

namespace matcalc {

// The gradient of scalar f by X, as steps about f; returns the simplified gradient.
Expr gradient_steps(Context& ctx, Derivation& d, Expr f, const std::string& wrt,
                    const AsWritten& typed) {
  Build b(ctx);
  const VarInfo* x = ctx.var(wrt);
  if (!x) throw InternalError("derive: unknown variable");
  StepList steps(d.steps, f, "f");
  Expr df = steps.add_differential(b, f, wrt, d.notes, "differential", "take the differential", {},
                                   typed);

  std::vector<PairPass> adj = adjoint_passes(b, b.num(1), df);
  steps.add_pairs(b, adj, "move d" + wrt + " out of each term", false);

  Expr g = b.zero(x->shape);
  for (const auto& [gi, li] : adj.back().pairs) g = b.add(g, gi);
  steps.add({"read-off"}, "read off the gradient", Form::Gradient, g);
  g = steps.add_structured(b, *x, g);
  d.raw_result = g;
  SimplifyResult simp = simplify(b, g);
  d.simplify_stopped = simp.stopped;
  d.simplify_passes = simp.passes;
  if (simp.expr != g) steps.add(simp.rules, "simplify", Form::Gradient, simp.expr);
  return simp.expr;
}

Derivation derive_gradient(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  Derivation d;
  d.kind = "gradient";
  d.f = f;
  d.wrt = wrt;
  d.result = gradient_steps(ctx, d, f, wrt, opt.typed);
  name_result_parts(ctx, d);
  Instance in;
  d.check = check_gradient(ctx, f, wrt, d.result, opt.seed, &in);
  if (opt.check_steps && !d.check.inconclusive) d.step_check = check_steps(ctx, d, in, opt.seed);
  return d;
}

}  // namespace matcalc
