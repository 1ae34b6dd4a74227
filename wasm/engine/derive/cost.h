// A size estimate before the work: the product rule writes a product of k factors, m of
// them depending on the variable, as m terms of k factors each, and everything after it
// (the adjoint passes, the simplifier, the checks of every step) grows with that. The sum
// of m * k over f's products (each shared node once, as the derivation itself memoises,
// and through the definitions f uses) estimates it before differentiating: derive_any
// refuses a question past kMaxProductRuleSize with a message that says what is too large
// (x'*X*...*X*x with 1000 factors gives 1000 terms of 1000 factors), instead of running
// for minutes.
#pragma once

#include <string>

#include "expr/context.h"

namespace matcalc {

struct ProductRuleCost {
  double size = 0;        // the sum of m * k
  int largest_terms = 0;  // the m of the product that writes the most (for the message)
  int largest_factors = 0;
};

ProductRuleCost product_rule_cost(const Context& ctx, Expr f, const std::string& wrt);

// Beyond it the derivation of a product chain costs more than a second natively.
inline constexpr double kMaxProductRuleSize = 40000;

}  // namespace matcalc
