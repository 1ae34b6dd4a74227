// Numeric evaluation of any expression with Eigen, at concrete sizes and values.
#pragma once

#include <Eigen/Dense>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "expr/context.h"
#include "expr/node.h"

namespace matcalc {

using Matrix = Eigen::MatrixXd;

// Concrete sizes for the symbols, and values for the variables (and optionally for
// differentials d(x), so a differential form can be evaluated along a direction: d(x)
// is its direction, d(A) of a compound A its directional derivative).
struct Instance {
  std::vector<int> sizes;  // per Context symbol
  std::map<std::string, Matrix> values;
  std::map<std::string, Matrix> differentials;
};

// The relative step at which d(A) of a compound A is evaluated (by differences).
inline constexpr double kCompoundStep = 1e-3;

int dim_value(const Context& ctx, const Instance& in, Dim d);

// Nodes held at fixed values (see Evaluator::pin).
using Pins = std::vector<std::pair<Expr, Matrix>>;

class Evaluator {
 public:
  Evaluator(const Context& ctx, const Instance& in) : ctx_(ctx), in_(in) {}
  const Matrix& eval(Expr e);
  // e takes this value wherever it occurs, whatever the inputs: a step's function
  // <G, dP(dX)> through a definition holds the upstream gradient G fixed.
  void pin(Expr e, const Matrix& value) { memo_[e] = value; }

 private:
  Matrix compute(Expr e);
  Matrix directional(Expr a);
  double scalar(Expr e) { return eval(e)(0, 0); }
  const Context& ctx_;
  const Instance& in_;
  std::unordered_map<Expr, Matrix> memo_;
};

// The derivative of a function of one real s at s = 0 from its values: central
// differences D(t) = (at(t) - at(-t)) / 2t with Richardson extrapolation,
// (4 D(t/2) - D(t)) / 3 (error O(t^4)). The finite-difference check and the evaluator's
// d(A) of a compound A both use it.
Matrix richardson_derivative(const std::function<Matrix(double)>& at, double t);

// Element-wise functions and the helpers the evaluator and tests share.
double apply_fn(Fn f, double x);
Matrix kron_product(const Matrix& a, const Matrix& b);
Matrix commutation_matrix(int m, int n);  // K vec(X) = vec(X') for X m x n

}  // namespace matcalc
