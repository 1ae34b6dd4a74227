// NumPy: every function row of the registry (expr/functions.h) as NumPy code, and the
// helpers some of them need. The writer itself is shared with torch (code_python.cpp).
#include "expr/error.h"
#include "expr/functions.h"
#include "print/code.h"

namespace matcalc {

namespace {

Code numpy_function(Fn f, const Code& a, bool scalar, std::set<std::string>* helpers) {
  auto np = [&](const char* name) { return Code{std::string("np.") + name + "(" + a.text + ")"}; };
  auto helper = [&](const char* name) {
    helpers->insert(name);
    return Code{std::string(name) + "(" + a.text + ")"};
  };
  switch (f) {
    case Fn::Exp:
      return np("exp");
    case Fn::Log:
      return np("log");
    case Fn::Sin:
      return np("sin");
    case Fn::Cos:
      return np("cos");
    case Fn::Tan:
      return np("tan");
    case Fn::Tanh:
      return np("tanh");
    case Fn::Sqrt:
      return np("sqrt");
    case Fn::Abs:
      return np("abs");
    case Fn::Sigmoid:  // 1 / (1 + exp(-x)) = exp(-log(1 + exp(-x))), without overflow
      return {"np.exp(-np.logaddexp(0.0, -" + CodeWriter::wrap(a, kCodePower) + "))"};
    case Fn::Relu:
      return {"np.maximum(" + a.text + ", 0.0)"};
    case Fn::Softplus:  // log(1 + exp(x)) without overflow
      return {"np.logaddexp(0.0, " + a.text + ")"};
    case Fn::Sign:
      return np("sign");
    case Fn::Step:
      return {"np.heaviside(" + a.text + ", 0.0)"};
    case Fn::Erf:
      if (scalar) helpers->insert("math");  // the module imports math
      return scalar ? Code{"math.erf(" + a.text + ")"} : helper("_erf");
    case Fn::Sinh:
      return np("sinh");
    case Fn::Cosh:
      return np("cosh");
    case Fn::Asin:
      return np("arcsin");
    case Fn::Acos:
      return np("arccos");
    case Fn::Atan:
      return np("arctan");
    case Fn::Log1p:
      return np("log1p");
    case Fn::Softmax:  // of a one-entry vector: 1
      return scalar ? Code{"1.0"} : helper("_softmax");
    case Fn::Logsumexp:
      return scalar ? a : helper("_logsumexp");
    case Fn::Adj:  // adj(A) = det(A) inv(A); of a 1x1 matrix: 1
      return scalar ? Code{"1.0"} : helper("_adj");
    // The rows of SPEC 12 carry their spelling (FunctionRow::numpy/torch/eigen/matlab),
    // which the writer uses before it reaches this switch.
    case Fn::Expm:
    case Fn::Logm:
    case Fn::Sqrtm:
    case Fn::Dexpm:
    case Fn::Dlogm:
    case Fn::Dsqrtm:
    case Fn::Eigvals:
    case Fn::Eigvecs:
    case Fn::LambdaMax:
    case Fn::LambdaMin:
    case Fn::EigvecMax:
    case Fn::EigvecMin:
    case Fn::NormOp:
    case Fn::NormNuc:
      throw InternalError(std::string("no code spelling for ") + fn_name(f));
  }
  return a;
}

std::string numpy_helper(const std::string& name) {
  if (name == "_erf") return "_erf = np.vectorize(math.erf, otypes=[float])\n";
  if (name == "_softmax")
    return "def _softmax(x):\n    e = np.exp(x - np.max(x))\n    return e / np.sum(e)\n";
  if (name == "_logsumexp")
    return "def _logsumexp(x):\n    m = np.max(x)\n    return m + np.log(np.sum(np.exp(x - m)))\n";
  if (name == "_adj")
    return "def _adj(a):\n    \"\"\"The adjugate, det(a) inv(a).\"\"\"\n"
           "    return np.linalg.det(a) * np.linalg.inv(a)\n";
  // K with K vec(X) = vec(X') for X m x n.
  return "def _commutation(m, n):\n    \"\"\"K with K vec(X) = vec(X') for X m x n.\"\"\"\n"
         "    k = np.zeros((m * n, m * n))\n    for i in range(m):\n        for j in range(n):\n"
         "            k[j + i * n, i + j * m] = 1.0\n    return k\n";
}

}  // namespace

CodeExport print_numpy(Context& ctx, const CodeRequest& req) {
  static const PyLib kNumPy{false, "np", numpy_function, numpy_helper};
  return print_python(ctx, req, kNumPy);
}

}  // namespace matcalc
