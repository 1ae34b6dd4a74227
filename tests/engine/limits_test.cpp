// Issue 21: inputs under 4000 characters that cost seconds and gigabytes are refused
// before the work, with a message that says what is too large (the timings are in the
// benchmark's scaling section, not here); huge declarations cost nothing; a check that
// finite differences cannot resolve is inconclusive, never "a bug"; and determinants of
// matrices singular by construction go to the adjugate.
#include <gtest/gtest.h>

#include <string>

#include "api.h"
#include "support.h"

namespace matcalc_test {
namespace {

std::string repeated(const std::string& first, const std::string& each, int n) {
  std::string e = first;
  for (int i = 1; i < n; ++i) e += each;
  return e;
}

TEST(Limits, ADeepKronNestIsRefusedByItsSizeBeforeAnyWork) {
  std::string nest = "x";
  for (int i = 0; i < 150; ++i) nest = "kron(" + nest + ",x)";
  ASSERT_LT(nest.size(), 4000u);
  matcalc::Outcome out = matcalc::derive(derive_request(nest, "x"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "unsupported");
  EXPECT_EQ(out.error.message,
            "the expression is too large: a size in it is the product of 151 sizes "
            "(n*n*n*n*...); the limit is 32");
}

TEST(Limits, AThousandFactorChainUnderCheckIsRefusedByTheProductRulesSize) {
  std::string chain = "x'*" + repeated("X", "*X", 1000) + "*x";
  ASSERT_LT(chain.size(), 4000u);
  matcalc::CheckRequest req;
  req.expr = chain, req.wrt = "X", req.answer = "x*x'";
  matcalc::Outcome out = matcalc::check_answer(req);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "unsupported");
  EXPECT_EQ(out.error.message,
            "the expression is too large to differentiate: by the product rule its "
            "differential has about 1002000 factors (a product of 1002 factors, 1000 of them "
            "with X, gives 1000 terms); the limit is 40000");
}

TEST(Limits, AShorterChainIsStillDerivedAndChecked) {
  // (X^5 + X'^5) x x' ... : every term of the product rule, checked numerically.
  std::string chain = "x'*" + repeated("X", "*X", 5) + "*x";
  matcalc::Outcome out = matcalc::derive(derive_request(chain, "X"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  FdCheck check = fd_check_gradient(chain, "X", out.text, "", 3);
  EXPECT_TRUE(check.ok) << out.text << ": " << check.problem;
}

TEST(Limits, TwoThousandUnusedDeclarationsCostNothingAndTheCheckRuns) {
  std::string decls;
  for (int i = 0; i < 2000; ++i) decls += "v" + std::to_string(i) + ": vector; ";
  matcalc::Outcome out = matcalc::derive(derive_request("x'*A*x", "x", decls));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "(A + A')*x");
  EXPECT_EQ(out.warning, "") << "the numeric check did not run";
}

TEST(Limits, EvaluatingAHugeKronProductIsRefusedWithItsSize) {
  std::string nest = "x";
  for (int i = 0; i < 20; ++i) nest = "kron(" + nest + ",x)";
  matcalc::EvalRequest req;
  req.expr = nest;
  matcalc::Outcome out = matcalc::evaluate(req);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "unsupported");
  EXPECT_NE(out.error.message.find("too large to evaluate"), std::string::npos)
      << out.error.message;
}

// sin of an argument near 50, inside exp: the step that still holds d(sin(...)) is
// evaluated by differences that cannot resolve it (its condition number is about 5e2).
TEST(Conditioning, AnIllConditionedStepIsInconclusiveNotABug) {
  const std::string f = "exp(sin(((2.5.^2 + 1).^(y'*y))^2))";
  matcalc::Outcome out = matcalc::derive(derive_request(f, "y"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning.find("bug"), std::string::npos) << out.warning;
  EXPECT_NE(out.json.find("\"inconclusive\":true"), std::string::npos);
  // The result itself passes its numeric check: only the step's d() is unresolved.
  EXPECT_NE(out.json.find("\"check\":{\"passed\":true"), std::string::npos);
}

// Cookbook (49) has det(X) inv(X)'; a rank-one matrix has no inverse, its adjugate the
// answer: det(z z') is 0 for n > 1, and so is 2 adj(z z') z for n > 2.
TEST(SingularByConstruction, DetOfAKronOfARowAndAColumnGoesToTheAdjugate) {
  matcalc::Outcome out = matcalc::derive(derive_request("det(kron(z', z))", "z"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "2*adj(z*z')*z");
  EXPECT_EQ(out.warning, "");
  EXPECT_NE(out.json.find("d-det-adjugate"), std::string::npos);
  EXPECT_NE(out.json.find("simp-kron-outer"), std::string::npos);
  FdCheck check = fd_check_gradient("det(kron(z', z))", "z", out.text, "", 3);
  EXPECT_TRUE(check.ok) << out.text << ": " << check.problem;
}

TEST(SingularByConstruction, KronOfARowAndAColumnIsTheirOuterProduct) {
  matcalc::Outcome out = matcalc::derive(derive_request("x'*kron(u', v)*y", "u"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  FdCheck check = fd_check_gradient("x'*kron(u', v)*y", "u", out.text, "", 3);
  EXPECT_TRUE(check.ok) << out.text << ": " << check.problem;
}

TEST(SingularByConstruction, LogdetOfARankOneMatrixIsRefused) {
  matcalc::Outcome out = matcalc::derive(derive_request("logdet(z*z')", "z"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "unsupported");
  EXPECT_EQ(out.error.message,
            "logdet(z*z') is -inf everywhere: its argument has rank one, so it is singular "
            "(its determinant is 0)");
}

}  // namespace
}  // namespace matcalc_test
