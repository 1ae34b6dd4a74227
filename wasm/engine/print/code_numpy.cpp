// NumPy: the helpers of the structural kinds (the commutation matrix); the function rows
// carry their own NumPy spelling (FunctionRow::numpy). The writer itself is shared with
// torch (code_python.cpp).
#include "print/code.h"

namespace matcalc {

namespace {

std::string numpy_helper(const std::string&) {
  // K with K vec(X) = vec(X') for X m x n.
  return "def _commutation(m, n):\n    \"\"\"K with K vec(X) = vec(X') for X m x n.\"\"\"\n"
         "    k = np.zeros((m * n, m * n))\n    for i in range(m):\n        for j in range(n):\n"
         "            k[j + i * n, i + j * m] = 1.0\n    return k\n";
}

}  // namespace

CodeExport print_numpy(Context& ctx, const CodeRequest& req) {
  static const PyLib kNumPy{false, "np", numpy_helper};
  return print_python(ctx, req, kNumPy);
}

}  // namespace matcalc
