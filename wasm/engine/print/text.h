// Plain text in the input language of SPEC section 1: parsing the output gives the
// same expression back (a property test checks it over thousands of random trees).
#pragma once

#include <string>

#include "expr/context.h"
#include "expr/names.h"
#include "expr/node.h"

namespace matcalc {

// `names` print a subexpression as its name (a where-clause's text: a line of a
// program); e itself is always written out, so a clause prints its definition.
std::string to_text(Context& ctx, Expr e, const Names& names = {});

// How many tokens a text of the input language has (names, numbers, operators with
// .* ./ .^ as one, parentheses, commas, transposes): the length a reader compares, the
// measure "shorter" means for the simplifier's lookahead and the textbook comparison.
std::size_t token_count(const std::string& text);
// Whether a prints in fewer tokens than b: what "shorter" means wherever a rewrite is
// kept only when it reads shorter.
bool prints_shorter(Context& ctx, Expr a, Expr b);

}  // namespace matcalc
