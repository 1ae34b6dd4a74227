// The LaTeX reader (SPEC section 6): every form the SPEC lists, read into the plain
// language and compared by its canonical reading with the plain form written by hand;
// the seed question of the LaTeX issue; each refusal with its message and span; and a
// property: whatever the engine's own LaTeX printer writes reads back to an expression
// with the same value.
#include "parse/latex_reader.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api.h"
#include "expr/error.h"
#include "parse/frontend.h"
#include "print/latex.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

using matcalc::read_latex;

// The canonical reading of a program (its objective) in a fresh Context.
std::string reading(const std::string& text, const std::string& decls) {
  Context ctx;
  matcalc::Program p = matcalc::build_program(ctx, text, decls);
  return matcalc::to_text(ctx, p.objective);
}

struct Form {
  const char* tex;
  const char* plain;       // the same question in the plain language
  const char* decls = "";  // what the reader should declare (also given to the plain form)
  const char* wrt = "";
};

// SPEC section 6, form by form.
const Form kForms[] = {
    {"x^T W W^T x", "x'*W*W'*x"},
    {"{ x }^{ T }W{ W }^{ T }x", "x'*W*W'*x"},
    {"\\mathbf{a}^\\top X \\mathbf{b}", "a'*X*b", "a: vector; b: vector"},
    {"x^{\\top}Ax + x^{T}b + x^\\intercal c + x'd", "x'*A*x + x'*b + x'*c + x'*d"},
    {"\\operatorname{tr}((MM^T - I)(MM^T - I)^T)", "tr((M*M' - I)*(M*M' - I)')"},
    {"\\mathrm{tr}(A) + \\text{tr}(B) + \\operatorname{Tr}(C)", "tr(A) + tr(B) + tr(C)"},
    {"tr(A) + det(B) + diag(x)^T y", "tr(A) + det(B) + diag(x)'*y"},
    {"\\|Xw - y\\|^2", "norm2(X*w - y)^2"},
    {"\\left\\| Xw - y \\right\\|_2^2", "norm2(X*w - y)^2"},
    {"\\|X\\|_F^2 + \\|x\\|^2_2", "norm2(X)^2 + norm2(x)^2"},
    {"\\|x\\|_1 + ||y||_2", "norm1(x) + norm2(y)"},
    {"\\lVert x \\rVert + |a|", "norm2(x) + abs(a)"},
    {"\\sigma(X^\\top a)", "sigmoid(X'*a)"},
    {"\\log\\det X + \\log\\det(Y) + \\log|Z|", "logdet(X) + logdet(Y) + logdet(Z)"},
    {"\\det(X) + \\det X", "2*det(X)"},
    {"x^T X^{-1} y + x^T X^{-T} y", "x'*inv(X)*y + x'*inv(X)'*y"},
    {"A \\odot B + A \\circ B", "2*A.*B"},
    {"A \\oslash B", "A./B"},
    {"A \\otimes B", "kron(A, B)"},
    {"\\frac{1}{2} x^T A x + \\frac{a}{b}", "(1)/(2)*x'*A*x + (a)/(b)"},
    {"\\tfrac{1}{2}a + \\dfrac{a+b}{c} + \\frac12 b", "0.5*a + (a+b)/c + 0.5*b"},
    {"a \\cdot b + a \\times b", "2*a*b"},
    {"\\left( a + b \\right) \\left[ a - b \\right] \\big( c \\big)", "(a+b)*(a-b)*c"},
    {"a\\,b + a\\;b + a\\!b + a\\quad b", "4*a*b"},
    {"\\lambda \\Sigma + \\alpha", "lambda*Sigma + alpha", ""},
    {"x_1^T W_{2} x_1", "x_1'*W_2*x_1"},
    {"\\mathbf{w}_k^T x", "w_k'*x", "w_k: vector"},
    {"2Ax", "2*A*x"},
    {"MM^T", "M*M'"},
    {"x^TWW^Tx", "x'*W*W'*x"},
    {"ab + xy^T", "a*b + x*y'"},
    {"\\exp(a) + \\log a + \\ln b + \\sin a + \\cos a + \\tanh a",
     "exp(a) + log(a) + log(b) + sin(a) + cos(a) + tanh(a)"},
    {"e^{a} + \\sqrt{b}", "exp(a) + sqrt(b)"},
    {"\\operatorname{diag}(x)", "diag(x)"},
    {"\\operatorname{vec}(X)^T \\operatorname{vec}(Y)", "vec(X)'*vec(Y)"},
    {"\\operatorname{softmax}(x)^T \\operatorname{relu}(y)", "softmax(x)'*relu(y)"},
    {"\\sum_i x_i", "sum(x)"},
    {"\\sum_{i=1}^{n} x_i y_i", "sum(x.*y)"},
    {"\\mathbf{1}^T x", "ones'*x"},
    {"x^T (I + \\mathbf{I} + \\mathbb{I}) x", "x'*(3*I)*x"},
    {"\\mathbf{x}^T \\boldsymbol{x} + \\vec{x}^T \\bm{x}", "2*x'*x", "x: vector"},
    {"\\mathbf{W} x", "W*x", "W: matrix"},
    {"P = MM^T, Q := P - I; f \\equiv \\operatorname{tr}(QQ^T)",
     "P = M*M'; Q = P - I; f = tr(Q*Q')"},
    {"P = MM^T \\\\ f = tr(P)", "P = M*M'; f = tr(P)"},
    {"P = MM^T\nf = tr(P)", "P = M*M'; f = tr(P)"},
    {"P = MM^T,\\ f = tr(P)", "P = M*M'; f = tr(P)"},
    {"P = MM^T,\\quad f = tr(P)", "P = M*M'; f = tr(P)"},
    {"f = x^T A x\n  + b^T x", "f = x'*A*x + b'*x"},
    {"f = tr(P), \\text{ where } P = MM^T", "P = M*M'; f = tr(P)"},
    {"\\frac{\\partial\\, x^T W W^T x}{\\partial W}", "x'*W*W'*x", "", "W"},
    {"\\frac{\\partial}{\\partial W} (x^TWW^Tx)", "x'*W*W'*x", "", "W"},
    {"\\frac{d(x^TWW^Tx)}{dW}", "x'*W*W'*x", "", "W"},
    {"\\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW }", "x'*W*W'*x", "", "W"},
    {"\\frac{\\mathrm{d}}{\\mathrm{d}x} x^Tx", "x'*x", "", "x"},
    {"\\nabla_W \\operatorname{tr}(W)", "tr(W)", "", "W"},
    {"\\nabla_{\\mathbf{x}} (\\mathbf{x}^T A \\mathbf{x})", "x'*A*x", "x: vector", "x"},
    {"\\partial (x^TAx) / \\partial x", "x'*A*x", "", "x"},
    {"\\frac{\\partial f}{\\partial X}, f = tr(X^TX)", "f = tr(X'*X)", "", "X"},
    {"f = tr(X^TX), \\frac{\\partial f}{\\partial X} = ?", "f = tr(X'*X)", "", "X"},
    {"f(X) = tr(X^TX)", "f = tr(X'*X)", "", "X"},
    {"l(w) = \\|Xw - y\\|^2 + \\lambda \\|w\\|^2", "l = norm2(X*w - y)^2 + lambda*norm2(w)^2", "",
     "w"},
    {"\\nabla_X f(X), \\text{where } f(X) = \\log\\det X", "f = logdet(X)", "", "X"},
    {"X \\in \\mathbb{R}^{m\\times n}, x \\in \\mathbb{R}^n, c \\in \\mathbb{R}, c x^T X^T X x",
     "c*x'*X'*X*x", "X: matrix(m,n); x: vector(n); c: scalar"},
    {"\\mathbf{a,b}\\in {{R}^{m\\times 1}}, a^Tb", "a'*b", "a: vector(m); b: vector(m)"},
    {"a, b \\in \\mathbb{R}^n, S \\in \\mathbb{S}^n_{++}, a^T S b", "a'*S*b",
     "a: vector(n); b: vector(n); S: spd(n)"},
    {"$x^TAx$?", "x'*A*x"},
    {"\\(x^TAx\\).", "x'*A*x"},
    {"\\[ x^T A x \\]", "x'*A*x"},
    {"x^T A^{-1} x \\cdot \\operatorname{tr}(A^2)", "x'*inv(A)*x*tr(A^2)"},
    {"X^{\\circ 2} + X^{\\circ -\\frac{1}{2}}", "X.^2 + X.^(-1/2)"},
    {"\\sum_i \\log(1 + \\exp(-y_i (Xw)_i))", "sum(log(1 + exp(-y.*(X*w))))"},
    {"\\langle A, B \\rangle", "sum(A.*B)"},
    {"\\hat{y}^T y", "y_hat'*y"},
    {"\\begin{aligned} P &= MM^T \\\\ f &= tr(P) \\end{aligned}", "P = M*M'; f = tr(P)"},
    {"x \\equiv 2y, x^T x", "x = 2*y; x'*x"},
};

