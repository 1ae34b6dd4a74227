// The LaTeX tokenizer: one pass over bytes. Commands are looked up only by the parser,
// except the few that only shape the page (spacing, \displaystyle) and the delimiters,
// which are normalised here so that `\left\|`, `\lVert` and `\|` are one token kind.
// Unicode symbols people paste (−, ·, ×, ∂, ∇, ᵀ, ⁻¹, ₖ, ‖, Greek letters, 𝑥 and 𝐀 of
// PDFs) read as their commands (parse/unicode_math.h). Braces and \left/\right are balanced in the
// same pass.
#include "parse/latex_lexer.h"

#include <cctype>
#include <cstring>

#include "expr/error.h"
#include "parse/unicode_math.h"
#include "util/utf8.h"

namespace matcalc {

void latex_fail(const std::string& message, Span s) {
  throw UserError("parse", message, Source::Expression, s.begin, std::max(s.end, s.begin + 1));
}

namespace {

bool letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// Commands that only space or style the formula.
bool ignorable(const std::string& name) {
  static const char* const kNames[] = {",",
                                       ";",
                                       ":",
                                       "!",
                                       " ",
                                       ">",
                                       "quad",
                                       "qquad",
                                       "enspace",
                                       "thinspace",
                                       "medspace",
                                       "thickspace",
                                       "negthinspace",
                                       "negmedspace",
                                       "displaystyle",
                                       "textstyle",
                                       "scriptstyle",
                                       "limits",
                                       "nolimits",
                                       "mathstrut",
                                       "strut",
                                       "nonumber",
                                       "notag",
                                       "relax"};
  for (const char* n : kNames)
    if (name == n) return true;
  return false;
}

// The delimiter a command or character stands for, or "".
std::string delimiter(const std::string& s) {
  static const std::pair<const char*, const char*> kDelims[] = {
      {"(", "("},        {")", ")"},        {"[", "["},        {"]", "]"},        {"|", "|"},
      {"\\|", "||"},     {"\\Vert", "||"},  {"\\lVert", "||"}, {"\\rVert", "||"}, {"\\vert", "|"},
      {"\\lvert", "|"},  {"\\rvert", "|"},  {"\\{", "{"},      {"\\}", "}"},      {"\\lbrace", "{"},
      {"\\rbrace", "}"}, {"\\lbrack", "["}, {"\\rbrack", "]"}, {"\\langle", "<"}, {"\\rangle", ">"},
      {".", "."}};
  for (auto [from, to] : kDelims)
    if (s == from) return to;
  return "";
}

bool sizing(const std::string& name) {
  static const char* const kNames[] = {"big",   "Big",   "bigg",  "Bigg", "bigl",  "Bigl",
                                       "biggl", "Biggl", "bigr",  "Bigr", "biggr", "Biggr",
                                       "bigm",  "Bigm",  "biggm", "Biggm"};
  for (const char* n : kNames)
    if (name == n) return true;
  return false;
}

class Lexer {
 public:
  explicit Lexer(const std::string& tex)
      : s_(tex),
        bare_(tex.find_first_of("\\{}") == std::string::npos),
        pasted_(has_unicode_math(tex)) {}

  std::vector<LToken> run() {
    while (i_ < s_.size()) step();
    check_balance();
    int e = static_cast<int>(s_.size());
    out_.push_back({LTok::End, "", {e, e}, true});
    return std::move(out_);
  }

