// Proves Jacobians, backprop forms and Hessians (issue 5, "Done when"): each case of the
// issue is derived, must pass the engine's own check, and is checked again here by an
// independent finite difference of vec(F) along random directions; the forms a lecture
// writes (kron(B', A), G*X', 2*A'*A, ...) are compared as text where the issue names
// them. A random property test does for Jacobians what derive_property_test does for
// gradients: random matrix-valued expressions, differentiated with respect to each of
// their variables, every Jacobian checked.
#include <gtest/gtest.h>

#include <cmath>

#include "derive/derive.h"
#include "expr/error.h"
#include "numeric/check.h"
#include "parse/frontend.h"
#include "print/derivation.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

Matrix vec_of(const Matrix& m) { return Eigen::Map<const Matrix>(m.data(), m.size(), 1); }

// max |J vec(H) - (F(X+tH) - F(X-tH))/2t| / scale over random H, at the best of a few t.
double independent_jacobian_error(Context& ctx, Expr f, const std::string& wrt, Expr jacobian,
                                  std::uint32_t seed) {
  Instance in;
  std::string which;
  if (!matcalc::usable_instance(ctx, f, jacobian, seed, &in, &which)) return INFINITY;
  Matrix j = matcalc::Evaluator(ctx, in).eval(jacobian);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1, 1);
  const Matrix x = in.values.at(wrt);
  bool symmetric = ctx.var(wrt)->props & matcalc::kSymmetric;
  double worst = 0;
  for (int k = 0; k < 5; ++k) {
    Matrix h = Matrix::NullaryExpr(x.rows(), x.cols(), [&]() { return u(rng); });
    if (symmetric) h = (h + h.transpose().eval()) / 2;
    Matrix exact = x.size() == 1 ? Matrix(vec_of(j) * h(0, 0)) : Matrix(j * vec_of(h));
    double best = INFINITY;
    for (double t : {1e-3, 1e-4, 1e-5}) {
      Instance p = in, q = in;
      p.values[wrt] = x + t * h;
      q.values[wrt] = x - t * h;
      Matrix fd = (vec_of(matcalc::Evaluator(ctx, p).eval(f)) -
                   vec_of(matcalc::Evaluator(ctx, q).eval(f))) /
                  (2 * t);
      double scale = std::max({1e-6, exact.cwiseAbs().maxCoeff(), fd.cwiseAbs().maxCoeff()});
      best = std::min(best, (exact - fd).cwiseAbs().maxCoeff() / scale);
    }
    worst = std::max(worst, best);
  }
  return worst;
}

struct Case {
  const char* name;
  const char* expr;
  const char* wrt;
  const char* decls;
  bool hessian;
  const char* expected;  // the result as text, "" when only checked numerically
  const char* backprop;  // the backprop form, "" when not compared
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// The cases issue 5 lists, in its order.
const Case kCases[] = {
    {"WX_wrt_W", "W*X", "W", "", false, "kron(X', eye(n))", "G*X'"},
    {"WX_wrt_X", "W*X", "X", "", false, "kron(eye(p), W)", "W'*G"},
    {"AXB_wrt_X", "A*X*B", "X", "", false, "kron(B', A)", "A'*G*B'"},
    {"Xt_wrt_X", "X'", "X", "", false, "commutation(n, m)", "G'"},
    {"inv_wrt_X", "inv(X)", "X", "", false, "-kron(inv(X)', inv(X))", ""},
    {"MMt_wrt_M", "M*M'", "M", "", false, "", "(G + G')*M"},
    {"hadamard_wrt_X", "X.*Y", "X", "", false, "diag(vec(Y))", "G.*Y"},
    {"expWx_wrt_x", "exp(W*x)", "x", "", false, "diag(exp(W*x))*W", ""},
    {"expWx_wrt_W", "exp(W*x)", "W", "", false, "", "(G.*exp(W*x))*x'"},
    {"hess_quadratic", "x'*A*x", "x", "", true, "A + A'", ""},
    {"hess_least_squares", "norm2(A*x-b)^2", "x", "b: vector(n)", true, "2*A'*A", ""},
    {"hess_logistic", "sum(log(1+exp(-y.*(X*w))))", "w", "", true, "", ""},
    {"hess_trace_quadratic", "tr(X'*A*X)", "X", "", true, "kron(eye(m), A + A')", ""},
};

class Jacobian : public ::testing::TestWithParam<Case> {};

TEST_P(Jacobian, TheResultPassesBothChecksAndHasTheLectureForm) {
  const Case& c = GetParam();
  Context ctx;
  Expr f = matcalc::build_expression(ctx, c.expr, c.decls);
  matcalc::DeriveOptions opt;
  opt.hessian = c.hessian;
  matcalc::Derivation d = matcalc::derive_any(ctx, f, c.wrt, opt);
  EXPECT_TRUE(d.check.passed) << c.expr << ": engine's check " << d.check.max_rel_error;
  Expr of = c.hessian ? d.gradient : f;
  EXPECT_LT(independent_jacobian_error(ctx, of, c.wrt, d.result, 11), 1e-6) << c.expr;
  if (*c.expected) EXPECT_EQ(matcalc::to_text(ctx, d.result), c.expected);
  if (*c.backprop) {
    ASSERT_NE(d.backprop, nullptr);
    EXPECT_EQ(matcalc::to_text(ctx, d.backprop), c.backprop);
  }
  matcalc::DerivationView v = matcalc::present(ctx, d, "");
  EXPECT_FALSE(v.layout.empty());
  EXPECT_FALSE(v.layout_note.empty());
  EXPECT_TRUE(d.step_check.passed) << c.expr << ": step " << d.step_check.failed_step;
  ASSERT_NE(d.differential, nullptr);
}

INSTANTIATE_TEST_SUITE_P(Issue5, Jacobian, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(Jacobian, TheLogisticHessianIsXtDiagX) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "sum(log(1+exp(-y.*(X*w))))", "");
  matcalc::DeriveOptions opt;
  opt.hessian = true;
  matcalc::Derivation d = matcalc::derive_any(ctx, f, "w", opt);
  std::string text = matcalc::to_text(ctx, d.result);
  EXPECT_EQ(text.rfind("X'*diag(", 0), 0u) << text;
  EXPECT_EQ(text.substr(text.size() - 3), ")*X") << text;
}

