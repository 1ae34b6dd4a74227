// Proves gradients against the identities they come from: Matrix Cookbook equations
// (Petersen & Pedersen, version of November 15, 2012; equation numbers in the test
// names) for determinants (49)-(57), inverses (61)-(64), linear and quadratic forms
// (69)-(88) and traces (99)-(111). Each derivation goes through matcalc::derive and must
// pass the engine's own numeric check; its text result must pass this file's
// independent finite-difference check (support.h); and the Cookbook's own form of the
// answer must pass the same check, which keeps the table honest. Then the symmetric-
// variable convention of SPEC section 3 and the length of a textbook derivation.
#include "derive/derive.h"

#include <gtest/gtest.h>

#include "api.h"
#include "parse/frontend.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Identity {
  const char* name;  // Cookbook equation and what it is about
  const char* expr;
  const char* wrt;
  const char* decls;
  const char* cookbook;  // the Cookbook's answer, in the input language
};

const Identity kIdentities[] = {
    // 2.1 Derivatives of a determinant
    {"eq49_det", "det(X)", "X", "", "det(X)*inv(X)'"},
    {"eq51_det_AXB", "det(A*X*B)", "X", "A: matrix(n); B: matrix(n)", "det(A*X*B)*inv(X)'"},
    {"eq57_logdet", "logdet(X)", "X", "", "inv(X)'"},
    {"eq57_logdet_spd", "logdet(X)", "X", "X: spd(n)", "inv(X)"},
    // 2.2 Derivatives of an inverse
    {"eq61_aT_invX_b", "a'*inv(X)*b", "X", "a: vector(n); b: vector(n)", "-inv(X)'*a*b'*inv(X)'"},
    {"eq62_det_invX", "det(inv(X))", "X", "", "-det(inv(X))*inv(X)'"},
    {"eq63_tr_A_invX_B", "tr(A*inv(X)*B)", "X", "", "-(inv(X)*B*A*inv(X))'"},
    {"eq64_tr_inv_X_plus_A", "tr(inv(X + A))", "X", "", "-(inv(X + A)*inv(X + A))'"},
    // 2.4 Derivatives of matrices, vectors and scalar forms
    {"eq69_xT_a", "x'*a", "x", "a: vector(n)", "a"},
    {"eq69_aT_x", "a'*x", "x", "a: vector(n)", "a"},
    {"eq70_aT_X_b", "a'*X*b", "X", "a: vector(n); b: vector(m)", "a*b'"},
    {"eq71_aT_XT_b", "a'*X'*b", "X", "a: vector(n); b: vector(m)", "b*a'"},
    {"eq72_aT_X_a", "a'*X*a", "X", "a: vector(n)", "a*a'"},
    {"eq77_bT_XT_X_c", "b'*X'*X*c", "X", "b: vector(n); c: vector(n)", "X*(b*c' + c*b')"},
    {"eq78_affine_bilinear", "(B*x + b)'*C*(D*x + d)", "x",
     "x: vector(k); b: vector(n); d: vector(m); B: matrix(n,k); C: matrix(n,m); D: matrix(m,k)",
     "B'*C*(D*x + d) + D'*C'*(B*x + b)"},
    {"eq81_xT_B_x", "x'*B*x", "x", "", "(B + B')*x"},
    {"eq82_bT_XT_D_X_c", "b'*X'*D*X*c", "X", "b: vector(n); c: vector(n)", "D'*X*b*c' + D*X*c*b'"},
    {"eq83_quadratic_affine", "(X*b + c)'*D*(X*b + c)", "X", "b: vector(n); c: vector(m)",
     "(D + D')*(X*b + c)*b'"},
    {"eq84_wrt_s", "(x - A*s)'*W*(x - A*s)", "s", "W: symmetric(n)", "-2*A'*W*(x - A*s)"},
    {"eq85_wrt_x", "(x - s)'*W*(x - s)", "x", "W: symmetric(n)", "2*W*(x - s)"},
    {"eq86_wrt_s", "(x - s)'*W*(x - s)", "s", "W: symmetric(n)", "-2*W*(x - s)"},
    {"eq87_wrt_x", "(x - A*s)'*W*(x - A*s)", "x", "W: symmetric(n)", "2*W*(x - A*s)"},
    {"eq88_wrt_A", "(x - A*s)'*W*(x - A*s)", "A", "W: symmetric(n)", "-2*W*(x - A*s)*s'"},
    // 2.5 Derivatives of traces
    {"eq99_tr_X", "tr(X)", "X", "", "I"},
    {"eq100_tr_XA", "tr(X*A)", "X", "", "A'"},
    {"eq101_tr_AXB", "tr(A*X*B)", "X", "", "A'*B'"},
    {"eq102_tr_A_XT_B", "tr(A*X'*B)", "X", "", "B*A"},
    {"eq103_tr_XT_A", "tr(X'*A)", "X", "", "A"},
    {"eq104_tr_A_XT", "tr(A*X')", "X", "", "A"},
    {"eq105_tr_kron_A_X", "tr(kron(A, X))", "X", "A: matrix(m); X: matrix(n)", "tr(A)*I"},
    {"eq106_tr_X2", "tr(X^2)", "X", "", "2*X'"},
    {"eq107_tr_X2_B", "tr(X^2*B)", "X", "", "(X*B + B*X)'"},
    {"eq108_tr_XT_B_X", "tr(X'*B*X)", "X", "", "B*X + B'*X"},
    {"eq109_tr_B_X_XT", "tr(B*X*X')", "X", "", "B*X + B'*X"},
    {"eq110_tr_X_XT_B", "tr(X*X'*B)", "X", "", "B*X + B'*X"},
    {"eq111_tr_X_B_XT", "tr(X*B*X')", "X", "", "X*B' + X*B"},
};

