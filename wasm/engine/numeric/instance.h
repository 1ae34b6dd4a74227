// Random instantiation: a distinct concrete size per symbolic dimension (so a
// transposition error cannot hide behind square matrices), values of the declared
// kind (symmetric, SPD, diagonal), and domain-safe values where the expression needs
// them. Reproducible from the seed on every platform (no std distributions).
#pragma once

#include <cstdint>
#include <string>

#include "numeric/eval.h"

namespace matcalc {

class Rng {
 public:
  explicit Rng(std::uint32_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL) {}
  std::uint64_t next();
  double uniform(double lo, double hi);  // [lo, hi)
 private:
  std::uint64_t state_;
};

// How cautious the values are. Plain: entries in [-1,1]; Positive: variables under
// log, sqrt and fractional or negative powers get entries in [0.5,1.5]; AllPositive:
// every variable does; Spread: every variable has one sign and a scale of its own
// (mostly positive; 0.05, 1 or 4, drawn from the seed), so that for some seed differences such as
// log(y - x) or log(b - A*x) are defined.
enum class Domain { Plain, Positive, AllPositive, Spread };

// `size_order` picks one of a few assignments of distinct sizes to the symbols
// (0: 3,4,2,5,...; 1: decreasing; 2: increasing), so that X'X or XX' can be made
// invertible by the order of n and m.
inline constexpr int kSizeOrders = 3;
// The sizes alone (no values): what random_instance would use, to estimate a cost first.
Instance sized_instance(const Context& ctx, Expr f, int size_order = 0);
Instance random_instance(const Context& ctx, Expr f, std::uint32_t seed, Domain domain,
                         int size_order = 0);

// A random direction for variable `name`: a tangent direction at its value for a
// structured variable (symmetric, X*Ω for an orthogonal X, ...).
Matrix random_direction(const Context& ctx, const Instance& in, const std::string& name, Rng& rng);
// Whether every structured variable has a point at these sizes (stiefel(n,p) needs p <= n).
bool structures_fit(const Context& ctx, const Instance& in);

// Sizes as text, e.g. "n=3, m=4".
std::string sizes_text(const Context& ctx, const Instance& in);

// The most entries any node of e has at these sizes. Every node's value is built whole, so
// the checks and `evaluate` refuse an expression past kMaxEntries before evaluating it
// (kron(kron(...(x,x)...),x) is n^9 long), rather than run out of memory in it.
double largest_node(const Context& ctx, const Instance& in, Expr e);
inline constexpr double kMaxEntries = 1 << 21;

// Whether f is well defined at these inputs: every entry of every subexpression is
// finite, and every matrix that is inverted or has its determinant taken is far from
// singular.
// `why`, when given, receives why a function's value or derivative does not exist there.
bool well_defined(const Context& ctx, const Instance& in, Expr f, std::string* why = nullptr);

}  // namespace matcalc
