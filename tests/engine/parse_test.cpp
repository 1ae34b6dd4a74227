// Proves the front end accepts the whole input language of SPEC sections 1 and 2: every
// form of the SPEC table parses to the expected canonical expression and shape; the
// precedence table holds (each case against its explicitly parenthesised reading, and
// against the wrong reading by value); the factories' canonical forms (A'' = A, S' = S,
// scalar broadcast, I and ones sized from context); the naming convention and the
// declarations that override it; and symbolic dimensions inferred from use.
#include <gtest/gtest.h>

#include <memory>

#include "api.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Parsed {
  std::unique_ptr<Context> ctx = std::make_unique<Context>();
  Expr e = nullptr;
  std::string text() const { return matcalc::to_text(*ctx, e); }
  std::string shape() const { return ctx->shape_text(e->shape); }
  std::string var_shape(const std::string& name) const {
    return ctx->shape_text(ctx->var(name)->shape);
  }
  std::string var_kind(const std::string& name) const { return ctx->var(name)->kind; }
};

Parsed parsed(const std::string& expr, const std::string& decls = "") {
  Parsed p;
  p.e = matcalc::build_expression(*p.ctx, expr, decls);
  return p;
}

// ---- every form of SPEC section 1 --------------------------------------------------------

struct Form {
  const char* input;
  const char* decls;
  const char* text;   // the canonical expression, printed
  const char* shape;  // its inferred shape
};

// "×" is U+00D7, as the engine writes shapes.
const Form kForms[] = {
    {"2", "", "2", "1\u00d71"},
    {"0.5", "", "0.5", "1\u00d71"},
    {"1e-3", "", "0.001", "1\u00d71"},
    {"x", "", "x", "n\u00d71"},
    {"W", "", "W", "n\u00d7m"},
    {"sigma_1", "", "sigma_1", "1\u00d71"},
    {"A'", "", "A'", "m\u00d7n"},
    {"A''", "", "A", "n\u00d7m"},
    {"A*B", "", "A*B", "n\u00d7p"},
    {"c*A", "", "c*A", "n\u00d7m"},
    {"A.*B", "", "A.*B", "n\u00d7m"},
    {"A./B", "", "A./B", "n\u00d7m"},
    {"A.^c", "", "A.^c", "n\u00d7m"},
    {"a^b", "", "a^b", "1\u00d71"},
    {"A^2", "", "A^2", "n\u00d7n"},
    {"A^-1", "", "inv(A)", "n\u00d7n"},
    {"A/c", "", "A/c", "n\u00d7m"},
    {"A+B", "", "A + B", "n\u00d7m"},
    {"A-B", "", "A - B", "n\u00d7m"},
    {"-A", "", "-A", "n\u00d7m"},
    {"(A)", "", "A", "n\u00d7m"},
    {"1 - y.*(X*w)", "", "1 - y.*(X*w)", "n\u00d71"},
    {"c*I + A", "", "A + c*I", "n\u00d7n"},
    {"I", "", "eye(n)", "n\u00d7n"},
    {"eye", "", "eye(n)", "n\u00d7n"},
    {"ones", "", "ones(n,m)", "n\u00d7m"},
    {"eye(n)", "", "eye(n)", "n\u00d7n"},
    {"ones(n)", "", "ones(n)", "n\u00d71"},
    {"ones(n,m)", "", "ones(n,m)", "n\u00d7m"},
    {"tr(A)", "", "tr(A)", "1\u00d71"},
    {"det(A)", "", "det(A)", "1\u00d71"},
    {"logdet(S)", "S: spd(n)", "logdet(S)", "1\u00d71"},
    {"inv(A)", "", "inv(A)", "n\u00d7n"},
    {"sum(A)", "", "sum(A)", "1\u00d71"},
    {"norm2(A)", "", "norm2(A)", "1\u00d71"},
    {"norm1(A)", "", "norm1(A)", "1\u00d71"},
    {"diag(v)", "", "diag(v)", "n\u00d7n"},
    {"diag(A)", "", "diag(A)", "n\u00d71"},
    {"exp(A)", "", "exp(A)", "n\u00d7m"},
    {"log(A)", "", "log(A)", "n\u00d7m"},
    {"sin(A)", "", "sin(A)", "n\u00d7m"},
    {"cos(A)", "", "cos(A)", "n\u00d7m"},
    {"tan(A)", "", "tan(A)", "n\u00d7m"},
    {"tanh(A)", "", "tanh(A)", "n\u00d7m"},
    {"sqrt(A)", "", "sqrt(A)", "n\u00d7m"},
    {"abs(A)", "", "abs(A)", "n\u00d7m"},
    {"sigmoid(A)", "", "sigmoid(A)", "n\u00d7m"},
    {"relu(A)", "", "relu(A)", "n\u00d7m"},
    {"softplus(A)", "", "softplus(A)", "n\u00d7m"},
    {"vec(A)", "", "vec(A)", "n*m\u00d71"},
    {"kron(A,B)", "", "kron(A, B)", "n*p\u00d7m*q"},
};

