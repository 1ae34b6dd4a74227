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
#include "print/typed_latex.h"
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

// Issue 13: the first step of a derivation shows f as typed. Its LaTeX is written from
// the syntax tree, with the LaTeX printer's conventions, KaTeX's spellings and only the
// parentheses precedence needs.
std::string typed(const std::string& program, const std::string& decls = "") {
  Context ctx;
  return matcalc::typed_latex(matcalc::build_program(ctx, program, decls).typed);
}

TEST(TypedLatex, WritesTheExpressionAsTypedWithTheLatexPrintersConventions) {
  EXPECT_EQ(typed("P = M*M'; Q = P - I; f = tr(Q*Q')"),
            "\\operatorname{tr}\\left(Q Q^{\\top}\\right)");  // not tr(Q^2)
  EXPECT_EQ(typed("x'*W*W'*x"), "x^{\\top} W W^{\\top} x");
  EXPECT_EQ(typed("(A*x)'*(A*x)"), "\\left(A x\\right)^{\\top} \\left(A x\\right)");
  EXPECT_EQ(typed("tr(X'*X)"), "\\operatorname{tr}\\left(X^{\\top} X\\right)");
  // The two kinds of product: (AB) ⊙ C needs its parentheses, 2x ⊙ y does not.
  EXPECT_EQ(typed("sum(A*B.*C)", "B: matrix(n,n); C: matrix(n,n)"),
            "\\operatorname{sum}\\left(\\left(A B\\right) \\odot C\\right)");
  EXPECT_EQ(typed("sum((A.*B)*C)", "B: matrix(n,n); C: matrix(n,n)"),
            "\\operatorname{sum}\\left(\\left(A \\odot B\\right) C\\right)");
  EXPECT_EQ(typed("sum(2*x.*y./z)"), "\\operatorname{sum}\\left(2 x \\odot y \\oslash z\\right)");
  // Fractions, powers (element-wise on a vector), signs and norms.
  EXPECT_EQ(typed("x'*x/2 - a/b*x'*x"), "\\frac{x^{\\top} x}{2} - \\frac{a}{b} x^{\\top} x");
  EXPECT_EQ(typed("sum(x.^2) + a.^2 + tr(X^2)"),
            "\\operatorname{sum}\\left(x^{\\circ 2}\\right) + a^{2} + "
            "\\operatorname{tr}\\left(X^{2}\\right)");
  EXPECT_EQ(typed("-x'*x + -a*b - -c"), "-x^{\\top} x + \\left(-a b\\right) - \\left(-c\\right)");
  EXPECT_EQ(typed("norm2(A*x - b)^2 + norm2(X)^2 + norm1(x)"),
            "\\left\\|A x - b\\right\\|_2^{2} + \\left\\|X\\right\\|_F^{2} + "
            "\\left\\|x\\right\\|_1");
  // Inverses, transposes of inverses, determinants, the registry's functions.
  EXPECT_EQ(typed("tr(inv(X)'*A) + logdet(X) + det(X)^-1"),
            "\\operatorname{tr}\\left(X^{-\\top} A\\right) + \\log\\det\\left(X\\right) + "
            "\\det\\left(X\\right)^{-1}");
  EXPECT_EQ(typed("sum(log(sigmoid(W*x))) + sqrt(x'*x)"),
            "\\operatorname{sum}\\left(\\log\\left(\\sigma\\left(W x\\right)\\right)\\right) + "
            "\\sqrt{x^{\\top} x}");
  // Sized constants, kron, names with subscripts and Greek names.
  EXPECT_EQ(typed("x'*eye(n)*x + sum(ones(n)) + sum(kron(A, B)*y)", "x: vector(n)"),
            "x^{\\top} I_{n} x + \\operatorname{sum}\\left(\\mathbf{1}_{n}\\right) + "
            "\\operatorname{sum}\\left(\\left(A \\otimes B\\right) y\\right)");
  EXPECT_EQ(typed("lambda*x_1'*W1*x_1"), "\\lambda x_{1}^{\\top} W_{1} x_{1}");
  // |X| of a matrix reads as its determinant: the entry-wise abs of one is written out.
  EXPECT_EQ(typed("sum(abs(X)) + sum(abs(x)) + abs(a)"),
            "\\operatorname{sum}\\left(\\operatorname{abs}\\left(X\\right)\\right) + "
            "\\operatorname{sum}\\left(\\left|x\\right|\\right) + \\left|a\\right|");
  // Whitespace does not matter; the user's grouping of a product does, where needed.
  EXPECT_EQ(typed("x' * (A + B) *   x"), "x^{\\top} \\left(A + B\\right) x");
  EXPECT_EQ(typed("(x'*A)*x"), "x^{\\top} A x");
}

TEST(TypedLatex, TheTextIsTheSourceWithItsWhitespaceMadeOneSpace) {
  Context ctx;
  matcalc::Program p =
      matcalc::build_program(ctx, "P = M * M'\nQ := P -\n   I;  f = tr( Q*Q' ) ", "");
  ASSERT_EQ(p.definitions.size(), 2u);
  EXPECT_EQ(p.definitions[0].typed.text, "M * M'");
  EXPECT_EQ(p.definitions[1].typed.text, "P - I");
  EXPECT_EQ(p.typed.text, "tr( Q*Q' )");
  matcalc::AsWritten d = matcalc::typed_differential(p.typed);
  EXPECT_EQ(d.text, "d(tr( Q*Q' ))");
  EXPECT_EQ(d.latex, "\\mathrm{d}\\left(\\operatorname{tr}\\left(Q Q^{\\top}\\right)\\right)");
  // A name alone: dx, not d(x).
  EXPECT_EQ(matcalc::typed_differential(matcalc::build_program(ctx, "y", "").typed).latex,
            "\\mathrm{d}y");
}

}  // namespace
}  // namespace matcalc_test
