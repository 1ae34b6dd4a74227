// The Eigen evaluator: one case per node kind, memoised per node (the IR is a DAG).
#include "numeric/eval.h"

#include <algorithm>
#include <cmath>

#include "expr/error.h"
#include "expr/functions.h"

namespace matcalc {

// Saturates at 2^30: a size made of many symbols (a deep kron nest) is "huge", never an
// overflow; nothing that large is ever evaluated (numeric/instance.h, largest_node).
int dim_value(const Context& ctx, const Instance& in, Dim d) {
  constexpr long long kHuge = 1LL << 30;
  const Monomial& m = ctx.monomial(d);
  long long v = std::min(m.coef, kHuge);
  for (int s : m.syms) v = std::min(v * in.sizes.at(s), kHuge);
  return static_cast<int>(v);
}

double apply_fn(Fn f, double x) { return function_row(f).scalar(x); }

Matrix kron_product(const Matrix& a, const Matrix& b) {
  Matrix out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
  return out;
}

Matrix commutation_matrix(int m, int n) {
  // X is m x n; vec(X)[i + j*m] = X(i,j) = vec(X')[j + i*n].
  Matrix k = Matrix::Zero(m * n, m * n);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) k(j + i * n, i + j * m) = 1;
  return k;
}

const Matrix& Evaluator::eval(Expr e) {
  auto it = memo_.find(e);
  if (it != memo_.end()) return it->second;
  Matrix v = compute(e);
  return memo_.emplace(e, std::move(v)).first->second;
}

// d(A) of a compound A (a derivation step that has not pushed d all the way in): the
// derivative of A along the instance's directions, by Richardson-extrapolated central
// differences.
Matrix Evaluator::directional(Expr a) {
  double largest = 1;
  for (const auto& [name, h] : in_.differentials)
    largest = std::max(largest, in_.values.at(name).cwiseAbs().maxCoeff());
  auto at = [&](double s) {
    Instance moved = in_;
    moved.differentials.clear();
    for (const auto& [name, h] : in_.differentials) moved.values[name] += s * h;
    return Matrix(Evaluator(ctx_, moved).eval(a));
  };
  // A step's d(inv(S)) is compared with the differences of f at 1e-6: one more
  // extrapolation level (error O(t^6)) keeps an ill-conditioned S from showing.
  double t = kCompoundStep * largest;
  Matrix coarse = richardson_derivative(at, t), fine = richardson_derivative(at, t / 2);
  return (16 * fine - coarse) / 15;
}

Matrix richardson_derivative(const std::function<Matrix(double)>& at, double t) {
  auto central = [&](double step) { return Matrix((at(step) - at(-step)) / (2 * step)); };
  return (4 * central(t / 2) - central(t)) / 3;
}

namespace {
Matrix scalar_matrix(double v) { return Matrix::Constant(1, 1, v); }
}  // namespace

Matrix Evaluator::compute(Expr e) {
  int rows = dim_value(ctx_, in_, e->shape.rows), cols = dim_value(ctx_, in_, e->shape.cols);
  switch (e->kind) {
    case Kind::Const:
      return scalar_matrix(e->value);
    case Kind::Var:
      return in_.values.at(e->name);
    case Kind::Identity:
      return Matrix::Identity(rows, cols);
    case Kind::Ones:
      return Matrix::Ones(rows, cols);
    case Kind::Zero:
      return Matrix::Zero(rows, cols);
    case Kind::Add: {
      Matrix acc = eval(e->kids[0]);
      for (std::size_t i = 1; i < e->kids.size(); ++i) acc += eval(e->kids[i]);
      return acc;
    }
    case Kind::Mul: {
      double c = e->value;
      for (int i = 0; i < e->aux; ++i) c *= scalar(e->kids[i]);
      if (static_cast<int>(e->kids.size()) == e->aux) return scalar_matrix(c);
      Matrix acc = eval(e->kids[e->aux]);
      for (std::size_t i = e->aux + 1; i < e->kids.size(); ++i) acc = acc * eval(e->kids[i]);
      return c * acc;
    }
    case Kind::Hadamard: {
      Matrix acc = eval(e->kids[0]);
      for (std::size_t i = 1; i < e->kids.size(); ++i) acc = acc.cwiseProduct(eval(e->kids[i]));
      return acc;
    }
    case Kind::Pow: {
      double p = scalar(e->kids[1]);
      Matrix b = eval(e->kids[0]);
      return b.unaryExpr([p](double x) { return std::pow(x, p); });
    }
    case Kind::Func: {
      const FunctionRow& row = function_row(e->fn());
      if (row.arity == 2) return row.whole2(eval(e->kids[0]), eval(e->kids[1]));
      if (row.shape != FnShape::Elementwise) return row.whole(eval(e->kids[0]));
      return eval(e->kids[0]).unaryExpr(row.scalar);
    }
    case Kind::Transpose:
      return eval(e->kids[0]).transpose();
    case Kind::Trace:
      return scalar_matrix(eval(e->kids[0]).trace());
    case Kind::Det:
      return scalar_matrix(eval(e->kids[0]).determinant());
    case Kind::LogDet: {
      Eigen::PartialPivLU<Matrix> lu(eval(e->kids[0]));
      double s = 0;
      for (Eigen::Index i = 0; i < lu.matrixLU().rows(); ++i)
        s += std::log(std::fabs(lu.matrixLU()(i, i)));
      return scalar_matrix(s);
    }
    case Kind::Inverse:
      return eval(e->kids[0]).inverse();
    case Kind::Sum:
      return scalar_matrix(eval(e->kids[0]).sum());
    case Kind::Norm1:
      return scalar_matrix(eval(e->kids[0]).cwiseAbs().sum());
    case Kind::Norm2:
      return scalar_matrix(eval(e->kids[0]).norm());
    case Kind::DiagMat:
      return Matrix(eval(e->kids[0]).col(0).asDiagonal());
    case Kind::DiagVec:
      return eval(e->kids[0]).diagonal();
    case Kind::Vec: {
      Matrix a = eval(e->kids[0]);
      return Eigen::Map<Matrix>(a.data(), a.size(), 1);
    }
    case Kind::Kron:
      return kron_product(eval(e->kids[0]), eval(e->kids[1]));
    case Kind::Commutation:
      return commutation_matrix(dim_value(ctx_, in_, e->aux),
                                dim_value(ctx_, in_, static_cast<Dim>(e->value)));
    case Kind::Unvec: {
      Matrix v = eval(e->kids[0]);
      return Eigen::Map<Matrix>(v.data(), rows, cols);
    }
    case Kind::Diff: {
      Expr a = e->kids[0];
      if (a->kind == Kind::Var) {
        auto d = in_.differentials.find(a->name);
        if (d != in_.differentials.end()) return d->second;
        return Matrix::Zero(rows, cols);  // the differential of a constant
      }
      return directional(a);
    }
    case Kind::Inner:
      return scalar_matrix((eval(e->kids[0]).array() * eval(e->kids[1]).array()).sum());
  }
  throw InternalError("evaluate: unknown kind");
}

}  // namespace matcalc