class SpecForm : public ::testing::TestWithParam<Form> {};

TEST_P(SpecForm, ParsesToItsCanonicalExpressionAndShape) {
  const Form& f = GetParam();
  matcalc::Outcome out = matcalc::parse({f.input, f.decls, ""});
  ASSERT_TRUE(out.ok) << f.input << ": " << out.error.rendered;
  EXPECT_EQ(out.text, f.text);
  EXPECT_EQ(parsed(f.input, f.decls).shape(), f.shape);
}

void PrintTo(const Form& f, std::ostream* os) { *os << f.input << " [" << f.decls << "]"; }

INSTANTIATE_TEST_SUITE_P(Section1, SpecForm, ::testing::ValuesIn(kForms));

// ---- precedence, tightest first: ' ; call ; ^ .^ (right) ; unary - ; * .* / ./ ; + - ---

// Values at which each wrong reading of the cases below gives a different number.
constexpr const char* kPrecedenceDecls =
    "a: scalar; b: scalar; c: scalar; x: vector(3); A: matrix(2,3); B: matrix(2,3); "
    "C: matrix(3,2)";

Instance precedence_values() {
  Instance in;
  in.values["a"] = rows({{3}});
  in.values["b"] = rows({{2}});
  in.values["c"] = rows({{0.5}});
  in.values["x"] = rows({{1}, {2}, {4}});
  in.values["A"] = rows({{1, 2, 3}, {4, 5, 6}});
  in.values["B"] = rows({{1, -1, 0}, {2, 3, 1}});
  in.values["C"] = rows({{1, 0}, {-2, 1}, {0, 3}});
  return in;
}

struct Reading {
  const char* input;
  const char* meant;  // the reading the precedence table gives, parenthesised
  const char* wrong;  // the reading it must not be confused with
};

const Reading kReadings[] = {
    {"-a^2", "-(a^2)", "(-a)^2"},
    {"a^b^c", "a^(b^c)", "(a^b)^c"},
    {"2^3^2", "2^(3^2)", "(2^3)^2"},
    {"A'*C'", "(A')*(C')", "A*C"},
    {"A'*B", "(A')*B", "(A*B')'"},
    {"2*-x", "2*(-x)", "2*x"},
    {"x.^-1", "x.^(-1)", "x"},
    {"A.'", "A'", "A"},
    {"a-b-c", "(a-b)-c", "a-(b-c)"},
    {"a/b/c", "(a/b)/c", "a/(b/c)"},
    {"a/b*c", "(a/b)*c", "a/(b*c)"},
    {"a+b*c", "a+(b*c)", "(a+b)*c"},
    {"-a*b+c", "((-a)*b)+c", "-(a*b+c)"},
    {"exp(a)^2", "(exp(a))^2", "exp(a^2)"},
    {"A*B'", "A*(B')", "(A'*B)'"},
    {"a*b^c", "a*(b^c)", "(a*b)^c"},
    {"x.^2'", "x.^(2')", "(x.^2)'"},  // ' binds tighter than .^
};

