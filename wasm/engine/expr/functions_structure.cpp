// The rows of the parts of a matrix that SPEC 13 adds to the language: tril(A) and triu(A)
// (the lower / upper triangular part, diagonal included), sym(A) = (A + A')/2 and
// skew(A) = (A - A')/2. Each is an orthogonal projection in the Frobenius inner product:
// linear, so d f(A) = f(dA), and self-adjoint, so <G, f(dA)> = <f(G), dA> (one adjoint
// rule, adj-projection, for all four). The gradients of triangular variables are tril(G)
// and triu(G); sym and skew are how a reader writes the symmetric and skew parts.
#include "expr/functions.h"

namespace matcalc {

namespace {

using Matrix = Eigen::MatrixXd;

Matrix tril_value(const Matrix& a) { return a.triangularView<Eigen::Lower>(); }
Matrix triu_value(const Matrix& a) { return a.triangularView<Eigen::Upper>(); }
Matrix sym_value(const Matrix& a) { return (a + a.transpose()) / 2; }
Matrix skew_value(const Matrix& a) { return (a - a.transpose()) / 2; }

#define EIGEN_T "template <typename S>\n"
#define EIGEN_M "Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>"
constexpr const char* kEigenTril = EIGEN_T EIGEN_M " tril(const " EIGEN_M
                                                   "& a) { return a.template "
                                                   "triangularView<Eigen::Lower>(); }\n";
constexpr const char* kEigenTriu = EIGEN_T EIGEN_M " triu(const " EIGEN_M
                                                   "& a) { return a.template "
                                                   "triangularView<Eigen::Upper>(); }\n";
constexpr const char* kEigenSym =
    EIGEN_T EIGEN_M " sym(const " EIGEN_M "& a) { return (a + a.transpose()) / S(2); }\n";
constexpr const char* kEigenSkew =
    EIGEN_T EIGEN_M " skew(const " EIGEN_M "& a) { return (a - a.transpose()) / S(2); }\n";
#undef EIGEN_T
#undef EIGEN_M
constexpr const char* kPySym = "def _sym(a):\n    return (a + a.T) / 2\n";
constexpr const char* kPySkew = "def _skew(a):\n    return (a - a.T) / 2\n";
constexpr const char* kOctaveSym = "function y = mc_sym(a)\n  y = (a + a') / 2;\nend\n";
constexpr const char* kOctaveSkew = "function y = mc_skew(a)\n  y = (a - a') / 2;\nend\n";

constexpr const char* kNoIndexRule =
    "an entry of tril, triu, sym or skew picks entries by their position: the index route has "
    "no rule for it (the default route derives it)";
constexpr const char* kLinear = "the map is linear: the differential of f(A) is f(dA)";

}  // namespace

std::vector<FunctionRow> structure_function_rows() {
  return {
      {.id = Fn::Tril,
       .name = "tril",
       .meaning = "lower triangular part, diagonal included",
       .latex = "\\operatorname{tril}\\left(#\\right)",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = tril_value,
       .exact = nullptr,
       .rule = {"d-tril", R"(\mathrm{d}\operatorname{tril}(A) = \operatorname{tril}(\mathrm{d}A))",
                kLinear, ""},
       .differential = [](Build& b, Expr, Expr da) { return b.func(Fn::Tril, da); },
       .keeps_symmetry = false,
       .transposes_inward = false,
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .self_adjoint = true,
       .fixes = kLower,
       .diagonal_on = kUpper,
       .result_props = kLower,
       .numpy = MATCALC_CODE("np.tril(#)"),
       .torch = MATCALC_CODE("torch.tril(#)"),
       .eigen = MATCALC_CODE("detail::tril<Scalar>(#)", {{{"tril", kEigenTril}}}),
       .matlab = MATCALC_CODE("tril(#)")},
      {.id = Fn::Triu,
       .name = "triu",
       .meaning = "upper triangular part, diagonal included",
       .latex = "\\operatorname{triu}\\left(#\\right)",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = triu_value,
       .exact = nullptr,
       .rule = {"d-triu", R"(\mathrm{d}\operatorname{triu}(A) = \operatorname{triu}(\mathrm{d}A))",
                kLinear, ""},
       .differential = [](Build& b, Expr, Expr da) { return b.func(Fn::Triu, da); },
       .keeps_symmetry = false,
       .transposes_inward = false,
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .self_adjoint = true,
       .fixes = kUpper,
       .diagonal_on = kLower,
       .result_props = kUpper,
       .numpy = MATCALC_CODE("np.triu(#)"),
       .torch = MATCALC_CODE("torch.triu(#)"),
       .eigen = MATCALC_CODE("detail::triu<Scalar>(#)", {{{"triu", kEigenTriu}}}),
       .matlab = MATCALC_CODE("triu(#)")},
      {.id = Fn::Sym,
       .name = "sym",
       .meaning = "symmetric part (A + A')/2",
       .latex = "\\operatorname{sym}\\left(#\\right)",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = sym_value,
       .exact = nullptr,
       .rule = {"d-sym", R"(\mathrm{d}\operatorname{sym}(A) = \operatorname{sym}(\mathrm{d}A))",
                kLinear, ""},
       .differential = [](Build& b, Expr, Expr da) { return b.func(Fn::Sym, da); },
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .self_adjoint = true,
       .fixes = kSymmetric,
       .vanishes_on = kSkew,
       .result_props = kSymmetric,
       .numpy = MATCALC_CODE("_sym(#)", {{{"_sym", kPySym}}}),
       .torch = MATCALC_CODE("_sym(#)", {{{"_sym", kPySym}}}),
       .eigen = MATCALC_CODE("detail::sym<Scalar>(#)", {{{"sym", kEigenSym}}}),
       .matlab = MATCALC_CODE("mc_sym(#)", {{{"mc_sym", kOctaveSym}}})},
      {.id = Fn::Skew,
       .name = "skew",
       .meaning = "skew-symmetric part (A - A')/2",
       .latex = "\\operatorname{skew}\\left(#\\right)",
       .shape = FnShape::SquareToSame,
       .domain = FnDomain::Any,
       .scalar = nullptr,
       .whole = skew_value,
       .exact = nullptr,
       .rule = {"d-skew", R"(\mathrm{d}\operatorname{skew}(A) = \operatorname{skew}(\mathrm{d}A))",
                kLinear, ""},
       .differential = [](Build& b, Expr, Expr da) { return b.func(Fn::Skew, da); },
       .keeps_symmetry = false,
       .jacobian = false,
       .index_refusal = kNoIndexRule,
       .self_adjoint = true,
       .fixes = kSkew,
       .vanishes_on = kSymmetric,
       .result_props = kSkew,
       .numpy = MATCALC_CODE("_skew(#)", {{{"_skew", kPySkew}}}),
       .torch = MATCALC_CODE("_skew(#)", {{{"_skew", kPySkew}}}),
       .eigen = MATCALC_CODE("detail::skew<Scalar>(#)", {{{"skew", kEigenSkew}}}),
       .matlab = MATCALC_CODE("mc_skew(#)", {{{"mc_skew", kOctaveSkew}}})},
  };
}

}  // namespace matcalc
