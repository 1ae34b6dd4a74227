// The expansion check-my-answer matches answers' terms against (simplify/expand.h):
// products distributed over sums inside transposes and element-wise products, sums under
// functions left whole, the same value as the input, and no expansion past the bound.
#include "simplify/expand.h"

#include <gtest/gtest.h>

#include "numeric/eval.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

std::string expanded(const std::string& text, const std::string& decls = "",
                     std::size_t max_terms = 16) {
  Context ctx;
  Build b(ctx);
  Expr e = matcalc::build_expression(ctx, text, decls);
  return matcalc::to_text(ctx, matcalc::expand(b, e, max_terms));
}

TEST(Expand, DistributesProductsOverSums) {
  EXPECT_EQ(expanded("2*X'*(X*w - y) + c*w"), "c*w + 2*X'*X*w - 2*X'*y");
  EXPECT_EQ(expanded("(A + B)*(x - y)"), "A*x + B*x - A*y - B*y");
  // a transposed sum, and an element-wise product
  EXPECT_EQ(expanded("(A + B)'*x"), "A'*x + B'*x");
  EXPECT_EQ(expanded("(x - y).*z"), "x.*z - y.*z");
}

TEST(Expand, LeavesNonlinearPlacesAndSmallSumsAlone) {
  EXPECT_EQ(expanded("inv(A + B)*x"), "inv(A + B)*x");
  EXPECT_EQ(expanded("exp(A*x + y)"), "exp(y + A*x)");  // canonical order only
  EXPECT_EQ(expanded("A*x"), "A*x");
  // (a + b)(c + d)(e + f) has 8 terms: more than 4 is no expansion
  EXPECT_EQ(expanded("(A + B)*(C + D)*(x + y)", "", 4), "(A + B)*(C + D)*(x + y)");
}

TEST(Expand, KeepsTheValue) {
  for (const char* text : {"2*X'*(X*w - y) + c*w", "(A + B)*(C - D')*(x + y)",
                           "(x - y).*(A*(z + w))", "((A - B)*C)'*x"}) {
    Context ctx;
    Build b(ctx);
    Expr e = matcalc::build_expression(ctx, text, "");
    Expr x = matcalc::expand(b, e);
    Instance in = matcalc::random_instance(ctx, e, 7, matcalc::Domain::Plain);
    matcalc::Evaluator ev(ctx, in);
    Matrix d = ev.eval(e) - ev.eval(x);
    EXPECT_LT(d.cwiseAbs().maxCoeff(), 1e-9) << text;
  }
}

}  // namespace
}  // namespace matcalc_test
