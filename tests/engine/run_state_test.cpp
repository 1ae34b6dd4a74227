// One failed request leaves nothing behind (issue 21): the simplifier's state belongs to
// one simplification run, so a user error thrown in the middle of one (the node budget)
// cannot switch regrouping off, or leave a memo of dead nodes, for the next request in
// the same process — as the page's long-lived worker is.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "api.h"
#include "support.h"

namespace matcalc_test {
namespace {

// The projection residual: its textbook answer 2*(X*inv(X'*X)*X' - I)*b*b'*X*inv(X'*X)
// comes from the regrouping lookahead (README), so a run left without it shows.
constexpr const char* kExpr = "norm2(b - X*inv(X'*X)*X'*b)^2";
constexpr const char* kDecls = "b: vector(5); X: matrix(5, 3)";  // X'X invertible

TEST(RunState, ANodeLimitHitAnywhereInADerivationLeavesTheNextOneUnaffected) {
  matcalc::Outcome reference = matcalc::derive(derive_request(kExpr, "X", kDecls));
  ASSERT_TRUE(reference.ok) << reference.error.rendered;
  ASSERT_EQ(reference.warning, "");
  FdCheck check = fd_check_gradient(kExpr, "X", reference.text, kDecls, 3);
  EXPECT_TRUE(check.ok) << reference.text << ": " << check.problem;
  // Every budget from a few nodes up to one the derivation fits in: each failing request
  // stops at another point of it (reading, differentiating, simplifying, checking).
  int failures = 0;
  for (std::size_t limit = 16;; ++limit) {
    matcalc::DeriveRequest limited = derive_request(kExpr, "X", kDecls);
    limited.max_nodes = limit;
    matcalc::Outcome out = matcalc::derive(limited);
    if (out.ok) break;
    ++failures;
    ASSERT_EQ(out.error.code, "unsupported") << limit << ": " << out.error.message;
    matcalc::Outcome again = matcalc::derive(derive_request(kExpr, "X", kDecls));
    ASSERT_TRUE(again.ok) << again.error.rendered;
    ASSERT_EQ(again.text, reference.text) << "after a failure at a budget of " << limit;
    ASSERT_EQ(again.warning, "");
  }
  EXPECT_GT(failures, 100);
}

}  // namespace
}  // namespace matcalc_test
