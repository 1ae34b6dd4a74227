// Simplification beyond what the factories already do: a table of named rewrite
// rules (expr -> expr, returning the input when they do not apply), applied bottom-up
// to a fixed point within a step budget, so the simplifier always terminates.
#pragma once

#include <string>
#include <vector>

#include "expr/build.h"
#include "expr/rule_info.h"

namespace matcalc {

class SimplifyRun;  // one simplification and its state (simplify/run.h)

struct SimplifyRule {
  RuleInfo info;
  Expr (*apply)(Build& b, Expr e);  // returns e when it does not apply
  // Instead of apply, for the lookahead row: it simplifies again inside, so it works with
  // the state of the run it belongs to.
  Expr (*apply_in_run)(SimplifyRun& run, Expr e) = nullptr;
};

// Every rule, in the order the runner tries them: the facts of structured variables
// (structure_facts.cpp), the factoring rows (simplify.cpp), then the textbook identities
// (identity_rules.cpp).
const std::vector<SimplifyRule>& simplify_rules();
const std::vector<SimplifyRule>& identity_rules();
const std::vector<SimplifyRule>& structure_fact_rules();

struct SimplifyResult {
  Expr expr;
  std::vector<std::string> rules;  // the rules that fired
  std::string stopped;             // "fixed-point", or "budget" when it ran out of passes
  int passes = 0;
};

// One run of its own (simplify/run.h): nothing of it outlives the call.
SimplifyResult simplify(Build& b, Expr e);

// Roth's column lemma, (B kron A) vec(Y) = vec(A Y B'), shared by its simplify row and
// the differential row that applies it before differentiating: where it applies in a
// product's chain (-1: nowhere), and the product rewritten.
int kron_vec_position(Expr e);
Expr kron_vec(Build& b, Expr e);

}  // namespace matcalc
