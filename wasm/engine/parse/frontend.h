// Text to IR: parse the expression and the declarations, infer every shape, and
// build the canonical expression. Fills the Context's variables (kind and shape).
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/node.h"

namespace matcalc {

// `expected`, when given, is the shape the expression should have (an answer to
// check): dimensions that the expression leaves free, as in a bare I or ones, take it.
// `differentials` reads d(A) as the differential of A, as the steps of a derivation
// write it (SPEC section 8); elsewhere d is an ordinary name.
Expr build_expression(Context& ctx, const std::string& expr, const std::string& decls,
                      const Shape* expected = nullptr, bool differentials = false);

// Dimension names the user gave in declarations are rigid; this parses just the
// declarations into the context (for a --wrt variable that is declared but unused).
}  // namespace matcalc
