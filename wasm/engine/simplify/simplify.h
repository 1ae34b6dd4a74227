// Simplification beyond what the factories already do: a table of named rewrite
// rules (expr -> expr, returning the input when they do not apply), applied bottom-up
// to a fixed point within a step budget, so the simplifier always terminates.
#pragma once

#include <string>
#include <vector>

#include "expr/build.h"
#include "expr/rule_info.h"

namespace matcalc {

struct SimplifyRule {
  RuleInfo info;
  Expr (*apply)(Build& b, Expr e);  // returns e when it does not apply
};

const std::vector<SimplifyRule>& simplify_rules();

struct SimplifyResult {
  Expr expr;
  std::vector<std::string> rules;  // the rules that fired
};

SimplifyResult simplify(Build& b, Expr e);

}  // namespace matcalc
