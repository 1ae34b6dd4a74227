// The Jacobian check (see check.h): the same Richardson-extrapolated central
// differences as the gradient check, on every entry of vec(F) at once.
#include <algorithm>
#include <cmath>

#include "numeric/check.h"
#include "numeric/differences.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {

Matrix vec_of(const Matrix& m) { return Eigen::Map<const Matrix>(m.data(), m.size(), 1); }

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
  std::vector<Matrix> directions = probe_directions(ctx, in, wrt, seed, 16, &c.entrywise);
  double scale = 1e-10, worst_abs = 0;
  std::vector<std::pair<Matrix, Matrix>> compared;  // (exact, numeric)
  for (const Matrix& h : directions) {
    Matrix numeric = directional_difference(ctx, in, f, wrt, h);
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
