// Plain text in the input language of SPEC section 1: parsing the output gives the
// same expression back (a property test checks it over thousands of random trees).
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/node.h"

namespace matcalc {

std::string to_text(Context& ctx, Expr e);

}  // namespace matcalc