// Every span of the reading's trees lies in the LaTeX read.
void expect_spans_inside(const matcalc::LatexReading& r, const std::string& tex) {
  int n = static_cast<int>(tex.size());
  std::function<void(const matcalc::Ast&)> walk = [&](const matcalc::Ast& a) {
    EXPECT_TRUE(a.span.begin >= 0 && a.span.begin <= a.span.end && a.span.end <= n)
        << a.span.begin << ".." << a.span.end;
    for (const matcalc::AstPtr& k : a.kids) walk(*k);
  };
  EXPECT_FALSE(r.statements.empty());
  for (const matcalc::Statement& s : r.statements) walk(*s.expr);
}

TEST(LatexReader, ReadsEveryFormOfSpec6) {
  for (const Form& f : kForms) {
    SCOPED_TRACE(f.tex);
    matcalc::LatexReading r;
    try {
      r = read_latex(f.tex);
    } catch (const matcalc::UserError& e) {
      ADD_FAILURE() << "refused: " << e.what() << " at " << e.begin;
      continue;
    }
    expect_spans_inside(r, f.tex);
    EXPECT_EQ(r.decls, f.decls) << r.text;
    EXPECT_EQ(r.wrt, f.wrt) << r.text;
    try {
      EXPECT_EQ(reading(r.text, r.decls), reading(f.plain, f.decls)) << r.text;
    } catch (const matcalc::UserError& e) {
      ADD_FAILURE() << r.text << ": " << e.what();
    }
  }
}

