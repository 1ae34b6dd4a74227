// What the text and LaTeX printers share about a sum's terms: the sign pulled out of
// each, and a scalar added to every entry of a matrix (stored as s*ones) shown as s.
#pragma once

#include <string>

#include "expr/build.h"

namespace matcalc {

struct SumTerm {
  bool negative = false;
  Expr shown = nullptr;      // the term without its sign
  Expr broadcast = nullptr;  // s when shown is s*ones in a matrix sum, else null
};

SumTerm sum_term(Build& b, Expr sum, Expr term);

// Appends one term's printed body: "a", then " + b" or " - b" (a first negative term
// gets a bare "-").
void append_term(std::string& out, bool negative, const std::string& body);

}  // namespace matcalc