void PrintTo(const Identity& id, std::ostream* os) { *os << id.name; }

class Cookbook : public ::testing::TestWithParam<Identity> {};

TEST_P(Cookbook, TheDerivedGradientPassesBothNumericChecks) {
  const Identity& id = GetParam();
  matcalc::Outcome out = matcalc::derive(derive_request(id.expr, id.wrt, id.decls));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "") << "the engine's own check did not pass for " << out.text;
  FdCheck mine = fd_check_gradient(id.expr, id.wrt, out.text, id.decls, 11);
  EXPECT_TRUE(mine.ok) << "d/d" << id.wrt << " " << id.expr << " = " << out.text << ": "
                       << mine.problem;
}

TEST_P(Cookbook, TheCookbookAnswerPassesTheSameCheck) {
  const Identity& id = GetParam();
  FdCheck check = fd_check_gradient(id.expr, id.wrt, id.cookbook, id.decls, 11);
  EXPECT_TRUE(check.ok) << id.cookbook << ": " << check.problem;
}

INSTANTIATE_TEST_SUITE_P(MatrixCookbook, Cookbook, ::testing::ValuesIn(kIdentities), ParamName());

// ---- the symmetric convention (SPEC section 3) ------------------------------------------

TEST(SymmetricVariable, TheGradientIsTheSymmetricPartAndTheConventionIsStated) {
  // d tr(A S) = <A', dS> = <(A + A')/2, dS> for every symmetric dS.
  const char* decls = "S: symmetric(n)";
  matcalc::Outcome out = matcalc::derive(derive_request("tr(A*S)", "S", decls));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  FdCheck check = fd_check_gradient("tr(A*S)", "S", out.text, decls, 5);
  EXPECT_TRUE(check.ok) << out.text << ": " << check.problem;
  Context ctx;
  Expr g = matcalc::build_expression(ctx, out.text, decls);
  EXPECT_TRUE(g->symmetric()) << out.text << " is not recognisably symmetric";
  EXPECT_NE(out.json.find("2G - diag(diag(G))"), std::string::npos)
      << "the output does not say which convention it shows";
}

TEST(SymmetricVariable, QuadraticFormAndLogdet) {
  for (auto [expr, decls] :
       {std::pair{"x'*S*x", "S: symmetric(n)"}, std::pair{"logdet(S)", "S: spd(n)"},
        std::pair{"tr(inv(S)*A)", "S: spd(n)"}}) {
    matcalc::Outcome out = matcalc::derive(derive_request(expr, "S", decls));
    ASSERT_TRUE(out.ok) << out.error.rendered;
    EXPECT_EQ(out.warning, "") << expr;
    FdCheck check = fd_check_gradient(expr, "S", out.text, decls, 5);
    EXPECT_TRUE(check.ok) << expr << " -> " << out.text << ": " << check.problem;
  }
}

// ---- the shape of a derivation -----------------------------------------------------------

TEST(Steps, ATextbookExampleTakesAFewStepsFromDifferentialToReadOff) {
  // Issue 3: "a textbook example takes about 4-8 steps, not 40".
  for (auto [expr, wrt] : {std::pair{"x'*W*W'*x", "W"}, std::pair{"tr(A*X*B)", "X"},
                           std::pair{"norm2(X*w-y)^2", "w"}, std::pair{"logdet(X)", "X"}}) {
    Context ctx;
    Expr f = matcalc::build_expression(ctx, expr, "");
    matcalc::Derivation d = matcalc::derive_gradient(ctx, f, wrt, {});
    EXPECT_GE(d.steps.size(), 3u) << expr;
    EXPECT_LE(d.steps.size(), 8u) << expr;
    ASSERT_FALSE(d.steps.empty());
    EXPECT_EQ(d.steps.front().rules, std::vector<std::string>{"differential"}) << expr;
    bool read_off = false;
    for (const matcalc::Step& s : d.steps) {
      EXPECT_FALSE(s.rules.empty()) << expr << ": a step without a rule";
      EXPECT_NE(s.expr, nullptr) << expr;
      for (const std::string& r : s.rules) read_off = read_off || r == "read-off";
    }
    EXPECT_TRUE(read_off) << expr;
    EXPECT_TRUE(d.check.passed) << expr;
  }
}

