// The rows of the spectral functions of SPEC 12: eigenvalues and unit eigenvectors of a
// symmetric matrix, the spectral and the nuclear norm. The identities are first-order
// perturbation theory for a simple eigenvalue, dλ_i = u_i' dS u_i (Magnus & Neudecker,
// Matrix Differential Calculus, Thm 8.9), and for a simple singular value,
// dσ = u' dA v (Magnus 1985; Golub & Van Loan 8.6), with the top singular pair written
// sign-free through v = eigvec_max(A'*A), u = A v / σ; and for the nuclear norm at full
// column rank, d||A||_* = tr(V U' dA) with U V' = A (A'A)^(-1/2).
#include "expr/functions.h"
#include "expr/matrix_values.h"

namespace matcalc {

namespace {

Expr arg(Expr e) { return e->kids[0]; }

// The eigenvectors' derivatives involve 1/(λ_i - λ_j) for every pair; matcalc's results
// use eigenvectors only where they are values, so their differential is refused by name.
constexpr const char* kNoEigenvectorDerivative =
    "the derivative of an eigenvector is not supported (it involves every eigenvalue gap); "
    "ask for a function of eigenvalues such as lambda_max(S) or sum(f(eigvals(S)))";

constexpr const char* kNoIndexRule =
    "eigenvalues and singular values have no entry formula: the index route has no rule for "
    "them (the default route derives them)";

// Eigenvector helpers: the sign that makes the entry of largest magnitude positive.
constexpr const char* kPyEigvec =
    "def _eigvec(s, k):\n"
    "    \"\"\"Unit eigenvector(s) of the symmetric s, columns k, sign-normalised (SPEC "
    "12).\"\"\"\n"
    "    v = np.linalg.eigh((s + s.T) / 2)[1][:, k]\n"
    "    i = np.argmax(np.abs(v), axis=0)\n"
    "    return v * np.sign(v[i, np.arange(v.shape[1])])\n";
constexpr const char* kTorchEigvec =
    "def _eigvec(s, k):\n"
    "    \"\"\"Unit eigenvector(s) of the symmetric s, columns k, sign-normalised (SPEC "
    "12).\"\"\"\n"
    "    v = torch.linalg.eigh((s + s.T) / 2)[1][:, k]\n"
    "    i = torch.argmax(torch.abs(v), dim=0)\n"
    "    return v * torch.sign(v[i, torch.arange(v.shape[1])])\n";
constexpr const char* kEigenEigvec =
    "// Unit eigenvectors of the symmetric s, columns from `first`, sign-normalised (SPEC 12).\n"
    "template <class D>\n"
    "Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic> eigvec_(\n"
    "    const Eigen::MatrixBase<D>& x, Eigen::Index first, Eigen::Index count) {\n"
    "  using M = Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic>;\n"
    "  const M s = x;\n"
    "  Eigen::SelfAdjointEigenSolver<M> es((s + s.transpose()) / 2);\n"
    "  M v = es.eigenvectors().middleCols(first, count);\n"
    "  for (Eigen::Index j = 0; j < v.cols(); ++j) {\n"
    "    Eigen::Index i;\n"
    "    v.col(j).cwiseAbs().maxCoeff(&i);\n"
    "    if (v(i, j) < 0) v.col(j) = -v.col(j);\n"
    "  }\n"
    "  return v;\n"
    "}\n";
constexpr const char* kOctaveEigvec =
    "function v = eigvec_(s, k)\n"
    "  % Unit eigenvector(s) of the symmetric s, columns k, sign-normalised (SPEC 12).\n"
    "  [u, l] = eig((s + s') / 2);\n"
    "  [~, order] = sort(diag(l));\n"
    "  v = u(:, order(k));\n"
    "  [~, i] = max(abs(v), [], 1);\n"
    "  v = v .* sign(v(sub2ind(size(v), i, 1:columns(v))));\n"
    "end\n";

// u_i' dS u_i for the eigenvector row `vec` (eigvec_max or eigvec_min).
Expr rayleigh(Build& b, Fn vec, Expr s, Expr ds) {
  Expr u = b.func(vec, s);
  return b.mul({b.transpose(u), ds, u});
}

FunctionRow eigenvector_row(Fn id, const char* name, const char* meaning, const char* latex,
                            FnShape shape, Eigen::MatrixXd (*value)(const Eigen::MatrixXd&),
                            CodeSpelling numpy, CodeSpelling torch, CodeSpelling eigen,
                            CodeSpelling matlab) {
  return {.id = id,
          .name = name,
          .meaning = meaning,
          .latex = latex,
          .shape = shape,
          .domain = FnDomain::Any,
          .scalar = nullptr,
          .whole = value,
          .exact = nullptr,
          .rule = {"d-eigvec", R"(\mathrm{d}u_i = (\lambda_i I - S)^{+}\,\mathrm{d}S\,u_i)",
                   "Magnus & Neudecker, Thm 8.9 (not supported)", ""},
          .differential = nullptr,
          .needs_symmetric = true,
          .keeps_symmetry = false,
          .transposes_inward = false,
          .refusal = kNoEigenvectorDerivative,
          .index_refusal = kNoIndexRule,
          .numpy = numpy,
          .torch = torch,
          .eigen = eigen,
          .matlab = matlab};
}

}  // namespace

std::vector<FunctionRow> spectral_function_rows() {
  return {
      {.id = Fn::Eigvals,
       .name = "eigvals",
       .meaning = "eigenvalues of a symmetric matrix, ascending",
       .latex = "\\operatorname{eigvals}\\left(#\\right)",
       .shape = FnShape::SquareToVector,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = eigvals_value,
       .exact = nullptr,
       .rule =
           {"d-eigvals",
            R"(\mathrm{d}\lambda(S) = \operatorname{diag}(U^\top \mathrm{d}S\, U),\; U = \operatorname{eigvecs}(S))",
            "first-order perturbation of simple eigenvalues; Magnus & Neudecker, Thm 8.9",
            "this holds where the eigenvalues of S are simple (distinct)."},
       .differential =
           [](Build& b, Expr e, Expr ds) {
             Expr u = b.func(Fn::Eigvecs, arg(e));
             return b.diag_vec(b.mul({b.transpose(u), ds, u}));
           },
       .undefined_at = eigenvalues_repeated,
       .needs_symmetric = true,
       .keeps_symmetry = false,
       .transposes_inward = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.linalg.eigvalsh(#).reshape(-1, 1)"),
       .torch = MATCALC_CODE("torch.linalg.eigvalsh(#).reshape(-1, 1)"),
       .eigen = MATCALC_CODE("Eigen::SelfAdjointEigenSolver<Mat>(#).eigenvalues()"),
       .matlab = MATCALC_CODE("sort(eig(#))")},
      eigenvector_row(
          Fn::Eigvecs, "eigvecs", "unit eigenvectors of a symmetric matrix, as columns",
          "\\operatorname{eigvecs}\\left(#\\right)", FnShape::SquareToSame, eigvecs_value,
          MATCALC_CODE("_eigvec(#, slice(None))", {{"_eigvec", kPyEigvec}}),
          MATCALC_CODE("_eigvec(#, slice(None))", {{"_eigvec", kTorchEigvec}}),
          MATCALC_CODE("detail::eigvec_(#, 0, (#).rows())", {{"eigvec_", kEigenEigvec}}),
          MATCALC_CODE("eigvec_(#, 1:rows(#))", {{"eigvec_", kOctaveEigvec}})),
      {.id = Fn::LambdaMax,
       .name = "lambda_max",
       .meaning = "largest eigenvalue of a symmetric matrix",
       .latex = "\\lambda_{\\max}\\left(#\\right)",
       .shape = FnShape::SquareToScalar,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = lambda_max_value,
       .exact = nullptr,
       .rule = {"d-lambda-max",
                R"(\mathrm{d}\lambda_{\max}(S) = u^\top \mathrm{d}S\, u,\; u = u_{\max}(S))",
                "first-order perturbation of a simple eigenvalue; Magnus & Neudecker, Thm 8.9",
                "this holds where the largest eigenvalue of S is simple."},
       .differential = [](Build& b, Expr e,
                          Expr ds) { return rayleigh(b, Fn::EigvecMax, arg(e), ds); },
       .undefined_at = top_eigenvalue_repeated,
       .needs_symmetric = true,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.linalg.eigvalsh(#)[-1]"),
       .torch = MATCALC_CODE("torch.linalg.eigvalsh(#)[-1]"),
       .eigen = MATCALC_CODE("Eigen::SelfAdjointEigenSolver<Mat>(#).eigenvalues().maxCoeff()"),
       .matlab = MATCALC_CODE("max(eig(#))")},
      {.id = Fn::LambdaMin,
       .name = "lambda_min",
       .meaning = "smallest eigenvalue of a symmetric matrix",
       .latex = "\\lambda_{\\min}\\left(#\\right)",
       .shape = FnShape::SquareToScalar,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = lambda_min_value,
       .exact = nullptr,
       .rule = {"d-lambda-min",
                R"(\mathrm{d}\lambda_{\min}(S) = u^\top \mathrm{d}S\, u,\; u = u_{\min}(S))",
                "first-order perturbation of a simple eigenvalue; Magnus & Neudecker, Thm 8.9",
                "this holds where the smallest eigenvalue of S is simple."},
       .differential = [](Build& b, Expr e,
                          Expr ds) { return rayleigh(b, Fn::EigvecMin, arg(e), ds); },
       .undefined_at = bottom_eigenvalue_repeated,
       .needs_symmetric = true,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.linalg.eigvalsh(#)[0]"),
       .torch = MATCALC_CODE("torch.linalg.eigvalsh(#)[0]"),
       .eigen = MATCALC_CODE("Eigen::SelfAdjointEigenSolver<Mat>(#).eigenvalues().minCoeff()"),
       .matlab = MATCALC_CODE("min(eig(#))")},
      eigenvector_row(
          Fn::EigvecMax, "eigvec_max", "unit eigenvector of the largest eigenvalue",
          "\\operatorname{eigvec\\_max}\\left(#\\right)", FnShape::SquareToVector, eigvec_max_value,
          MATCALC_CODE("_eigvec(#, [-1])", {{"_eigvec", kPyEigvec}}),
          MATCALC_CODE("_eigvec(#, [-1])", {{"_eigvec", kTorchEigvec}}),
          MATCALC_CODE("detail::eigvec_(#, (#).rows() - 1, 1)", {{"eigvec_", kEigenEigvec}}),
          MATCALC_CODE("eigvec_(#, rows(#))", {{"eigvec_", kOctaveEigvec}})),
      eigenvector_row(Fn::EigvecMin, "eigvec_min", "unit eigenvector of the smallest eigenvalue",
                      "\\operatorname{eigvec\\_min}\\left(#\\right)", FnShape::SquareToVector,
                      eigvec_min_value, MATCALC_CODE("_eigvec(#, [0])", {{"_eigvec", kPyEigvec}}),
                      MATCALC_CODE("_eigvec(#, [0])", {{"_eigvec", kTorchEigvec}}),
                      MATCALC_CODE("detail::eigvec_(#, 0, 1)", {{"eigvec_", kEigenEigvec}}),
                      MATCALC_CODE("eigvec_(#, 1)", {{"eigvec_", kOctaveEigvec}})),
      {.id = Fn::NormOp,
       .name = "norm_op",
       .meaning = "spectral norm (largest singular value)",
       .latex = "\\left\\|#\\right\\|_{2}",
       .shape = FnShape::MatrixToScalar,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = norm_op_value,
       .exact = nullptr,
       .rule =
           {"d-norm-op",
            R"(\mathrm{d}\|A\|_2 = u^\top \mathrm{d}A\, v = \frac{v^\top A^\top \mathrm{d}A\, v}{\|A\|_2},\; v = u_{\max}(A^\top A))",
            "first-order perturbation of a simple singular value; Golub & Van Loan, 8.6",
            "this holds where the largest singular value of A is simple."},
       .differential =
           [](Build& b, Expr e, Expr da) {
             Expr a = arg(e), v = b.func(Fn::EigvecMax, b.mul(b.transpose(a), a));
             return b.div(b.mul({b.transpose(v), b.transpose(a), da, v}), e);
           },
       .undefined_at = top_singular_value_repeated,
       .keeps_symmetry = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.linalg.norm(#, 2)"),
       .torch = MATCALC_CODE("torch.linalg.matrix_norm(#, 2)"),
       .eigen = MATCALC_CODE("Eigen::JacobiSVD<Mat>(#).singularValues()(0)"),
       .matlab = MATCALC_CODE("norm(#)")},
      {.id = Fn::NormNuc,
       .name = "norm_nuc",
       .meaning = "nuclear norm (sum of singular values)",
       .latex = "\\left\\|#\\right\\|_{*}",
       .shape = FnShape::MatrixToScalar,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = norm_nuc_value,
       .exact = nullptr,
       .rule =
           {"d-norm-nuc",
            R"(\mathrm{d}\|A\|_* = \operatorname{tr}\big((A^\top A)^{-1/2} A^\top \mathrm{d}A\big))",
            "the nuclear norm's gradient U V' = A (A'A)^(-1/2) at full column rank; "
            "Watson (1992)",
            "this holds where A has full column rank (rows >= columns)."},
       .differential =
           [](Build& b, Expr e, Expr da) {
             Expr a = arg(e);
             Expr root = b.func(Fn::Sqrtm, b.mul(b.transpose(a), a));
             return b.trace(b.mul({b.inverse(root), b.transpose(a), da}));
           },
       .undefined_at = rank_deficient,
       .keeps_symmetry = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.linalg.norm(#, 'nuc')"),
       .torch = MATCALC_CODE("torch.linalg.matrix_norm(#, 'nuc')"),
       .eigen = MATCALC_CODE("Eigen::JacobiSVD<Mat>(#).singularValues().sum()"),
       .matlab = MATCALC_CODE("sum(svd(#))")},
  };
}

}  // namespace matcalc
