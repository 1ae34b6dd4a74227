// PyTorch: the helpers of the structural kinds (the commutation matrix); the function
// rows carry their own torch spelling (FunctionRow::torch). The writer itself is shared
// with NumPy (code_python.cpp).
#include "print/code.h"

namespace matcalc {

namespace {

std::string torch_helper(const std::string&) {
  return "def _commutation(m, n):\n    \"\"\"K with K vec(X) = vec(X') for X m x n.\"\"\"\n"
         "    k = torch.zeros(m * n, m * n, dtype=torch.float64)\n    for i in range(m):\n"
         "        for j in range(n):\n            k[j + i * n, i + j * m] = 1.0\n    return k\n";
}

}  // namespace

CodeExport print_torch(Context& ctx, const CodeRequest& req) {
  static const PyLib kTorch{true, "torch", torch_helper};
  return print_python(ctx, req, kTorch);
}

}  // namespace matcalc
