// Questions as people write them (SPEC section 6), through the API: LaTeX is recognised
// and read, the question names its variable, declarations come from the LaTeX, the
// seeds' questions get the plain problem's answer (checked numerically), and an error
// points into the LaTeX as typed.
#include <gtest/gtest.h>

#include "api.h"
#include "support.h"

namespace matcalc_test {
namespace {

matcalc::DeriveRequest latex_request(const std::string& tex, const std::string& wrt = "",
                                     const std::string& decls = "") {
  matcalc::DeriveRequest req = derive_request(tex, wrt, decls, 3);
  return req;  // syntax "" reads LaTeX when it looks like LaTeX
}

struct Seed {
  const char* name;
  const char* tex;
  const char* wrt;    // "" when the question names it
  const char* plain;  // the same question in the plain language
  const char* plain_decls;
  const char* plain_wrt;
};

const Seed kSeeds[] = {
    {"frac_d_braces", R"(\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW })", "", "x'*W*W'*x", "", "W"},
    {"frac_partial", R"(\frac{\partial\, x^T W W^T x}{\partial W})", "", "x'*W*W'*x", "", "W"},
    {"bold_definitions",
     R"(\mathbf{v}=\mathbf{X}^T\mathbf{a},\ \mathbf{w}=\sigma(\mathbf{v}),\ \mathbf{w}^T\mathbf{w})",
     "X", "sigmoid(X'*a)'*sigmoid(X'*a)", "a: vector", "X"},
    {"norm_squared", R"(\|Xw - y\|^2)", "w", "norm2(X*w - y)^2", "", "w"},
    {"trace_definitions", R"(P \equiv MM^T,\quad Q \equiv P - I,\quad f = \operatorname{tr}(QQ^T))",
     "M", "tr((M*M' - I)*(M*M' - I)')", "", "M"},
    {"nabla", R"(\nabla_{\mathbf{x}} \left( \mathbf{x}^\top A \mathbf{x} \right))", "", "x'*A*x",
     "", "x"},
    {"logdet_declared", R"(\log\det X - \operatorname{tr}(S X),\; X \in \mathbb{R}^{n\times n})",
     "X", "logdet(X) - tr(S*X)", "", "X"},
};

class LatexSeeds : public ::testing::TestWithParam<Seed> {};

TEST_P(LatexSeeds, GetThePlainProblemsAnswer) {
  const Seed& s = GetParam();
  matcalc::Outcome out = matcalc::derive(latex_request(s.tex, s.wrt));
  ASSERT_TRUE(out.ok) << s.tex << "\n" << out.error.rendered;
  EXPECT_EQ(out.warning, "") << s.tex;
  EXPECT_NE(out.json.find("\"syntax\":\"latex\""), std::string::npos);
  FdCheck c = fd_check_gradient(s.plain, s.plain_wrt, out.text, s.plain_decls, 4);
  EXPECT_TRUE(c.ok) << s.tex << " gave " << out.text << ": " << c.problem;
}

INSTANTIATE_TEST_SUITE_P(Issue10, LatexSeeds, ::testing::ValuesIn(kSeeds),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(LatexQuestion, AnErrorPointsIntoTheLatexAsTyped) {
  // x^T W + y: a 1×m row plus a vector; the reading is x'*W + y, the caret is under the
  // LaTeX.
  const std::string tex = R"(\mathbf{x}^T W + \mathbf{y})";
  matcalc::Outcome out = matcalc::derive(latex_request(tex, "W"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.code, "shape");
  EXPECT_EQ(out.error.source, "expression");
  EXPECT_EQ(out.error.column, 1);
  EXPECT_GE(out.error.length, static_cast<int>(tex.size()) - 2);
  // An unknown command is the reader's own error, at its column.
  out = matcalc::derive(latex_request(R"(x^T \foo x)", "x"));
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.column, 5);
}

TEST(LatexQuestion, ParseShowsTheReading) {
  matcalc::Outcome out =
      matcalc::parse(matcalc::ParseRequest{R"(\mathbf{a}^\top X \mathbf{b})", "", ""});
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "a'*X*b");
  // The bold letters made a and b vectors: no convention note, a scalar result.
  EXPECT_NE(out.json.find("\"kind\":\"scalar\""), std::string::npos);
}

TEST(LatexQuestion, PlainInputIsNeverTakenForLatex) {
  matcalc::Outcome out = matcalc::derive(derive_request("x'*W*W'*x", "W"));
  ASSERT_TRUE(out.ok);
  EXPECT_NE(out.json.find("\"syntax\":\"plain\""), std::string::npos);
}

}  // namespace
}  // namespace matcalc_test
