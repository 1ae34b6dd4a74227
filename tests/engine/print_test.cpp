// Proves the text printer's promise (SPEC section 4: the text output "can be parsed back
// and evaluated by any tool that reads that language"; issue 2: "plain text in the input
// language that parses back to the same tree"): thousands of random well-shaped
// expressions, built through the canonicalising factories from every construct of the
// language, print to text that parses back, prints the same again (a fixpoint), and
// evaluates to the same numbers at the same inputs. Then a few printer cases by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "expr/error.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

using matcalc::to_text;

constexpr std::uint32_t kSeed = 20250101;
constexpr int kExpressions = 3000;

// What goes wrong in a round trip, if anything.
TEST(TextRoundTrip, RandomExpressionsParseBackPrintTheSameAndEvaluateTheSame) {
  std::map<Problem, int> failures;
  int total_failures = 0, not_finite = 0;
  std::set<Kind> kinds;
  for (int i = 0; i < kExpressions; ++i) {
    Universe u;
    ExprGen gen(u, kSeed + i);
    Shape shape = gen.shape();
    Expr e = gen.any(shape, 1 + i % 5);
    for (int k = 0; k <= static_cast<int>(Kind::Diff); ++k)
      if (contains(e, static_cast<Kind>(k))) kinds.insert(static_cast<Kind>(k));
    if (!matcalc::Evaluator(u.ctx(), u.instance(kSeed + i)).eval(e).allFinite()) ++not_finite;
    std::string detail;
    Problem p = round_trip(u, e, kSeed + i, &detail);
    if (p == Problem::None) continue;
    ++total_failures;
    if (++failures[p] <= 4)  // a few of each kind of failure, in full
      ADD_FAILURE() << to_text(u.ctx(), e) << " (shape " << u.ctx().shape_text(e->shape)
                    << ", seed " << kSeed + i << ") " << problem_text(p) << ": " << detail;
  }
  std::string summary;
  for (auto [p, n] : failures) summary += "\n  " + std::to_string(n) + " " + problem_text(p);
  EXPECT_EQ(total_failures, 0) << "of " << kExpressions << " expressions:" << summary;
  // The values of the generated expressions are finite (domains are guarded), so the
  // numeric comparison is not vacuous.
  EXPECT_LE(not_finite, kExpressions / 100);
  // Every kind the text language can express occurred.
  for (Kind k :
       {Kind::Const,    Kind::Var,     Kind::Identity, Kind::Ones,      Kind::Add,   Kind::Mul,
        Kind::Hadamard, Kind::Pow,     Kind::Func,     Kind::Transpose, Kind::Trace, Kind::Det,
        Kind::LogDet,   Kind::Inverse, Kind::Sum,      Kind::Norm1,     Kind::Norm2, Kind::DiagMat,
        Kind::DiagVec,  Kind::Vec,     Kind::Kron})
    EXPECT_TRUE(kinds.count(k)) << "no generated expression contains " << matcalc::kind_name(k);
}

// Each construct on its own, as the root of a scalar expression, so a printer problem
// in a rare construct is not drowned by the mix above.
class ConstructRoundTrip : public ::testing::TestWithParam<Construct> {};

TEST_P(ConstructRoundTrip, FeaturedInRandomScalarExpressions) {
  const Construct& c = GetParam();
  int failures = 0, built = 0;
  for (int i = 0; i < 60; ++i) {
    Universe u;
    std::uint32_t seed = construct_seed(c, kSeed) + i;
    ExprGen gen(u, seed);
    Expr e = gen.scalar_featuring(c, 1 + i % 5);
    if (!e) continue;
    ++built;
    std::string detail;
    Problem p = round_trip(u, e, seed, &detail);
    if (p != Problem::None && ++failures <= 5)
      ADD_FAILURE() << to_text(u.ctx(), e) << " (seed " << seed << ") " << problem_text(p) << ": "
                    << detail;
  }
  EXPECT_GT(built, 30) << "the factories folded " << c.name << " away in most draws";
  EXPECT_EQ(failures, 0);
}

INSTANTIATE_TEST_SUITE_P(EveryConstruct, ConstructRoundTrip, ::testing::ValuesIn(constructs()),
                         ParamName());

// ---- by hand -----------------------------------------------------------------------------

std::string printed(const std::string& expr, const std::string& decls = "") {
  Context ctx;
  return to_text(ctx, matcalc::build_expression(ctx, expr, decls));
}

TEST(TextPrinter, WritesTheInputLanguageWithOnlyTheNeededParentheses) {
  EXPECT_EQ(printed("x'*W*W'*x"), "x'*W*W'*x");  // SPEC section 4's example input
  EXPECT_EQ(printed("(A*B)'"), "B'*A'");
  EXPECT_EQ(printed("(A+B)'"), "(A + B)'");
  EXPECT_EQ(printed("1 - y.*(X*w)"), "1 - y.*(X*w)");
  EXPECT_EQ(printed("x./(y+z)", "z: vector(n)"), "x./(y + z)");
  EXPECT_EQ(printed("a*(b+c)"), "a*(b + c)");
  EXPECT_EQ(printed("-(a+b)"), "-(a + b)");
  EXPECT_EQ(printed("x.^-1"), "1./x");
  EXPECT_EQ(printed("(x+y).^2"), "(x + y).^2");
  EXPECT_EQ(printed("inv(A)'"), "inv(A)'");
  EXPECT_EQ(printed("A/c"), "A/c");
  EXPECT_EQ(printed("kron(A, B)"), "kron(A, B)");
}

TEST(TextPrinter, WritesNumbersTheWayTheyAreUsuallyWritten) {
  // format_number picks the shortest %g that reads back exactly, which writes 2000 as
  // 2e+03; a person writes 2000.
  EXPECT_EQ(printed("2000*x"), "2000*x");
  EXPECT_EQ(printed("12345*x"), "12345*x");
  EXPECT_EQ(printed("0.001*x"), "0.001*x");
  EXPECT_EQ(printed("0.5*x"), "0.5*x");
}

Expr first_ones(Expr e) {
  if (e->kind == Kind::Ones) return e;
  for (Expr k : e->kids)
    if (Expr found = first_ones(k)) return found;
  return nullptr;
}

TEST(TextPrinter, KeepsTheSizeOfOnesWhenNothingElseDeterminesIt) {
  // Printed as "sum(ones)", the size p x q is lost: it re-parses as ones of unknown size.
  Context ctx;
  Expr e = matcalc::build_expression(ctx, "sum(ones(p,q))", "");
  std::string text = to_text(ctx, e);
  Context back;
  Expr ones = first_ones(matcalc::build_expression(back, text, ""));
  ASSERT_NE(ones, nullptr) << text;
  EXPECT_EQ(back.shape_text(ones->shape), "p\u00d7q") << text;
}

}  // namespace
}  // namespace matcalc_test
