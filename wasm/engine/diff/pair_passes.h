// The second half of a derivation, shared by gradients and Jacobians: a sum of pairs
// (G_i, L_i) with each L_i linear in dX, rewritten one level per pass by a rule table
// until every L_i is dX. For gradients a pair is <G, L(dX)> and the table is the
// adjoint (trace-trick) rules; for Jacobians a pair is M vec(L(dX)) and the table is the
// vectorisation (Kronecker) rules.
#pragma once

#include <string>
#include <vector>

#include "diff/rules.h"

namespace matcalc {

struct PairPass {
  Pairs pairs;
  std::vector<std::string> rules;  // in table order, each once
};

// sum_i <G_i, L_i> from <upstream, linear>; passes[0] is the start (sums split).
std::vector<PairPass> adjoint_passes(Build& b, Expr upstream, Expr linear);
// sum_i M_i vec(L_i) from I vec(dF); passes[0] is the start.
std::vector<PairPass> vec_passes(Build& b, Expr df);

// Pairs that share their linear part are merged: <G1, L> + <G2, L> = <G1 + G2, L>.
Pairs merge_pairs(Build& b, const Pairs& pairs);

}  // namespace matcalc
