// Every step of every derivation is checked, the way egg's harness re-checks every step
// of an explanation: the worked examples, the rule examples (and one derivation per row
// of the function registry), and random gradients, Hessians and Jacobians. Each step's
// expression is evaluated along random directions against the directional derivative of
// f itself (numeric/step_check.h); a step that disagrees is a bug in a rule. And the
// text of every result reads back, in the input language, to the same shape and value.
#include <gtest/gtest.h>

#include <random>

#include "api.h"
#include "derive/derive.h"
#include "expr/error.h"
#include "json_cases.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

constexpr std::uint32_t kSeed = 90210;

// The step check of a derive outcome's JSON ("step_check":{"ran":..,"passed":..}).
bool steps_pass(const std::string& json) {
  return json.find("\"step_check\":{\"ran\":true,\"passed\":true") != std::string::npos;
}

TEST(EveryStep, OfTheWorkedAndRuleExamplesAgreesWithF) {
  std::vector<JsonCase> cases = read_json_cases(worked_examples_path(MATCALC_SOURCE_DIR));
  for (const JsonCase& c :
       read_json_cases(std::string(MATCALC_SOURCE_DIR) + "/tests/data/rule_examples.json"))
    cases.push_back(c);
  int checked = 0;
  for (const JsonCase& c : cases) {
    matcalc::DeriveRequest req = derive_request(c.at("expr"), c.at("wrt"), c.at("decl"));
    req.hessian = c.count("hessian") && c.at("hessian") == "true";
    if (c.count("layout")) req.layout = c.at("layout");
    matcalc::Outcome out = matcalc::derive(req);
    ASSERT_TRUE(out.ok) << req.expr << ": " << out.error.rendered;
    EXPECT_TRUE(steps_pass(out.json)) << "d/d" << req.wrt << " " << req.expr << ": "
                                      << out.json.substr(out.json.find("\"step_check\""));
    EXPECT_NE(out.json.find("\"simplify\":{\"stopped\":\"fixed-point\""), std::string::npos)
        << "d/d" << req.wrt << " " << req.expr << ": the simplifier ran out of passes";
    ++checked;
  }
  EXPECT_GE(checked, 60);
}

// Each step's text, read back with d(X) (SPEC section 8), has the step's value at the
// Universe's inputs with d(wrt) along a random direction: the text anyone can check is
// the expression the engine checked. Returns what differs, or "".
std::string step_texts_read_back(Universe& u, const matcalc::Derivation& d, std::uint32_t seed) {
  Context& ctx = u.ctx();
  Instance in = u.instance(seed);
  std::mt19937 rng(seed);
  const matcalc::VarInfo* x = ctx.var(d.wrt);
  in.differentials[d.wrt] =
      value_for(*x, in.values.at(d.wrt).rows(), in.values.at(d.wrt).cols(), rng, false);
  for (std::size_t i = 0; i < d.steps.size(); ++i) {
    const matcalc::Step& s = d.steps[i];
    std::string text = matcalc::to_text(ctx, s.expr);
    if (text.size() > 4000) continue;  // longer than the reader accepts
    Expr back;
    try {
      back = matcalc::build_expression(ctx, text, kUniverseDecls, nullptr, true);
    } catch (const matcalc::UserError& e) {
      return "step " + std::to_string(i + 1) + " text " + shortened(text) +
             " does not read back: " + e.what();
    }
    Matrix want = matcalc::Evaluator(ctx, in).eval(s.expr);
    Matrix got = matcalc::Evaluator(ctx, in).eval(back);
    if (!want.allFinite()) continue;
    double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
    bool zero = back->is_const(0) && !want.cwiseAbs().maxCoeff();
    if (!zero && (got.rows() != want.rows() || got.cols() != want.cols() ||
                  !((got - want).cwiseAbs().maxCoeff() <= 1e-7 * scale)))
      return "step " + std::to_string(i + 1) + " text " + shortened(text) +
             " reads back to another value";
  }
  return "";
}

// Derives f by wrt (Hessian when asked) in the Universe and reports what is wrong: a
// step that disagrees with f, or a result whose text does not read back.
std::string problems(Universe& u, Expr f, const std::string& wrt, std::uint32_t seed,
                     bool hessian) {
  matcalc::DeriveOptions opt;
  opt.seed = seed;
  opt.hessian = hessian;
  matcalc::Derivation d;
  try {
    d = matcalc::derive_any(u.ctx(), f, wrt, opt);
  } catch (const matcalc::UserError&) {
    return "";  // refusals are the property tests' concern
  }
  std::string why = step_texts_read_back(u, d, seed);
  for (std::size_t i = 1; i < d.steps.size(); ++i) {  // no step that changes nothing
    const matcalc::Step &a = d.steps[i - 1], &s = d.steps[i];
    if (a.expr == s.expr && a.form == s.form && a.of == s.of && a.wrt == s.wrt &&
        a.of_name == s.of_name)
      why += "step " + std::to_string(i + 1) + " repeats step " + std::to_string(i) + "; ";
  }
  if (d.simplify_stopped != "fixed-point")
    why +=
        "the simplifier stopped on its budget (" + std::to_string(d.simplify_passes) + " passes); ";
  if (d.check.passed && d.step_check.ran && !d.step_check.passed)
    why += "step " + std::to_string(d.step_check.failed_step + 1) + " (" +
           d.steps[d.step_check.failed_step].rules.front() + ") disagrees with f: error " +
           std::to_string(d.step_check.max_rel_error);
  // (a result longer than the reader accepts, 4000 characters, is not read back)
  std::string detail, text = matcalc::to_text(u.ctx(), d.result);
  Problem p = text.size() > 4000 ? Problem::None : round_trip(u, d.result, seed, &detail);
  if (p == Problem::DoesNotParse || p == Problem::ChangesShape ||
      p == Problem::EvaluatesDifferently)
    why += (why.empty() ? "" : "; ") + std::string("result ") + shortened(text) + " " +
           problem_text(p) + " " + detail;
  return why;
}

class EveryStepOfRandom : public ::testing::TestWithParam<Construct> {};

TEST_P(EveryStepOfRandom, GradientsHessiansAndJacobians) {
  const Construct& c = GetParam();
  int derivations = 0, failures = 0;
  for (int i = 0; i < 12; ++i) {
    std::uint32_t seed = construct_seed(c, kSeed) + i;
    Universe u;
    ExprGen gen(u, seed);
    gen.exclude("kron");
    bool jacobian = i % 3 == 2;
    if (jacobian) gen.exclude_without_jacobian();
    Expr f =
        jacobian ? gen.any(Shape{u.n(), matcalc::kDimOne}, 2) : gen.scalar_featuring(c, 1 + i % 4);
    if (!f) continue;
    for (const std::string& wrt : variables_of(f)) {
      ++derivations;
      std::string why = problems(u, f, wrt, seed, !jacobian && i % 3 == 1);
      if (!why.empty() && ++failures <= 5)
        ADD_FAILURE() << "d/d" << wrt << " of " << shortened(matcalc::to_text(u.ctx(), f))
                      << " (seed " << seed << "): " << why;
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of " << derivations;
}

INSTANTIATE_TEST_SUITE_P(EveryConstruct, EveryStepOfRandom, ::testing::ValuesIn(constructs()),
                         ParamName());

}  // namespace
}  // namespace matcalc_test
