#include "numeric/step_check.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>
#include <tuple>

#include "numeric/check.h"
#include "numeric/differences.h"
#include "numeric/instance.h"

namespace matcalc {

namespace {

constexpr int kDirections = 1;
constexpr double kTolerance = 1e-6;

Matrix vec_of(const Matrix& m) { return Eigen::Map<const Matrix>(m.data(), m.size(), 1); }
double inner(const Matrix& a, const Matrix& b) { return (a.array() * b.array()).sum(); }

// The inputs and directions every step is compared at, and the finite-difference
// estimates of each function's derivative along them (computed once per function).
// Steps through definitions are about each defined name in turn: directions, and the
// inputs with d(name) set, are kept per name.
class Probe {
 public:
  Probe(Context& ctx, const Derivation& d, const Instance& in, std::uint32_t seed)
      : ctx_(ctx), wrt_(d.wrt), in_(in), plain_(ctx, in_), seed_(seed) {}

  // One step size first (cheap, and right almost always); all of them before a step is
  // called wrong, so a kink or a fast-varying f never fails a right step.
  double error(const Step& s) {
    // d(of) itself is the definition the other steps are compared with.
    if (s.expr->kind == Kind::Diff && s.expr->kids[0] == s.of) return 0;
    double quick = error(s, true);
    return quick <= kTolerance ? quick : error(s, false);
  }

  // Whether finite differences can judge the step at the inputs: they must resolve its
  // function (at the checks' smallest step) and every compound A whose d(A) the step
  // holds (evaluated by differences at kCompoundStep). `condition`: the largest measured.
  bool judgeable(const Step& s, double* condition) {
    const std::string& wrt = s.wrt.empty() ? wrt_ : s.wrt;
    double of = condition_number(ctx_, in_, s.of, wrt);
    bool resolved = resolves(of, kSmallestStep);
    *condition = of;
    std::vector<Expr> stack{s.expr};
    std::set<Expr> seen;
    while (!stack.empty()) {
      Expr e = stack.back();
      stack.pop_back();
      if (!seen.insert(e).second) continue;
      if (e->kind == Kind::Diff && e->kids[0]->kind != Kind::Var) {
        double inner = condition_number(ctx_, in_, e->kids[0], wrt);
        resolved = resolved && resolves(inner, kCompoundStep);
        *condition = std::max(*condition, inner);
        continue;
      }
      for (Expr k : e->kids) stack.push_back(k);
    }
    return resolved;
  }

 private:
  // Per variable: its directions, and an evaluator at the inputs with d(X) along each.
  struct Along {
    std::vector<Matrix> directions;
    std::deque<Instance> moved;
    std::deque<Evaluator> evaluators;
  };

  Along& along(const std::string& wrt) {
    auto it = along_.find(wrt);
    if (it != along_.end()) return it->second;
    Along& a = along_[wrt];
    Rng rng(seed_ * 104729u + 3u + static_cast<std::uint32_t>(along_.size() - 1) * 7u);
    for (int i = 0; i < kDirections; ++i) {
      a.directions.push_back(random_direction(ctx_, in_, wrt, rng));
      a.moved.push_back(in_);
      a.moved.back().differentials[wrt] = a.directions.back();
      a.evaluators.emplace_back(ctx_, a.moved.back());
    }
    return a;
  }

  // The step's value along direction h (the reference estimates adjusted to compare
  // with it), at the inputs (`plain`) and with d(X) = h (`moved`).
  Matrix value_of(const Step& s, Evaluator& plain, Evaluator& moved, const Matrix& h,
                  std::vector<Matrix>* reference) {
    switch (s.form) {
      case Form::Differential:
      case Form::VecDifferential:
        return vec_of(moved.eval(s.expr));
      case Form::Gradient:
        return Matrix::Constant(1, 1, inner(plain.eval(s.expr), h));
      case Form::Derivative:
        return vec_of(plain.eval(s.expr)) * h(0, 0);
      case Form::Jacobian:
        return plain.eval(s.expr) * vec_of(h);
      case Form::SecondDifferential:
        if (reference)
          for (Matrix& r : *reference) r = Matrix::Constant(1, 1, inner(vec_of(h), r));
        return moved.eval(s.expr);
    }
    return Matrix();
  }

  // How much the step's value moves when wrt moves by a few units in the last place:
  // the rounding of evaluating the step itself (terms that cancel under an inverse of
  // an ill-conditioned matrix), below which a disagreement means nothing.
  double value_noise(const Step& s, const std::string& wrt, std::size_t i, const Matrix& value) {
    Along& a = along(wrt);
    Instance plain_in = in_, moved_in = a.moved[i];
    auto x = plain_in.values.find(wrt);
    if (x == plain_in.values.end()) return 0;
    Rng rng(0x5eed + static_cast<std::uint32_t>(i));
    Matrix factors = ulp_factors(x->second, rng, 4);
    x->second = x->second.cwiseProduct(factors);
    moved_in.values[wrt] = moved_in.values[wrt].cwiseProduct(factors);
    Evaluator plain(ctx_, plain_in), moved(ctx_, moved_in);
    Matrix again = value_of(s, plain, moved, a.directions[i], nullptr);
    if (again.size() != value.size()) return 0;
    double noise = (again - value).cwiseAbs().maxCoeff();
    return std::isfinite(noise) ? noise : 0;
  }

