// Recursive-descent parser for SPEC section 1. Precedence, tightest first:
//   '  ;  function call  ;  ^ .^ (right-assoc)  ;  unary -  ;  * .* / ./  ;  + -
// Nesting is bounded so that no input can exhaust the stack (a native crash, or an
// abort of the WASM module), and the input length is bounded so none can stall it.
#pragma once

#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

inline constexpr int kMaxNesting = 200;
inline constexpr std::size_t kMaxInputLength = 4000;

// `declared`: the declared names (a declared T makes A^T a power).
AstPtr parse_expression(const std::string& src, const std::vector<std::string>& declared = {});

// A program (SPEC section 5): statements separated by ';' or newlines, each an
// expression or a definition NAME = EXPR (also NAME := EXPR); the last is what is
// differentiated.
struct Statement {
  std::string name;  // the defined name, or "" for a bare expression
  Span name_span;
  Span span;  // the whole statement
  AstPtr expr;
};
// `scalars`: the names declared scalars, whose parenthesis multiplies (c(x + y)).
std::vector<Statement> parse_program(const std::string& src,
                                     const std::vector<std::string>& declared = {},
                                     const std::vector<std::string>& scalars = {});

}  // namespace matcalc
