// Proves that every malformed input of issue 2's list gets one error that says what is
// wrong and where, quickly, without a crash: the whole outcome is compared — code,
// message, which input, column, length and the rendered text with its caret line — for
// unbalanced parentheses both ways, unknown functions, wrong numbers of arguments, shape
// mismatches naming both shapes, det of a non-square matrix, empty input, trailing
// operators, stray and non-ASCII characters, NUL bytes, a 1 MB input, 10 000 nested
// parentheses, declarations that contradict use, and malformed declarations. evaluate and
// derive report each the same way parse does.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "api.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Expected {
  const char* code;
  std::string message;
  const char* source;  // "expression" or "declarations"
  int column;          // 1-based, in characters
  int length;
};

// The rendered error as SPEC section 4 asks: the message, the input line, and a caret
// line under the span (for inputs short enough to be shown whole).
std::string rendered(const Expected& e, const std::string& input) {
  return "error: " + e.message + " (" + e.source + ", column " + std::to_string(e.column) +
         ")\n  " + input + "\n  " + std::string(e.column - 1, ' ') + std::string(e.length, '^');
}

// Runs parse, evaluate and derive on the input; each must fail in well under a second
// with exactly the expected error.
void expect_error(const std::string& expr, const std::string& decls, const Expected& want,
                  const std::string& want_rendered) {
  SCOPED_TRACE("input: " + expr.substr(0, 60) + (decls.empty() ? "" : " with " + decls));
  auto start = std::chrono::steady_clock::now();
  matcalc::Outcome outcomes[] = {matcalc::parse({expr, decls}),
                                 matcalc::evaluate({expr, decls, 1, false}),
                                 matcalc::derive(derive_request(expr, "x", decls))};
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 1.0);
  for (const matcalc::Outcome& out : outcomes) {
    ASSERT_FALSE(out.ok);
    EXPECT_EQ(out.error.code, want.code);
    EXPECT_EQ(out.error.message, want.message);
    EXPECT_EQ(out.error.source, want.source);
    EXPECT_EQ(out.error.column, want.column);
    EXPECT_EQ(out.error.length, want.length);
    EXPECT_EQ(out.error.rendered, want_rendered);
  }
}

void expect_error(const std::string& expr, const std::string& decls, const Expected& want) {
  const std::string& shown = std::string(want.source) == "declarations" ? decls : expr;
  expect_error(expr, decls, want, rendered(want, shown));
}

TEST(ParseError, UnbalancedOpeningParenthesis) {
  expect_error("(x+y", "", {"parse", "unbalanced '(': it is never closed", "expression", 1, 1});
  expect_error("((x)", "", {"parse", "unbalanced '(': it is never closed", "expression", 1, 1});
  expect_error("tr(A", "", {"parse", "unbalanced '(': it is never closed", "expression", 3, 1});
}

TEST(ParseError, UnbalancedClosingParenthesis) {
  expect_error("x+y)", "", {"parse", "unbalanced ')': no '(' opens it", "expression", 4, 1});
  expect_error("(x))", "", {"parse", "unbalanced ')': no '(' opens it", "expression", 4, 1});
  expect_error(")", "", {"parse", "unexpected ')': an operand was expected", "expression", 1, 1});
}

TEST(ParseError, UnknownFunction) {
  expect_error("foo(x)", "",
               {"unknown-symbol",
                "unknown function 'foo': write one matcalc knows (exp, log, tanh, sigmoid, relu, "
                "softplus, softmax, tr, det, logdet, inv, norm2, ...)",
                "expression", 1, 3});
  expect_error(
      "x'*trace2(A)*x", "",
      {"unknown-symbol", "unknown function 'trace2' (did you mean trace?)", "expression", 4, 6});
  // Did you mean: what other tools spell, a prefix, a typo; nothing for a stranger.
  expect_error(
      "norm(x)", "",
      {"unknown-symbol", "unknown function 'norm' (did you mean norm2?)", "expression", 1, 4});
  expect_error(
      "sigm(x)", "",
      {"unknown-symbol", "unknown function 'sigm' (did you mean sigmoid?)", "expression", 1, 4});
  expect_error(
      "sigmiod(x)", "",
      {"unknown-symbol", "unknown function 'sigmiod' (did you mean sigmoid?)", "expression", 1, 7});
  expect_error("foo(x)", "",
               {"unknown-symbol",
                "unknown function 'foo': write one matcalc knows (exp, log, tanh, sigmoid, relu, "
                "softplus, softmax, tr, det, logdet, inv, norm2, ...)",
                "expression", 1, 3});
}

