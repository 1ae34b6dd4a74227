// What a Jacobian asked entry by entry (SPEC 14) is as a matrix, and what a text means
// by a matrix "derivative" of a matrix (the chain rule's shorthand ∂P/∂M = 2M).
#pragma once

#include <cstdint>
#include <string>

#include "expr/context.h"
#include "expr/derivation.h"

namespace matcalc {

// The function's name in the entry forms (F_ij, f): its own name, else F for a vector or
// matrix and f for a scalar. Inline: the first visit's core module (without this file's
// .cpp) names it too.
inline std::string entry_function_name(const Derivation& d) {
  bool scalar = d.f && d.f->shape.scalar();
  if (d.function_name.empty() || (d.function_name == "f" && !scalar)) return scalar ? "f" : "F";
  return d.function_name;
}

// Index letters as words: "i, j, x and y".
inline std::string listed_letters(const std::string& letters) {
  std::string out;
  for (std::size_t i = 0; i < letters.size(); ++i)
    out += (i == 0 ? "" : i + 1 == letters.size() ? " and " : ", ") + std::string(1, letters[i]);
  return out;
}

// "" unless d is a Jacobian asked with index letters `of` (the function's) and `by` (the
// variable's); `index_text` is the derivative in index form, `fname` the function's name.
std::string entries_note(Context& ctx, const Derivation& d, const std::string& index_text,
                         const std::string& fname, const std::string& of, const std::string& by,
                         std::uint32_t seed);

}  // namespace matcalc