// The seed question of the LaTeX issue, read exactly.
TEST(LatexReader, SeedQuestionReadsAsAProgram) {
  matcalc::LatexReading r = read_latex(
      "\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=\\sigma(\\mathbf{v}),\\ "
      "\\mathbf{w}^T\\mathbf{w}");
  EXPECT_EQ(r.text, "v = X'*a\nw = sigmoid(v)\nw'*w");
  EXPECT_EQ(r.decls, "X: matrix; a: vector");  // v and w are defined, not declared
  EXPECT_EQ(r.wrt, "");
}

TEST(LatexReader, ExactTexts) {
  EXPECT_EQ(read_latex("\\frac{\\partial\\, x^T W W^T x}{\\partial W}").text, "x'*W*W'*x");
  EXPECT_EQ(read_latex("\\frac{1}{2}\\|Xw - y\\|^2").text, "1/2*norm2(X*w - y)^2");
  EXPECT_EQ(read_latex("X^{-T}").text, "(X^-1)'");
  EXPECT_EQ(read_latex("A \\otimes B C \\otimes D").text, "kron(kron(A, B*C), D)");
  EXPECT_EQ(read_latex("a/bc").text, "a/(b*c)");
  // \sum without an index sums the entries; its products stay matrix products.
  EXPECT_EQ(read_latex("\\sum(\\sigma(W x))").text, "sum(sigmoid(W*x))");
  EXPECT_EQ(read_latex("\\sum_i x_i y_i").text, "sum(x.*y)");
  // A Greek name right after a matrix is the vector it multiplies (X\beta, W\theta).
  EXPECT_EQ(read_latex("\\|y - X\\beta\\|^2").decls, "beta: vector");
  // definitions come before their uses, the question last
  EXPECT_EQ(read_latex("f = tr(Q), Q = P - I, P = MM^T").text, "P = M*M'\nQ = P - I\nf = tr(Q)");
  matcalc::LatexReading r = read_latex("\\nabla_W f");
  EXPECT_EQ(r.wrt_span.begin, 7);
  EXPECT_EQ(r.wrt_span.end, 8);
}

// Readings as people write questions, exactly: the text, what the reader declares, the
// variable the question names.
struct Reading {
  const char* tex;
  const char* text;
  const char* decls = "";
  const char* wrt = "";
};

void expect_readings(const std::vector<Reading>& readings) {
  for (const Reading& f : readings) {
    SCOPED_TRACE(f.tex);
    try {
      matcalc::LatexReading r = read_latex(f.tex);
      EXPECT_EQ(r.text, f.text);
      EXPECT_EQ(r.decls, f.decls);
      EXPECT_EQ(r.wrt, f.wrt);
      expect_spans_inside(r, f.tex);
    } catch (const matcalc::UserError& e) {
      ADD_FAILURE() << "refused: " << e.what() << " at " << e.begin;
    }
  }
}