class Precedence : public ::testing::TestWithParam<Reading> {};

TEST_P(Precedence, ReadsAsTheSpecTableSays) {
  const Reading& r = GetParam();
  Context ctx;
  Expr input = matcalc::build_expression(ctx, r.input, kPrecedenceDecls);
  Expr meant = matcalc::build_expression(ctx, r.meant, kPrecedenceDecls);
  Expr wrong = matcalc::build_expression(ctx, r.wrong, kPrecedenceDecls);
  EXPECT_EQ(input, meant) << r.input << " is " << matcalc::to_text(ctx, input) << ", not "
                          << matcalc::to_text(ctx, meant);
  Instance in = precedence_values();
  Matrix got = matcalc::Evaluator(ctx, in).eval(input);
  Matrix other = matcalc::Evaluator(ctx, in).eval(wrong);
  bool differs = got.rows() != other.rows() || got.cols() != other.cols() ||
                 (got - other).cwiseAbs().maxCoeff() > 1e-9;
  EXPECT_TRUE(differs) << "the test values do not tell " << r.input << " from " << r.wrong;
}

void PrintTo(const Reading& r, std::ostream* os) { *os << r.input; }

INSTANTIATE_TEST_SUITE_P(Section1, Precedence, ::testing::ValuesIn(kReadings));

// ---- canonical forms ----------------------------------------------------------------------

TEST(CanonicalForm, DoubleTransposeIsTheMatrix) {
  Context ctx;
  EXPECT_EQ(matcalc::build_expression(ctx, "A''", ""), matcalc::build_expression(ctx, "A", ""));
  EXPECT_EQ(parsed("(A*B)''").text(), "A*B");
}

TEST(CanonicalForm, TransposeOfASymmetricMatrixIsTheMatrix) {
  EXPECT_EQ(parsed("S'", "S: symmetric(n)").text(), "S");
  EXPECT_EQ(parsed("S'", "S: spd(n)").text(), "S");
  EXPECT_EQ(parsed("inv(S)'", "S: spd(n)").text(), "inv(S)");
  EXPECT_EQ(parsed("(A*A')'").text(), "A*A'");  // recognised symmetric
  EXPECT_EQ(parsed("S'").text(), "S'");         // S by convention is just a matrix
}

TEST(CanonicalForm, TransposesArePushedThroughProducts) {
  EXPECT_EQ(parsed("(A*B)'").text(), "B'*A'");
  EXPECT_EQ(parsed("(x'*A)'").text(), "A'*x");
}

TEST(CanonicalForm, AScalarAddedToAVectorOrMatrixIsAddedToEveryEntry) {
  Parsed p = parsed("1 - y.*(X*w)");
  EXPECT_EQ(p.shape(), "n\u00d71");
  EXPECT_EQ(p.var_shape("X"), "n\u00d7m");
  EXPECT_EQ(p.var_shape("w"), "m\u00d71");
  // By value: 1 - y.*(X*w) at concrete inputs.
  Context ctx;
  Expr e = matcalc::build_expression(ctx, "1 - y.*(X*w)", "X: matrix(2,2)");
  Instance in;
  in.values["y"] = rows({{2}, {3}});
  in.values["X"] = rows({{1, 0}, {0, 1}});
  in.values["w"] = rows({{5}, {-1}});
  Matrix v = matcalc::Evaluator(ctx, in).eval(e);
  EXPECT_EQ(v, rows({{1 - 2 * 5}, {1 - 3 * -1}}));
}

