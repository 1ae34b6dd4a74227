// One field of a question read into the input language (SPEC 1, 2, 5): the expression
// field, and the declarations field, which may hold definitions too (`D = W*X`,
// `\mathbf{w} = \sigma(\mathbf{X}^T\mathbf{a})`). Each field is read in the syntax it is
// written in — the plain language, or written mathematics (LaTeX, pasted Unicode, or
// LaTeX without backslashes such as `x^T W W^T x` and `P=MM^T, Q=P-I`) — and every byte
// of the reading remembers where it came from, so that an error found later points into
// what the user typed, in the field where it was typed.
#pragma once

#include <string>
#include <vector>

#include "expr/error.h"
#include "parse/ast.h"
#include "parse/latex_reader.h"
#include "parse/typer.h"

namespace matcalc {

// Where a byte of a reading came from: a field and a span in it.
struct Origin {
  Source source = Source::Expression;
  Span span;
};

struct FieldReading {
  bool written_math = false;             // read by the LaTeX reader (not the plain language)
  std::string program;                   // statements separated by '\n'; "" when there are none
  std::vector<Origin> origin;            // one per byte of `program`
  std::string decls;                     // declarations in plain syntax (SPEC 2)
  std::string wrt;                       // the variable the field's question names, or ""
  Span wrt_span;                         // where (in the field named by `wrt_source`)
  std::vector<std::string> defined;      // the names its definitions give
  std::vector<ConventionNote> notes;     // the reading it took where a paste was ambiguous
  std::vector<IndexCheck> index_checks;  // statements read entry by entry, to check
  AskedEntries asked;                    // the question's index letters, if any
};

// The expression field. `syntax`: "plain", "latex", or "auto" / "": written mathematics
// when the text has LaTeX commands, braces or pasted Unicode, or when the plain language
// cannot read it but written mathematics can; `declared` are the declared names.
FieldReading read_expression_field(const std::string& text, const std::string& syntax,
                                   const std::vector<std::string>& declared);

// The declarations field: plain declarations stay where they are in `decls` (every other
// item blanked out, so that spans into the field still hold); definitions, in either
// syntax, and LaTeX declarations (`X \in \mathbb{R}^{m\times n}`) are read like the
// expression field. Anything else there is an error that says where it belongs.
FieldReading read_declarations_field(const std::string& text);

}  // namespace matcalc
