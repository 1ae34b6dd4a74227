// The question as the user wrote it, in either syntax: plain input (SPEC 1, 2, 5) or
// LaTeX (SPEC 6, read by parse/latex_reader.h into plain input). Every request that
// reads a question goes through here, so an error found in the reading points back
// into the LaTeX as typed.
#pragma once

#include <string>
#include <vector>

#include "expr/context.h"
#include "parse/frontend.h"

namespace matcalc {

struct Question {
  bool latex = false;
  std::string program;       // the reading in the input language
  std::string decls;         // the declarations in plain syntax (given and read from the LaTeX)
  std::string wrt;           // the variable asked for, or the one the LaTeX question names
  std::vector<Span> origin;  // LaTeX: for each byte of the reading, where it came from
};

// `syntax`: "plain", "latex", or "" / "auto" (LaTeX when it looks like LaTeX).
// `decls` may be plain or LaTeX (`X \in \mathbb{R}^{m\times n}`).
Question read_question(const std::string& expr, const std::string& decls, const std::string& wrt,
                       const std::string& syntax);

// build_program over the reading; a user error in the reading is re-pointed into `expr`.
Program build_question(Context& ctx, const Question& q, const std::string& expr);

}  // namespace matcalc
