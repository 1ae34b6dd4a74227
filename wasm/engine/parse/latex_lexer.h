// Tokens of the LaTeX reader (internal to parse/latex_*.cpp). LaTeX math reads one
// letter at a time (`xy` is x times y), so letters are single tokens; whether a run of
// them spells a function (`tr(`) is the parser's business, from `space_before`.
#pragma once

#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

enum class LTok {
  Cmd,     // \name or \c (text: the name without the backslash)
  Letter,  // one ASCII letter
  Number,  // 2, 0.5 (and 1e-05, as the engine's own printer writes small constants)
  Char,    // one of + - * / = ' ^ _ , ; : ? . ! < > and the like
  Open,    // { of a group
  Close,   // }
  Delim,   // a delimiter: ( ) [ ] | || (for \| \Vert) { } (for \{ \}) < > (\langle \rangle)
           // or . (\left. \right.); `role` says whether \left, \right or neither sized it
  Break,   // a statement break: \\ or a newline (text "\\\\" or "\n")
  End,
};

enum class DelimRole { Plain, Left, Right };

struct LToken {
  LTok kind;
  std::string text;
  Span span;
  bool space_before = false;  // whitespace (or a spacing command) right before it
  DelimRole role = DelimRole::Plain;
};

// Splits `tex` into tokens, dropping spacing (`\,` `\;` `\!` `\quad` `~` ...), style
// switches (`\displaystyle`, `\limits`), alignment `&` and comments, and checks that
// braces and \left/\right pairs balance. Throws UserError (parse, Source::Expression)
// with the offending span.
std::vector<LToken> latex_tokens(const std::string& tex);

// [[noreturn]] helper shared by the reader's files: a parse UserError at `s`.
[[noreturn]] void latex_fail(const std::string& message, Span s);

}  // namespace matcalc
