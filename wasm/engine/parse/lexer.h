// Tokenizer for the input language (SPEC section 1) and for declarations.
#pragma once

#include <string>
#include <vector>

#include "expr/error.h"
#include "parse/ast.h"

namespace matcalc {

enum class Tok { Num, Ident, Op, End };

struct Token {
  Tok kind;
  std::string text;  // the operator or identifier; "" at End
  double number = 0;
  Span span;
};

// Splits `src` into tokens. Operators: + - * / .* ./ ^ .^ ' ( ) , : ; and newline
// as ";" when `newline_separates`. Throws UserError with the offending span.
std::vector<Token> tokenize(const std::string& src, Source source, bool newline_separates);

}  // namespace matcalc
