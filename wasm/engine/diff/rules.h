// The rule tables. Every move a derivation makes is one row: a stable kebab-case
// name with a family prefix (d- for differentials, adj- for moving dX out of an
// inner product, simp- for simplification), the identity in LaTeX (shown to the user
// as the step's justification), where it comes from, and the function that applies
// it. A test walks the tables: names unique, identities render, every row exercised.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "expr/build.h"
#include "expr/rule_info.h"

namespace matcalc {

// Forward: d(e) -> an expression in which d has moved one level inward.
// `wrt` is the variable; d of anything not depending on it is 0 (rule d-const).
struct DiffRule {
  RuleInfo info;
  bool (*matches)(Expr e, const std::string& wrt);  // wrt: the variable (a row may need it)
  Expr (*apply)(Build& b, Expr e, const std::string& wrt);
};

// Adjoint: <G, L> with L linear in dX, rewritten as a sum of <G_i, L_i> with each
// L_i one level closer to dX.
using Pairs = std::vector<std::pair<Expr, Expr>>;
struct AdjointRule {
  RuleInfo info;
  bool (*matches)(Expr g, Expr linear);  // g: the upstream gradient of the pair
  Pairs (*apply)(Build& b, Expr g, Expr linear);
};

// Vectorisation (Jacobians): M vec(L) with L linear in dX, rewritten as a sum of
// M_i vec(L_i), each L_i one level closer to dX: vec(A dX B) = (B' kron A) vec(dX).
struct VecRule {
  RuleInfo info;
  bool (*matches)(Expr m, Expr linear);
  Pairs (*apply)(Build& b, Expr m, Expr linear);
};

const std::vector<DiffRule>& diff_rules();
// Every differential rule: the structural rows, then each function row's (each name once).
const std::vector<const RuleInfo*>& differential_rule_infos();
const std::vector<VecRule>& vec_rules();
const std::vector<AdjointRule>& adjoint_rules();
// Rules that are not rewrites of one node: taking the differential, d-const, reading
// off the gradient, the symmetric-variable convention, simplification.
const std::vector<RuleInfo>& other_rules();

const DiffRule* find_diff_rule(Expr e, const std::string& wrt);
const RuleInfo* find_rule_info(const std::string& name);

// Index of the one factor of a product (Mul or Hadamard) that contains the
// differential; -1 when none does, -2 when several do (not linear).
int differential_factor(Expr e);
// Whether every pair's linear part is the bare differential dX.
bool all_at_differential(const Pairs& pairs);

// d(e) where only dependence on `wrt` counts: 0 for a constant, dX for X itself.
Expr differential_of(Build& b, Expr e, const std::string& wrt);

}  // namespace matcalc
