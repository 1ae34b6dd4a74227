// The rows of the function registry (see functions.h). Identities are the chain rule
// with the textbook derivative of each function; sources as cited.
#include "expr/functions.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "expr/error.h"

namespace matcalc {

namespace {

using Matrix = Eigen::MatrixXd;

// f'(A) .* dA, the chain rule for an element-wise f.
Expr chain(Build& b, Expr derivative, Expr da) { return b.hadamard(derivative, da); }
Expr arg(Expr e) { return e->kids[0]; }
Expr recip(Build& b, Expr a) { return b.pow(a, b.num(-1)); }
// (1 - A.^2).^(-1/2), the derivative of asin.
Expr inv_sqrt_one_minus_square(Build& b, Expr a) {
  return b.pow(b.sub(b.num(1), b.pow(a, b.num(2))), b.num(-0.5));
}

bool at_zero(double x, double v, double* out) { return x == 0 && (*out = v, true); }

double sigmoid(double x) {
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

Matrix softmax(const Matrix& x) {
  Matrix e = (x.array() - x.maxCoeff()).exp().matrix();
  return e / e.sum();
}

Matrix logsumexp(const Matrix& x) {
  double m = x.maxCoeff();
  return Matrix::Constant(1, 1, m + std::log((x.array() - m).exp().sum()));
}

// The adjugate by cofactors, adj(A)_ij = (-1)^(i+j) det(A without row j, column i): defined
// at singular matrices too, where det(A) inv(A) is not.
Matrix adjugate(const Matrix& a) {
  const Eigen::Index n = a.rows();
  if (n == 1) return Matrix::Ones(1, 1);
  Matrix out(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      Matrix minor(n - 1, n - 1);
      for (Eigen::Index r = 0, mr = 0; r < n; ++r) {
        if (r == j) continue;
        for (Eigen::Index c = 0, mc = 0; c < n; ++c)
          if (c != i) minor(mr, mc++) = a(r, c);
        ++mr;
      }
      out(i, j) = ((i + j) % 2 ? -1.0 : 1.0) * minor.determinant();
    }
  return out;
}

const std::vector<FunctionRow> kElementRows = {
    {Fn::Exp,
     "exp",
     "exponential",
     "\\exp\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::exp(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 1, o); },
     {"d-exp", R"(\mathrm{d}\exp(A) = \exp(A) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, e, da); }},
    {Fn::Log,
     "log",
     "natural logarithm",
     "\\log\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Positive,
     [](double x) { return std::log(x); },
     nullptr,
     [](double x, double* o) { return x == 1 && (*o = 0, true); },
     {"d-log", R"(\mathrm{d}\log(A) = \mathrm{d}A \oslash A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, recip(b, arg(e)), da); }},
    {Fn::Sin,
     "sin",
     "sine",
     "\\sin\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::sin(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-sin", R"(\mathrm{d}\sin(A) = \cos(A) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Cos, arg(e)), da); }},
    {Fn::Cos,
     "cos",
     "cosine",
     "\\cos\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::cos(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 1, o); },
     {"d-cos", R"(\mathrm{d}\cos(A) = -\sin(A) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.neg(b.func(Fn::Sin, arg(e))), da); }},
    {Fn::Tan,
     "tan",
     "tangent",
     "\\tan\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::tan(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-tan", R"(\mathrm{d}\tan(A) = (1 + \tan^{2}(A)) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.add(b.num(1), b.pow(e, b.num(2))), da); }},
    {Fn::Tanh,
     "tanh",
     "hyperbolic tangent",
     "\\tanh\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::tanh(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-tanh", R"(\mathrm{d}\tanh(A) = (1 - \tanh^{2}(A)) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.sub(b.num(1), b.pow(e, b.num(2))), da); }},
    {Fn::Sqrt,
     "sqrt",
     "square root",
     "\\sqrt{#}",
     FnShape::Elementwise,
     FnDomain::Positive,
     [](double x) { return std::sqrt(x); },
     nullptr,
     [](double x, double* o) {
       double r = std::sqrt(x);
       return x >= 0 && r == std::round(r) && (*o = r, true);
     },
     {"d-sqrt", R"(\mathrm{d}\sqrt{A} = \mathrm{d}A \oslash (2\sqrt{A}))", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.scale(0.5, recip(b, e)), da); }},
    {Fn::Abs,
     "abs",
     "absolute value",
     "\\left|#\\right|",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::fabs(x); },
     nullptr,
     [](double x, double* o) { return (*o = std::fabs(x), true); },
     {"d-abs", R"(\mathrm{d}|A| = \operatorname{sign}(A) \odot \mathrm{d}A)", "chain rule",
      "|a| has no derivative at a = 0; sign(0) = 0 is the usual subgradient there."},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Sign, arg(e)), da); }},
    {Fn::Sigmoid,
     "sigmoid",
     "logistic function 1/(1+exp(-x))",
     "\\sigma\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     sigmoid,
     nullptr,
     [](double x, double* o) { return at_zero(x, 0.5, o); },
     {"d-sigmoid", R"(\mathrm{d}\sigma(A) = \sigma(A) \odot \sigma(-A) \odot \mathrm{d}A)",
      "the logistic function: sigmoid' = sigmoid (1 - sigmoid)", ""},
     [](Build& b, Expr e, Expr da) {
       return chain(b, b.hadamard(e, b.func(Fn::Sigmoid, b.neg(arg(e)))), da);
     }},
    {Fn::Relu,
     "relu",
     "max(x, 0)",
     "\\operatorname{relu}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return x > 0 ? x : 0; },
     nullptr,
     [](double x, double* o) { return (*o = x > 0 ? x : 0, true); },
     {"d-relu", R"(\mathrm{d}\operatorname{relu}(A) = \operatorname{step}(A) \odot \mathrm{d}A)",
      "chain rule", "relu has no derivative at 0; step(0) = 0 is the usual subgradient there."},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Step, arg(e)), da); }},
    {Fn::Softplus,
     "softplus",
     "log(1 + exp(x))",
     "\\operatorname{softplus}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); },
     nullptr,
     nullptr,
     {"d-softplus", R"(\mathrm{d}\operatorname{softplus}(A) = \sigma(A) \odot \mathrm{d}A)",
      "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Sigmoid, arg(e)), da); }},
    {Fn::Sign,
     "sign",
     "sign (-1, 0, 1)",
     "\\operatorname{sign}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); },
     nullptr,
     [](double x, double* o) { return (*o = x > 0 ? 1 : (x < 0 ? -1 : 0), true); },
     {"d-piecewise-constant",
      R"(\mathrm{d}\operatorname{sign}(A) = \mathrm{d}\operatorname{step}(A) = 0)", "chain rule",
      "sign and step are constant away from 0; their derivative there is taken as 0."},
     [](Build& b, Expr e, Expr) { return b.zero(e->shape); }},
    {Fn::Step,
     "step",
     "Heaviside step (0 at 0)",
     "\\operatorname{step}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return x > 0 ? 1.0 : 0.0; },
     nullptr,
     [](double x, double* o) { return (*o = x > 0 ? 1 : 0, true); },
     {"d-piecewise-constant",
      R"(\mathrm{d}\operatorname{sign}(A) = \mathrm{d}\operatorname{step}(A) = 0)", "chain rule",
      "sign and step are constant away from 0; their derivative there is taken as 0."},
     [](Build& b, Expr e, Expr) { return b.zero(e->shape); }},
    {Fn::Erf,
     "erf",
     "error function",
     "\\operatorname{erf}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::erf(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-erf",
      R"(\mathrm{d}\operatorname{erf}(A) = \tfrac{2}{\sqrt{\pi}} \exp(-A^{\circ 2}) \odot \mathrm{d}A)",
      "DLMF 7.10.1", ""},
     [](Build& b, Expr e, Expr da) {
       Expr g = b.func(Fn::Exp, b.neg(b.pow(arg(e), b.num(2))));
       return chain(b, b.scale(2 / std::sqrt(std::numbers::pi), g), da);
     }},
    {Fn::Sinh,
     "sinh",
     "hyperbolic sine",
     "\\sinh\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::sinh(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-sinh", R"(\mathrm{d}\sinh(A) = \cosh(A) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Cosh, arg(e)), da); }},
    {Fn::Cosh,
     "cosh",
     "hyperbolic cosine",
     "\\cosh\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::cosh(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 1, o); },
     {"d-cosh", R"(\mathrm{d}\cosh(A) = \sinh(A) \odot \mathrm{d}A)", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, b.func(Fn::Sinh, arg(e)), da); }},
    {Fn::Asin,
     "asin",
     "arcsine",
     "\\arcsin\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Unit,
     [](double x) { return std::asin(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-asin",
      R"(\mathrm{d}\arcsin(A) = (1 - A^{\circ 2})^{\circ -\frac{1}{2}} \odot \mathrm{d}A)",
      "chain rule", "arcsin has no derivative at |a| = 1."},
     [](Build& b, Expr e, Expr da) { return chain(b, inv_sqrt_one_minus_square(b, arg(e)), da); }},
    {Fn::Acos,
     "acos",
     "arccosine",
     "\\arccos\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Unit,
     [](double x) { return std::acos(x); },
     nullptr,
     [](double x, double* o) { return x == 1 && (*o = 0, true); },
     {"d-acos",
      R"(\mathrm{d}\arccos(A) = -(1 - A^{\circ 2})^{\circ -\frac{1}{2}} \odot \mathrm{d}A)",
      "chain rule", "arccos has no derivative at |a| = 1."},
     [](Build& b, Expr e, Expr da) {
       return chain(b, b.neg(inv_sqrt_one_minus_square(b, arg(e))), da);
     }},
    {Fn::Atan,
     "atan",
     "arctangent",
     "\\arctan\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Any,
     [](double x) { return std::atan(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-atan", R"(\mathrm{d}\arctan(A) = \mathrm{d}A \oslash (1 + A^{\circ 2}))", "chain rule",
      ""},
     [](Build& b, Expr e, Expr da) {
       return chain(b, recip(b, b.add(b.num(1), b.pow(arg(e), b.num(2)))), da);
     }},
    {Fn::Log1p,
     "log1p",
     "log(1 + x)",
     "\\operatorname{log1p}\\left(#\\right)",
     FnShape::Elementwise,
     FnDomain::Positive,
     [](double x) { return std::log1p(x); },
     nullptr,
     [](double x, double* o) { return at_zero(x, 0, o); },
     {"d-log1p", R"(\mathrm{d}\log(1 + A) = \mathrm{d}A \oslash (1 + A))", "chain rule", ""},
     [](Build& b, Expr e, Expr da) { return chain(b, recip(b, b.add(b.num(1), arg(e))), da); }},
    {Fn::Softmax,
     "softmax",
     "exp(x)/sum(exp(x)) of a vector",
     "\\operatorname{softmax}\\left(#\\right)",
     FnShape::VectorToVector,
     FnDomain::Any,
     nullptr,
     softmax,
     nullptr,
     {"d-softmax",
      R"(\mathrm{d}\operatorname{softmax}(x) = s \odot \mathrm{d}x - s\, s^\top \mathrm{d}x,\; s = \operatorname{softmax}(x))",
      "the softmax Jacobian diag(s) - s s'", ""},
     [](Build& b, Expr s, Expr dx) {
       return b.sub(b.hadamard(s, dx), b.mul({s, b.transpose(s), dx}));
     }},
    {Fn::Logsumexp,
     "logsumexp",
     "log(sum(exp(x))) of a vector",
     "\\operatorname{logsumexp}\\left(#\\right)",
     FnShape::VectorToScalar,
     FnDomain::Any,
     nullptr,
     logsumexp,
     nullptr,
     {"d-logsumexp",
      R"(\mathrm{d}\log \textstyle\sum_i e^{x_i} = \operatorname{softmax}(x)^\top \mathrm{d}x)",
      "the gradient of log-sum-exp is the softmax", ""},
     [](Build& b, Expr e, Expr dx) { return b.mul(b.transpose(b.func(Fn::Softmax, arg(e))), dx); }},
    {Fn::Adj,
     "adj",
     "adjugate of a square matrix",
     "\\operatorname{adj}\\left(#\\right)",
     FnShape::SquareToSame,
     FnDomain::Invertible,
     nullptr,
     adjugate,
     nullptr,
     {"d-adj",
      R"(\mathrm{d}\operatorname{adj}(A) = \operatorname{tr}(\operatorname{adj}(A)\,\mathrm{d}A)\,A^{-1} - \operatorname{adj}(A)\,\mathrm{d}A\,A^{-1})",
      "adj(A) = det(A) inv(A); Cookbook (41), (40)", "this form holds where A is invertible."},
     [](Build& b, Expr e, Expr da) {
       Expr inv = b.inverse(arg(e));
       return b.sub(b.mul(b.trace(b.mul(e, da)), inv), b.mul({e, da, inv}));
     }},
};

#ifndef MATCALC_CORE_MODULE  // (the first visit's module has no code writers: see functions.h)
// How each row above is written in code (SPEC 9): NumPy, torch, Eigen, MATLAB/Octave.
// For Eigen, an element-wise row's call is the scalar function of one entry ('#' is the
// entry): the writer applies it with unaryExpr to a matrix.
constexpr const char* kPyErf = "_erf = np.vectorize(math.erf, otypes=[float])\n";
constexpr const char* kPySoftmax =
    "def _softmax(x):\n    e = np.exp(x - np.max(x))\n    return e / np.sum(e)\n";
constexpr const char* kPyLogsumexp =
    "def _logsumexp(x):\n    m = np.max(x)\n    return m + np.log(np.sum(np.exp(x - m)))\n";
constexpr const char* kPyAdj =
    "def _adj(a):\n    \"\"\"The adjugate, det(a) inv(a).\"\"\"\n"
    "    return np.linalg.det(a) * np.linalg.inv(a)\n";
constexpr const char* kTorchAdj =
    "def _adj(a):\n    \"\"\"The adjugate, det(a) inv(a).\"\"\"\n"
    "    return torch.linalg.det(a) * torch.linalg.inv(a)\n";
#define EIGEN_T "template <typename S>\n"
#define EIGEN_M "Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>"
constexpr const char* kEigenSigmoid = EIGEN_T
    "S sigmoid(S v) { return v >= 0 ? 1 / (1 + std::exp(-v)) : std::exp(v) / (1 + std::exp(v)); "
    "}\n";
constexpr const char* kEigenRelu = EIGEN_T "S relu(S v) { return v > 0 ? v : S(0); }\n";
constexpr const char* kEigenSoftplus =
    EIGEN_T "S softplus(S v) { return (v > 0 ? v : S(0)) + std::log1p(std::exp(-std::abs(v))); }\n";
constexpr const char* kEigenSign =
    EIGEN_T "S sign(S v) { return v > 0 ? S(1) : v < 0 ? S(-1) : S(0); }\n";
constexpr const char* kEigenStep = EIGEN_T "S step(S v) { return v > 0 ? S(1) : S(0); }\n";
constexpr const char* kEigenSoftmax =
    EIGEN_T EIGEN_M " softmax(const " EIGEN_M "& x) {\n  " EIGEN_M
                    " e = (x.array() - x.maxCoeff()).exp().matrix();\n  return e / e.sum();\n}\n";
constexpr const char* kEigenLogsumexp = EIGEN_T
    "S logsumexp(const " EIGEN_M
    "& x) {\n  S top = x.maxCoeff();\n  return top + std::log((x.array() - top).exp().sum());\n}\n";
constexpr const char* kEigenAdj =
    EIGEN_T EIGEN_M " adj(const " EIGEN_M "& a) { return a.determinant() * a.inverse(); }\n";
#undef EIGEN_T
#undef EIGEN_M
constexpr const char* kOctaveSoftplus =
    "function y = mc_softplus(x)\n  % log(1 + exp(x)) without overflow\n"
    "  y = max(x, 0) + log1p(exp(-abs(x)));\nend\n";
constexpr const char* kOctaveSoftmax =
    "function y = mc_softmax(x)\n  e = exp(x - max(x(:)));\n  y = e / sum(e(:));\nend\n";
constexpr const char* kOctaveLogsumexp =
    "function y = mc_logsumexp(x)\n  m = max(x(:));\n  y = m + log(sum(exp(x(:) - m)));\nend\n";
constexpr const char* kOctaveAdj =
    "function y = mc_adj(a)\n  % the adjugate, det(a) inv(a)\n  y = det(a) * inv(a);\nend\n";

struct CodeOfRow {
  Fn id;
  CodeSpelling numpy, torch, eigen, matlab;
};

// A plain call in all four languages: np.NAME(#), torch.NAME(#), std::NAME(#), NAME(#).
CodeOfRow plain(Fn id, const char* numpy, const char* torch, const char* cpp, const char* matlab) {
  return {id, {numpy}, {torch}, {cpp}, {matlab}};
}

const std::vector<CodeOfRow> kElementCode = {
    plain(Fn::Exp, "np.exp(#)", "torch.exp(#)", "std::exp(#)", "exp(#)"),
    plain(Fn::Log, "np.log(#)", "torch.log(#)", "std::log(#)", "log(#)"),
    plain(Fn::Sin, "np.sin(#)", "torch.sin(#)", "std::sin(#)", "sin(#)"),
    plain(Fn::Cos, "np.cos(#)", "torch.cos(#)", "std::cos(#)", "cos(#)"),
    plain(Fn::Tan, "np.tan(#)", "torch.tan(#)", "std::tan(#)", "tan(#)"),
    plain(Fn::Tanh, "np.tanh(#)", "torch.tanh(#)", "std::tanh(#)", "tanh(#)"),
    plain(Fn::Sqrt, "np.sqrt(#)", "torch.sqrt(#)", "std::sqrt(#)", "sqrt(#)"),
    plain(Fn::Abs, "np.abs(#)", "torch.abs(#)", "std::abs(#)", "abs(#)"),
    // 1 / (1 + exp(-x)) = exp(-log(1 + exp(-x))), without overflow
    {Fn::Sigmoid,
     {"np.exp(-np.logaddexp(0.0, -#))"},
     {"torch.sigmoid(#)"},
     {"detail::sigmoid<Scalar>(#)", {{{"sigmoid", kEigenSigmoid}}}},
     {"1 ./ (1 + exp(-#))", {}, "", nullptr, 2}},
    {Fn::Relu,
     {"np.maximum(#, 0.0)"},
     {"torch.relu(#)"},
     {"detail::relu<Scalar>(#)", {{{"relu", kEigenRelu}}}},
     {"max(#, 0)"}},
    {Fn::Softplus,  // log(1 + exp(x)) without overflow
     {"np.logaddexp(0.0, #)"},
     {"torch.nn.functional.softplus(#)"},
     {"detail::softplus<Scalar>(#)", {{{"softplus", kEigenSoftplus}}}},
     {"mc_softplus(#)", {{{"mc_softplus", kOctaveSoftplus}}}}},
    {Fn::Sign,
     {"np.sign(#)"},
     {"torch.sign(#)"},
     {"detail::sign<Scalar>(#)", {{{"sign", kEigenSign}}}},
     {"sign(#)"}},
    {Fn::Step,
     {"np.heaviside(#, 0.0)"},
     {"(# > 0).double()"},
     {"detail::step<Scalar>(#)", {{{"step", kEigenStep}}}},
     {"double(# > 0)"}},
    {Fn::Erf,
     {"_erf(#)", {{{"_erf", kPyErf}}}, "math", "math.erf(#)"},
     {"torch.erf(#)"},
     {"std::erf(#)"},
     {"erf(#)"}},
    plain(Fn::Sinh, "np.sinh(#)", "torch.sinh(#)", "std::sinh(#)", "sinh(#)"),
    plain(Fn::Cosh, "np.cosh(#)", "torch.cosh(#)", "std::cosh(#)", "cosh(#)"),
    plain(Fn::Asin, "np.arcsin(#)", "torch.asin(#)", "std::asin(#)", "asin(#)"),
    plain(Fn::Acos, "np.arccos(#)", "torch.acos(#)", "std::acos(#)", "acos(#)"),
    plain(Fn::Atan, "np.arctan(#)", "torch.atan(#)", "std::atan(#)", "atan(#)"),
    plain(Fn::Log1p, "np.log1p(#)", "torch.log1p(#)", "std::log1p(#)", "log1p(#)"),
    // of a one-entry vector: 1
    {Fn::Softmax,
     {"_softmax(#)", {{{"_softmax", kPySoftmax}}}, "", "1.0"},
     {"torch.softmax(#, dim=0)", {}, "", "1.0"},
     {"detail::softmax<Scalar>(#)", {{{"softmax", kEigenSoftmax}}}, "", "Scalar(1)"},
     {"mc_softmax(#)", {{{"mc_softmax", kOctaveSoftmax}}}}},
    {Fn::Logsumexp,
     {"_logsumexp(#)", {{{"_logsumexp", kPyLogsumexp}}}, "", "#"},
     {"torch.logsumexp(#, dim=(0, 1))", {}, "", "#"},
     {"detail::logsumexp<Scalar>(#)", {{{"logsumexp", kEigenLogsumexp}}}, "", "#"},
     {"mc_logsumexp(#)", {{{"mc_logsumexp", kOctaveLogsumexp}}}}},
    // adj(A) = det(A) inv(A); of a 1x1 matrix: 1
    {Fn::Adj,
     {"_adj(#)", {{{"_adj", kPyAdj}}}, "", "1.0"},
     {"_adj(#)", {{{"_adj", kTorchAdj}}}, "", "1.0"},
     {"detail::adj<Scalar>(#)", {{{"adj", kEigenAdj}}}, "", "Scalar(1)"},
     {"mc_adj(#)", {{{"mc_adj", kOctaveAdj}}}}},
};
#endif

}  // namespace

// The element-wise rows and those of SPEC 12, built once.
const std::vector<FunctionRow>& function_rows() {
  static const std::vector<FunctionRow> rows = [] {
    std::vector<FunctionRow> out = kElementRows;
#ifndef MATCALC_CORE_MODULE
    for (FunctionRow& r : out)
      for (const CodeOfRow& c : kElementCode)
        if (c.id == r.id)
          r.numpy = c.numpy, r.torch = c.torch, r.eigen = c.eigen, r.matlab = c.matlab;
#endif
    for (auto part : {matrix_function_rows(), spectral_function_rows(), structure_function_rows()})
      out.insert(out.end(), part.begin(), part.end());
    return out;
  }();
  return rows;
}

// Rows by id, built once: the evaluator asks for a row per node it evaluates.
const FunctionRow& function_row(Fn f) {
  static const std::vector<const FunctionRow*> by_id = [] {
    std::vector<const FunctionRow*> out;
    for (const FunctionRow& r : function_rows()) {
      std::size_t i = static_cast<std::size_t>(r.id);
      if (out.size() <= i) out.resize(i + 1, nullptr);
      out[i] = &r;
    }
    return out;
  }();
  std::size_t i = static_cast<std::size_t>(f);
  if (i >= by_id.size() || !by_id[i]) throw InternalError("a function id without a row");
  return *by_id[i];
}

const FunctionRow* find_function_row(const std::string& name) {
  for (const FunctionRow& r : function_rows())
    if (name == r.name) return &r;
  return nullptr;
}

const char* fn_name(Fn f) { return function_row(f).name; }

bool fn_from_name(const char* name, Fn* out) {
  const FunctionRow* r = find_function_row(name);
  if (r) *out = r->id;
  return r != nullptr;
}

}  // namespace matcalc
