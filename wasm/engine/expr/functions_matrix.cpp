// The rows of the matrix functions of SPEC 12: the principal exponential, logarithm and
// square root of a square matrix, and their Fréchet derivatives L_f(A, E), which results
// use where no closed form exists. The identities are Higham, "Functions of Matrices"
// (2008): the Fréchet derivative (3.6) and its adjoint L_f(A)* = L_f(A') for f with real
// Taylor coefficients (Thm 3.6 with <G, L(E)> = tr(G' L(E))), the commuting case
// L_f(A, E) = f'(A) E (Thm 3.8), and Daleckii–Krein for a symmetric A (Thm 3.11).
#include "expr/functions.h"
#include "expr/matrix_values.h"

namespace matcalc {

namespace {

Expr arg(Expr e) { return e->kids[0]; }

// The Daleckii–Krein form, shown with the step when the argument is symmetric.
#define DALECKII_KREIN(f, fprime)                                                                \
  "for a symmetric A = U diag(λ) U', L(A, E) = U (F ∘ (U' E U)) U' with F_ij = (" f "(λ_i) − " f \
  "(λ_j))/(λ_i − λ_j) and F_ii = " fprime " (Daleckii–Krein)."

// NumPy: SciPy's expm, logm, sqrtm (SPEC 9 allows scipy.linalg for these only); the
// Fréchet derivatives by the block-triangular identity, as the evaluator computes them.
constexpr const char* kPyFrechet =
    "def _frechet(f, a, e):\n"
    "    \"\"\"L_f(a, e): the top-right block of f([[a, e], [0, a]]) (Higham, (3.16)).\"\"\"\n"
    "    n = a.shape[0]\n"
    "    z = np.zeros_like(a)\n"
    "    return np.real(f(np.block([[a, e], [z, a]])))[:n, n:]\n";
// PyTorch has the exponential; the logarithm and the square root of a diagonalisable
// matrix through its (complex) eigendecomposition, which autograd differentiates.
constexpr const char* kTorchSpectral =
    "def _via_eig(f, a):\n"
    "    \"\"\"f(a) = V f(Λ) V^-1 for a diagonalisable a (autograd follows "
    "torch.linalg.eig).\"\"\"\n"
    "    w, v = torch.linalg.eig(a)\n"
    "    return (v @ torch.diag_embed(f(w)) @ torch.linalg.inv(v)).real\n";
constexpr const char* kTorchFrechet =
    "def _frechet(f, a, e):\n"
    "    \"\"\"L_f(a, e) = d/dt f(a + t e) at t = 0 (autograd's Jacobian-vector product).\"\"\"\n"
    "    return torch.autograd.functional.jvp(f, a, e, create_graph=True)[1]\n";
constexpr const char* kEigenHeader = "unsupported/Eigen/MatrixFunctions";
// Eigen: unsupported/Eigen/MatrixFunctions, through plain matrices (its return values
// are not expressions); f = 0, 1, 2 for exp, log, sqrt.
constexpr const char* kEigenMatfun =
    "template <class D>\n"
    "Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic> matfun_(\n"
    "    int f, const Eigen::MatrixBase<D>& x) {\n"
    "  using M = Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic>;\n"
    "  const M a = x;\n"
    "  return f == 0 ? M(a.exp()) : f == 1 ? M(a.log()) : M(a.sqrt());\n"
    "}\n";
constexpr const char* kEigenFrechet =
    "// L_f(a, e): the top-right block of f([[a, e], [0, a]]) (Higham, (3.16)).\n"
    "template <class D, class E>\n"
    "Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic> frechet_(\n"
    "    int f, const Eigen::MatrixBase<D>& a, const Eigen::MatrixBase<E>& e) {\n"
    "  using M = Eigen::Matrix<typename D::Scalar, Eigen::Dynamic, Eigen::Dynamic>;\n"
    "  const Eigen::Index n = a.rows();\n"
    "  M m = M::Zero(2 * n, 2 * n);\n"
    "  m.topLeftCorner(n, n) = a;\n"
    "  m.bottomRightCorner(n, n) = a;\n"
    "  m.topRightCorner(n, n) = e;\n"
    "  return matfun_(f, m).topRightCorner(n, n);\n"
    "}\n";
constexpr const char* kOctaveFrechet =
    "function l = frechet_(f, a, e)\n"
    "  % L_f(a, e): the top-right block of f([a e; 0 a]) (Higham, (3.16)).\n"
    "  n = rows(a);\n"
    "  m = real(f([a, e; zeros(n), a]));\n"
    "  l = m(1:n, n+1:end);\n"
    "end\n";

constexpr const char* kNoIndexRule =
    "an entry of a matrix function is a power series in every entry of its argument: the index "
    "route has no rule for it (the default route derives it)";

}  // namespace

std::vector<FunctionRow> matrix_function_rows() {
  return {
      {.id = Fn::Expm,
       .name = "expm",
       .meaning = "matrix exponential of a square matrix",
       .latex = "e^{#}",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = expm_value,
       .exact = nullptr,
       .rule =
           {"d-expm",
            R"(\mathrm{d}\,e^{A} = L_{\exp}(A, \mathrm{d}A) = \int_0^1 e^{sA}\,\mathrm{d}A\,e^{(1-s)A}\,ds)",
            "the Fréchet derivative of the exponential; Higham, Functions of Matrices, (10.15)",
            ""},
       .differential =
           [](Build& b, Expr e, Expr da) {
             return b.func(Fn::Dexpm, {arg(e), da});
           },
       .steps_note = DALECKII_KREIN("exp", "exp(λ_i)"),
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("scipy.linalg.expm(#)", {}, "scipy.linalg"),
       .torch = MATCALC_CODE("torch.linalg.matrix_exp(#)"),
       .eigen = MATCALC_CODE("detail::matfun_(0, #)", {{"matfun_", kEigenMatfun}}, kEigenHeader),
       .matlab = MATCALC_CODE("expm(#)")},
      {.id = Fn::Logm,
       .name = "logm",
       .meaning = "principal matrix logarithm",
       .latex = "\\operatorname{logm}\\left(#\\right)",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Principal,
       .scalar = nullptr,
       .whole = logm_value,
       .exact = nullptr,
       .rule = {"d-logm", R"(\mathrm{d}\log A = L_{\log}(A, \mathrm{d}A))",
                "the Fréchet derivative of the principal logarithm; Higham, Functions of "
                "Matrices, (11.9)",
                "this holds where A has no eigenvalue on the closed negative real axis."},
       .differential =
           [](Build& b, Expr e, Expr da) {
             return b.func(Fn::Dlogm, {arg(e), da});
           },
       .undefined_at = logm_undefined,
       .steps_note = DALECKII_KREIN("log", "1/λ_i"),
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.real(scipy.linalg.logm(#))", {}, "scipy.linalg"),
       .torch = MATCALC_CODE("_via_eig(torch.log, #)", {{"_via_eig", kTorchSpectral}}),
       .eigen = MATCALC_CODE("detail::matfun_(1, #)", {{"matfun_", kEigenMatfun}}, kEigenHeader),
       .matlab = MATCALC_CODE("real(logm(#))")},
      {.id = Fn::Sqrtm,
       .name = "sqrtm",
       .meaning = "principal matrix square root",
       .latex = "@^{1/2}",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Principal,
       .scalar = nullptr,
       .whole = sqrtm_value,
       .exact = nullptr,
       .rule =
           {"d-sqrtm",
            R"(\mathrm{d}A^{1/2} = L_{\surd}(A, \mathrm{d}A),\; A^{1/2} L + L A^{1/2} = \mathrm{d}A)",
            "the Fréchet derivative of the principal square root solves a Sylvester "
            "equation; Higham, Functions of Matrices, (6.5)",
            "this holds where A has no eigenvalue on the closed negative real axis."},
       .differential =
           [](Build& b, Expr e, Expr da) {
             return b.func(Fn::Dsqrtm, {arg(e), da});
           },
       .undefined_at = logm_undefined,
       .steps_note = DALECKII_KREIN("sqrt", "1/(2 sqrt(λ_i))"),
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("np.real(scipy.linalg.sqrtm(#))", {}, "scipy.linalg"),
       .torch = MATCALC_CODE("_via_eig(torch.sqrt, #)", {{"_via_eig", kTorchSpectral}}),
       .eigen = MATCALC_CODE("detail::matfun_(2, #)", {{"matfun_", kEigenMatfun}}, kEigenHeader),
       .matlab = MATCALC_CODE("real(sqrtm(#))")},
      {.id = Fn::Dexpm,
       .name = "dexpm",
       .meaning = "Fréchet derivative of expm at A in the direction E",
       .latex = "\\operatorname{dexpm}\\left(#1, #2\\right)",
       .shape = FnShape::Frechet,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = nullptr,
       .exact = nullptr,
       .rule = {"d-dexpm", R"(\mathrm{d}\,L_{\exp}(A, E) = L_{\exp}(A, \mathrm{d}E))",
                "L_f(A, E) is linear in E", ""},
       .differential =
           [](Build& b, Expr e, Expr de) {
             return b.func(Fn::Dexpm, {arg(e), de});
           },
       .arity = 2,
       .whole2 = dexpm_value,
       .adjoint =
           [](Build& b, Expr g, Expr e) {
             return b.func(Fn::Dexpm, {b.transpose(arg(e)), g});
           },
       .commuting = [](Build& b, Expr a, Expr e) { return b.mul(b.func(Fn::Expm, a), e); },
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("scipy.linalg.expm_frechet(#1, #2, compute_expm=False)", {},
                             "scipy.linalg"),
       .torch =
           MATCALC_CODE("_frechet(torch.linalg.matrix_exp, #1, #2)", {{"_frechet", kTorchFrechet}}),
       .eigen =
           MATCALC_CODE("detail::frechet_(0, #1, #2)",
                        {{{"matfun_", kEigenMatfun}, {"frechet_", kEigenFrechet}}}, kEigenHeader),
       .matlab = MATCALC_CODE("frechet_(@expm, #1, #2)", {{"frechet_", kOctaveFrechet}})},
      {.id = Fn::Dlogm,
       .name = "dlogm",
       .meaning = "Fréchet derivative of logm at A in the direction E",
       .latex = "\\operatorname{dlogm}\\left(#1, #2\\right)",
       .shape = FnShape::Frechet,
       .domain = FnDomain::Principal,
       .scalar = nullptr,
       .whole = nullptr,
       .exact = nullptr,
       .rule = {"d-dlogm", R"(\mathrm{d}\,L_{\log}(A, E) = L_{\log}(A, \mathrm{d}E))",
                "L_f(A, E) is linear in E", ""},
       .differential =
           [](Build& b, Expr e, Expr de) {
             return b.func(Fn::Dlogm, {arg(e), de});
           },
       .arity = 2,
       .whole2 = dlogm_value,
       .adjoint =
           [](Build& b, Expr g, Expr e) {
             return b.func(Fn::Dlogm, {b.transpose(arg(e)), g});
           },
       .commuting = [](Build& b, Expr a, Expr e) { return b.mul(b.inverse(a), e); },
       .undefined_at = logm_undefined,
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("_frechet(scipy.linalg.logm, #1, #2)", {{"_frechet", kPyFrechet}},
                             "scipy.linalg"),
       .torch = MATCALC_CODE("_frechet(lambda m: _via_eig(torch.log, m), #1, #2)",
                             {{{"_via_eig", kTorchSpectral}, {"_frechet", kTorchFrechet}}}),
       .eigen =
           MATCALC_CODE("detail::frechet_(1, #1, #2)",
                        {{{"matfun_", kEigenMatfun}, {"frechet_", kEigenFrechet}}}, kEigenHeader),
       .matlab = MATCALC_CODE("frechet_(@logm, #1, #2)", {{"frechet_", kOctaveFrechet}})},
      {.id = Fn::Dsqrtm,
       .name = "dsqrtm",
       .meaning = "Fréchet derivative of sqrtm at A in the direction E",
       .latex = "\\operatorname{dsqrtm}\\left(#1, #2\\right)",
       .shape = FnShape::Frechet,
       .domain = FnDomain::Principal,
       .scalar = nullptr,
       .whole = nullptr,
       .exact = nullptr,
       .rule = {"d-dsqrtm", R"(\mathrm{d}\,L_{\surd}(A, E) = L_{\surd}(A, \mathrm{d}E))",
                "L_f(A, E) is linear in E", ""},
       .differential =
           [](Build& b, Expr e, Expr de) {
             return b.func(Fn::Dsqrtm, {arg(e), de});
           },
       .arity = 2,
       .whole2 = dsqrtm_value,
       .adjoint =
           [](Build& b, Expr g, Expr e) {
             return b.func(Fn::Dsqrtm, {b.transpose(arg(e)), g});
           },
       .commuting =
           [](Build& b, Expr a, Expr e) {
             return b.mul({b.num(0.5), b.inverse(b.func(Fn::Sqrtm, a)), e});
           },
       .undefined_at = logm_undefined,
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .numpy = MATCALC_CODE("_frechet(scipy.linalg.sqrtm, #1, #2)", {{"_frechet", kPyFrechet}},
                             "scipy.linalg"),
       .torch = MATCALC_CODE("_frechet(lambda m: _via_eig(torch.sqrt, m), #1, #2)",
                             {{{"_via_eig", kTorchSpectral}, {"_frechet", kTorchFrechet}}}),
       .eigen =
           MATCALC_CODE("detail::frechet_(2, #1, #2)",
                        {{{"matfun_", kEigenMatfun}, {"frechet_", kEigenFrechet}}}, kEigenHeader),
       .matlab = MATCALC_CODE("frechet_(@sqrtm, #1, #2)", {{"frechet_", kOctaveFrechet}})},
  };
}

}  // namespace matcalc
