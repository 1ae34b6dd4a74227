// The Unicode table of parse/unicode_math.h. Symbols are looked up by code point; the
// Mathematical Alphanumeric Symbols (𝑥, 𝐀, 𝜆 as PDFs give them) by arithmetic over their
// blocks, a bold style reading as \mathbf.
#include "parse/unicode_math.h"

#include "util/utf8.h"

namespace matcalc {

namespace {

// The code point at s[i] (valid UTF-8 of *len bytes), or -1.
long code_point(const std::string& s, std::size_t i, int* len) {
  int n = utf8_sequence(s, i);
  *len = n;
  if (n <= 1) return n == 1 ? static_cast<unsigned char>(s[i]) : -1;
  auto byte = [&](int k) { return static_cast<unsigned char>(s[i + k]) & 0x3F; };
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (n == 2) return ((c & 0x1F) << 6) | byte(1);
  if (n == 3) return ((c & 0x0F) << 12) | (byte(1) << 6) | byte(2);
  return ((c & 0x07) << 18) | (byte(1) << 12) | (byte(2) << 6) | byte(3);
}

struct Row {
  long code;
  const char* tex;
};

// Symbols, one row each: the code point and the LaTeX it is read as.
constexpr Row kSymbols[] = {
    {0x2212, "-"},          // − minus sign
    {0x2013, "-"},          // – en dash, as PDFs render a minus
    {0x00B7, "\\cdot "},    // · middle dot
    {0x22C5, "\\cdot "},    // ⋅ dot operator
    {0x2219, "\\cdot "},    // ∙ bullet operator
    {0x00D7, "\\times "},   // ×
    {0x2217, "*"},          // ∗ asterisk operator
    {0x2299, "\\odot "},    // ⊙ Hadamard product
    {0x2218, "\\circ "},    // ∘ Hadamard product (or composition)
    {0x2297, "\\otimes "},  // ⊗ Kronecker product
    {0x2298, "\\oslash "},  // ⊘ Hadamard division
    {0x2202, "\\partial "},
    {0x2207, "\\nabla "},
    {0x2261, "\\equiv "},
    {0x2254, "\\coloneqq "},   // ≔
    {0x225C, "\\triangleq "},  // ≜
    {0x225D, "\\triangleq "},  // ≝
    {0x2208, "\\in "},
    {0x227B, "\\succ "},    // ≻
    {0x227D, "\\succeq "},  // ≽
    {0x2AB0, "\\succeq "},  // ⪰
    {0x211D, "R"},          // ℝ
    {0x22BA, "^{T}"},       // ⊺ intercal, written after the name as a transpose
    {0x2016, "\\|"},        // ‖
    {0x2225, "\\|"},        // ∥
    {0x2211, "\\sum "},     // ∑
    {0x221A, "\\sqrt "},    // √
    {0x27E8, "\\langle "},
    {0x27E9, "\\rangle "},
    {0x2329, "\\langle "},
    {0x232A, "\\rangle "},
    {0x2032, "'"},               // ′ prime
    {0x2019, "'"},               // ’ a prime as word processors write it
    {0x2033, "''"},              // ″
    {0x00BD, "{\\frac{1}{2}}"},  // ½
    {0x2113, "\\ell "},          // ℓ
    {0x210E, "h"},               // ℎ Planck's h, the italic h of PDFs
    {0x03F5, "\\epsilon "},      // ϵ
    {0x03D1, "\\theta "},        // ϑ
    {0x03D5, "\\phi "},          // ϕ
    {0x03F1, "\\rho "},          // ϱ
    {0x03C2, "\\sigma "},        // ς
};

// Greek letters U+0391..U+03C9 by their LaTeX names ("" for the capitals that are Latin).
const char* const kGreekUpper[] = {
    "A",       "B",        "\\Gamma",   "\\Delta", "E",    "Z",     "H",      "\\Theta", "I",
    "K",       "\\Lambda", "M",         "N",       "\\Xi", "O",     "\\Pi",   "P",       "",
    "\\Sigma", "T",        "\\Upsilon", "\\Phi",   "X",    "\\Psi", "\\Omega"};
const char* const kGreekLower[] = {"\\alpha",   "\\beta", "\\gamma", "\\delta", "\\epsilon",
                                   "\\zeta",    "\\eta",  "\\theta", "\\iota",  "\\kappa",
                                   "\\lambda",  "\\mu",   "\\nu",    "\\xi",    "o",
                                   "\\pi",      "\\rho",  "\\sigma", "\\sigma", "\\tau",
                                   "\\upsilon", "\\phi",  "\\chi",   "\\psi",   "\\omega"};

std::string greek(long cp) {
  if (cp >= 0x0391 && cp <= 0x03A9 && *kGreekUpper[cp - 0x0391])
    return std::string(kGreekUpper[cp - 0x0391]) + " ";
  if (cp >= 0x03B1 && cp <= 0x03C9) return std::string(kGreekLower[cp - 0x03B1]) + " ";
  return "";
}

// Mathematical Alphanumeric Symbols: Latin letters in 13 styles of 52, Greek in 5 of 58,
// digits in 5 of 10. Bold styles read as \mathbf, the others as the plain letter.
std::string math_alphanumeric(long cp) {
  if (cp >= 0x1D400 && cp < 0x1D400 + 13 * 52) {
    long style = (cp - 0x1D400) / 52, k = (cp - 0x1D400) % 52;
    char c = static_cast<char>(k < 26 ? 'A' + k : 'a' + (k - 26));
    bool bold = style == 0 || style == 2 || style == 4 || style == 7 || style == 9 || style == 11;
    return bold ? std::string("\\mathbf{") + c + "}" : std::string(1, c);
  }
  if (cp >= 0x1D6A8 && cp < 0x1D6A8 + 5 * 58) {
    long style = (cp - 0x1D6A8) / 58, k = (cp - 0x1D6A8) % 58;
    bool bold = style != 1;
    std::string letter;
    if (k < 25)
      letter = k == 17 ? "\\Theta " : greek(0x0391 + k);
    else if (k == 25)
      letter = "\\nabla ";
    else if (k < 51)
      letter = greek(0x03B1 + (k - 26));
    else if (k == 51)
      return "\\partial ";
    else
      letter = k == 52   ? "\\epsilon "
               : k == 53 ? "\\theta "
               : k == 55 ? "\\phi "
               : k == 56 ? "\\rho "
                         : "";
    if (letter.empty() || letter == "\\nabla ") return letter;
    return bold ? "\\boldsymbol{" + letter + "}" : letter;
  }
  if (cp >= 0x1D7CE && cp <= 0x1D7FF) {
    long style = (cp - 0x1D7CE) / 10, k = (cp - 0x1D7CE) % 10;
    if (k == 1 && (style == 0 || style == 1)) return "\\mathbf{1}";  // 𝟏 𝟙: the ones vector
    return std::string(1, static_cast<char>('0' + k));
  }
  return "";
}

// Superscript and subscript characters and what they write inside ^{...} / _{...}.
const char* superscript(long cp) {
  switch (cp) {
    case 0x2070:
      return "0";
    case 0x00B9:
      return "1";
    case 0x00B2:
      return "2";
    case 0x00B3:
      return "3";
    case 0x2074:
      return "4";
    case 0x2075:
      return "5";
    case 0x2076:
      return "6";
    case 0x2077:
      return "7";
    case 0x2078:
      return "8";
    case 0x2079:
      return "9";
    case 0x207A:
      return "+";
    case 0x207B:
      return "-";
    case 0x207D:
      return "(";
    case 0x207E:
      return ")";
    case 0x207F:
      return "n";
    case 0x2071:
      return "i";
    case 0x1D40:
      return "T";
    case 0x1D57:
      return "T";  // ᵗ, the small t some fonts give for a transpose
    default:
      return nullptr;
  }
}

const char* subscript(long cp) {
  static const char* const kDigits[] = {"0", "1", "2", "3", "4", "5", "6", "7",
                                        "8", "9", "+", "-", "=", "(", ")"};
  if (cp >= 0x2080 && cp <= 0x208E) return kDigits[cp - 0x2080];
  static const char* const kLetters[] = {"a", "e", "o", "x", nullptr, "h", "k",
                                         "l", "m", "n", "p", "s",     "t"};
  if (cp >= 0x2090 && cp <= 0x209C) return kLetters[cp - 0x2090];
  switch (cp) {
    case 0x1D62:
      return "i";
    case 0x1D63:
      return "r";
    case 0x1D64:
      return "u";
    case 0x1D65:
      return "v";
    case 0x2C7C:
      return "j";
    default:
      return nullptr;
  }
}

bool space(long cp) {
  return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

// A run of script characters from s[i]: "^{...}" or "_{...}" over all of them.
std::string script_run(const std::string& s, std::size_t i, int* len, const char* (*script)(long),
                       char mark) {
  std::string inside;
  std::size_t j = i;
  while (j < s.size()) {
    int n = 0;
    long cp = code_point(s, j, &n);
    const char* t = cp >= 0x80 ? script(cp) : nullptr;
    if (!t) break;
    inside += t;
    j += static_cast<std::size_t>(n);
  }
  *len = static_cast<int>(j - i);
  if (inside.empty()) return "";
  return std::string(1, mark) + "{" + inside + "}";
}

}  // namespace

std::string unicode_as_tex(const std::string& s, std::size_t i, int* len) {
  *len = 0;
  int n = 0;
  long cp = code_point(s, i, &n);
  if (cp < 0x80) return "";
  if (superscript(cp)) return script_run(s, i, len, superscript, '^');
  if (subscript(cp)) return script_run(s, i, len, subscript, '_');
  *len = n;
  if (space(cp)) return " ";
  if (cp == 0x22A4)  // ⊤: \top after a caret (x^⊤), a transpose on its own (x⊤)
    return i > 0 && s[i - 1] == '^' ? "\\top " : "^{T}";
  for (const Row& r : kSymbols)
    if (r.code == cp) return r.tex;
  if (std::string g = greek(cp); !g.empty()) return g;
  if (std::string m = math_alphanumeric(cp); !m.empty()) return m;
  *len = 0;
  return "";
}

std::string greek_name_at(const std::string& s, std::size_t i, int* len) {
  *len = 0;
  int n = 0;
  long cp = code_point(s, i, &n);
  std::string g = cp >= 0x0391 && cp <= 0x03C9 ? greek(cp) : "";
  if (g.empty()) return "";
  *len = n;
  if (g[0] == '\\') g.erase(0, 1);
  while (!g.empty() && g.back() == ' ') g.pop_back();
  return g;
}

bool has_unicode_math(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) < 0x80) continue;
    int len = 0;
    if (!unicode_as_tex(s, i, &len).empty()) return true;
  }
  return false;
}

}  // namespace matcalc
