// The LaTeX reader of SPEC section 6: a question as it is written on Q&A sites and in
// notes (`\frac{\partial\, x^T W W^T x}{\partial W}`, `\|Xw - y\|^2`, `\mathbf{v} =
// \mathbf{X}^T\mathbf{a},\ \mathbf{w}^T\mathbf{w}`) translated into the plain input
// language (SPEC sections 1, 2 and 5), which the ordinary reader then parses. The
// translation keeps, for every byte it writes, the span of the LaTeX it came from, so
// an error found later in the plain text can still point into what the user typed.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

// A statement read entry by entry (SPEC 14), kept to check its matrix form against: its
// entry at values of its free indices, summed by brute force as index notation means it,
// from the values of the variables' entries (`value(name, row, col)`, 0-based; a scalar
// at 0, 0) and their sizes (`size(name, 0)` rows, `size(name, 1)` columns).
struct IndexCheck {
  std::string name;  // the name its definition gives (F, v), or "" for the objective
  std::string free;  // its free indices, the row's then the column's
  Span span;         // where the question writes it
  using Value = std::function<double(const std::string&, int, int)>;
  using Size = std::function<int(const std::string&, int)>;
  // The index each free index letter runs over: its range, from the sizes.
  std::function<int(char, const Size&)> range;
  std::function<double(const std::map<char, int>& at, const Value&, const Size&)> entry;
};

// The LaTeX question read into the input language.
struct LatexReading {
  std::string text;  // the program (SPEC 1 and 5): statements separated by '\n', the
                     // last one what is differentiated, e.g. "v = X'*a\nw = sigmoid(v)\nw'*w"
  std::vector<Span>
      origin;         // one entry per byte of `text`: the byte span in the LaTeX it came from
  std::string decls;  // declarations in plain syntax (SPEC 2), separated by "; ": from
                      // `X \in \mathbb{R}^{m\times n}` and from typography (a bold
                      // lower-case name is a vector, a bold capital a matrix, lower-case
                      // Greek a scalar, capital Greek a matrix); never a defined name
  std::string wrt;    // the variable the question names, or ""
  Span wrt_span;      // where the question names it in the LaTeX ({0,0} when wrt is "")
  std::vector<std::string> defined;      // the names its definitions give
  std::vector<std::string> notes;        // how it read what it read entry by entry
  std::vector<IndexCheck> index_checks;  // what it read entry by entry, to check
};

// Throws UserError("parse", message, Source::Expression, begin, end) with the span in
// `tex` for anything it cannot read: one message saying what and where.
// `declared`: names declared elsewhere (the declarations field): a declared name before a
// parenthesis multiplies it (c(x + y)) where an unknown one is a function call, an error.
LatexReading read_latex(const std::string& tex, const std::vector<std::string>& declared = {});

// Whether an input is LaTeX rather than the plain language: it has a backslash command,
// or braces {}, or ^{...}/_{...} groups, or \|. Plain input never has these.
bool looks_like_latex(const std::string& s);

}  // namespace matcalc
