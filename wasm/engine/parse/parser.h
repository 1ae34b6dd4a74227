// Recursive-descent parser for SPEC section 1. Precedence, tightest first:
//   '  ;  function call  ;  ^ .^ (right-assoc)  ;  unary -  ;  * .* / ./  ;  + -
// Nesting is bounded so that no input can exhaust the stack (a native crash, or an
// abort of the WASM module), and the input length is bounded so none can stall it.
#pragma once

#include <string>

#include "parse/ast.h"

namespace matcalc {

inline constexpr int kMaxNesting = 200;
inline constexpr std::size_t kMaxInputLength = 4000;

AstPtr parse_expression(const std::string& src);

}  // namespace matcalc
