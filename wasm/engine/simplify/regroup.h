// Regrouping with lookahead: a sum rewritten another way — its products distributed
// over their sums, its sums of entries merged, its reciprocals made one
// (1/d * 1/(q/d + 1) = 1/(q + d)), or the 1x1 parts inside its matrix chains pulled out
// as scalars — and simplified again, kept only when the result prints shorter. This is
// how M x - M x x'M x becomes (1 - x'M x) M x, and how a sum whose terms cancel only
// after distributing ((1-y)./(1-s) - y./s) .* s .* (1-s) becomes s - y: steps a
// textbook takes that no single rewrite makes shorter.
#pragma once

#include <vector>

#include "expr/build.h"

namespace matcalc {

// The lookahead itself is SimplifyRun::regroup (simplify/run.h): it needs the state of
// the run it belongs to (its depth and memo), so it is a member of that run.

// Whether e is a node a rewrite of the lookahead can apply to (a sum, a sum of entries of
// a sum, a product with a sum among its factors).
bool may_regroup(Expr e);

// e written the other ways, in the order they are tried (the first of equally short
// results wins).
std::vector<Expr> regroup_alternatives(Build& b, Expr e);

}  // namespace matcalc
