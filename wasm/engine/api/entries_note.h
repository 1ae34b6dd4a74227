// What a Jacobian asked entry by entry (SPEC 14) is as a matrix, and what a text means
// by a matrix "derivative" of a matrix (the chain rule's shorthand ∂P/∂M = 2M).
#pragma once

#include <cstdint>
#include <string>

#include "expr/context.h"
#include "expr/derivation.h"

namespace matcalc {

// "" unless d is a Jacobian asked with index letters `of` (the function's) and `by` (the
// variable's); `index_text` is the derivative in index form, `fname` the function's name.
std::string entries_note(Context& ctx, const Derivation& d, const std::string& index_text,
                         const std::string& fname, const std::string& of, const std::string& by,
                         std::uint32_t seed);

}  // namespace matcalc