TEST(Jacobian, DenominatorLayoutIsTheTransposeAndSaysSo) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "A*X*B", "");
  matcalc::Derivation d = matcalc::derive_any(ctx, f, "X", {});
  matcalc::DerivationView v = matcalc::present(ctx, d, "denominator");
  EXPECT_EQ(matcalc::to_text(ctx, v.result), "kron(B, A')");
  EXPECT_EQ(v.layout, "denominator");
  EXPECT_TRUE(d.check.passed);
}

TEST(Jacobian, AScalarVariableGivesTheExpressionsShape) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "c*A*x + c^2*y", "");
  matcalc::Derivation d = matcalc::derive_any(ctx, f, "c", {});
  EXPECT_EQ(d.kind, "derivative");
  EXPECT_EQ(d.result->shape, f->shape);
  EXPECT_TRUE(d.check.passed);
}

// ---- random matrix-valued expressions ---------------------------------------------------

TEST(JacobianProperty, EveryJacobianOfRandomMatrixValuedExpressionsPassesTheCheck) {
  int derivations = 0, failures = 0, inconclusive = 0;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    Universe u;
    ExprGen gen(u, seed * 7919u);
    gen.exclude("kron");  // product dimensions make FD directions large; kron has its own cases
    gen.exclude_without_jacobian();
    Shape s = gen.shape();
    if (s.scalar()) s = Shape{u.n(), matcalc::kDimOne};
    Expr f = gen.any(s, 1 + seed % 4);
    if (!f || f->shape.scalar()) continue;
    for (const std::string& wrt : variables_of(f)) {
      ++derivations;
      std::string why;
      try {
        matcalc::DeriveOptions opt;
        opt.seed = seed;
        matcalc::Derivation d = matcalc::derive_jacobian(u.ctx(), f, wrt, opt);
        if (d.check.inconclusive)
          ++inconclusive;
        else if (!d.check.passed) {
          double independent = independent_jacobian_error(u.ctx(), f, wrt, d.result, seed);
          if (independent > 1e-6)
            why = "check " + std::to_string(d.check.max_rel_error) + ", independent " +
                  std::to_string(independent) + ": " +
                  shortened(matcalc::to_text(u.ctx(), d.result));
        }
      } catch (const std::exception& e) {
        why = e.what();
      }
      if (!why.empty() && ++failures <= 6)
        ADD_FAILURE() << "d vec(F)/d vec(" << wrt << ") of "
                      << shortened(matcalc::to_text(u.ctx(), f)) << " (seed " << seed
                      << "): " << why;
    }
  }
  EXPECT_GE(derivations, 400);
  EXPECT_EQ(failures, 0) << failures << " of " << derivations << " Jacobians failed";
  EXPECT_LE(inconclusive, derivations / 20);
}

}  // namespace
}  // namespace matcalc_test
