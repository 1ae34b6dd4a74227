// Definitions (SPEC section 5): questions written with named intermediates. The seeds'
// questions derive through the definitions, with --wrt a variable or a defined name;
// every answer agrees numerically with the plain problem (the definitions written out,
// derived directly) and every step passes the step check; each error names its column.
#include "derive/program.h"

#include <gtest/gtest.h>

#include "api.h"
#include "api/question.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "numeric/eval.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/derivation.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Question {
  const char* name;
  const char* program;
  const char* decls;
  const char* wrt;
  const char* expected;  // the result's text (definitions written out), "" to skip
  const char* plain;     // the same question without definitions
};

const Question kQuestions[] = {
    // Seed: "P ≡ MMᵀ, Q ≡ P − I, f = tr(QQᵀ): why is ∂P/∂M = 2M?"
    {"seed_wrt_M", "P = M*M'; Q = P - I; f = tr(Q*Q')", "", "M", "4*(M*M' - I)*M",
     "tr((M*M' - I)*(M*M' - I)')"},
    {"seed_wrt_Q", "P = M*M'; Q = P - I; f = tr(Q*Q')", "", "Q", "2*Q", ""},
    {"seed_wrt_P", "P = M*M'; Q = P - I; f = tr(Q*Q')", "", "P", "2*(P - I)", ""},
    // Seed: "v = Xᵀa, w = σ(v): what is ∂(wᵀw)/∂X?"
    {"seed_sigmoid", "v = X'*a\nw = sigmoid(v)\nw'*w", "a: vector", "X", "",
     "sigmoid(X'*a)'*sigmoid(X'*a)"},
    // A name used twice (two consumers): the parts add up.
    {"two_uses", "u = A*x; f = u'*u + sum(exp(u))", "", "x", "", "(A*x)'*(A*x) + sum(exp(A*x))"},
    // A diamond: f uses both u and v = u.*u.
    {"diamond", "u = W*x; v = u.*u; L = sum(v) + u'*u", "", "W", "",
     "sum((W*x).*(W*x)) + (W*x)'*(W*x)"},
    // Newlines, := and a scalar intermediate.
    {"scalar_intermediate", "r := norm2(X*w - y)\nL = r^2/2", "", "w", "X'*(X*w - y)",
     "norm2(X*w - y)^2/2"},
    // A defined name the variable does not reach is a constant.
    {"constant_name", "C = A*A'; f = x'*C*x", "", "x", "", "x'*A*A'*x"},
};

class Definitions : public ::testing::TestWithParam<Question> {};

