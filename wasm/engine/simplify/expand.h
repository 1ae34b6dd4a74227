// A sum written out term by term: every product distributed over the sums among its
// factors, (A + B) C = A C + B C, inside transposes and element-wise products too, until
// no term has a sum as a factor. The simplifier factors terms and never wants this for
// itself (regroup.cpp distributes one product at a time, and keeps it only when shorter);
// check-my-answer does, to match an answer that expands a product the result keeps
// factored (2*X'*X*w - 2*X'*y against 2*X'*(X*w - y)), term by term.
#pragma once

#include <cstddef>

#include "expr/build.h"

namespace matcalc {

// e expanded, or e itself when it has nothing to distribute or would have more than
// `max_terms` terms (expansion multiplies term counts: a wrong answer need not be small).
Expr expand(Build& b, Expr e, std::size_t max_terms = 16);

}  // namespace matcalc
