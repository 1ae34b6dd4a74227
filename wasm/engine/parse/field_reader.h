// One field of a question read into the input language (SPEC 1, 2, 5): the expression
// field, and the declarations field, which may hold definitions too (`D = W*X`,
// `\mathbf{w} = \sigma(\mathbf{X}^T\mathbf{a})`). Each field is read in the syntax it is
// written in — the plain language, or written mathematics (LaTeX, pasted Unicode, or
// LaTeX without backslashes such as `x^T W W^T x` and `P=MM^T, Q=P-I`) — into statements
// whose spans point into what the user typed, in the field where it was typed (the
// declarations field's offset by TypedSource::kDeclarationsBase, parse/typed_source.h).
#pragma once

#include <string>
#include <vector>

#include "expr/error.h"
#include "parse/ast.h"
#include "parse/latex_reader.h"
#include "parse/parser.h"
#include "parse/typer.h"

namespace matcalc {

// Where something of a reading came from: a field and a span in it.
struct Origin {
  Source source = Source::Expression;
  Span span;
};

struct FieldReading {
  bool written_math = false;             // read by the LaTeX reader (not the plain language)
  std::vector<Statement> statements;     // in order; none when the field has only declarations
  std::string program;                   // the same in the plain language, separated by '\n'
  std::string decls;                     // declarations in plain syntax (SPEC 2)
  std::string wrt;                       // the variable the field's question names, or ""
  bool hessian = false;                  // its question asks for the Hessian
  Span wrt_span;                         // where (in the field named by `wrt_source`)
  std::vector<std::string> defined;      // the names its definitions give
  std::vector<ConventionNote> notes;     // the reading it took where a paste was ambiguous
  std::vector<IndexCheck> index_checks;  // statements read entry by entry, to check
  AskedEntries asked;                    // the question's index letters, if any
};

// The expression field. `syntax`: "plain", "latex", or "auto" / "": written mathematics
// when the text has LaTeX commands, braces or pasted Unicode, or when the plain language
// cannot read it but written mathematics can; `declared` are the declared names.
// `scalars`: the declared scalars (c(x + y) multiplies).
// `outer`: the declarations field's definitions (defined_uses), for J(\theta) of one.
FieldReading read_expression_field(const std::string& text, const std::string& syntax,
                                   const std::vector<std::string>& declared,
                                   const std::vector<std::string>& scalars = {},
                                   const DefinedUses& outer = {});

// Whether the plain language's error `e` on `text` is one that written mathematics
// explains (factors side by side, ||x||, statements separated by commas): the text is
// then read as written mathematics (the expression field, and an answer to check).
bool explained_by_written_math(const UserError& e, const std::string& text);

// The declarations field: plain declarations stay where they are in `decls` (every other
// item blanked out, so that spans into the field still hold); definitions, in either
// syntax, and LaTeX declarations (`X \in \mathbb{R}^{m\times n}`) are read like the
// expression field. Anything else there is an error that says where it belongs.
FieldReading read_declarations_field(const std::string& text);

}  // namespace matcalc