TEST_P(Definitions, DeriveThroughTheDefinitionsAndAgreeWithThePlainProblem) {
  const Question& q = GetParam();
  matcalc::DeriveRequest req = derive_request(q.program, q.wrt, q.decls, 5);
  matcalc::Outcome out = matcalc::derive(req);
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  EXPECT_NE(out.json.find("\"step_check\":{\"ran\":true,\"passed\":true"), std::string::npos)
      << out.json.substr(out.json.find("\"step_check\""), 120);
  if (*q.expected) EXPECT_EQ(out.text, q.expected);
  if (*q.plain) {
    // The same answer as the question without definitions, numerically.
    FdCheck c = fd_check_gradient(q.plain, q.wrt, out.text, q.decls, 9);
    EXPECT_TRUE(c.ok) << out.text << ": " << c.problem << " (" << c.max_rel_error << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(Seeds, Definitions, ::testing::ValuesIn(kQuestions),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Definitions, TheLectureGoesBackThroughEachDefinition) {
  matcalc::Outcome out =
      matcalc::derive(derive_request("P = M*M'; Q = P - I; f = tr(Q*Q')", "M", ""));
  ASSERT_TRUE(out.ok);
  // ∂f/∂Q first, then through Q = P - I, then through P = M M'.
  std::size_t q = out.steps.find("read-off: 2*Q"), p = out.steps.find("chain-rule: d(P - I)"),
              m = out.steps.find("chain-rule: d(M*M')");
  EXPECT_NE(q, std::string::npos) << out.steps;
  EXPECT_LT(q, p);
  EXPECT_LT(p, m);
  // The shorthand the question asks about is explained.
  EXPECT_NE(out.json.find("\\\"∂P/∂M = 2*M\\\""), std::string::npos);
  // The symmetry the steps rely on (Q' = Q) is said, once, at the first step.
  EXPECT_NE(out.json.find("Q = P - I is symmetric, so Q' = Q"), std::string::npos);
  // The LaTeX view keeps the names; the text writes them out.
  EXPECT_NE(out.json.find("\"named_text\":\"4*Q*M\""), std::string::npos);
  EXPECT_EQ(out.text, "4*(M*M' - I)*M");
}

TEST(Definitions, JacobiansAndHessiansWriteTheDefinitionsOut) {
  matcalc::DeriveRequest req = derive_request("u = A*x; v = exp(u); v", "x", "");
  matcalc::Outcome out = matcalc::derive(req);
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  req = derive_request("u = A*x; f = u'*u", "x", "");
  req.hessian = true;
  out = matcalc::derive(req);
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "2*A'*A");
}

// Issue 13, "steps a lecture would show": the first step is d(f) with f as typed, not
// its canonical form (tr(Q*Q') is tr(Q^2) to the engine, Q being symmetric), in the
// step's text and its LaTeX; each chain-rule step that opens a definition shows that
// definition as typed. The step's expression stays the canonical one: the step check
// passes. LaTeX input shows its plain reading.
struct Shown {
  std::vector<matcalc::StepView> steps;
  std::string reading;
  std::string first_expr;  // the first step's expression (canonical), as text
  bool steps_check = false;
};

Shown shown(const std::string& question, const std::string& wrt, const std::string& decls = "") {
  Context ctx;
  matcalc::Question q = matcalc::read_question(question, decls, wrt, "");
  matcalc::Program p = matcalc::build_question(ctx, q, question);
  matcalc::Derivation d = matcalc::derive_program(ctx, p, q.wrt, {});
  Shown s;
  s.steps = matcalc::present(ctx, d, "").steps;
  s.reading = q.program;
  s.first_expr = d.steps.empty() ? "" : matcalc::to_text(ctx, d.steps.front().expr);
  s.steps_check = d.step_check.ran && d.step_check.passed;
  return s;
}

// The steps that open a derivation or a definition: "text | latex".
std::vector<std::string> openings(const Shown& s) {
  std::vector<std::string> out;
  for (const matcalc::StepView& v : s.steps)
    if (v.rules == std::vector<std::string>{"differential"} ||
        v.rules == std::vector<std::string>{"chain-rule"})
      if (v.form == "differential") out.push_back(v.text + " | " + v.latex);
  return out;
}

TEST(TypedFirstStep, ThroughDefinitionsEachOpeningShowsWhatWasTyped) {
  Shown s = shown("P = M*M'; Q = P - I; f = tr(Q*Q')", "M");
  EXPECT_EQ(openings(s),
            (std::vector<std::string>{
                "d(tr(Q*Q')) | \\mathrm{d}f = "
                "\\mathrm{d}\\left(\\operatorname{tr}\\left(Q Q^{\\top}\\right)\\right)",
                "d(P - I) | \\mathrm{d}Q = \\mathrm{d}\\left(P - I\\right)",
                "d(M*M') | \\mathrm{d}P = \\mathrm{d}\\left(M M^{\\top}\\right)"}));
  // The step's expression is still the canonical one (d(tr(Q^2)) today), the same
  // function, and every step checks.
  EXPECT_EQ(s.first_expr.rfind("d(", 0), 0u) << s.first_expr;
  EXPECT_TRUE(s.steps_check);
  // --wrt Q: the same first step (it was right before only because Q*Q' was kept).
  EXPECT_EQ(shown("P = M*M'; Q = P - I; f = tr(Q*Q')", "Q").steps.front().text, "d(tr(Q*Q'))");
}

TEST(TypedFirstStep, TheFirstStepIsDOfTheExpressionAsTyped) {
  const std::pair<const char*, const char*> cases[][2] = {
      {{"x'*W*W'*x", "W"},
       {"d(x'*W*W'*x)", "\\mathrm{d}f = \\mathrm{d}\\left(x^{\\top} W W^{\\top} x\\right)"}},
      {{"(A*x)'*(A*x)", "x"},
       {"d((A*x)'*(A*x))",
        "\\mathrm{d}f = \\mathrm{d}\\left(\\left(A x\\right)^{\\top} \\left(A x\\right)\\right)"}},
      {{"tr(X'*X)", "X"},
       {"d(tr(X'*X))",
        "\\mathrm{d}f = \\mathrm{d}\\left(\\operatorname{tr}\\left(X^{\\top} X\\right)\\right)"}},
      // modulo whitespace
      {{"x' * A *   x", "x"},
       {"d(x' * A * x)", "\\mathrm{d}f = \\mathrm{d}\\left(x^{\\top} A x\\right)"}},
      // a Jacobian's first step too
      {{"A*B.*C", "B"},
       {"d(A*B.*C)", "\\mathrm{d}F = \\mathrm{d}\\left(\\left(A B\\right) \\odot C\\right)"}},
  };
  for (const auto& c : cases) {
    const std::string expr = c[0].first;
    Shown s = shown(expr, c[0].second, expr == "A*B.*C" ? "B: matrix(n,n); C: matrix(n,n)" : "");
    ASSERT_FALSE(s.steps.empty()) << expr;
    EXPECT_EQ(s.steps.front().rules, std::vector<std::string>{"differential"}) << expr;
    EXPECT_EQ(s.steps.front().text, c[1].first) << expr;
    EXPECT_EQ(s.steps.front().latex, c[1].second) << expr;
    EXPECT_TRUE(s.steps_check) << expr;
  }
}

TEST(TypedFirstStep, LatexInputShowsItsReading) {
  Shown s = shown("\\frac{\\partial}{\\partial x} x^T A x", "");
  EXPECT_EQ(s.reading, "x'*A*x");
  ASSERT_FALSE(s.steps.empty());
  EXPECT_EQ(s.steps.front().text, "d(" + s.reading + ")");
  EXPECT_EQ(s.steps.front().latex, "\\mathrm{d}f = \\mathrm{d}\\left(x^{\\top} A x\\right)");
  s = shown("f(X) = \\log\\det X + x^T X^{-T} y", "");
  ASSERT_FALSE(s.steps.empty());
  EXPECT_EQ(s.steps.front().text, "d(" + s.reading.substr(s.reading.find("= ") + 2) + ")");
  EXPECT_EQ(s.steps.front().latex,
            "\\mathrm{d}f = \\mathrm{d}\\left(\\log\\det\\left(X\\right) + x^{\\top} "
            "X^{-\\top} y\\right)");
  EXPECT_TRUE(s.steps_check);
}

TEST(TypedFirstStep, TheCliStepsAndTheJsonTextSayTheSame) {
  matcalc::Outcome out =
      matcalc::derive(derive_request("P = M*M'; Q = P - I; f = tr(Q*Q')", "M", ""));
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(out.steps.substr(0, out.steps.find('\n')), "differential: d(tr(Q*Q'))");
  EXPECT_NE(out.json.find("\"text\":\"d(tr(Q*Q'))\""), std::string::npos);
  // The index route keeps its own first step.
  matcalc::DeriveRequest req = derive_request("x'*W*W'*x", "W", "");
  req.route = "index";
  out = matcalc::derive(req);
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(out.steps.substr(0, out.steps.find('\n')), "idx-write: f = x_i*W_ij*W_kj*x_k");
}

struct BadProgram {
  const char* program;
  const char* decls;
  const char* message;
  int column, length;
};

TEST(Definitions, EachErrorNamesItsColumn) {
  const BadProgram bad[] = {
      {"P = M*M'; P = M; tr(P)", "",
       "'P' is defined twice (first at column 1): give the second another name", 11, 1},
      {"Q = P - I; P = M*M'; tr(Q)", "",
       "'P' is used before it is defined (its definition is at column 12)", 5, 1},
      {"P = P*M; tr(P)", "", "'P' is defined in terms of itself (a cycle): use another name", 5, 1},
      {"P = M*M'; tr(P)", "P: matrix",
       "'P' is both declared and defined: drop the declaration (a defined name takes its shape "
       "from its definition) or rename one",
       1, 1},
      {"x'*x; y'*y", "",
       "only the last statement is differentiated: the ones before it must be definitions "
       "(NAME = EXPR)",
       1, 4},
      {"P = ; tr(P)", "", "the definition of P has no expression after '='", 3, 1},
      {"tr = A; tr(tr)", "", "'tr' is a built-in name and cannot be defined", 1, 2},
      {"P = M*M'; Q = P + x; tr(Q)", "", "P + x: cannot add n×n and", 15, 5},
  };
  for (const BadProgram& b : bad) {
    matcalc::Outcome out = matcalc::parse(matcalc::ParseRequest{b.program, b.decls, ""});
    ASSERT_FALSE(out.ok) << b.program;
    EXPECT_EQ(out.error.message.substr(0, std::string(b.message).size()), b.message) << b.program;
    EXPECT_EQ(out.error.column, b.column) << b.program << ": " << out.error.message;
    EXPECT_EQ(out.error.length, b.length) << b.program;
  }
}

TEST(PlainInput, CaretTAndDotTAreTransposesWhenTIsNoVariable) {
  for (auto [typed, reading] :
       {std::pair{"A^T*x", "A'*x"}, std::pair{"x.T*A*x", "x'*A*x"}, std::pair{"(A*B)^T", "B'*A'"},
        std::pair{"x^T*W^T*W*x", "x'*W'*W*x"}}) {
    matcalc::Outcome out = matcalc::parse(matcalc::ParseRequest{typed, "", ""});
    ASSERT_TRUE(out.ok) << typed << ": " << out.error.rendered;
    EXPECT_EQ(out.text, reading) << typed;
  }
  // T a variable: A^T is a power again (and a scalar T makes it a legal one).
  matcalc::Outcome out = matcalc::parse(matcalc::ParseRequest{"a^T", "T: scalar", ""});
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "a^T");
}

