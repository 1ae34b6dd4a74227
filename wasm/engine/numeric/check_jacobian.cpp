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
                     const std::string& upstream, std::uint32_t seed, Instance* used) {
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
  if (used) *used = in;
  Evaluator ev(ctx, in);
  Matrix j = ev.eval(jacobian);
  Matrix bp = backprop ? ev.eval(backprop) : Matrix();
  Matrix g = upstream.empty() ? Matrix() : in.values.at(upstream);
  const Matrix& x = in.values.at(wrt);
  std::vector<Matrix> directions = probe_directions(ctx, in, wrt, seed, 16, &c.entrywise);
  // (exact, numeric estimates) pairs; see check.cpp for the scale's floor.
  double scale = comparison_floor(ctx, in, f, wrt, false);
  // The comparisons along h: J vec(H) against the estimates of d vec(F), and, with a
  // backprop form, <G, dF(H)> against <backprop, H>.
  auto compare = [&](const Matrix& h, int sizes) {
    std::vector<std::pair<Matrix, std::vector<Matrix>>> out;
    std::vector<Matrix> numeric = directional_differences(ctx, in, f, wrt, h, sizes);
    Matrix exact = x.size() == 1 ? Matrix(vec_of(j) * h(0, 0)) : Matrix(j * vec_of(h));
    if (backprop) {
      std::vector<Matrix> lhs;
      for (const Matrix& n : numeric)
        lhs.push_back(Matrix::Constant(1, 1, (vec_of(g).array() * n.array()).sum()));
      out.push_back({Matrix::Constant(1, 1, (bp.array() * h.array()).sum()), lhs});
    }
    out.push_back({exact, numeric});
    return out;
  };
  // One step size first; all four only along a direction where it disagrees.
  std::vector<std::vector<std::pair<Matrix, std::vector<Matrix>>>> along;
  for (const Matrix& h : directions) {
    along.push_back(compare(h, 1));
    for (const auto& [exact, numeric] : along.back())
      scale = std::max({scale, exact.cwiseAbs().maxCoeff(), numeric[0].cwiseAbs().maxCoeff()});
  }
  double worst = 0;
  bool noise_measured = false;
  for (std::size_t i = 0; i < directions.size(); ++i) {
    auto error_of = [&] {
      double e = 0;
      for (const auto& [exact, numeric] : along[i])
        e = std::max(e, closest_error(exact, numeric, scale));
      return e;
    };
    double err = error_of();
    if (!(err <= c.tolerance)) {
      along[i] = compare(directions[i], 4);
      if (!noise_measured) {  // where F's own rounding is large, compare on its scale
        noise_measured = true;
        scale = std::max(scale, comparison_floor(ctx, in, f, wrt));
        worst = 0;
        for (std::size_t k = 0; k < i; ++k)
          for (const auto& [exact, numeric] : along[k])
            worst = std::max(worst, closest_error(exact, numeric, scale));
      }
      err = error_of();
    }
    worst = std::max(worst, err);
  }
  c.max_rel_error = worst;
  c.directions = static_cast<int>(directions.size());
  c.passed = c.max_rel_error <= c.tolerance;
  return c;
}

}  // namespace matcalc
