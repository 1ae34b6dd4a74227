// The Jacobian check (see check.h): the same Richardson-extrapolated central
// differences as the gradient check, on every entry of vec(F) at once.
#include <algorithm>
#include <cmath>

#include "numeric/check.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {

Matrix vec_of(const Matrix& m) { return Eigen::Map<const Matrix>(m.data(), m.size(), 1); }

Matrix central(const Context& ctx, Instance in, Expr f, const std::string& wrt, const Matrix& h,
               double t) {
  Matrix x = in.values[wrt];
  in.values[wrt] = x + t * h;
  Matrix plus = vec_of(Evaluator(ctx, in).eval(f));
  in.values[wrt] = x - t * h;
  Matrix minus = vec_of(Evaluator(ctx, in).eval(f));
  return (plus - minus) / (2 * t);
}

}  // namespace

Check check_jacobian(Context& ctx, Expr f, const std::string& wrt, Expr jacobian, Expr backprop,
                     const std::string& upstream, std::uint32_t seed) {
  Check c;
  c.seed = seed;
  c.method = "central differences with Richardson extrapolation, on every entry of vec(F)";
  Instance in;
  if (!usable_instance(ctx, f, jacobian, seed, &in, &c.inputs)) {
    c.inconclusive = true;
    c.sizes = sizes_text(ctx, random_instance(ctx, f, seed, Domain::Plain));
    return c;
  }
  c.sizes = sizes_text(ctx, in);
  Evaluator ev(ctx, in);
  Matrix j = ev.eval(jacobian);
  Matrix bp = backprop ? ev.eval(backprop) : Matrix();
  Matrix g = upstream.empty() ? Matrix() : in.values.at(upstream);
  const Matrix& x = in.values.at(wrt);
  Rng rng(seed * 7919u + 17u);
  std::vector<Matrix> directions;
  for (int i = 0; i < 4; ++i) directions.push_back(random_direction(ctx, in, wrt, rng));
  if (x.size() <= 16) {
    c.entrywise = true;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      Matrix e = Matrix::Zero(x.rows(), x.cols());
      e(i) = 1;
      directions.push_back(e);
    }
  }
  double scale_x = std::max(1.0, x.cwiseAbs().maxCoeff());
  double scale = 1e-10, worst_abs = 0;
  std::vector<std::pair<Matrix, Matrix>> compared;  // (exact, numeric)
  for (const Matrix& h : directions) {
    double t = 1e-3 * scale_x / std::max(1e-12, h.cwiseAbs().maxCoeff());
    Matrix numeric = (4 * central(ctx, in, f, wrt, h, t / 2) - central(ctx, in, f, wrt, h, t)) / 3;
    Matrix exact = x.size() == 1 ? Matrix(vec_of(j) * h(0, 0)) : Matrix(j * vec_of(h));
    compared.push_back({exact, numeric});
    if (backprop) {
      Matrix lhs = Matrix::Constant(1, 1, (vec_of(g).array() * numeric.array()).sum());
      Matrix rhs = Matrix::Constant(1, 1, (bp.array() * h.array()).sum());
      compared.push_back({rhs, lhs});
    }
  }
  for (auto& [a, n] : compared)
    scale = std::max({scale, a.cwiseAbs().maxCoeff(), n.cwiseAbs().maxCoeff()});
  for (auto& [a, n] : compared) {
    double err =
        a.rows() == n.rows() && a.cols() == n.cols() ? (a - n).cwiseAbs().maxCoeff() : INFINITY;
    if (!std::isfinite(err)) err = INFINITY;
    worst_abs = std::max(worst_abs, err);
  }
  c.directions = static_cast<int>(directions.size());
  c.max_rel_error = worst_abs / scale;
  c.passed = c.max_rel_error <= c.tolerance;
  return c;
}

}  // namespace matcalc