TEST(CanonicalForm, IdentityAndOnesTakeTheirSizeFromContext) {
  Parsed sum = parsed("A + I");
  EXPECT_EQ(sum.var_shape("A"), "n\u00d7n");  // I made A square
  Parsed product = parsed("x'*ones*z");
  EXPECT_EQ(product.shape(), "1\u00d71");
  Parsed named = parsed("x'*eye(k)*x");
  EXPECT_EQ(named.var_shape("x"), "k\u00d71");
  EXPECT_EQ(parsed("ones(n,m)*z").var_shape("z"), "m\u00d71");
  EXPECT_EQ(parsed("ones(3,2)").shape(), "3\u00d72");
  EXPECT_EQ(parsed("A*I").text(), "A");  // an identity in a product changes nothing
}

TEST(CanonicalForm, LikeTermsAreCollectedAndZerosDropped) {
  EXPECT_EQ(parsed("x + x").text(), "2*x");
  EXPECT_EQ(parsed("2*x + 3*x").text(), "5*x");
  EXPECT_EQ(parsed("0*A + B").text(), "B");
  EXPECT_EQ(parsed("A^0").text(), "eye(n)");  // alone, I prints with its size
  EXPECT_EQ(parsed("A^3").text(), "A^3");     // a chain X*X*X, printed as the power it is
  EXPECT_EQ(parsed("2^3^2").text(), "512");
}

// ---- declarations and the naming convention (SPEC section 2) ------------------------------

TEST(NamingConvention, AToGAreScalarsHToZVectorsCapitalsMatrices) {
  for (const char* name : {"a", "b", "g", "alpha", "c_2"})
    EXPECT_EQ(parsed(name).var_kind(name), "scalar") << name;
  for (const char* name : {"h", "x", "z", "w2", "y_hat"})
    EXPECT_EQ(parsed(name).var_kind(name), "vector") << name;
  for (const char* name : {"A", "W", "Z", "W1", "Sigma"})
    EXPECT_EQ(parsed(name).var_kind(name), "matrix") << name;
}

// Issue 18: Greek names follow SPEC 6 in plain input too: lower-case Greek a scalar,
// capital Greek a matrix; transposed, or right after a matrix, a lower-case one is the
// vector it must be (theta'*x, X*beta), as the LaTeX reader reads \theta^T x and X\beta.
TEST(NamingConvention, GreekNamesAreScalarsAndMatricesAsInLatex) {
  for (const char* name : {"lambda", "mu", "sigma_1", "theta", "eta2", "omega"})
    EXPECT_EQ(parsed(name).var_kind(name), "scalar") << name;
  for (const char* name : {"Lambda", "Sigma_0", "Omega"})
    EXPECT_EQ(parsed(name).var_kind(name), "matrix") << name;
  EXPECT_EQ(parsed("theta'*x").var_kind("theta"), "vector");
  EXPECT_EQ(parsed("norm2(X*beta - y)").var_kind("beta"), "vector");
  EXPECT_EQ(parsed("lambda*norm2(w)^2").var_kind("lambda"), "scalar");
  EXPECT_EQ(parsed("x'*x*mu").var_kind("mu"), "scalar");
}

TEST(Declarations, OverrideTheConvention) {
  EXPECT_EQ(parsed("x", "x: scalar").var_kind("x"), "scalar");
  EXPECT_EQ(parsed("a", "a: vector(n)").var_shape("a"), "n\u00d71");
  EXPECT_EQ(parsed("W", "W: matrix(n,m)").var_shape("W"), "n\u00d7m");
  EXPECT_EQ(parsed("Q", "Q: matrix(n)").var_shape("Q"), "n\u00d7n");
  EXPECT_EQ(parsed("A", "A: matrix(3,4)").var_shape("A"), "3\u00d74");
  EXPECT_EQ(parsed("c", "c: scalar").var_kind("c"), "scalar");
}

TEST(Declarations, KindsCarryTheirProperties) {
  Parsed p = parsed("S + P + D", "S: symmetric(n); P: spd(n); D: diagonal(n)");
  EXPECT_EQ(p.var_kind("S"), "symmetric");
  EXPECT_EQ(p.var_kind("P"), "spd");
  EXPECT_EQ(p.var_kind("D"), "diagonal");
  EXPECT_TRUE(p.ctx->var("S")->props & matcalc::kSymmetric);
  EXPECT_TRUE(p.ctx->var("P")->props & matcalc::kPosDef);
  EXPECT_TRUE(p.ctx->var("D")->props & matcalc::kDiagonal);
  EXPECT_TRUE(p.e->symmetric());  // a sum of symmetric matrices
}

