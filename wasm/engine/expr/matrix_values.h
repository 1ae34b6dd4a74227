// The values of the matrix and spectral functions of SPEC 12: the principal exponential,
// logarithm and square root (Eigen's unsupported MatrixFunctions: scaling and squaring,
// Schur–Parlett), their Fréchet derivatives by the block-triangular identity
//   f([[A, E], [0, A]]) = [[f(A), L_f(A, E)], [0, f(A)]]   (Higham, Functions of Matrices, 3.1),
// eigenvalues and unit eigenvectors of a symmetric matrix, and the spectral and nuclear
// norms. Each refuses, with a UserError that says why, where its value does not exist
// (a logarithm of a matrix with an eigenvalue on the closed negative real axis; an
// eigenvector of a repeated eigenvalue). In a file of its own so that the first visit's
// WebAssembly module can leave it out (wasm/bindings/core_stubs.cpp).
#pragma once

#include <Eigen/Dense>
#include <string>

namespace matcalc {

using Matrix = Eigen::MatrixXd;

Matrix expm_value(const Matrix& a);
Matrix logm_value(const Matrix& a);
Matrix sqrtm_value(const Matrix& a);
Matrix dexpm_value(const Matrix& a, const Matrix& e);
Matrix dlogm_value(const Matrix& a, const Matrix& e);
Matrix dsqrtm_value(const Matrix& a, const Matrix& e);

Matrix eigvals_value(const Matrix& s);     // ascending, a column
Matrix eigvecs_value(const Matrix& s);     // columns in the order of eigvals
Matrix lambda_max_value(const Matrix& s);  // 1x1
Matrix lambda_min_value(const Matrix& s);
Matrix eigvec_max_value(const Matrix& s);  // a unit column, sign-normalised
Matrix eigvec_min_value(const Matrix& s);
Matrix norm_op_value(const Matrix& a);   // 1x1
Matrix norm_nuc_value(const Matrix& a);  // 1x1

// Why a derivative does not exist at this argument, or "" where it does (SPEC 12: a
// simple eigenvalue, a simple top singular value, a full-rank argument, a spectrum off
// the closed negative real axis). The numeric check draws inputs where these are "".
std::string logm_undefined(const Matrix& a);
std::string top_eigenvalue_repeated(const Matrix& s);
std::string bottom_eigenvalue_repeated(const Matrix& s);
std::string eigenvalues_repeated(const Matrix& s);
std::string top_singular_value_repeated(const Matrix& a);
std::string rank_deficient(const Matrix& a);

}  // namespace matcalc