// SPEC section 7: a name the convention makes a scalar, used as a vector would be.
TEST(ConventionNotes, NameTheVariableAndTheDeclarationThatWouldChangeIt) {
  matcalc::Outcome out = matcalc::derive(derive_request("0.5*norm2(A*x-b)^2", "x", ""));
  ASSERT_TRUE(out.ok);
  EXPECT_EQ(out.text, "A'*(A*x - b)");  // derived as written
  ASSERT_EQ(out.notes.size(), 1u);
  EXPECT_NE(out.notes[0].find("b is a scalar by the naming convention"), std::string::npos);
  EXPECT_NE(out.json.find("\"variable\":\"b\""), std::string::npos);
  EXPECT_NE(out.json.find("\"declaration\":\"b: vector\""), std::string::npos);
  out = matcalc::derive(derive_request("a'*X*b", "X", ""));
  ASSERT_TRUE(out.ok);
  EXPECT_NE(out.json.find("\"variable\":\"a\""), std::string::npos);
  // Declared, or used as scalars are: no note.
  for (auto [expr, decls] :
       {std::pair{"0.5*norm2(A*x-b)^2", "b: scalar"}, std::pair{"norm2(A*x-b)^2", "b: vector"},
        std::pair{"c*x'*x + d", ""}}) {
    out = matcalc::derive(derive_request(expr, "x", decls));
    ASSERT_TRUE(out.ok) << expr;
    EXPECT_TRUE(out.notes.empty()) << expr << ": " << out.notes[0];
  }
  // With the declaration the note suggests, the question is the one meant.
  out = matcalc::derive(derive_request("0.5*norm2(A*x-b)^2", "x", "b: vector"));
  EXPECT_EQ(out.text, "A'*(A*x - b)");
}