TEST(ParseError, WrongNumberOfArguments) {
  expect_error("tr(A,B)", "", {"parse", "tr takes 1 argument, not 2", "expression", 1, 7});
  expect_error("kron(A)", "", {"parse", "kron takes 2 arguments, not 1", "expression", 1, 7});
  expect_error("exp()", "", {"parse", "exp takes 1 argument, not 0", "expression", 1, 5});
  expect_error("ones(1,2,3)", "",
               {"parse", "ones takes 0 to 2 arguments, not 3", "expression", 1, 11});
  // "0 to 1 argument" is not English.
  expect_error("eye(n,m)", "", {"parse", "eye takes 0 to 1 arguments, not 2", "expression", 1, 8});
}

TEST(ShapeError, NamesBothShapes) {
  // Issue 2's example: x is a vector by convention, so x*x multiplies n×1 by n×1.
  expect_error(
      "x*x", "",
      {"shape", "x*x: cannot multiply n\u00d71 by n\u00d71 (did you mean x'*x, x*x' or x.*x?)",
       "expression", 1, 3});
  // A name shaped only by the naming convention says so, with the declaration.
  expect_error("x+A", "",
               {"shape",
                "x+A: cannot add n\u00d71 and m\u00d7p (x is a vector only by the naming "
                "convention: if it is a number, declare x: scalar)",
                "expression", 1, 3});
  expect_error("x+y", "x: vector(n); y: vector(m)",
               {"shape", "x+y: cannot add n\u00d71 and m\u00d71", "expression", 1, 3});
  expect_error("A*x", "A: matrix(3,4); x: vector(3)",
               {"shape", "A*x: cannot multiply 3\u00d74 by 3\u00d71", "expression", 1, 3});
  expect_error("x^2", "",
               {"shape",
                "^ is the matrix power and needs a square matrix, but x is n\u00d71; use .^ for "
                "element-wise powers (x is a vector only by the naming convention: if it is a "
                "number, declare x: scalar)",
                "expression", 1, 3});
}

TEST(ShapeError, DeterminantOfANonSquareMatrix) {
  expect_error("det(W)", "W: matrix(n,m)",
               {"shape", "det needs a square matrix, but W is n\u00d7m", "expression", 5, 1});
  expect_error("det(x)", "",
               {"shape",
                "det needs a square matrix, but x is n\u00d71 (x is a vector only by the naming "
                "convention: if it is a number, declare x: scalar)",
                "expression", 5, 1});
}

TEST(ParseError, EmptyInput) {
  expect_error("", "", {"parse", "the expression is empty", "expression", 1, 1});
  expect_error("   ", "", {"parse", "the expression is empty", "expression", 4, 1});
}

TEST(ParseError, TrailingOperator) {
  expect_error("x+", "", {"parse", "'+' needs an operand after it", "expression", 2, 1});
  expect_error("A*B*", "", {"parse", "'*' needs an operand after it", "expression", 4, 1});
  expect_error("x.*", "", {"parse", "'.*' needs an operand after it", "expression", 2, 2});
  expect_error("a^", "", {"parse", "'^' needs an operand after it", "expression", 2, 1});
  expect_error(
      "x**y", "",
      {"parse", "'**' is Python's power: write ^ (x^2, A^-1) or .^ for element-wise powers",
       "expression", 2, 2});
}

TEST(ParseError, StrayCharacters) {
  // '@' is NumPy's matrix product: the message says what matcalc writes for it.
  expect_error("x @ y", "",
               {"parse",
                "'@' is NumPy's matrix product: write * (matcalc's * is the matrix product, .* the "
                "element-wise one)",
                "expression", 3, 1});
  // "unexpected the character '#'" is not English; the article goes.
  expect_error("x # y", "", {"parse", "unexpected character '#'", "expression", 3, 1});
  expect_error("x'*A $ x", "", {"parse", "unexpected character '$'", "expression", 6, 1});
  expect_error("2 3", "",
               {"parse", "missing operator before '3' (write * for products)", "expression", 3, 1});
  expect_error(
      "x:y", "",
      {"parse", "unexpected ':' (declarations go in the declarations)", "expression", 2, 1});
}

TEST(ParseError, NonAsciiJunkIsPointedAtByCharacterNotByte) {
  expect_error("x \u00e9 y", "",
               {"parse", "unexpected non-ASCII character '\u00e9'", "expression", 3, 1});
  expect_error("x+\u20ac", "",
               {"parse", "unexpected non-ASCII character '\u20ac'", "expression", 3, 1});
  expect_error("\u00fc + x \U0001F600", "",
               {"parse", "unexpected non-ASCII character '\u00fc'", "expression", 1, 1});
}

