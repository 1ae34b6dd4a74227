// The gradient check: <G, H> against the directional difference of f along H.
#include "numeric/check.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "expr/structures.h"
#include "numeric/differences.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {}  // namespace

bool usable_instance(Context& ctx, Expr f, Expr also, std::uint32_t seed, Instance* out,
                     std::string* which, std::string* undefined) {
  const Domain domains[] = {Domain::Plain, Domain::Positive, Domain::AllPositive};
  const char* names[] = {"plain", "positive", "all-positive"};
  // The cost first, from the sizes alone: no value is made for a node past the limit (a
  // Jacobian's upstream gradient has f's shape).
  Instance sized = sized_instance(ctx, f);
  if (largest_node(ctx, sized, f) > kMaxEntries ||
      (also && largest_node(ctx, sized, also) > kMaxEntries)) {
    *which = "too-large";
    return false;
  }
  auto usable = [&](const Instance& in) {
    return structures_fit(ctx, in) && well_defined(ctx, in, f, undefined) &&
           (!also || well_defined(ctx, in, also, undefined));
  };
  for (int i = 0; i < 3; ++i)
    for (int order = 0; order < kSizeOrders; ++order) {
      Instance in = random_instance(ctx, f, seed, domains[i], order);
      if (usable(in)) {
        *out = in;
        *which = names[i];
        if (undefined) undefined->clear();  // (an earlier draw's reason no longer holds)
        return true;
      }
    }
  // Defined only where one variable outweighs another (log(y - x)): variables of
  // different scales, a few draws.
  for (std::uint32_t draw = 1; draw <= 32; ++draw) {
    Instance in = random_instance(ctx, f, seed + 7919 * draw, Domain::Spread, 0);
    if (usable(in)) {
      *out = in;
      *which = "spread";
      if (undefined) undefined->clear();
      return true;
    }
  }
  return false;
}

Check check_gradient(Context& ctx, Expr f, const std::string& wrt, Expr gradient,
                     std::uint32_t seed, Instance* used) {
  Check c;
  c.seed = seed;
  c.method = "central differences with Richardson extrapolation";
  Instance in;
  if (!usable_instance(ctx, f, gradient, seed, &in, &c.inputs, &c.undefined)) {
    c.inconclusive = true;
    c.sizes = sizes_text(ctx, sized_instance(ctx, f));
    return c;
  }
  c.sizes = sizes_text(ctx, in);
  if (used) *used = in;
  Matrix g = Evaluator(ctx, in).eval(gradient);
  std::vector<Matrix> directions = probe_directions(ctx, in, wrt, seed, 36, &c.entrywise);
  // <g, h> against the estimates of the derivative along h.
  Agreement a = compare_along(
      ctx, in, f, wrt, directions,
      [&](const Matrix& h, int sizes) {
        return Comparisons{{Matrix::Constant(1, 1, (g.array() * h.array()).sum()),
                            directional_differences(ctx, in, f, wrt, h, sizes)}};
      },
      c.tolerance);
  c.directions = static_cast<int>(directions.size());
  c.max_rel_error = a.worst;
  c.passed = a.worst <= c.tolerance;
  // On a constraint set the directions are tangent, so they judge only R's tangent part:
  // R must also lie in the tangent space.
  const VarInfo* x = ctx.var(wrt);
  if (const StructureRow* row = x ? structure_of(*x) : nullptr) {
    const Matrix& at = in.values.at(wrt);
    c.tangent_error =
        (g - row->project(at, g)).cwiseAbs().maxCoeff() / std::max(1.0, g.cwiseAbs().maxCoeff());
    if (c.tangent_error > c.tolerance) c.passed = false;
  }
  c.condition = a.condition;
  // Not a verdict on the gradient: the differences themselves do not settle, or f is too
  // ill-conditioned at the inputs for them to judge it.
  if (!c.passed && !a.resolved) {
    c.inconclusive = true;
    c.inputs = "unresolved";
  } else if (!c.passed && !resolves(a.condition, kSmallestStep)) {
    c.inconclusive = true;
    c.inputs = "ill-conditioned";
  }
  return c;
}

}  // namespace matcalc
