// Tokenizer: one pass over bytes; every character it cannot place is reported with
// its position, including non-ASCII bytes and NUL.
#include "parse/lexer.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "parse/unicode_math.h"
#include "util/utf8.h"

namespace matcalc {

namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Length in bytes of the UTF-8 sequence starting at s[i] (1 for invalid bytes).
int utf8_length(const std::string& s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return static_cast<int>(std::min<std::size_t>(n, s.size() - i));
}

std::string describe(const std::string& s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == 0) return "NUL byte";
  if (c < 0x20 || c == 0x7f) return "control character";
  if (c >= 0x80 && utf8_sequence(s, i) == 0) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", c);
    return std::string("byte ") + hex + " (not valid UTF-8)";
  }
  if (c >= 0x80) return "non-ASCII character '" + s.substr(i, utf8_length(s, i)) + "'";
  return std::string("character '") + static_cast<char>(c) + "'";
}

}  // namespace

std::vector<Token> tokenize(const std::string& src, Source source, bool newline_separates) {
  std::vector<Token> out;
  std::size_t i = 0, n = src.size();
  auto at = [&](std::size_t k) { return k < n ? src[k] : '\0'; };
  while (i < n) {
    char c = src[i];
    int b = static_cast<int>(i);
    if (c == '\n' && newline_separates) {
      out.push_back({Tok::Op, ";", 0, {b, b + 1}});
      ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (digit(c) || (c == '.' && digit(at(i + 1)))) {
      std::size_t j = i;
      while (digit(at(j))) ++j;
      if (at(j) == '.' && at(j + 1) != '*' && at(j + 1) != '/' && at(j + 1) != '^' &&
          at(j + 1) != '\'') {
        ++j;
        while (digit(at(j))) ++j;
      }
      if ((at(j) == 'e' || at(j) == 'E') &&
          (digit(at(j + 1)) || ((at(j + 1) == '+' || at(j + 1) == '-') && digit(at(j + 2))))) {
        j += 2;
        while (digit(at(j))) ++j;
      }
      std::string text = src.substr(i, j - i);
      double v = std::strtod(text.c_str(), nullptr);
      out.push_back({Tok::Num, text, v, {b, static_cast<int>(j)}});
      i = j;
    } else if (ident_start(c)) {
      std::size_t j = i;
      while (ident_char(at(j))) ++j;
      out.push_back({Tok::Ident, src.substr(i, j - i), 0, {b, static_cast<int>(j)}});
      i = j;
    } else if (int g = 0; !greek_name_at(src, i, &g).empty()) {
      // μ, θ_1, Σ: a Greek letter is its plain name (the declarations field: μ: vector)
      std::string name = greek_name_at(src, i, &g);
      std::size_t j = i + static_cast<std::size_t>(g);
      while (ident_char(at(j))) name += src[j++];
      out.push_back({Tok::Ident, name, 0, {b, static_cast<int>(j)}});
      i = j;
    } else if (c == '.' && (at(i + 1) == '*' || at(i + 1) == '/' || at(i + 1) == '^')) {
      out.push_back({Tok::Op, src.substr(i, 2), 0, {b, b + 2}});
      i += 2;
    } else if (c == '.' && at(i + 1) == '\'') {  // MATLAB's A.' is the same transpose
      out.push_back({Tok::Op, "'", 0, {b, b + 2}});
      i += 2;
    } else if (c == '.' && at(i + 1) == 'T' && !ident_char(at(i + 2))) {  // NumPy's A.T
      out.push_back({Tok::Op, "'", 0, {b, b + 2}});
      i += 2;
    } else if (c == '*' && at(i + 1) == '*') {
      throw UserError("parse",
                      "'**' is Python's power: write ^ (x^2, A^-1) or .^ for element-wise powers",
                      source, b, b + 2);
    } else if (c == '@') {
      throw UserError("parse",
                      "'@' is NumPy's matrix product: write * (matcalc's * is the matrix product, "
                      ".* the element-wise one)",
                      source, b, b + 1);
    } else if (std::string("+-*/^'(),:;=").find(c) != std::string::npos) {
      out.push_back({Tok::Op, std::string(1, c), 0, {b, b + 1}});
      ++i;
    } else {
      int len = std::max(1, utf8_sequence(src, i));
      throw UserError("parse", "unexpected " + describe(src, i), source, b, b + len);
    }
  }
  int e = static_cast<int>(n);
  out.push_back({Tok::End, "", 0, {e, e}});
  return out;
}

}  // namespace matcalc
