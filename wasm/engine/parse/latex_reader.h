// The LaTeX reader of SPEC section 6: a question as it is written on Q&A sites and in
// notes (`\frac{\partial\, x^T W W^T x}{\partial W}`, `\|Xw - y\|^2`, `\mathbf{v} =
// \mathbf{X}^T\mathbf{a},\ \mathbf{w}^T\mathbf{w}`) read into the statements the plain
// reader gives (SPEC sections 1, 2 and 5): the same parse tree, its spans into the LaTeX,
// so that an error found while typing or lowering it points into what the user typed.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "parse/ast.h"
#include "parse/parser.h"

namespace matcalc {

// A statement read entry by entry (SPEC 14), kept to check its matrix form against: its
// entry at values of its free indices, summed by brute force as index notation means it,
// from the values of the variables' entries (`value(name, row, col)`, 0-based; a scalar
// at 0, 0) and their sizes (`size(name, 0)` rows, `size(name, 1)` columns).
// The index letters of a question asked entry by entry (\partial P_{ij} / \partial M_{xy}:
// "ij" and "xy"; \partial f / \partial W_{ab}: "" and "ab"), row's letter first: the
// answer writes its index form with them, and an answer in index form is read with them.
struct AskedEntries {
  std::string of, wrt;
  bool empty() const { return of.empty() && wrt.empty(); }
};

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

// An expression written entry by entry with any number of free indices (an answer in
// index form, SPEC 14: \delta_{ix} m_{jy} + m_{iy} \delta_{jx}), evaluated by brute force
// as index notation means it: each of its terms (signs included) at values of the free
// indices. An index's range is the size of the first entry that carries it, or the one
// `extra` gives (letter -> (name, axis)), for a letter only deltas carry.
struct IndexTensor {
  using Ranges = std::map<char, std::pair<std::string, int>>;
  struct Part {
    std::string text;  // as typed
    Span span;
    std::string free;       // its free indices by Einstein's count (once in the term)
    std::string mentioned;  // every index letter it writes
    std::function<double(const std::map<char, int>& at, const IndexCheck::Value&,
                         const IndexCheck::Size&, const Ranges& extra)>
        entry;
  };
  std::string free;  // its free indices by count, in order of first appearance, over the terms
  std::vector<Part> terms;
  Ranges ranges;  // each letter's range as its own entries give it
};

// Null when `text` writes no entry (it is not index notation). An index not in `free`
// three times in a product throws UserError, spans into `text`; whether the terms' free indices fit
// a question is the caller's to say (a question's letters are free even where repeated, as einsum's
// output: the element-wise a_i b_i). `free`: the letters the question makes free (einsum's output:
// any number of times).
std::optional<IndexTensor> read_index_tensor(const std::string& text, const std::string& free = "");

// The LaTeX question read into the input language.
struct LatexReading {
  std::vector<Statement> statements;  // the program (SPEC 1 and 5): its definitions in order,
                                      // then what is differentiated; spans into the LaTeX
  std::string text;      // the same in the plain language, statements separated by '\n', e.g.
                         // "v = X'*a\nw = sigmoid(v)\nw'*w": the reading shown back
  std::string decls;     // declarations in plain syntax (SPEC 2), separated by "; ": from
                         // `X \in \mathbb{R}^{m\times n}` and from typography (a bold
                         // lower-case name is a vector, a bold capital a matrix, lower-case
                         // Greek a scalar, capital Greek a matrix); never a defined name
  std::string wrt;       // the variable the question names, or ""
  bool hessian = false;  // the question asks for the second derivative (\partial^2 f/\partial x^2)
  Span wrt_span;         // where the question names it in the LaTeX ({0,0} when wrt is "")
  std::vector<std::string> defined;      // the names its definitions give
  std::vector<std::string> notes;        // how it read what it read entry by entry
  std::vector<IndexCheck> index_checks;  // what it read entry by entry, to check
  AskedEntries asked;                    // the question's index letters, if it has them
};

// Throws UserError("parse", message, Source::Expression, begin, end) with the span in
// `tex` for anything it cannot read: one message saying what and where.
// `declared`: names declared elsewhere (the declarations field): a declared name before a
// parenthesis multiplies it (c(x + y)) where an unknown one is a function call, an error.
// `entries`: the text is an answer to a question asked entry by entry, its free indices
// these letters in this order (2 m_{xy} with "xy" is 2*M), read so even where nothing else
// in it says index notation.
// `outer`: the definitions of the other field (the declarations), each with the names it
// uses through the definitions it uses: J(\theta) of a J defined there is J.
using DefinedUses = std::map<std::string, std::set<std::string>>;
LatexReading read_latex(const std::string& tex, const std::vector<std::string>& declared = {},
                        const std::string& entries = "", const DefinedUses& outer = {});
// The same for plain statements (a field's reading; parse/field_reader.cpp).
DefinedUses defined_uses(const std::vector<Statement>& statements);
// Each definition's names, given those its own expression mentions, closed through the
// definitions it uses (parse/field_reader.cpp, with defined_uses).
DefinedUses closed_uses(const std::map<std::string, std::vector<std::string>>& direct);

// Whether an input is LaTeX rather than the plain language: it has a backslash command,
// or braces {}, or ^{...}/_{...} groups, or \|. Plain input never has these.
bool looks_like_latex(const std::string& s);

}  // namespace matcalc