TEST(Declarations, SemicolonsCommasAndNewlinesSeparate) {
  for (const char* decls :
       {"x: vector(n); W: matrix(n,m); y: vector(m)", "x: vector(n), W: matrix(n,m), y: vector(m)",
        "x: vector(n)\nW: matrix(n,m)\ny: vector(m)"}) {
    Parsed p = parsed("x'*W*y", decls);
    EXPECT_EQ(p.var_shape("W"), "n\u00d7m") << decls;
    EXPECT_EQ(p.var_shape("y"), "m\u00d71") << decls;
  }
}

TEST(Declarations, DimensionsLeftOutAreInferred) {
  EXPECT_EQ(parsed("W*x", "W: matrix; x: vector(k)").var_shape("W"), "n\u00d7k");
  EXPECT_EQ(parsed("x'*A", "x: vector; A: matrix(3,4)").var_shape("x"), "3\u00d71");
}

TEST(Declarations, ADeclaredButUnusedVariableIsKnown) {
  Parsed p = parsed("x'*x", "y: vector(n)");
  ASSERT_NE(p.ctx->var("y"), nullptr);
  EXPECT_EQ(p.var_shape("y"), "n\u00d71");
}

// ---- symbolic dimensions ------------------------------------------------------------------

TEST(Dimensions, AreUnifiedFromUse) {
  Parsed p = parsed("x'*W*y");
  EXPECT_EQ(p.var_shape("x"), "n\u00d71");
  EXPECT_EQ(p.var_shape("W"), "n\u00d7m");
  EXPECT_EQ(p.var_shape("y"), "m\u00d71");
  Parsed chain = parsed("tr(A*B*C)");
  EXPECT_EQ(chain.var_shape("A"), "n\u00d7m");
  EXPECT_EQ(chain.var_shape("B"), "m\u00d7p");
  EXPECT_EQ(chain.var_shape("C"), "p\u00d7n");
  EXPECT_EQ(parsed("x'*A*x").var_shape("A"), "n\u00d7n");
  EXPECT_EQ(parsed("det(X)").var_shape("X"), "n\u00d7n");
  EXPECT_EQ(parsed("diag(v)*A").var_shape("A"), "n\u00d7m");
}

TEST(Dimensions, NamedDimensionsAreKeptAndFreshOnesAvoidThem) {
  Parsed named = parsed("x'*W", "x: vector(k)");
  EXPECT_EQ(named.var_shape("W"), "k\u00d7n");
  Parsed avoid = parsed("x'*W*y", "y: vector(n)");  // n is taken: x's dimension is m
  EXPECT_EQ(avoid.var_shape("x"), "m\u00d71");
  EXPECT_EQ(avoid.var_shape("W"), "m\u00d7n");
  Parsed rigid = parsed("x'*W*y", "W: matrix(p,q)");
  EXPECT_EQ(rigid.var_shape("x"), "p\u00d71");
  EXPECT_EQ(rigid.var_shape("y"), "q\u00d71");
}

TEST(Dimensions, ProductsForVecAndKron) {
  EXPECT_EQ(parsed("vec(A)").shape(), "n*m\u00d71");
  EXPECT_EQ(parsed("kron(A,B)").shape(), "n*p\u00d7m*q");
  EXPECT_EQ(parsed("vec(X)'*vec(Y)", "X: matrix(n,m); Y: matrix(n,m)").shape(), "1\u00d71");
  EXPECT_EQ(parsed("tr(kron(A,B))", "A: matrix(n); B: matrix(m)").shape(), "1\u00d71");
}

}  // namespace
}  // namespace matcalc_test