// |X| of a matrix is its determinant, as in the Matrix Cookbook and textbooks (and
// \log|X| the log-determinant); of a scalar or a vector it is abs. The reader knows names,
// not shapes: the content is a matrix by its names (declarations in the question,
// typography, definitions, then the naming convention) combined as shapes combine.
TEST(LatexReader, BarsAroundAMatrixAreItsDeterminant) {
  expect_readings({
      {"\\frac{\\partial |X|}{\\partial X}", "det(X)", "", "X"},
      {"|AXB|", "det(A*X*B)"},
      {"|X^\\top X|", "det(X'*X)"},
      {"\\left| X \\right| + \\lvert Y \\rvert + \\vert Z \\vert", "det(X) + det(Y) + det(Z)"},
      {"|\\mathbf{X}|", "det(X)", "X: matrix"},
      {"|\\Sigma|", "det(Sigma)", ""},
      {"|\\lambda I - A|", "det(lambda*I - A)", ""},
      {"|I + xx^T|", "det(I + x*x')"},
      {"|X^{-1}| + |2X|", "det(X^-1) + det(2*X)"},
      {"|X|^2", "det(X)^2"},
      {"\\log|X| + \\ln\\left|\\Sigma\\right|", "logdet(X) + logdet(Sigma)", ""},
      {"S = X^T X, \\log|S|", "S = X'*X\nlogdet(S)"},
      {"x \\in \\mathbb{R}^{n\\times n}, |x|", "det(x)", "x: matrix(n,n)"},
      // scalars and vectors keep abs
      {"|x|", "abs(x)"},
      {"|a - b|", "abs(a - b)"},
      {"|\\mathbf{a}|", "abs(a)", "a: vector"},
      {"|x^T A x| + |Ax|", "abs(x'*A*x) + abs(A*x)"},
      {"\\log|x| + \\log|a|", "log(abs(x)) + log(abs(a))"},
      {"X \\in \\mathbb{R}^n, |X|", "abs(X)", "X: vector(n)"},
      {"|\\operatorname{tr}(X)|", "abs(tr(X))"},
      // norms are not bars
      {"\\|X\\|_F + ||x|| + \\left\\| A \\right\\|", "norm2(X) + norm2(x) + norm2(A)"},
  });
}

// ReLU, softmax, sigmoid, logsumexp in any spelling and capitalisation; \max(0, x) is the
// ReLU.
TEST(LatexReader, ActivationsInAnySpelling) {
  expect_readings({
      {"\\mathrm{ReLU}(Wx)", "relu(W*x)"},
      {"\\operatorname{ReLU}(Wx)", "relu(W*x)"},
      {"\\text{ReLU}(Wx)", "relu(W*x)"},
      {"\\mathrm{Relu}(Wx) + \\operatorname{relu}(Wx) + \\ReLU(Wx)",
       "relu(W*x) + relu(W*x) + relu(W*x)"},
      {"ReLU(Wx)", "relu(W*x)"},
      {"\\max(0, Wx) + \\max(Wx, 0)", "relu(W*x) + relu(W*x)"},
      {"\\max\\{0, Wx - b\\} + \\max\\left(0, x\\right) + max(0, x)",
       "relu(W*x - b) + relu(x) + relu(x)"},
      {"\\sum_i \\max(0, 1 - y_i z_i)", "sum(relu(1 - y.*z))"},
      {"\\mathrm{softmax}(x) + \\operatorname{Softmax}(y)", "softmax(x) + softmax(y)"},
      {"\\operatorname{sigmoid}(x) + \\mathrm{Sigmoid}(y) + \\sigma(z)",
       "sigmoid(x) + sigmoid(y) + sigmoid(z)"},
      {"\\tanh(x) + \\operatorname{Tanh}(y)", "tanh(x) + tanh(y)"},
      {"\\operatorname{LSE}(x) + \\operatorname{logsumexp}(y) + \\mathrm{LogSumExp}(z)",
       "logsumexp(x) + logsumexp(y) + logsumexp(z)"},
      {"\\operatorname{Tr}(A) + \\operatorname{TR}(B) + \\mathrm{Det}(C)",
       "tr(A) + tr(B) + det(C)"},
      {"\\operatorname{abs}(X)", "abs(X)"},
  });
}

