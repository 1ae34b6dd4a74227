// Proves the derivation engine on inputs nobody wrote by hand (issue 3: "a property test
// generates thousands of random well-shaped scalar expressions (all node kinds, depth up
// to 5, seeded) and checks each derived gradient against finite differences"). For every
// construct of the language, random scalar expressions that contain it are differentiated
// with respect to each of their variables, and every gradient must pass the engine's own
// numeric check (central differences at distinct sizes). One test per construct, so a
// gap in one rule shows as one failing test; Kronecker products (whose dimensions are
// products) are drawn only in their own test, for the same reason.
//
// The generator keeps log, sqrt, inv, det and logdet inside their domains. abs, relu and
// norm1 have kinks: a central difference that straddles one measures a slope the
// gradient does not have, so a failed check at inputs where a kink's argument is within
// 1% of 0 is counted apart (and must stay rare). Any other failed check is a failure; an
// independent check at the same inputs with several step sizes tells whether the gradient
// is wrong or the engine's check misjudged a right one. Each failure prints the
// expression, the variable, the result and the seed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <functional>

#include "derive/derive.h"
#include "expr/error.h"
#include "numeric/check.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

// PROPSEED and PROPCOUNT (environment) run other or more expressions once, off the suite.
const std::uint32_t kSeed = getenv("PROPSEED") ? std::atoi(getenv("PROPSEED")) : 7;
const int kExpressionsPerConstruct = getenv("PROPCOUNT") ? std::atoi(getenv("PROPCOUNT")) : 120;

bool has_kink(Expr e) {
  return e->kind == Kind::Norm1 ||
         (e->kind == Kind::Func && (e->fn() == matcalc::Fn::Abs || e->fn() == matcalc::Fn::Relu ||
                                    e->fn() == matcalc::Fn::Sign));
}

// The inputs the engine's check used.
Instance check_inputs(Context& ctx, Expr f, Expr gradient, std::uint32_t seed) {
  Instance in;
  std::string which;
  matcalc::usable_instance(ctx, f, gradient, seed, &in, &which);
  return in;
}

// Whether some kink of f has an argument within 1% of 0 at these inputs.
bool near_kink(Context& ctx, Expr f, const Instance& in) {
  matcalc::Evaluator ev(ctx, in);
  std::function<bool(Expr)> visit = [&](Expr e) {
    if (has_kink(e)) {
      const Matrix& arg = ev.eval(e->kids[0]);
      if (arg.cwiseAbs().minCoeff() < 1e-2 * std::max(1.0, arg.cwiseAbs().maxCoeff())) return true;
    }
    for (Expr k : e->kids)
      if (visit(k)) return true;
    return false;
  };
  return visit(f);
}

// Why a gradient whose check failed is wrong, or that it is right and the check is not:
// an independent check at the same inputs with several step sizes decides.
std::string failed_check(Context& ctx, Expr f, const std::string& wrt, const matcalc::Derivation& d,
                         const Instance& in, std::uint32_t seed) {
  Matrix g = matcalc::Evaluator(ctx, in).eval(d.result);
  double independent = fd_relative_error(ctx, f, in, wrt, g, seed);
  std::string result = shortened(matcalc::to_text(ctx, d.result));
  std::string numbers = "engine's check " + std::to_string(d.check.max_rel_error) +
                        ", independent check " + std::to_string(independent) + " at " +
                        d.check.sizes;
  if (independent <= 1e-6)
    return "the engine's check fails a right gradient " + result + " (" + numbers + ")";
  return "wrong gradient " + result + " (" + numbers + ")";
}

class DeriveProperty : public ::testing::TestWithParam<Construct> {};

TEST_P(DeriveProperty, EveryGradientOfRandomScalarExpressionsPassesTheNumericCheck) {
  const Construct& c = GetParam();
  const std::uint32_t base = construct_seed(c, kSeed);
  int derivations = 0, inconclusive = 0, at_kinks = 0, failures = 0;
  for (int i = 0; i < kExpressionsPerConstruct; ++i) {
    const std::uint32_t seed = base + i;
    Universe u;
    ExprGen gen(u, seed);
    if (c.kind != Kind::Kron) gen.exclude("kron");
    Expr f = gen.scalar_featuring(c, 1 + i % 5);
    if (!f) continue;
    std::string f_text = matcalc::to_text(u.ctx(), f);
    for (const std::string& wrt : variables_of(f)) {
      ++derivations;
      std::string why;
      try {
        matcalc::DeriveOptions opt;
        opt.seed = seed;
        matcalc::Derivation d = matcalc::derive_gradient(u.ctx(), f, wrt, opt);
        if (d.result->shape != u.ctx().var(wrt)->shape)
          why = "the gradient has shape " + u.ctx().shape_text(d.result->shape);
        else if (d.check.inconclusive)
          ++inconclusive;
        else if (!d.check.passed) {
          Instance in = check_inputs(u.ctx(), f, d.result, seed);
          if (near_kink(u.ctx(), f, in))
            ++at_kinks;
          else
            why = failed_check(u.ctx(), f, wrt, d, in, seed);
        }
      } catch (const matcalc::UserError& e) {
        why = std::string("refused: ") + e.what();
      } catch (const std::exception& e) {
        why = std::string("internal error: ") + e.what();
      }
      if (!why.empty() && ++failures <= 6)
        ADD_FAILURE() << "d/d" << wrt << " of " << shortened(f_text) << " (seed " << seed
                      << "): " << why;
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of " << derivations << " derivations failed";
  EXPECT_GE(derivations, kExpressionsPerConstruct) << "too few expressions contain " << c.name;
  EXPECT_LE(inconclusive, derivations / 20) << "the check could not run on too many inputs";
  // A wrong abs, relu or norm1 rule fails nearly everywhere, not only near kinks.
  EXPECT_LE(at_kinks, derivations / 10) << "too many failed checks near a kink";
}

INSTANTIATE_TEST_SUITE_P(EveryConstruct, DeriveProperty, ::testing::ValuesIn(constructs()),
                         ParamName());

}  // namespace
}  // namespace matcalc_test
