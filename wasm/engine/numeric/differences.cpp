#include "numeric/differences.h"

#include <algorithm>
#include <cmath>

#include "expr/structures.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {

Matrix vec_of(const Matrix& m) { return Eigen::Map<const Matrix>(m.data(), m.size(), 1); }

// vec of f with the variable moved to X + s H (pinned nodes held).
Matrix along(const Context& ctx, Instance in, Expr f, const std::string& wrt, const Matrix& h,
             double s, const Pins& pins) {
  in.values[wrt] += s * h;
  Evaluator ev(ctx, in);
  for (const auto& [node, value] : pins) ev.pin(node, value);
  return vec_of(ev.eval(f));
}

}  // namespace

std::vector<Matrix> probe_directions(const Context& ctx, const Instance& in, const std::string& wrt,
                                     std::uint32_t seed, int max_entries, bool* entrywise) {
  const Matrix& x = in.values.at(wrt);
  const VarInfo* v = ctx.var(wrt);
  const StructureRow* row = v ? structure_of(*v) : nullptr;
  std::vector<Matrix> out;
  Rng rng(seed * 7919u + 17u);
  for (int i = 0; i < 4; ++i) out.push_back(random_direction(ctx, in, wrt, rng));
  *entrywise = x.size() <= max_entries;
  if (!*entrywise) return out;
  // Along every entry; for a structured variable, the projections of the entries onto the
  // tangent space (they span it), scaled to a largest entry of 1, each once (a symmetric
  // variable's E_ij + E_ji, a diagonal one's E_ii).
  std::size_t entries = out.size();
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      Matrix e = Matrix::Zero(x.rows(), x.cols());
      e(i, j) = 1;
      if (row) {
        e = row->project(x, e);
        double top = e.cwiseAbs().maxCoeff();
        if (top < 1e-12) continue;
        e /= top;
        bool seen = false;
        for (std::size_t k = entries; k < out.size() && !seen; ++k)
          seen = (out[k] - e).cwiseAbs().maxCoeff() < 1e-12 ||
                 (out[k] + e).cwiseAbs().maxCoeff() < 1e-12;
        if (seen) continue;
      }
      out.push_back(e);
    }
  return out;
}

std::vector<Matrix> directional_differences(const Context& ctx, const Instance& in, Expr f,
                                            const std::string& wrt, const Matrix& h, int sizes,
                                            const Pins& pins) {
  const Matrix& x = in.values.at(wrt);
  double base = std::max(1.0, x.cwiseAbs().maxCoeff()) / std::max(1e-12, h.cwiseAbs().maxCoeff());
  std::vector<Matrix> out;
  for (double rel : {1e-3, 1e-4, 1e-2, 1e-5}) {
    if (static_cast<int>(out.size()) >= sizes) break;
    double t = rel * base;
    out.push_back(
        richardson_derivative([&](double s) { return along(ctx, in, f, wrt, h, s, pins); }, t));
  }
  return out;
}

double value_scale(const Context& ctx, const Instance& in, Expr f) {
  return Evaluator(ctx, in).eval(f).cwiseAbs().maxCoeff();
}

double comparison_floor(const Context& ctx, const Instance& in, Expr f, const std::string& wrt,
                        bool measure_noise) {
  Matrix f0 = vec_of(Evaluator(ctx, in).eval(f));
  double floor = 1e-6 * (1 + f0.cwiseAbs().maxCoeff());
  auto x = in.values.find(wrt);
  if (!measure_noise || x == in.values.end()) return floor;
  double noise = 0;
  Rng rng(0x5eed);
  for (int k = 1; k <= 3; ++k) {
    Instance moved = in;
    Matrix& v = moved.values[wrt];
    v = v.cwiseProduct(ulp_factors(v, rng, 4 * k));
    Matrix fk = vec_of(Evaluator(ctx, moved).eval(f));
    if (fk.size() == f0.size()) noise = std::max(noise, (fk - f0).cwiseAbs().maxCoeff());
  }
  if (std::isfinite(noise)) floor = std::max(floor, kNoiseToFloor * noise);
  return floor;
}

