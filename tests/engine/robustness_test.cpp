// Malformed and hostile input, generated: seeds people type (plain, definitions, LaTeX)
// cut, spliced, with characters inserted, deleted and repeated. Every outcome is a
// result or one user error with a position inside what was typed — never a crash, an
// internal error or an exception out of the API. FUZZSEED, FUZZCOUNT and FUZZLOG=1 (each
// input on stderr) turn it into a longer search; 450 000 inputs were run that way.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <random>

#include "api.h"

namespace matcalc_test {
namespace {

const char* const kSeeds[] = {
    "x'*W*W'*x",
    "tr((M*M'-I)*(M*M'-I)')",
    "P = M*M'; Q = P - I; f = tr(Q*Q')",
    "v = X'*a\nw = sigmoid(v)\nw'*w",
    "norm2(X*w-y)^2 + c*sum(abs(w))",
    "logdet(S) - tr(S*C) + kron(A, B)*vec(X)",
    "softmax(W*x)'*y - logsumexp(W*x)",
    R"(\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW })",
    R"(\mathbf{v}=\mathbf{X}^T\mathbf{a},\ \mathbf{w}=\sigma(\mathbf{v}),\ \mathbf{w}^T\mathbf{w})",
    R"(\|Xw - y\|_2^2 + \lambda \|w\|_1,\quad X \in \mathbb{R}^{m\times n})",
    R"(\operatorname{tr}\left((MM^T - I)(MM^T - I)^T\right))",
    R"(\log\det X - \frac{1}{2} \mathbf{x}^\top X^{-1} \mathbf{x})",
};

const char kAlphabet[] = "xyzWAMPQab01.*+-/^'(){}[]\\_=;:,\n $|&TI";

std::string mutate(std::mt19937& rng, const std::string& seed, const std::string& other) {
  std::string s = seed;
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < edits; ++k) {
    std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
    switch (rng() % 6) {
      case 0:  // insert a character
        s.insert(at, 1, kAlphabet[rng() % (sizeof kAlphabet - 1)]);
        break;
      case 1:  // delete a run
        if (!s.empty()) s.erase(std::min(at, s.size() - 1), 1 + rng() % 3);
        break;
      case 2:  // cut
        s = s.substr(0, at);
        break;
      case 3:  // splice another seed
        s = s.substr(0, at) + other.substr(std::min(other.size(), std::size_t(rng() % 20)));
        break;
      case 4:  // repeat a piece (deep nesting, long input)
        if (!s.empty()) {
          std::size_t len = 1 + rng() % 6, from = std::min(at, s.size() - 1);
          std::string piece = s.substr(from, len);
          for (int r = 0; r < static_cast<int>(rng() % 80); ++r) s.insert(from, piece);
        }
        break;
      default:  // a byte from anywhere
        s.insert(at, 1, static_cast<char>(rng() % 256));
        break;
    }
  }
  return s;
}

void expect_sound(const matcalc::Outcome& out, const std::string& input, const char* what) {
  if (out.ok) return;
  EXPECT_NE(out.error.code, "internal") << what << " of " << input << ": " << out.error.message;
  EXPECT_FALSE(out.error.message.empty()) << what << " of " << input;
  if (out.error.source == "expression") {
    EXPECT_GE(out.error.column, 1) << what << " of " << input << ": " << out.error.rendered;
    EXPECT_LE(out.error.column, static_cast<int>(input.size()) + 1)
        << what << " of " << input << ": " << out.error.rendered;
  }
}

TEST(Robustness, MutatedQuestionsGiveAResultOrOnePositionedError) {
  std::mt19937 rng(getenv("FUZZSEED") ? atoi(getenv("FUZZSEED")) : 20261127);
  const int n = sizeof kSeeds / sizeof kSeeds[0];
  int errors = 0, results = 0;
  const int count = getenv("FUZZCOUNT") ? atoi(getenv("FUZZCOUNT")) : 4000;
  for (int i = 0; i < count; ++i) {
    std::string input = mutate(rng, kSeeds[rng() % n], kSeeds[rng() % n]);
    if (getenv("FUZZLOG")) fprintf(stderr, "INPUT %zu\n%s\nEND\n", input.size(), input.c_str());
    matcalc::Outcome parsed = matcalc::parse(matcalc::ParseRequest{input, "", ""});
    expect_sound(parsed, input, "parse");
    if (!parsed.ok) {
      ++errors;
      continue;
    }
    ++results;
    if (i % 4 == 0) {
      for (const char* wrt : {"x", "W", "M", ""}) {
        matcalc::DeriveRequest req;
        req.expr = input;
        req.wrt = wrt;
        req.check_steps = false;
        expect_sound(matcalc::derive(req), input, "derive");
      }
    }
    if (i % 8 == 1) {  // the index route and the code printers read the same questions
      matcalc::DeriveRequest req;
      req.expr = input;
      req.wrt = "x";
      req.route = "index";
      req.check_steps = false;
      expect_sound(matcalc::derive(req), input, "derive --route index");
      for (const char* lang : {"numpy", "eigen", "matlab"})
        expect_sound(matcalc::export_code(matcalc::ExportRequest{input, "W", "", lang, 1, ""}),
                     input, lang);
    }
    if (HasFailure()) break;  // one input's messages are enough to debug
  }
  EXPECT_GT(errors, 500);
  EXPECT_GT(results, 100);
}

}  // namespace
}  // namespace matcalc_test