TEST(ParseError, InvalidUtf8StaysOutOfTheMessage) {
  // A lone byte 0xFF is not UTF-8; echoing it would make the JSON outcome invalid.
  matcalc::Outcome out = matcalc::parse({"x+\xff", ""});
  ASSERT_FALSE(out.ok);
  EXPECT_EQ(out.error.column, 3);
  EXPECT_EQ(out.error.message.find('\xff'), std::string::npos) << out.error.message;
  EXPECT_EQ(out.json.find('\xff'), std::string::npos);
}

TEST(ParseError, NulBytesAndControlCharacters) {
  std::string nul("x+\0y", 4);
  // The rendered line shows the NUL as '?', so the caret still lines up.
  expect_error(nul, "", {"parse", "unexpected NUL byte", "expression", 3, 1},
               "error: unexpected NUL byte (expression, column 3)\n  x+?y\n    ^");
  expect_error(std::string(1, '\0'), "", {"parse", "unexpected NUL byte", "expression", 1, 1},
               "error: unexpected NUL byte (expression, column 1)\n  ?\n  ^");
  expect_error("x\x01", "", {"parse", "unexpected control character", "expression", 2, 1},
               "error: unexpected control character (expression, column 2)\n  x?\n   ^");
}

// A long input is shown as 60 characters around the error between "..." marks.
std::string long_rendered(const std::string& message, const std::string& input, int column) {
  int begin = column - 1, from = begin - 30;
  return "error: " + message + " (expression, column " + std::to_string(column) + ")\n  ..." +
         input.substr(from, 60) + "...\n  " + std::string(3 + 30, ' ') + "^";
}

TEST(ParseError, AOneMegabyteInputIsRefusedAtTheLimit) {
  std::string big;
  while (big.size() < (1u << 20)) big += "x+";
  big.resize(1u << 20);
  std::string message = "the expression is too long (1048576 characters; the limit is 4000)";
  expect_error(big, "", {"parse", message, "expression", 4001, 1},
               long_rendered(message, big, 4001));
}

TEST(ParseError, TenThousandNestedParenthesesAreRefused) {
  std::string deep = std::string(10000, '(') + "x" + std::string(10000, ')');
  std::string message = "the expression is too long (20001 characters; the limit is 4000)";
  expect_error(deep, "", {"parse", message, "expression", 4001, 1},
               long_rendered(message, deep, 4001));
}

TEST(ParseError, NestingDeeperThanTheLimitIsRefusedWhereItExceedsIt) {
  // Within the length limit, 1900 levels: the message names the limit of 200 levels, so
  // the caret is at the 201st parenthesis.
  std::string deep = std::string(1900, '(') + "x" + std::string(1900, ')');
  std::string message = "the expression nests too deeply (more than 200 levels)";
  expect_error(deep, "", {"parse", message, "expression", 201, 1},
               long_rendered(message, deep, 201));
  std::string minus = std::string(300, '-') + "x";
  expect_error(minus, "", {"parse", message, "expression", 201, 1},
               long_rendered(message, minus, 201));
}

TEST(ParseError, NestingWithinTheStatedLimitParses) {
  // The limit the message states is 200 levels; 150 nested parentheses are within it.
  std::string nested = std::string(150, '(') + "x" + std::string(150, ')');
  matcalc::Outcome out = matcalc::parse({nested, ""});
  EXPECT_TRUE(out.ok) << out.error.rendered;
  std::string sum = "x";
  for (int i = 0; i < 1900; ++i) sum += "+x";  // long but flat: fine
  EXPECT_TRUE(matcalc::parse({sum, ""}).ok);
}

TEST(DeclarationError, ADeclarationThatContradictsUse) {
  expect_error("x'*A*x", "x: vector(n); A: matrix(m,k)",
               {"shape", "x'*A: cannot multiply 1\u00d7n by m\u00d7k", "expression", 1, 4});
  expect_error("x'*S*x", "S: symmetric(n); x: vector(m)",
               {"shape", "x'*S: cannot multiply 1\u00d7m by n\u00d7n", "expression", 1, 4});
  expect_error("det(A)", "A: matrix(3,4)",
               {"shape", "det needs a square matrix, but A is 3\u00d74", "expression", 5, 1});
  expect_error("x(1)", "x: vector(n)",
               {"parse", "'x' is a variable, not a function (indexing is not supported)",
                "expression", 1, 1});
}

