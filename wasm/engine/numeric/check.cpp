// Finite differences with Richardson extrapolation: D(t) = (f(X+tH) - f(X-tH)) / 2t
// has error O(t^2); (4 D(t/2) - D(t)) / 3 has error O(t^4), so t can stay large
// enough that rounding does not matter.
#include "numeric/check.h"

#include <algorithm>
#include <cmath>

#include "numeric/instance.h"

namespace matcalc {

namespace {

double eval_scalar(const Context& ctx, const Instance& in, Expr f) {
  Evaluator ev(ctx, in);
  return ev.eval(f)(0, 0);
}

double central(const Context& ctx, Instance in, Expr f, const std::string& wrt, const Matrix& h,
               double t) {
  Matrix x = in.values[wrt];
  in.values[wrt] = x + t * h;
  double plus = eval_scalar(ctx, in, f);
  in.values[wrt] = x - t * h;
  double minus = eval_scalar(ctx, in, f);
  return (plus - minus) / (2 * t);
}

}  // namespace

bool usable_instance(Context& ctx, Expr f, Expr also, std::uint32_t seed, Instance* out,
                     std::string* which) {
  const Domain domains[] = {Domain::Plain, Domain::Positive, Domain::AllPositive};
  const char* names[] = {"plain", "positive", "all-positive"};
  for (int i = 0; i < 3; ++i)
    for (int order = 0; order < kSizeOrders; ++order) {
      Instance in = random_instance(ctx, f, seed, domains[i], order);
      if (well_defined(ctx, in, f) && (!also || well_defined(ctx, in, also))) {
        *out = in;
        *which = names[i];
        return true;
      }
    }
  return false;
}

Check check_gradient(Context& ctx, Expr f, const std::string& wrt, Expr gradient,
                     std::uint32_t seed) {
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
  Matrix g = Evaluator(ctx, in).eval(gradient);
  const Matrix& x = in.values.at(wrt);
  const VarInfo* v = ctx.var(wrt);
  bool symmetric = v && (v->props & kSymmetric);
  bool diagonal = v && (v->props & kDiagonal);

  std::vector<Matrix> directions;
  Rng rng(seed * 7919u + 17u);
  for (int i = 0; i < 4; ++i) directions.push_back(random_direction(ctx, in, wrt, rng));
  if (x.size() <= 36) {
    c.entrywise = true;
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        if ((symmetric && i < j) || (diagonal && i != j)) continue;
        Matrix e = Matrix::Zero(x.rows(), x.cols());
        e(i, j) = 1;
        if (symmetric) e(j, i) = 1;
        directions.push_back(e);
      }
  }
  double scale_x = std::max(1.0, x.cwiseAbs().maxCoeff());
  std::vector<double> exact, numeric;
  for (const Matrix& h : directions) {
    double t = 1e-3 * scale_x / std::max(1e-12, h.cwiseAbs().maxCoeff());
    double d1 = central(ctx, in, f, wrt, h, t), d2 = central(ctx, in, f, wrt, h, t / 2);
    numeric.push_back((4 * d2 - d1) / 3);
    exact.push_back((g.array() * h.array()).sum());
  }
  double scale = 1e-10;
  for (std::size_t i = 0; i < exact.size(); ++i)
    scale = std::max({scale, std::fabs(exact[i]), std::fabs(numeric[i])});
  double worst = 0;
  for (std::size_t i = 0; i < exact.size(); ++i) {
    double err = std::fabs(exact[i] - numeric[i]) / scale;
    if (!std::isfinite(err)) err = INFINITY;
    worst = std::max(worst, err);
  }
  c.directions = static_cast<int>(directions.size());
  c.max_rel_error = worst;
  c.passed = worst <= c.tolerance;
  return c;
}

}  // namespace matcalc