TEST(Result, ADerivativeOfTheVariableItselfIsOne) {
  // f = a: df = da = <1, da>.
  matcalc::Outcome out = matcalc::derive(derive_request("a", "a", ""));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "1");
  EXPECT_EQ(out.warning, "");
}

TEST(Result, AConstantFunctionHasAZeroGradientAndPassesTheCheck) {
  // sum(E - (E' + 2)) = -2 m^2 for every E: the gradient is 0, and central differences
  // of a constant agree with it up to rounding, which the check must allow for.
  for (const char* decls : {"E: matrix(4)", "E: matrix(6)", "E: matrix(8)"})
    for (std::uint32_t seed : {1u, 2u, 3u}) {
      matcalc::Outcome out = matcalc::derive(derive_request("sum(E - (E' + 2))", "E", decls, seed));
      ASSERT_TRUE(out.ok) << out.error.rendered;
      EXPECT_EQ(out.text, "0");
      EXPECT_EQ(out.warning, "") << decls << ", seed " << seed;
    }
}

// Issue 13: textbook forms the identities give (each checked numerically by derive).
TEST(Textbook, IdentitiesGiveTheTextbookForm) {
  const std::pair<const char*, const char*> kCases[][2] = {
      {{"tr(kron(A,X))", "X"}, {"tr(A)*eye(m)", "A: matrix(n); X: matrix(m)"}},
      {{"det(X^3)", "X"}, {"3*det(X^3)*inv(X)'", ""}},
      {{"det(A*X*B)", "X"}, {"det(A*X*B)*inv(X)'", "A: matrix(n); X: matrix(n); B: matrix(n)"}},
      {{"sum(relu(z).*step(z))", "z"}, {"step(z)", ""}},
      {{"x'*inv(A + x*x')*x", "x"},
       {"2*(1 - x'*inv(A + x*x')*x)*inv(A + x*x')*x", "A: symmetric(n)"}},
      {{"det(A + u*v')", "u"}, {"det(A)*inv(A)'*v", "A: matrix(n)"}},
      {{"tr(A*D)", "D"}, {"diag(diag(A))", "A: matrix(n); D: diagonal(n)"}},
      {{"norm2(softmax(W*x) - y)^2", "W"},
       {"2*(diag(softmax(W*x)) - softmax(W*x)*softmax(W*x)')*(softmax(W*x) - y)*x'",
        "W: matrix(k,n)"}},
      {{"det(c*X)", "X"}, {"det(c*X)*inv(X)'", ""}},
      {{"tr(X*inv(X))", "X"}, {"0", ""}},
      {{"a'*X*inv(X)*b", "X"}, {"0", ""}},
      {{"sum(x.*log(x./y))", "x"}, {"log(x./y) + 1", ""}},
      {{"norm2(vec(X))", "X"}, {"X/norm2(X)", ""}},
      {{"tr(kron(A,B)*kron(X,Y))", "X"},
       {"tr(B*Y)*A'", "A: matrix(m); B: matrix(n); X: matrix(m); Y: matrix(n)"}},
      {{"norm2(kron(A,X))^2", "X"}, {"2*norm2(A)^2*X", "A: matrix(m,k); X: matrix(n,p)"}},
      {{"x'*y/(norm2(x)*norm2(y))", "x"}, {"(y - (x'*y)*x/norm2(x)^2)/norm2(x)/norm2(y)", ""}},
      {{"det(X)*tr(A*inv(X))", "X"},
       {"det(X)*(tr(A*inv(X))*I - inv(X)'*A')*inv(X)'", "X: matrix(n); A: matrix(n)"}},
      {{"logdet(X^3)", "X"}, {"3*inv(X)'", ""}},
      {{"sum(y.*log(sigmoid(X*w)) + (1-y).*log(1-sigmoid(X*w)))", "w"},
       {"X'*(y - sigmoid(X*w))", ""}},
      {{"logsumexp(W*x) - y'*W*x", "W"}, {"(softmax(W*x) - y)*x'", ""}},
      {{"y'*diag(x)*diag(x)*y", "x"}, {"2*x.*y.^2", ""}},
      {{"(y'*z + z'*y)*a", "a"}, {"2*y'*z", ""}},
      {{"-y'*log(exp(W*x)/sum(exp(W*x)))", "W"}, {"(sum(y)*softmax(W*x) - y)*x'", ""}},
      {{"x'*A10*x + x'*A2*x", "x"}, {"(A2 + A10 + A2' + A10')*x", ""}},
  };
  for (const auto& c : kCases) {
    matcalc::Outcome out = matcalc::derive(derive_request(c[0].first, c[0].second, c[1].second));
    ASSERT_TRUE(out.ok) << c[0].first << ": " << out.error.rendered;
    EXPECT_EQ(out.text, c[1].first) << c[0].first;
    EXPECT_EQ(out.warning, "") << c[0].first;
  }
}

}  // namespace
}  // namespace matcalc_test