TEST(ShapeSolver, ProductsOfSizesNeverLoopAndConstantsFactor) {
  // An occurs check: these were stack overflows.
  for (const char* e : {"x + kron(x,x)", "x'*kron(x,x)", "Q*vec(Q)"}) {
    matcalc::Outcome out = matcalc::parse(matcalc::ParseRequest{e, "", ""});
    ASSERT_FALSE(out.ok) << e;
    EXPECT_EQ(out.error.code, "shape") << e;
    EXPECT_EQ(out.error.column, 1) << e;
  }
  // 6 = 2*3 and 4 = 2^2: the free size follows, as SPEC section 2 promises.
  matcalc::Outcome out =
      matcalc::derive(derive_request("x'*kron(y,z)", "z", "x: vector(6); y: vector(2)"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "kron(y', eye(3))*x");
  out = matcalc::derive(derive_request("x'*kron(y,y)", "y", "x: vector(4)"));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.warning, "");
  out = matcalc::derive(derive_request("x'*kron(y,y)", "y", "x: vector(5)"));
  EXPECT_FALSE(out.ok);
}

TEST(Hessian, OfAVectorExpressionPointsAtTheExpression) {
  matcalc::DeriveRequest req = derive_request("A*x", "x", "");
  req.hessian = true;
  matcalc::Outcome out = matcalc::derive(req);
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.column, 1);
  EXPECT_EQ(out.error.length, 3);
}

}  // namespace
}  // namespace matcalc_test