TEST(DeclarationError, MalformedDeclarations) {
  expect_error("x", "x: vektor(n)",
               {"declaration",
                "unknown kind 'vektor': use scalar, vector, matrix, symmetric, spd, diagonal, "
                "lower, upper, skew, orthogonal, stiefel or unit",
                "declarations", 4, 6});
  expect_error(
      "x", "x vector(n)",
      {"declaration", "expected ':' after 'x', as in 'x: matrix(n,m)'", "declarations", 3, 6});
  expect_error("x", "x: vector(n,m)",
               {"declaration", "vector takes at most 1 dimension", "declarations", 4, 6});
  expect_error("x", "x: scalar(n)",
               {"declaration", "scalar takes no dimensions", "declarations", 4, 6});
  expect_error(
      "x", "x: vector(0)",
      {"declaration", "a dimension is a name or a positive integer", "declarations", 11, 1});
  expect_error(
      "x", "x: vector(1.5)",
      {"declaration", "a dimension is a name or a positive integer", "declarations", 11, 3});
  expect_error("x", "x: vector(n); x: scalar",
               {"declaration", "'x' is declared twice", "declarations", 15, 9});
  expect_error("x", "x: vector(n",
               {"declaration", "expected ',' or ')' in the dimensions", "declarations", 12, 1});
  expect_error(
      "x", "1x: vector",
      {"declaration", "expected a variable name, as in 'x: vector(n)'", "declarations", 1, 1});
  expect_error("x", "x:",
               {"declaration",
                "expected a kind: scalar, vector, matrix, symmetric, spd, diagonal, lower, upper, "
                "skew, orthogonal, stiefel or unit",
                "declarations", 3, 1});
}

TEST(Robustness, TheEngineKeepsWorkingAfterMalformedInputs) {
  for (int i = 0; i < 200; ++i) {
    EXPECT_FALSE(matcalc::derive(derive_request(std::string(i % 7, '(') + "x+", "x", "")).ok);
    EXPECT_FALSE(matcalc::parse({std::string(1, static_cast<char>(0x80 + i % 64)), ""}).ok);
  }
  matcalc::Outcome out = matcalc::derive(derive_request("x'*W*W'*x", "W", ""));
  ASSERT_TRUE(out.ok) << out.error.rendered;
  EXPECT_EQ(out.text, "2*x*x'*W");
}

}  // namespace
}  // namespace matcalc_test

namespace matcalc_test {
namespace {

// A size the declarations named, used as a number without being declared one, is said
// to be a size (the naming convention would make it a new vector, and the shape error
// that followed named a size the user never wrote).
TEST(ParseError, ASizeUsedAsANumberSaysItIsASize) {
  expect_error("sum(x)/n", "x: vector(n)",
               {"parse",
                "'n' is a size in the declarations, not a variable: to use it as a number, "
                "declare it (n: scalar)",
                "expression", 8, 1});
  matcalc::Outcome declared =
      matcalc::derive(derive_request("sum(x)/n", "x", "x: vector(n); n: scalar"));
  ASSERT_TRUE(declared.ok) << declared.error.rendered;
}

}  // namespace
}  // namespace matcalc_test

namespace matcalc_test {
namespace {

// The suggestion for two column vectors quotes the operands as typed, without the
// parentheses around the whole product.
TEST(ShapeError, TheSuggestionQuotesTheOperandsOnly) {
  expect_error("((a'*x)*(b'*x))", "",
               {"shape",
                "(a'*x)*(b'*x): cannot multiply n×1 by n×1 (did you mean (a'*x)'*(b'*x), "
                "(a'*x)*(b'*x)' or (a'*x).*(b'*x)?)",
                "expression", 2, 13});
}

}  // namespace
}  // namespace matcalc_test

namespace matcalc_test {
namespace {

// Found by the third textbook set: t*B for a number t (a vector by the naming
// convention) says so; ones' at the front and ones at the end of a product are the
// vectors of ones (1'*exp(A*x) is a sum of entries, not a matrix).
TEST(ShapeError, AConventionShapeSaysSoAndOnesAreVectorsAtTheEnds) {
  matcalc::Outcome t = matcalc::derive(derive_request("det(A + t*B)", "t", ""));
  ASSERT_FALSE(t.ok);
  EXPECT_NE(t.error.message.find("t is a vector only by the naming convention: if it is a "
                                 "number, declare t: scalar"),
            std::string::npos)
      << t.error.message;
  EXPECT_TRUE(matcalc::derive(derive_request("det(A + t*B)", "t", "t: scalar")).ok);
  matcalc::Outcome sum = matcalc::derive(derive_request("ones'*exp(A*x)", "x", ""));
  ASSERT_TRUE(sum.ok) << sum.error.rendered;
  EXPECT_EQ(sum.text, "A'*exp(A*x)");
  matcalc::Outcome both = matcalc::parse({"ones'*X*ones", ""});
  ASSERT_TRUE(both.ok);
  EXPECT_NE(both.json.find("\"kind\":\"scalar\""), std::string::npos) << both.json;
}

}  // namespace
}  // namespace matcalc_test
