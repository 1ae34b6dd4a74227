// Random property tests on constraint sets (SPEC 13): for every structure, random scalar
// objectives of a variable of that structure — linear, quadratic and non-linear terms,
// sums and products of them — are derived, and the result must pass the numeric check
// at random points of the set (tangent directions, and the answer in the tangent space)
// and the step check (every step against the directional derivative along tangent
// directions).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "api.h"
#include "expr/structures.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Structured {
  const char* name;  // for the test's name
  const char* decl;  // the variable V and the constants around it
  int kind;          // 0: V square, 1: V tall (n×p), 2: V a vector
};

// V: the variable; A, B: square n×n (p×p where they multiply V on the right);
// C: shaped like V; a, b: vectors.
const std::vector<Structured> kStructures = {
    {"lower", "V: lower(n); A: matrix(n); B: matrix(n); C: matrix(n); a: vector(n); b: vector(n)",
     0},
    {"upper", "V: upper(n); A: matrix(n); B: matrix(n); C: matrix(n); a: vector(n); b: vector(n)",
     0},
    {"skew", "V: skew(n); A: matrix(n); B: matrix(n); C: matrix(n); a: vector(n); b: vector(n)", 0},
    {"orthogonal",
     "V: orthogonal(n); A: matrix(n); B: matrix(n); C: matrix(n); a: vector(n); b: vector(n)", 0},
    {"stiefel",
     "V: stiefel(n,p); A: matrix(n); B: matrix(p); C: matrix(n,p); a: vector(n); b: vector(p)", 1},
    {"unit", "V: unit(n); A: matrix(n); B: matrix(n); C: vector(n); a: vector(n); b: vector(n)", 2},
    {"symmetric",
     "V: symmetric(n); A: matrix(n); B: matrix(n); C: matrix(n); a: vector(n); b: vector(n)", 0},
};

// Scalar terms in V, by the variable's kind.
const std::vector<std::string> kMatrixTerms = {
    "tr(A*V)",
    "a'*V*b",
    "norm2(V - C)^2",
    "tr(V'*A*V*B)",
    "norm2(A*V*B)^2",
    "sum(exp(0.3*V))",
    "log(1 + norm2(V*b)^2)",
    "sum(sigmoid(A*V*b))",
    "tr(V*V*A)",
    "b'*V'*A*V*b",
    "sum(V.*C)",
    "norm2(V'*a)",
};
// n×p: A n×n, B p×p, C n×p, a of length n, b of length p.
const std::vector<std::string> kTallTerms = {
    "tr(C'*V)",
    "a'*V*b",
    "norm2(V - C)^2",
    "tr(V'*A*V*B)",
    "norm2(A*V*B)^2",
    "sum(exp(0.3*V))",
    "log(1 + norm2(V*b)^2)",
    "sum(sigmoid(A*V*b))",
    "tr(V'*A*V)",
    "b'*V'*A*V*b",
    "sum(V.*C)",
    "norm2(V'*a)",
};
const std::vector<std::string> kVectorTerms = {
    "a'*V",
    "V'*A*V",
    "norm2(V - C)^2",
    "(a'*V)^2",
    "sum(exp(V))",
    "log(1 + (b'*V)^2)",
    "sum(sigmoid(A*V))",
    "norm2(A*V)^2",
    "V'*A*V*(b'*V)",
    "sum(V.^3)",
    "softplus(a'*V)",
    "norm2(V.*C)^2",
};

std::string draw(std::mt19937& rng, const std::vector<std::string>& terms) {
  auto term = [&] { return terms[rng() % terms.size()]; };
  switch (rng() % 4) {
    case 0:
      return term();
    case 1:
      return term() + " + " + term();
    case 2:
      return "(" + term() + ")*(" + term() + ")";
    default:
      return "0.5*" + term() + " - " + term();
  }
}

class StructureProperty : public ::testing::TestWithParam<Structured> {};

TEST_P(StructureProperty, RandomObjectivesHaveTheirGradientOnTheSet) {
  const Structured& s = GetParam();
  std::mt19937 rng(20261207);
  int derived = 0, failures = 0;
  for (int k = 0; k < 30; ++k) {
    std::string expr = draw(rng, s.kind == 2   ? kVectorTerms
                                 : s.kind == 1 ? kTallTerms
                                               : kMatrixTerms);
    matcalc::DeriveRequest req = derive_request(expr, "V", s.decl);
    req.seed = 1 + k;
    matcalc::Outcome out = matcalc::derive(req);
    ASSERT_TRUE(out.ok) << expr << ": " << out.error.rendered;
    ++derived;
    bool passed =
        out.json.find("\"check\":{\"passed\":true") != std::string::npos &&
        out.json.find("\"step_check\":{\"ran\":true,\"passed\":true") != std::string::npos;
    bool inconclusive = out.json.find("\"inconclusive\":true") != std::string::npos;
    if (!passed && !inconclusive) {
      ++failures;
      ADD_FAILURE() << s.name << ": d/dV " << expr << " = " << out.text << "\n" << out.warning;
    }
  }
  EXPECT_EQ(failures, 0) << failures << " of " << derived;
}

INSTANTIATE_TEST_SUITE_P(EveryStructure, StructureProperty, ::testing::ValuesIn(kStructures),
                         ParamName());

}  // namespace
}  // namespace matcalc_test
