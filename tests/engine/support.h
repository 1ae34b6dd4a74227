// What several engine test files share: matrices written by rows, a finite-difference
// check of a gradient given as text that does not use the engine's own check, and a
// seeded generator of random well-shaped expressions built through the canonicalising
// factories (for the printer round trip and the derivation property test).
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "api.h"
#include "expr/build.h"
#include "expr/context.h"
#include "expr/functions.h"
#include "numeric/eval.h"

namespace matcalc_test {

using matcalc::Build;
using matcalc::Context;
using matcalc::Dim;
using matcalc::Expr;
using matcalc::Instance;
using matcalc::Kind;
using matcalc::Matrix;
using matcalc::Shape;

// A matrix from its rows: rows({{1, 2}, {3, 4}}).
Matrix rows(std::initializer_list<std::initializer_list<double>> r);

// A derive request (the fields a test sets; the rest keep their defaults).
matcalc::DeriveRequest derive_request(const std::string& expr, const std::string& wrt,
                                      const std::string& decls = "", std::uint32_t seed = 1);

// Whether e contains a node of kind k (or, for Func, the element-wise function fn).
bool contains(Expr e, Kind k);
bool contains_fn(Expr e, matcalc::Fn fn);
// Text for a test message: at most `limit` characters, with the full length when cut.
std::string shortened(const std::string& text, std::size_t limit = 240);
// The names of the variables in e, in a fixed order.
std::vector<std::string> variables_of(Expr e);

// ---- an independent numeric check of a gradient ------------------------------------------

// The largest relative error of <G, H> against central differences of f along six
// random directions H (symmetric for a symmetric variable), Richardson-extrapolated, at
// the best of the steps 1e-2, 1e-3, 1e-4 and 1e-5, less the rounding error of the
// difference quotient (about eps |f| / t): a right gradient agrees at one of them even
// where f varies fast, is nearly flat or is constant.
double fd_relative_error(const Context& ctx, Expr f, const Instance& in, const std::string& wrt,
                         const Matrix& gradient, std::uint32_t seed);

// The values the checks give a variable of each kind: entries in [-1, 1] (or [0.5, 1.5]
// when `positive`, for expressions under log or sqrt); size*I added to square matrices and
// M M'/n + I for SPD ones, so that inverses and determinants are well conditioned.
Matrix value_for(const matcalc::VarInfo& v, int rows, int cols, std::mt19937& rng, bool positive);

// A gradient written as text: f and the gradient are parsed into separate Contexts (the
// gradient's dimensions re-inferred from its own text, as any tool reading it would; a
// bare I or ones at its root takes the variable's shape), given the same values at
// distinct sizes (3, 5, 4, 2, ... per symbol of f), and compared as above.
struct FdCheck {
  bool ok = false;
  double max_rel_error = 0;
  std::string problem;  // why the check could not run or failed, for the test message
};
FdCheck fd_check_gradient(const std::string& f, const std::string& wrt, const std::string& gradient,
                          const std::string& decls, std::uint32_t seed, bool positive = false);

// ---- random well-shaped expressions ----------------------------------------------------------

// The variables random expressions draw from: every shape over the dimensions n and m,
// and a symmetric and an SPD matrix. Declared in text so that re-parsing a printed
// expression in the same Context finds the same variables and dimensions.
inline constexpr const char* kUniverseDecls =
    "a: scalar; b: scalar; c: scalar; x: vector(n); y: vector(n); z: vector(m); "
    "A: matrix(n); B: matrix(n); C: matrix(n,m); D: matrix(m,n); E: matrix(m); "
    "S: symmetric(n); P: spd(n)";

class Universe {
 public:
  Universe();
  Context& ctx() { return ctx_; }
  Dim n() const { return n_; }
  Dim m() const { return m_; }
  // Sizes n=3, m=4 (further symbols 5, 6, ...) and seeded values of every variable
  // (value_for).
  Instance instance(std::uint32_t seed) const;

 private:
  Context ctx_;
  Dim n_ = 0, m_ = 0;
};

// One way of building a node: its name (used in test names and messages), whether it
// can produce a given shape, and how.
class ExprGen;
struct Construct {
  const char* name;
  Kind kind;    // the kind of node it is meant to produce
  int fn = -1;  // for Kind::Func: the Fn
  std::function<bool(const ExprGen& g, Shape s)> fits;
  std::function<Expr(ExprGen& g, Shape s, int depth)> build;
};

// Every construct of the text language: sums, products, Hadamard products and
// quotients, powers (constant and variable exponents), every element-wise function,
// transpose, trace, det, logdet, inv, A^k, sum, norm1, norm2, diag both ways, vec, kron,
// I and ones. Arguments of log, sqrt and fractional powers are kept positive, and those
// of inv, det and logdet well conditioned, so every expression is defined everywhere.
const std::vector<Construct>& constructs();

// A test parameter's name, for gtest (which allows no '-'): INSTANTIATE_TEST_SUITE_P(...,
// ParamName()) for parameters with a `name`.
struct ParamName {
  template <class Info>
  std::string operator()(const Info& info) const {
    std::string name = info.param.name;
    for (char& ch : name)
      if (ch == '-') ch = '_';
    return name;
  }
};

// A seed of its own for each construct, so constructs do not share random draws.
std::uint32_t construct_seed(const Construct& c, std::uint32_t base);

// gtest prints a construct by its name.
inline void PrintTo(const Construct& c, std::ostream* os) { *os << c.name; }

class ExprGen {
 public:
  ExprGen(Universe& u, std::uint32_t seed);

  // Any expression of shape s with at most `depth` nested constructs.
  Expr any(Shape s, int depth);
  // A scalar expression in which construct c occurs (retries a few draws when the
  // factories fold it away; returns nullptr when every draw did).
  Expr scalar_featuring(const Construct& c, int depth);
  // A random shape over {1, n, m}.
  Shape shape();
  // Leaves the named construct out of any() (scalar_featuring still builds it).
  void exclude(const std::string& construct) { excluded_.insert(construct); }
  // Leaves out the rows of SPEC 12 that the test's route refuses by design, each with its
  // message: for Jacobians, those without a Kronecker form (FunctionRow::jacobian); for the
  // index route, those without an index rule (FunctionRow::index_refusal).
  void exclude_without_jacobian();
  void exclude_without_index_rule();

  // For the construct table.
  Build& b() { return b_; }
  Universe& u() { return u_; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool coin(double p) { return std::bernoulli_distribution(p)(rng_); }
  Dim dim() { return pick(2) ? u_.n() : u_.m(); }
  Dim dim_or_one() { return pick(3) == 0 ? matcalc::kDimOne : dim(); }
  Expr leaf(Shape s);
  Expr positive(Shape s, int depth);        // entries > 0 everywhere
  Expr well_conditioned(Dim k, int depth);  // symmetric with eigenvalues >= 1
  Expr to_scalar(Expr e, int depth);        // a scalar expression containing e

 private:
  Universe& u_;
  Build b_;
  std::mt19937 rng_;
  std::set<std::string> excluded_;
};

// ---- printed text read back ------------------------------------------------------------------

enum class Problem { None, DoesNotParse, PrintsDifferently, ChangesShape, EvaluatesDifferently };
const char* problem_text(Problem p);
// Prints e, reads the text back in the Universe's Context with its declarations, and says
// what differs: the text, the shape, or the value at the Universe's seeded instance.
Problem round_trip(Universe& u, Expr e, std::uint32_t seed, std::string* detail);

}  // namespace matcalc_test
