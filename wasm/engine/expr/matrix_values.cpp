// The values of the matrix and spectral functions (see matrix_values.h).
#include "expr/matrix_values.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <unsupported/Eigen/MatrixFunctions>

#include "expr/error.h"

namespace matcalc {

namespace {

// A gap between eigenvalues (or singular values) this small, relative to the largest,
// is a repeated one: the eigenvector is not determined and the derivative does not exist.
constexpr double kRepeated = 1e-7;

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

[[noreturn]] void undefined(const std::string& why) { throw UserError("domain", why); }

// The principal branches exist where no eigenvalue lies on the closed negative real axis.
void require_principal(const Matrix& a, const char* fn) {
  std::string why = logm_undefined(a);
  if (!why.empty()) undefined(std::string(fn) + " has no real principal value here: " + why);
}

// f applied to [[A, E], [0, A]]: its top-right block is the Fréchet derivative L_f(A, E).
template <class F>
Matrix frechet(const Matrix& a, const Matrix& e, F f) {
  const Eigen::Index n = a.rows();
  // L is linear in E: E is scaled to A's size first, so a large direction (an upstream
  // gradient of 1e30) does not swamp the block's scaling and squaring or its logarithm.
  double size_a = std::max(1.0, a.cwiseAbs().maxCoeff()), size_e = e.cwiseAbs().maxCoeff();
  if (size_e == 0) return Matrix::Zero(n, n);
  double scale = size_e / size_a;
  Matrix block = Matrix::Zero(2 * n, 2 * n);
  block.topLeftCorner(n, n) = a;
  block.bottomRightCorner(n, n) = a;
  block.topRightCorner(n, n) = e / scale;
  return scale * f(block).topRightCorner(n, n);
}

Eigen::SelfAdjointEigenSolver<Matrix> eigen_of(const Matrix& s) {
  // The symmetric part: the argument is symmetric (SPEC 12), up to rounding.
  return Eigen::SelfAdjointEigenSolver<Matrix>((s + s.transpose()) / 2);
}

// The sign that makes a vector's entry of largest magnitude positive (SPEC 12).
Matrix sign_normalised(Matrix v) {
  for (Eigen::Index j = 0; j < v.cols(); ++j) {
    Eigen::Index k;
    v.col(j).cwiseAbs().maxCoeff(&k);
    if (v(k, j) < 0) v.col(j) = -v.col(j);
  }
  return v;
}

double scale_of(const Eigen::VectorXd& values) {
  return std::max(1.0, values.cwiseAbs().maxCoeff());
}

std::string gap_message(const Eigen::VectorXd& ev, Eigen::Index i, Eigen::Index j,
                        const char* which) {
  if (ev.size() < 2 || std::fabs(ev(i) - ev(j)) > kRepeated * scale_of(ev)) return "";
  return std::string("the ") + which + " (" + number(ev(i)) + ") is repeated";
}

Matrix scalar(double v) { return Matrix::Constant(1, 1, v); }

Eigen::VectorXd singular_values(const Matrix& a) {
  return Eigen::JacobiSVD<Matrix>(a).singularValues();  // descending
}

}  // namespace

Matrix expm_value(const Matrix& a) { return a.exp(); }

Matrix logm_value(const Matrix& a) {
  require_principal(a, "logm");
  return a.log();
}

Matrix sqrtm_value(const Matrix& a) {
  require_principal(a, "sqrtm");
  return a.sqrt();
}

Matrix dexpm_value(const Matrix& a, const Matrix& e) {
  return frechet(a, e, [](const Matrix& m) { return Matrix(m.exp()); });
}

Matrix dlogm_value(const Matrix& a, const Matrix& e) {
  require_principal(a, "dlogm");
  return frechet(a, e, [](const Matrix& m) { return Matrix(m.log()); });
}

Matrix dsqrtm_value(const Matrix& a, const Matrix& e) {
  require_principal(a, "dsqrtm");
  return frechet(a, e, [](const Matrix& m) { return Matrix(m.sqrt()); });
}

Matrix eigvals_value(const Matrix& s) { return eigen_of(s).eigenvalues(); }

Matrix eigvecs_value(const Matrix& s) {
  auto es = eigen_of(s);
  std::string why = eigenvalues_repeated(s);
  if (!why.empty()) undefined("eigvecs is not determined where " + why);
  return sign_normalised(es.eigenvectors());
}

Matrix lambda_max_value(const Matrix& s) {
  Eigen::VectorXd ev = eigen_of(s).eigenvalues();
  return scalar(ev(ev.size() - 1));
}

Matrix lambda_min_value(const Matrix& s) { return scalar(eigen_of(s).eigenvalues()(0)); }

Matrix eigvec_max_value(const Matrix& s) {
  std::string why = top_eigenvalue_repeated(s);
  if (!why.empty()) undefined("eigvec_max is not determined where " + why);
  auto es = eigen_of(s);
  return sign_normalised(es.eigenvectors().col(s.rows() - 1));
}

Matrix eigvec_min_value(const Matrix& s) {
  std::string why = bottom_eigenvalue_repeated(s);
  if (!why.empty()) undefined("eigvec_min is not determined where " + why);
  return sign_normalised(eigen_of(s).eigenvectors().col(0));
}

Matrix norm_op_value(const Matrix& a) {
  if (a.size() == 0) return scalar(0);
  return scalar(singular_values(a)(0));
}

Matrix norm_nuc_value(const Matrix& a) { return scalar(singular_values(a).sum()); }

std::string logm_undefined(const Matrix& a) {
  Eigen::VectorXcd ev = Eigen::EigenSolver<Matrix>(a, false).eigenvalues();
  double scale = std::max(1.0, ev.cwiseAbs().maxCoeff());
  for (Eigen::Index i = 0; i < ev.size(); ++i)
    if (std::fabs(ev(i).imag()) <= 1e-10 * scale && ev(i).real() <= 1e-10 * scale)
      return "it has the eigenvalue " + number(ev(i).real()) +
             (ev(i).real() < 0 ? ", on the negative real axis" : "");
  return "";
}

std::string top_eigenvalue_repeated(const Matrix& s) {
  Eigen::VectorXd ev = eigen_of(s).eigenvalues();
  return gap_message(ev, ev.size() - 1, ev.size() - 2, "largest eigenvalue");
}

std::string bottom_eigenvalue_repeated(const Matrix& s) {
  return gap_message(eigen_of(s).eigenvalues(), 0, 1, "smallest eigenvalue");
}

std::string eigenvalues_repeated(const Matrix& s) {
  Eigen::VectorXd ev = eigen_of(s).eigenvalues();
  for (Eigen::Index i = 0; i + 1 < ev.size(); ++i) {
    std::string why = gap_message(ev, i, i + 1, "eigenvalue");
    if (!why.empty()) return why;
  }
  return "";
}

std::string top_singular_value_repeated(const Matrix& a) {
  if (a.rows() == 1 || a.cols() == 1) return "";  // a vector: its Euclidean norm
  return gap_message(singular_values(a), 0, 1, "largest singular value");
}

std::string rank_deficient(const Matrix& a) {
  Eigen::VectorXd sv = singular_values(a);
  if (a.rows() < a.cols())
    return "it has fewer rows than columns (A'*A is singular; write norm_nuc(A') instead)";
  if (sv(sv.size() - 1) <= 1e-8 * std::max(1.0, sv(0))) return "it does not have full column rank";
  return "";
}

}  // namespace matcalc
