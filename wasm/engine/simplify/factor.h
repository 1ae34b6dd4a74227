// "Common factor × rest": one splitter for every kind of product the terms of a sum
// can share a factor in — the matrix chain at either end, the scalar factors, the
// element-wise factors. A Product says how a term reads as factors and how factors
// multiply back; factor_out finds what every term (or, for a chain's end, each group
// of terms) shares and writes common × (sum of the rests), when that is shorter.
#pragma once

#include <vector>

#include "expr/build.h"

namespace matcalc {

// A term as a product: the factors that may be shared, and what is left beside them.
struct Factors {
  std::vector<Expr> shared;  // candidates (for a chain's end: the one end factor)
  Expr rest = nullptr;       // the part that is never shared (null: none)
};

struct Product {
  enum class Sharing { First, Last, Any } sharing;
  // The term (its numeric coefficient split off) as factors; false when the term is
  // not a product of this kind.
  bool (*split)(Build& b, Expr term, Factors* out);
  // The product of the factors and the rest, in the term's order for chains.
  Expr (*multiply)(Build& b, const Factors& f, Shape shape);
};

extern const Product kChainFirst;   // X A + X B = X (A + B)
extern const Product kChainLast;    // A X + B X = (A + B) X
extern const Product kScalars;      // s A + s B = s (A + B); |x|^-1 a + |x|^-3 b too
extern const Product kElementwise;  // A .* C + B .* C = (A + B) .* C

// The sum with its shared factors taken out, or the sum itself when the terms share
// nothing or the factored form is not shorter.
Expr factor_out(Build& b, Expr sum, const Product& p);

// About how many tokens e prints as (names, operators, parentheses): what "shorter"
// means to a reader. Memoised on the DAG.
double printed_size(Expr e);

// The common numeric factor of a sum's coefficients (gcd of integers, or a shared
// magnitude), negative when every term is; 1 when there is none.
double common_coefficient(Build& b, Expr sum);

}  // namespace matcalc
