// Recursive-descent parser for SPEC section 1. Precedence, tightest first:
//   '  ;  function call  ;  ^ .^ (right-assoc)  ;  unary -  ;  * .* / ./  ;  + -
// Nesting is bounded so that no input can exhaust the stack (a native crash, or an
// abort of the WASM module), and the input length is bounded so none can stall it.
#pragma once

#include <functional>
#include <memory>
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
// The plain reader and the LaTeX reader both give statements: one tree, its spans into
// what the user typed (parse/typed_source.h).
struct Statement {
  std::string name;  // the defined name, or "" for a bare expression
  Span name_span;
  Span span;  // the whole statement
  std::shared_ptr<Ast> expr;
  std::string text;  // the right-hand side in the plain language: as typed (each run of
                     // whitespace one space), or the reading of written mathematics
};

// A statement's right-hand side as typed: `src`'s bytes in `span`, whitespace runs made
// one space.
std::string typed_text(const std::string& src, Span span);

// Moves every span of a tree (a field's statements placed in a question: see
// parse/typed_source.h).
void move_spans(Ast& a, const std::function<Span(Span)>& to);
// `scalars`: the names declared scalars, whose parenthesis multiplies (c(x + y)).
std::vector<Statement> parse_program(const std::string& src,
                                     const std::vector<std::string>& declared = {},
                                     const std::vector<std::string>& scalars = {});

}  // namespace matcalc
