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
    c.sizes = sizes_text(ctx, sized_instance(ctx, f));
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
  // The comparisons along h: J vec(H) against the estimates of d vec(F), and, with a
  // backprop form, <G, dF(H)> against <backprop, H>.
  auto compare = [&](const Matrix& h, int sizes) {
    Comparisons out;
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
  Agreement a = compare_along(ctx, in, f, wrt, directions, compare, c.tolerance);
  c.max_rel_error = a.worst;
  c.directions = static_cast<int>(directions.size());
  c.passed = c.max_rel_error <= c.tolerance;
  c.condition = a.condition;
  if (!c.passed && !a.resolved) {  // the finite differences themselves do not settle
    c.inconclusive = true;
    c.inputs = "unresolved";
  } else if (!c.passed && !resolves(a.condition, kSmallestStep)) {  // too ill-conditioned
    c.inconclusive = true;
    c.inputs = "ill-conditioned";
  }
  return c;
}

}  // namespace matcalc