// a \cdot x between two vectors is their dot product; otherwise \cdot is a product.
TEST(LatexReader, CdotBetweenTwoVectorsIsTheDotProduct) {
  expect_readings({
      {"\\mathbf{a} \\cdot \\mathbf{x}", "a'*x", "a: vector; x: vector"},
      {"\\nabla_x\\, \\mathbf{a}\\cdot\\mathbf{x}", "a'*x", "a: vector; x: vector", "x"},
      {"y \\cdot x", "y'*x"},
      {"\\mathbf{w} \\cdot \\mathbf{x} + b", "w'*x + b", "w: vector; x: vector"},
      {"Ax \\cdot y", "(A*x)'*y"},
      {"(Ax - y) \\cdot (Ax - y)", "(A*x - y)'*(A*x - y)"},
      {"\\boldsymbol\\theta \\cdot \\mathbf{x}", "theta'*x", "theta: vector; x: vector"},
      {"2 \\cdot x \\cdot y", "(2*x)'*y"},
      // not two vectors: a product
      {"a \\cdot x", "a*x"},
      {"a \\cdot b", "a*b"},
      {"A \\cdot B", "A*B"},
      {"x^T A \\cdot B y", "x'*A*B*y"},
      {"x^T \\cdot y", "x'*y"},
      {"\\theta \\cdot x", "theta*x", ""},
      {"\\sum_i x_i \\cdot y_i", "sum(x.*y)"},
  });
}

// Lower-case Greek is a scalar by typography, but a name written transposed is meant as
// a vector (and so is a term of a transposed sum): the reader declares it one.
TEST(LatexReader, ATransposedGreekNameIsAVector) {
  expect_readings({
      {"\\frac{\\partial}{\\partial \\theta} \\log \\sigma(\\theta^\\top x)",
       "log(sigmoid(theta'*x))", "theta: vector", "theta"},
      {"\\frac{\\partial}{\\partial \\theta} \\log \\sigma(\\boldsymbol\\theta^\\top \\mathbf{x})",
       "log(sigmoid(theta'*x))", "theta: vector; x: vector", "theta"},
      {"\\nabla_\\theta\\, \\theta^T x + \\theta' y", "theta'*x + theta'*y", "theta: vector",
       "theta"},
      {"(x - \\mu)^T \\Sigma^{-1} (x - \\mu)", "(x - mu)'*Sigma^-1*(x - mu)", "mu: vector"},
      {"\\theta_1^T x", "theta_1'*x", "theta_1: vector"},
      // untransposed, still a scalar; a declaration wins
      {"\\lambda \\|w\\|^2", "lambda*norm2(w)^2", ""},
      {"\\theta \\in \\mathbb{R}, \\theta^T x", "theta'*x", "theta: scalar"},
  });
}

// The engine's LaTeX keeps |X| for the determinant's reading: an entry-wise abs of a
// matrix is \operatorname{abs}, and reads back as abs.
TEST(LatexReader, EnginesAbsOfAMatrixReadsBackAsAbs) {
  Context ctx;
  matcalc::Program p = matcalc::build_program(ctx, "abs(X) + abs(x*y')", "");
  std::string tex = matcalc::to_latex(ctx, p.objective);
  EXPECT_NE(tex.find("\\operatorname{abs}\\left(X\\right)"), std::string::npos) << tex;
  EXPECT_EQ(tex.find("\\left|"), std::string::npos) << tex;
  EXPECT_EQ(reading(read_latex(tex).text, ""), matcalc::to_text(ctx, p.objective)) << tex;
  // a vector's abs keeps its bars
  p = matcalc::build_program(ctx, "abs(x)", "");
  EXPECT_EQ(matcalc::to_latex(ctx, p.objective), "\\left|x\\right|");
}