 private:
  char at(std::size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  void push(LTok kind, std::string text, int b, int e, DelimRole role = DelimRole::Plain) {
    out_.push_back({kind, std::move(text), {b, e}, space_, role});
    space_ = false;
  }

  // The command starting at i_ (a backslash): its name and end.
  std::string command(std::size_t* end) const {
    std::size_t j = i_ + 1;
    if (letter(at(j))) {
      while (letter(at(j))) ++j;
    } else if (j < s_.size()) {
      ++j;
    }
    *end = j;
    return s_.substr(i_ + 1, j - i_ - 1);
  }

  void step() {
    char c = s_[i_];
    int b = static_cast<int>(i_);
    if (c == ' ' || c == '\t' || c == '\r' || c == '~' || c == '&') {
      space_ = true;
      ++i_;
    } else if (c == '\n') {
      push(LTok::Break, "\n", b, b + 1);
      space_ = true;
      ++i_;
    } else if (c == '%') {
      while (i_ < s_.size() && s_[i_] != '\n') ++i_;
    } else if (c == '\\') {
      backslash();
    } else if (letter(c)) {
      push(LTok::Letter, std::string(1, c), b, b + 1);
      ++i_;
    } else if (digit(c) || (c == '.' && digit(at(i_ + 1)))) {
      number();
    } else if (c == '{' || c == '}') {
      push(c == '{' ? LTok::Open : LTok::Close, std::string(1, c), b, b + 1);
      ++i_;
    } else if (!delimiter(std::string(1, c)).empty() && c != '.') {
      push(LTok::Delim, delimiter(std::string(1, c)), b, b + 1);
      ++i_;
    } else if (c == '_' && bare_ && std::isalnum(static_cast<unsigned char>(at(i_ + 1))) &&
               std::isalnum(static_cast<unsigned char>(at(i_ + 2)))) {
      bare_subscript();
    } else if (c == '_' && pasted_ && index_pair(i_ + 1)) {
      bare_subscript();
    } else if (c == '.' && (at(i_ + 1) == '*' || at(i_ + 1) == '/')) {
      // A.*B and A./B, as in plain input, pasted beside written mathematics
      push(LTok::Cmd, at(i_ + 1) == '*' ? "odot" : "oslash", b, b + 2);
      i_ += 2;
    } else if (std::strchr("+-*/=',;:?.!<>^_$\"", c) != nullptr) {
      push(LTok::Char, std::string(1, c), b, b + 1);
      ++i_;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      unicode();
    } else {
      latex_fail(std::string("unexpected character '") + c + "'", {b, b + 1});
    }
  }

  // Two lower-case letters standing alone after '_' (m_ik followed by a space, an operator
  // or the end), in LaTeX pasted with Unicode mathematics (\partial(Σₖ m_ik m_jk)/∂m_xy):
  // an entry's two indices, as the one who pasted it means, not m_i times k.
  bool index_pair(std::size_t j) const {
    auto lower = [](char ch) { return ch >= 'a' && ch <= 'z'; };
    char after = at(j + 2);
    return lower(at(j)) && lower(at(j + 1)) &&
           (after == '\0' || std::strchr(" \t\n)}+-*/=,^]", after) != nullptr);
  }

  // m_ik, W_hh, x_10 in text without backslashes or braces: the subscript is the whole
  // run of letters and digits (m_{ik}), as typed outside LaTeX; LaTeX itself reads one.
  void bare_subscript() {
    int b = static_cast<int>(i_);
    std::size_t j = i_ + 1;
    while (std::isalnum(static_cast<unsigned char>(at(j)))) ++j;
    push(LTok::Char, "_", b, b + 1);
    push(LTok::Open, "{", b + 1, b + 1);
    for (std::size_t k = i_ + 1; k < j; ++k) {
      int p = static_cast<int>(k);
      if (std::isalpha(static_cast<unsigned char>(s_[k])))
        push(LTok::Letter, std::string(1, s_[k]), p, p + 1);
      else
        push(LTok::Number, std::string(1, s_[k]), p, p + 1);
    }
    push(LTok::Close, "}", static_cast<int>(j), static_cast<int>(j));
    i_ = j;
  }

  void number() {
    std::size_t j = i_;
    while (digit(at(j))) ++j;
    if (at(j) == '.' && digit(at(j + 1))) {
      ++j;
      while (digit(at(j))) ++j;
    }
    if (at(j) == 'e' && (digit(at(j + 1)) || (at(j + 1) == '-' && digit(at(j + 2))))) {
      j += 2;
      while (digit(at(j))) ++j;
    }
    push(LTok::Number, s_.substr(i_, j - i_), static_cast<int>(i_), static_cast<int>(j));
    i_ = j;
  }

  void unicode() {
    int len = 0;
    int b = static_cast<int>(i_);
    std::string tex = unicode_as_tex(s_, i_, &len);
    if (tex.empty()) {
      int n = std::max(1, utf8_sequence(s_, i_));
      latex_fail("unexpected character '" + s_.substr(i_, n) + "'", {b, b + n});
    }
    // The replacement's tokens all point at the Unicode character.
    std::vector<LToken> sub = Lexer(tex).tokens_only();
    if (sub.empty() && tex.find_first_not_of(' ') == std::string::npos) space_ = true;  // U+00A0
    for (LToken& t : sub) {
      t.span = {b, b + len};
      t.space_before = t.space_before || space_;
      space_ = false;
      out_.push_back(t);
    }
    i_ += len;
  }

  std::vector<LToken> tokens_only() {
    while (i_ < s_.size()) step();
    return std::move(out_);
  }

  void backslash() {
    std::size_t end;
    std::string name = command(&end);
    int b = static_cast<int>(i_);
    int e = static_cast<int>(end);
    if (name.empty()) latex_fail("a lone '\\' at the end", {b, e});
    i_ = end;
    if (letter(name[0]))
      while (at(i_) == ' ') ++i_;  // the space after \name only ends the name
    if (ignorable(name)) {
      space_ = true;
      return;
    }
    if (name == "\\") return push(LTok::Break, "\\\\", b, e);
    if (name == "left" || name == "right" || sizing(name)) return sized(name, b, e);
    std::string d = delimiter("\\" + name);
    if (!d.empty()) return push(LTok::Delim, d, b, e);
    push(LTok::Cmd, name, b, e);
  }

  // \left( \right] \big| ...: one Delim token spanning the command and the delimiter.
  void sized(const std::string& name, int b, int e) {
    while (at(i_) == ' ') ++i_;
    std::size_t d_end = i_ + 1;
    std::string raw(1, at(i_));  // (appended, not "\\" + name: GCC 12 warns on that falsely)
    if (at(i_) == '\\') raw += command(&d_end);
    std::string d = delimiter(raw);
    if (d.empty() || i_ >= s_.size())
      latex_fail("\\" + name + " needs a delimiter after it, such as ( or \\|", {b, e});
    i_ = d_end;
    DelimRole role = name == "left"    ? DelimRole::Left
                     : name == "right" ? DelimRole::Right
                                       : DelimRole::Plain;
    if (role == DelimRole::Plain && d == ".") latex_fail("\\" + name + ". sizes nothing", {b, e});
    push(LTok::Delim, d, b, static_cast<int>(d_end), role);
  }

  // Braces and \left ... \right pair up, properly nested.
  void check_balance() const {
    std::vector<const LToken*> open;
    for (const LToken& t : out_) {
      bool opens = t.kind == LTok::Open || (t.kind == LTok::Delim && t.role == DelimRole::Left);
      bool closes = t.kind == LTok::Close || (t.kind == LTok::Delim && t.role == DelimRole::Right);
      if (opens) open.push_back(&t);
      if (!closes) continue;
      bool brace = t.kind == LTok::Close;
      if (open.empty())
        latex_fail(brace ? "unbalanced '}': no '{' opens it"
                         : "'" + text_of(t) + "' has no matching '\\left'",
                   t.span);
      const LToken& o = *open.back();
      if ((o.kind == LTok::Open) != brace) unclosed(o);
      open.pop_back();
    }
    if (!open.empty()) unclosed(*open.back());
  }

  [[noreturn]] void unclosed(const LToken& o) const {
    if (o.kind == LTok::Open) latex_fail("unbalanced '{': it is never closed", o.span);
    latex_fail("'" + text_of(o) + "' has no matching '\\right'", o.span);
  }

  std::string text_of(const LToken& t) const {
    return s_.substr(t.span.begin, t.span.end - t.span.begin);
  }

  const std::string& s_;
  bool bare_ = false;    // no backslash and no braces: text typed outside LaTeX
  bool pasted_ = false;  // Unicode mathematics in it: pasted from a page or a PDF
  std::size_t i_ = 0;
  bool space_ = false;
  std::vector<LToken> out_;
};

}  // namespace

std::vector<LToken> latex_tokens(const std::string& tex) { return Lexer(tex).run(); }

}  // namespace matcalc
