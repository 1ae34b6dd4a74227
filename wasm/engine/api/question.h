// The question as the user wrote it, from every field: the expression (plain input, SPEC
// 1 and 5, or written mathematics, SPEC 6: LaTeX, pasted Unicode, LaTeX without
// backslashes), the declarations field (declarations, and definitions in either syntax),
// and the variable asked for. Every request that reads a question goes through here: one
// reading of the whole question, shown back, with nothing typed dropped; an error found
// in the reading points back into the field where it was typed.
#pragma once

#include <string>
#include <vector>

#include "expr/context.h"
#include "parse/field_reader.h"
#include "parse/frontend.h"
#include "parse/typed_source.h"

namespace matcalc {

struct Question {
  bool latex = false;                 // the expression was read as written mathematics
  std::vector<Statement> statements;  // the declarations field's definitions, then the
                                      // expression's statements: spans into `source`
  TypedSource source;                 // the fields as typed
  std::string program;                // the reading in the input language (shown back)
  std::string decls;                  // the declarations in plain syntax (given and read)
  std::string wrt;                    // the variable asked for, or the one the question names
  bool wrt_from_question = false;     // the question itself names it (\partial W, \nabla_W)
  bool hessian =
      false;          // the question asks for the Hessian (\nabla^2 f, \partial^2 f / \partial x^2)
  Origin wrt_origin;  // where it names it
  std::vector<ConventionNote> notes;     // readings taken where a paste was ambiguous
  std::vector<IndexCheck> index_checks;  // the expression's statements read entry by entry
  AskedEntries asked;                    // its index letters (\partial P_{ij} / \partial M_{xy})
};

// `syntax`: "plain", "latex", or "" / "auto" (see read_expression_field).
Question read_question(const std::string& expr, const std::string& decls, const std::string& wrt,
                       const std::string& syntax);

// build_program over the reading. A user error in the reading is re-pointed into the field
// it came from; a variable the question names that the reading does not contain is an
// error; the reading's notes and the convention notes join the program's.
Program build_question(Context& ctx, const Question& q, const std::string& expr);

}  // namespace matcalc