// Such questions derived through the API the CLI calls (as derive --latex): the answer printed, no
// note, and equal to the plain problem's gradient (checked numerically).
TEST(LatexReader, TheseQuestionsDeriveAsThePlainProblems) {
  struct Question {
    const char* tex;
    const char* wrt;  // "" when the question names it
    const char* answer;
    const char* plain;
    const char* plain_wrt;
    const char* plain_decls = "";
  };
  const Question kQuestions[] = {
      {"\\frac{\\partial |X|}{\\partial X}", "", "det(X)*inv(X)'", "det(X)", "X"},
      {"\\frac{\\partial \\log|X|}{\\partial X}", "", "inv(X)'", "logdet(X)", "X"},
      {"|AXB|", "X", "det(A*X*B)*A'*inv(A*X*B)'*B'", "det(A*X*B)", "X"},
      {"|X^\\top X|", "X", "2*det(X'*X)*X*inv(X'*X)", "det(X'*X)", "X"},
      {"|x^T A x|", "x", "sign(x'*A*x)*(A + A')*x", "abs(x'*A*x)", "x"},
      {"y^T \\mathrm{ReLU}(Wx)", "W", "(y.*step(W*x))*x'", "y'*relu(W*x)", "W"},
      {"y^T \\max(0, Wx)", "W", "(y.*step(W*x))*x'", "y'*relu(W*x)", "W"},
      {"y^T \\log \\operatorname{Softmax}(x)", "x", "y - sum(y)*softmax(x)", "y'*log(softmax(x))",
       "x"},
      {"\\operatorname{LSE}(x)", "x", "softmax(x)", "logsumexp(x)", "x"},
      {"\\nabla_x\\, \\mathbf{a}\\cdot\\mathbf{x}", "", "a", "a'*x", "x", "a: vector"},
      {"(Ax - y) \\cdot (Ax - y)", "x", "2*A'*(A*x - y)", "(A*x - y)'*(A*x - y)", "x"},
      {"\\frac{\\partial}{\\partial \\theta} \\log \\sigma(\\theta^\\top x)", "",
       "sigmoid(-theta'*x)*x", "log(sigmoid(theta'*x))", "theta", "theta: vector"},
      {"\\frac{\\partial}{\\partial \\mu} (x - \\mu)^T \\Sigma^{-1} (x - \\mu)", "",
       "(inv(Sigma)' + inv(Sigma))*(mu - x)", "(x - mu)'*inv(Sigma)*(x - mu)", "mu", "mu: vector"},
  };
  for (const Question& q : kQuestions) {
    SCOPED_TRACE(q.tex);
    matcalc::DeriveRequest req = derive_request(q.tex, q.wrt, "", 3);
    req.syntax = "latex";  // as derive --latex
    matcalc::Outcome out = matcalc::derive(req);
    ASSERT_TRUE(out.ok) << out.error.rendered;
    EXPECT_EQ(out.text, q.answer);
    EXPECT_EQ(out.warning, "");
    FdCheck c = fd_check_gradient(q.plain, q.plain_wrt, out.text, q.plain_decls, 4);
    EXPECT_TRUE(c.ok) << out.text << ": " << c.problem;
  }
}

// The reader gives the parse tree the plain reader gives, its spans into the LaTeX: no
// plain text parsed again.
TEST(LatexReader, TreeSpansPointIntoTheLatex) {
  std::string tex = "\\mathbf{a}^\\top X \\mathbf{b}";
  matcalc::LatexReading r = read_latex(tex);
  ASSERT_EQ(r.text, "a'*X*b");
  ASSERT_EQ(r.statements.size(), 1u);
  const matcalc::Ast& p = *r.statements[0].expr;
  auto at = [&](matcalc::Span s) { return tex.substr(s.begin, s.end - s.begin); };
  ASSERT_EQ(p.kind, matcalc::AstKind::Product);
  ASSERT_EQ(p.kids.size(), 3u);
  EXPECT_EQ(p.kids[0]->kind, matcalc::AstKind::Transpose);
  EXPECT_EQ(at(p.kids[0]->span), "\\mathbf{a}^\\top");
  EXPECT_EQ(at(p.kids[0]->kids[0]->span), "\\mathbf{a}");
  EXPECT_EQ(at(p.kids[1]->span), "X");
  EXPECT_EQ(at(p.kids[2]->span), "\\mathbf{b}");
  // A definition keeps its name's span; a kron is a call whose name is the \otimes.
  std::string def = "F = A \\otimes B";
  matcalc::LatexReading d = read_latex(def);
  ASSERT_EQ(d.statements.size(), 1u);
  EXPECT_EQ(def.substr(d.statements[0].name_span.begin, 1), "F");
  const matcalc::Ast& k = *d.statements[0].expr;
  ASSERT_EQ(k.kind, matcalc::AstKind::Call);
  EXPECT_EQ(k.name, "kron");
  EXPECT_EQ(def.substr(k.name_span.begin, k.name_span.end - k.name_span.begin), "\\otimes");
}