  double error(const Step& s, bool quick) {
    const std::string& wrt = s.wrt.empty() ? wrt_ : s.wrt;
    Along& a = along(wrt);
    double worst = 0;
    for (std::size_t i = 0; i < a.directions.size(); ++i) {
      const Matrix& h = a.directions[i];
      std::vector<Matrix> reference = estimates(s, wrt, h, i, quick);
      Matrix value = value_of(s, plain_, a.evaluators[i], h, &reference);
      double scale = floor_of(s.of, wrt, !quick);
      if (!quick) scale = std::max(scale, kNoiseToFloor * value_noise(s, wrt, i, value));
      scale = std::max({scale, value.cwiseAbs().maxCoeff(), reference[0].cwiseAbs().maxCoeff()});
      worst = std::max(worst, closest_error(value, reference, scale));
    }
    return worst;
  }

  // The comparison floor of a step's function (see differences.h), once per function;
  // with f's rounding noise measured only where a quick comparison failed.
  double floor_of(Expr of, const std::string& wrt, bool noise) {
    auto key = std::make_tuple(of, wrt, noise);
    auto it = floors_.find(key);
    if (it != floors_.end()) return it->second;
    return floors_[key] = comparison_floor(ctx_, in_, of, wrt, noise);
  }

  const std::vector<Matrix>& estimates(const Step& s, const std::string& wrt, const Matrix& h,
                                       std::size_t direction, bool quick) {
    auto key = std::make_tuple(s.of, wrt, direction, quick);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    // <g, e> with g held: g's value paired with the differences of e. (Pinning the node g
    // would pin it inside e too: in u = A*x; u'*x, g is x itself, and in H = x*x';
    // x'*H*x it is x*x', H's own definition — the reference was 0.)
    if (s.held && s.of->kind == Kind::Inner && s.of->kids[0] == s.held) {
      Matrix g = vec_of(plain_.eval(s.held));
      std::vector<Matrix> out =
          directional_differences(ctx_, in_, s.of->kids[1], wrt, h, quick ? 1 : 4, {});
      for (Matrix& d : out) d = Matrix::Constant(1, 1, inner(g, vec_of(d)));
      return memo_[key] = out;
    }
    Pins pins;
    if (s.held) pins.push_back({s.held, plain_.eval(s.held)});
    return memo_[key] = directional_differences(ctx_, in_, s.of, wrt, h, quick ? 1 : 4, pins);
  }

  Context& ctx_;
  std::string wrt_;
  Instance in_;
  Evaluator plain_;  // at the inputs
  std::uint32_t seed_;
  std::map<std::string, Along> along_;
  std::map<std::tuple<Expr, std::string, std::size_t, bool>, std::vector<Matrix>> memo_;
  std::map<std::tuple<Expr, std::string, bool>, double> floors_;
};

}  // namespace

// The inputs with every defined name at the value of its definition (in order), except
// the variable itself when it is a defined name (then it is independent).
Instance consistent(Context& ctx, const Derivation& d, const Instance& in) {
  Instance out = in;
  for (const auto& [var, definition] : d.definitions)
    if (var->name != d.wrt) out.values[var->name] = Evaluator(ctx, out).eval(definition);
  return out;
}

StepCheck check_steps(Context& ctx, const Derivation& d, const Instance& in, std::uint32_t seed) {
  StepCheck c;
  Probe probe(ctx, d, consistent(ctx, d, in), seed);
  c.ran = true;
  c.passed = true;
  for (std::size_t i = 0; i < d.steps.size(); ++i) {
    double err = probe.error(d.steps[i]);
    ++c.steps;
    c.max_rel_error = std::max(c.max_rel_error, std::isfinite(err) ? err : INFINITY);
    if (!(err <= kTolerance) && c.passed) {
      c.passed = false;
      c.failed_step = static_cast<int>(i);
      // Too ill-conditioned a function for finite differences to judge the step by.
      c.inconclusive = !probe.judgeable(d.steps[i], &c.condition);
    }
  }
  return c;
}

double step_error(Context& ctx, const Derivation& d, const Step& step, std::uint32_t seed) {
  Instance in;
  std::string which;
  if (!usable_instance(ctx, d.f, d.result, seed, &in, &which)) return -1;
  return Probe(ctx, d, consistent(ctx, d, in), seed).error(step);
}

}  // namespace matcalc
