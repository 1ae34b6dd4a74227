// Where a word occurs in a text as a whole name (not inside a longer one: `x` is not in
// `x_1` or `max`), or npos.
#pragma once

#include <cctype>
#include <string>

namespace matcalc {

inline std::size_t find_word(const std::string& text, const std::string& word) {
  auto name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (std::size_t i = text.find(word); i != std::string::npos; i = text.find(word, i + 1)) {
    std::size_t e = i + word.size();
    if ((i == 0 || !name_char(text[i - 1])) && (e >= text.size() || !name_char(text[e]))) return i;
  }
  return std::string::npos;
}

}  // namespace matcalc