TEST(LatexReader, LooksLikeLatex) {
  for (const char* s : {"\\frac{1}{2}", "x^{T}", "W_{2}", "\\|x\\|", "$x$"})
    EXPECT_TRUE(matcalc::looks_like_latex(s)) << s;
  for (const char* s : {"x'*W*W'*x", "norm2(A*x - b)^2", "P = M*M'; f = tr(P)", "A^T"})
    EXPECT_FALSE(matcalc::looks_like_latex(s)) << s;
}

struct Refusal {
  const char* tex;
  const char* message;
  int begin, end;
};

const Refusal kRefusals[] = {
    {"x + \\foo", "unknown LaTeX command \\foo", 4, 8},
    {"x + {y", "unbalanced '{': it is never closed", 4, 5},
    {"x + y}", "unbalanced '}': no '{' opens it", 5, 6},
    {"\\left( x + y", "'\\left(' has no matching '\\right'", 0, 6},
    {"x \\right)", "'\\right)' has no matching '\\left'", 2, 9},
    {"\\frac{1}", "\\frac needs two arguments, as in \\frac{a}{b}", 0, 5},
    {"\\int x", "integrals (\\int) are not read", 0, 4},
    {"\\lim x", "limits (\\lim) are not read", 0, 4},
    {"\\frac{\\partial f}{\\partial x \\partial y}",
     "the denominator of a derivative is \\partial and one variable, as in \\partial W", 17, 40},
    {"\\frac{\\partial f}{x}",
     "the denominator of a derivative is \\partial and one variable, as in \\partial W", 17, 20},
    {"\\frac{\\partial^2 f}{\\partial x \\partial y}",
     "a mixed second derivative (by x, then by another variable) is not read: ask for the "
     "Hessian by one variable",
     19, 42},
    {"2\\frac{\\partial f}{\\partial x}",
     "a derivative is read only as the whole question, as in \\frac{\\partial f}{\\partial X}", 1,
     6},
    {"\\operatorname{foo}(x)", "unknown function \\operatorname{foo}", 0, 18},
    {"\\operatorname{sigmod}(x)", "unknown function \\operatorname{sigmod} (did you mean sigmoid?)",
     0, 21},
    {"\\operatorname{Softmx}(x)", "unknown function \\operatorname{Softmx} (did you mean softmax?)",
     0, 21},
    {"\\mathrm{ReLu}(x) + \\operatorname{relux}(x)",
     "unknown function \\operatorname{relux} (did you mean relu?)", 19, 39},
    {"\\max(a, b)", "\\max is read only as \\max(0, x) or \\max(x, 0), the ReLU relu(x)", 0, 10},
    {"\\max(0, x, y)", "\\max is read only as \\max(0, x) or \\max(x, 0), the ReLU relu(x)", 0, 13},
    {"\\max_i x_i",
     "a maximum or minimum over an index is not read: \\max_x f(x) asks for the gradient of f by "
     "the variable x, and \\max(0, x) is the ReLU relu(x)",
     0, 4},
    {"\\min(0, x)", "\\min is not read", 0, 4},
    {"\\|x\\|_\\infty",
     "only the 1-, 2- and Frobenius norms are read (\\|x\\|_1, \\|x\\|_2, \\|X\\|_F)", 6, 12},
    {"x \\in \\mathbb{R}^{1\\times n}",
     "row vectors (\\mathbb{R}^{1\\times n}) are not read: declare the column vector and transpose "
     "it",
     6, 28},
    {"|x", "expected '|' to close the '|' at column 1, but the expression ends there", 2, 3},
    {"x^T A x = 2", "unexpected '=': a definition is NAME = EXPR, one per statement", 8, 9},
    {"\\begin{pmatrix} a \\end{pmatrix}",
     "\\begin{pmatrix}: only aligned equations are read (matrices written entry by entry are not)",
     0, 15},
    {"a +", "'+' needs an operand after it, but the expression ends there", 3, 4},
    {"\\nabla_W f, \\nabla_x g", "only one question can be asked; this is a second one", 12, 22},
    {"\\mathbb{R} x", "\\mathbb{R} is read only in a declaration, as in x \\in \\mathbb{R}^n", 0,
     10},
};

