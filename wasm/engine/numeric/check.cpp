// The gradient check: <G, H> against the directional difference of f along H.
#include "numeric/check.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "numeric/differences.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {

// Whether every node of e has at most kMaxEntries entries at these sizes: the check's
// cost stays bounded whatever the input (kron(kron(...(x,x)...),x) is n^9 long).
constexpr double kMaxEntries = 1 << 21;

bool fits(const Context& ctx, const Instance& in, Expr e, std::set<Expr>& seen) {
  if (!e || !seen.insert(e).second) return true;
  double entries = static_cast<double>(dim_value(ctx, in, e->shape.rows)) *
                   static_cast<double>(dim_value(ctx, in, e->shape.cols));
  if (entries > kMaxEntries) return false;
  for (Expr k : e->kids)
    if (!fits(ctx, in, k, seen)) return false;
  return true;
}

}  // namespace

bool usable_instance(Context& ctx, Expr f, Expr also, std::uint32_t seed, Instance* out,
                     std::string* which) {
  const Domain domains[] = {Domain::Plain, Domain::Positive, Domain::AllPositive};
  const char* names[] = {"plain", "positive", "all-positive"};
  {
    Instance in = random_instance(ctx, f, seed, Domain::Plain, 0);
    std::set<Expr> seen;
    if (!fits(ctx, in, f, seen) || !fits(ctx, in, also, seen)) {
      *which = "too-large";
      return false;
    }
  }
  auto usable = [&](const Instance& in) {
    return well_defined(ctx, in, f) && (!also || well_defined(ctx, in, also));
  };
  for (int i = 0; i < 3; ++i)
    for (int order = 0; order < kSizeOrders; ++order) {
      Instance in = random_instance(ctx, f, seed, domains[i], order);
      if (usable(in)) {
        *out = in;
        *which = names[i];
        return true;
      }
    }
  // Defined only where one variable outweighs another (log(y - x)): variables of
  // different scales, a few draws.
  for (std::uint32_t draw = 1; draw <= 12; ++draw) {
    Instance in = random_instance(ctx, f, seed + 7919 * draw, Domain::Spread, 0);
    if (usable(in)) {
      *out = in;
      *which = "spread";
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
  if (!usable_instance(ctx, f, gradient, seed, &in, &c.inputs)) {
    c.inconclusive = true;
    c.sizes = sizes_text(ctx, random_instance(ctx, f, seed, Domain::Plain));
    return c;
  }
  c.sizes = sizes_text(ctx, in);
  if (used) *used = in;
  Matrix g = Evaluator(ctx, in).eval(gradient);
  std::vector<Matrix> directions = probe_directions(ctx, in, wrt, seed, 36, &c.entrywise);
  std::vector<Matrix> exact;
  std::vector<std::vector<Matrix>> numeric;
  // A derivative below the floor is compared on that scale, not relative to itself.
  double scale = comparison_floor(ctx, in, f, wrt, false);
  // One step size first; the others only where it disagrees (a step too large for a
  // fast-varying f, or one across a kink), so a right gradient costs a quarter.
  for (const Matrix& h : directions) {
    numeric.push_back(directional_differences(ctx, in, f, wrt, h, 1));
    exact.push_back(Matrix::Constant(1, 1, (g.array() * h.array()).sum()));
    scale = std::max({scale, std::fabs(exact.back()(0, 0)), std::fabs(numeric.back()[0](0, 0))});
  }
  double worst = 0;
  bool resolved = true;  // every disagreeing direction's estimates agree among themselves
  bool noise_measured = false;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    double err = closest_error(exact[i], numeric[i], scale);
    if (!(err <= c.tolerance)) {
      numeric[i] = directional_differences(ctx, in, f, wrt, directions[i]);
      if (!noise_measured) {  // where f's own rounding is large, compare on its scale
        noise_measured = true;
        scale = std::max(scale, comparison_floor(ctx, in, f, wrt));
        worst = 0;
        for (std::size_t k = 0; k < i; ++k)
          worst = std::max(worst, closest_error(exact[k], numeric[k], scale));
      }
      err = closest_error(exact[i], numeric[i], scale);
      if (!(err <= c.tolerance) && estimate_spread(numeric[i], 1e-300) > 1e-3) resolved = false;
    }
    worst = std::max(worst, err);
  }
  c.directions = static_cast<int>(directions.size());
  c.max_rel_error = worst;
  c.passed = worst <= c.tolerance;
  if (!c.passed && !resolved) {
    // Not a verdict on the gradient: the finite differences themselves do not settle.
    c.inconclusive = true;
    c.inputs = "unresolved";
  }
  return c;
}

}  // namespace matcalc
