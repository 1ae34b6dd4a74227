// UTF-8 helpers: user input may hold anything, and what we echo back (messages, JSON)
// must be valid text.
#pragma once

#include <string>

namespace matcalc {

// Length of the valid UTF-8 sequence at s[i], or 0 when the bytes there are not one.
int utf8_sequence(const std::string& s, std::size_t i);

// s with every invalid byte replaced by U+FFFD.
std::string utf8_sanitized(const std::string& s);

}  // namespace matcalc