Matrix ulp_factors(const Matrix& like, Rng& rng, double ulps) {
  Matrix out(like.rows(), like.cols());
  for (Eigen::Index i = 0; i < out.size(); ++i)
    out.data()[i] = 1 + ulps * 1.1e-16 * rng.uniform(-1, 1);
  return out;
}

double condition_number(const Context& ctx, const Instance& in, Expr f, const std::string& wrt) {
  constexpr double kMove = 1e-8;
  auto x = in.values.find(wrt);
  if (x == in.values.end()) return 0;
  Matrix f0 = vec_of(Evaluator(ctx, in).eval(f));
  double size = f0.cwiseAbs().maxCoeff();
  double worst = 0;
  Rng rng(0xc0ed);
  for (int k = 0; k < 3; ++k) {
    Instance moved = in;
    Matrix& v = moved.values[wrt];
    v = v.cwiseProduct(ulp_factors(v, rng, kMove / 1.1e-16));
    Matrix fk = vec_of(Evaluator(ctx, moved).eval(f));
    if (fk.size() != f0.size()) continue;
    double change = (fk - f0).cwiseAbs().maxCoeff();
    if (change > 0) worst = std::max(worst, change / (kMove * std::max(size, 1e-300)));
  }
  return std::isfinite(worst) ? worst : INFINITY;
}

double estimate_spread(const std::vector<Matrix>& estimates, double scale) {
  // On the estimates' own size (the derivative's may be far larger when they are noise).
  for (const Matrix& e : estimates)
    if (e.size()) scale = std::max(scale, e.cwiseAbs().maxCoeff());
  double spread = 0;
  for (std::size_t a = 0; a < estimates.size(); ++a)
    for (std::size_t b = a + 1; b < estimates.size(); ++b) {
      if (estimates[a].size() != estimates[b].size()) continue;
      double d = (estimates[a] - estimates[b]).cwiseAbs().maxCoeff() / scale;
      spread = std::max(spread, std::isfinite(d) ? d : INFINITY);
    }
  return spread;
}

double closest_error(const Matrix& exact, const std::vector<Matrix>& estimates, double scale) {
  double best = INFINITY;
  for (const Matrix& n : estimates) {
    if (n.rows() != exact.rows() || n.cols() != exact.cols()) continue;
    double err = (exact - n).cwiseAbs().maxCoeff() / scale;
    if (std::isfinite(err)) best = std::min(best, err);
  }
  return best;
}

Agreement compare_along(const Context& ctx, const Instance& in, Expr f, const std::string& wrt,
                        const std::vector<Matrix>& directions,
                        const std::function<Comparisons(const Matrix& h, int sizes)>& along,
                        double tolerance) {
  double scale = comparison_floor(ctx, in, f, wrt, false);
  std::vector<Comparisons> at;
  for (const Matrix& h : directions) {
    at.push_back(along(h, 1));
    for (const auto& [exact, estimates] : at.back())
      scale = std::max({scale, exact.cwiseAbs().maxCoeff(), estimates[0].cwiseAbs().maxCoeff()});
  }
  auto error_of = [&](const Comparisons& c) {
    double e = 0;
    for (const auto& [exact, estimates] : c)
      e = std::max(e, closest_error(exact, estimates, scale));
    return e;
  };
  Agreement a;
  bool noise_measured = false;
  for (std::size_t i = 0; i < directions.size(); ++i) {
    double err = error_of(at[i]);
    if (!(err <= tolerance)) {
      at[i] = along(directions[i], 4);
      if (!noise_measured) {  // where f's own rounding is large, compare on its scale
        noise_measured = true;
        scale = std::max(scale, comparison_floor(ctx, in, f, wrt));
        a.worst = 0;
        for (std::size_t k = 0; k < i; ++k) a.worst = std::max(a.worst, error_of(at[k]));
      }
      err = error_of(at[i]);
      if (!(err <= tolerance)) {
        for (const auto& [exact, estimates] : at[i])
          if (estimate_spread(estimates, 1e-300) > 1e-3) a.resolved = false;
        if (a.condition == 0) a.condition = condition_number(ctx, in, f, wrt);
      }
    }
    a.worst = std::max(a.worst, err);
  }
  return a;
}

}  // namespace matcalc
