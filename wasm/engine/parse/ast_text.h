// A syntax tree written in the plain language (SPEC 1): the reading of written mathematics
// shown back, and the quotes of messages about it. Parenthesised only where the grammar
// needs it (parse/parser.h gives the levels), so the text parses back to the same tree.
#pragma once

#include <cstddef>
#include <string>

#include "parse/ast.h"

namespace matcalc {

std::string plain_text(const Ast& a);
// The first `count` operands of a sum or a product with their operators (x'*A of x'*A*y).
std::string plain_text_prefix(const Ast& a, std::size_t count);

}  // namespace matcalc