TEST(LatexReader, RefusesWithMessageAndSpan) {
  for (const Refusal& f : kRefusals) {
    SCOPED_TRACE(f.tex);
    try {
      matcalc::LatexReading r = read_latex(f.tex);
      ADD_FAILURE() << "read as " << r.text;
    } catch (const matcalc::UserError& e) {
      EXPECT_EQ(e.code, "parse");
      EXPECT_EQ(e.source, matcalc::Source::Expression);
      EXPECT_EQ(std::string(e.what()), f.message);
      EXPECT_EQ(e.begin, f.begin);
      EXPECT_EQ(e.end, f.end);
    }
  }
}

// The engine's own LaTeX (print/latex.h) reads back to the same values: thousands of
// random expressions over every construct of the language.
TEST(LatexReader, EnginesLatexReadsBackToTheSameValue) {
  constexpr std::uint32_t kSeed = 20250601;
  constexpr int kExpressions = 1500;
  int failures = 0, open_sizes = 0;
  std::set<Kind> kinds;
  for (int i = 0; i < kExpressions; ++i) {
    Universe u;
    ExprGen gen(u, kSeed + i);
    Expr e = gen.any(gen.shape(), 1 + i % 5);
    std::string tex = matcalc::to_latex(u.ctx(), e);
    Expr back;
    int known_symbols = u.ctx().num_symbols();
    try {
      matcalc::LatexReading r = read_latex(tex);
      back = matcalc::build_expression(u.ctx(), r.text, kUniverseDecls);
    } catch (const matcalc::UserError& err) {
      if (++failures <= 5) ADD_FAILURE() << tex << ": " << err.what() << " at " << err.begin;
      continue;
    }
    Instance in = u.instance(kSeed + i);
    // A bare I or ones takes its size from context; alone, its dimensions are new ones.
    auto bind_root = [&](Dim invented, Dim original) {
      const matcalc::Monomial& mono = u.ctx().monomial(invented);
      if (mono.coef == 1 && mono.syms.size() == 1 && mono.syms[0] >= known_symbols)
        in.sizes[mono.syms[0]] = matcalc::dim_value(u.ctx(), in, original);
    };
    std::set<int> bound;
    for (Dim d : {back->shape.rows, back->shape.cols})
      for (int sym : u.ctx().monomial(d).syms) bound.insert(sym);
    bind_root(back->shape.rows, e->shape.rows);
    bind_root(back->shape.cols, e->shape.cols);
    // \mathbf{1} inside an expression may not say its size (kron(A, ones)): a new
    // dimension not at the root is a size LaTeX left open, not a misreading.
    bool open_size = false;
    for (int sym = known_symbols; sym < u.ctx().num_symbols(); ++sym)
      open_size |= !bound.count(sym);
    if (open_size) {
      ++open_sizes;
      continue;
    }
    for (int k = 0; k <= static_cast<int>(Kind::Diff); ++k)
      if (contains(e, static_cast<Kind>(k))) kinds.insert(static_cast<Kind>(k));
    Matrix want = matcalc::Evaluator(u.ctx(), in).eval(e);
    if (!want.allFinite() || e->kind == Kind::Zero) continue;
    Matrix got;
    try {
      got = matcalc::Evaluator(u.ctx(), in).eval(back);
    } catch (const std::exception& err) {
      if (++failures <= 5)
        ADD_FAILURE() << tex << " -> " << matcalc::to_text(u.ctx(), back) << ": " << err.what();
      continue;
    }
    double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
    bool same = got.rows() == want.rows() && got.cols() == want.cols() &&
                (got - want).cwiseAbs().maxCoeff() <= 1e-9 * scale;
    if (!same && ++failures <= 5)
      ADD_FAILURE() << tex << " reads as " << matcalc::to_text(u.ctx(), back) << ", not "
                    << matcalc::to_text(u.ctx(), e);
  }
  EXPECT_EQ(failures, 0) << "of " << kExpressions;
  EXPECT_LE(open_sizes, kExpressions / 50);
  for (Kind k :
       {Kind::Const,    Kind::Var,     Kind::Identity, Kind::Ones,      Kind::Add,   Kind::Mul,
        Kind::Hadamard, Kind::Pow,     Kind::Func,     Kind::Transpose, Kind::Trace, Kind::Det,
        Kind::LogDet,   Kind::Inverse, Kind::Sum,      Kind::Norm1,     Kind::Norm2, Kind::DiagMat,
        Kind::DiagVec,  Kind::Vec,     Kind::Kron})
    EXPECT_TRUE(kinds.count(k)) << "no expression read back contains " << matcalc::kind_name(k);
}

}  // namespace
}  // namespace matcalc_test
