// PyTorch: every function row of the registry (expr/functions.h) as torch code (float64,
// so torch.autograd can check the gradient), and the helpers some of them need. The
// writer itself is shared with NumPy (code_python.cpp).
#include "expr/error.h"
#include "expr/functions.h"
#include "print/code.h"

namespace matcalc {

namespace {

Code torch_function(Fn f, const Code& a, bool scalar, std::set<std::string>* helpers) {
  auto t = [&](const char* name) {
    return Code{std::string("torch.") + name + "(" + a.text + ")"};
  };
  switch (f) {
    case Fn::Exp:
      return t("exp");
    case Fn::Log:
      return t("log");
    case Fn::Sin:
      return t("sin");
    case Fn::Cos:
      return t("cos");
    case Fn::Tan:
      return t("tan");
    case Fn::Tanh:
      return t("tanh");
    case Fn::Sqrt:
      return t("sqrt");
    case Fn::Abs:
      return t("abs");
    case Fn::Sigmoid:
      return t("sigmoid");
    case Fn::Relu:
      return t("relu");
    case Fn::Softplus:
      return {"torch.nn.functional.softplus(" + a.text + ")"};
    case Fn::Sign:
      return t("sign");
    case Fn::Step:
      return {"(" + a.text + " > 0).double()"};
    case Fn::Erf:
      return t("erf");
    case Fn::Sinh:
      return t("sinh");
    case Fn::Cosh:
      return t("cosh");
    case Fn::Asin:
      return t("asin");
    case Fn::Acos:
      return t("acos");
    case Fn::Atan:
      return t("atan");
    case Fn::Log1p:
      return t("log1p");
    case Fn::Softmax:  // of a one-entry vector: 1
      return scalar ? Code{"1.0"} : Code{"torch.softmax(" + a.text + ", dim=0)"};
    case Fn::Logsumexp:
      return scalar ? a : Code{"torch.logsumexp(" + a.text + ", dim=(0, 1))"};
    case Fn::Adj:  // adj(A) = det(A) inv(A); of a 1x1 matrix: 1
      if (scalar) return {"1.0"};
      helpers->insert("_adj");
      return {"_adj(" + a.text + ")"};
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

std::string torch_helper(const std::string& name) {
  if (name == "_adj")
    return "def _adj(a):\n    \"\"\"The adjugate, det(a) inv(a).\"\"\"\n"
           "    return torch.linalg.det(a) * torch.linalg.inv(a)\n";
  return "def _commutation(m, n):\n    \"\"\"K with K vec(X) = vec(X') for X m x n.\"\"\"\n"
         "    k = torch.zeros(m * n, m * n, dtype=torch.float64)\n    for i in range(m):\n"
         "        for j in range(n):\n            k[j + i * n, i + j * m] = 1.0\n    return k\n";
}

}  // namespace

CodeExport print_torch(Context& ctx, const CodeRequest& req) {
  static const PyLib kTorch{true, "torch", torch_function, torch_helper};
  return print_python(ctx, req, kTorch);
}

}  // namespace matcalc
