// The where-clause: a subexpression that occurs more than once in a result is given
// a short name in the LaTeX view (w = \sigma(X^\top a)), so the reader sees its
// structure. The text view inlines it and stays one parseable expression.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "expr/build.h"
#include "print/latex.h"

namespace matcalc {

// Adds names for the repeated subexpressions of e (at least `min_size` nodes) to
// `names`, avoiding the variable names in `taken`; `order` lists them as introduced.
// A node and its transpose share a name (u1 and u1'): the canonical forms push
// transposes inward, so sigmoid(W*x)' occurs as sigmoid(x'*W').
void name_repeated(Build& b, Expr e, const std::set<std::string>& taken, Names& names,
                   std::vector<std::string>& order, int min_size = 4);

}  // namespace matcalc
