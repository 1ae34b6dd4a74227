// The index route through the API (SPEC section 10): `route: "index"` gives steps in
// index notation and the same answer as the default route (numerically); the default
// route's JSON carries `index`, the index form of f and of the result.
#include <gtest/gtest.h>

#include "api.h"
#include "json_cases.h"
#include "support.h"

namespace matcalc_test {
namespace {

TEST(IndexRouteApi, WorkedExamplesAgreeWithTheDefaultRoute) {
  int agreed = 0;
  for (const JsonCase& c : read_json_cases(worked_examples_path(MATCALC_SOURCE_DIR))) {
    matcalc::DeriveRequest req = derive_request(c.at("expr"), c.at("wrt"), c.at("decl"));
    matcalc::Outcome plain = matcalc::derive(req);
    req.route = "index";
    matcalc::Outcome index = matcalc::derive(req);
    ASSERT_TRUE(plain.ok);
    if (!index.ok) {
      EXPECT_EQ(index.error.code, "unsupported") << req.expr << ": " << index.error.message;
      continue;
    }
    EXPECT_EQ(index.warning, "") << req.expr;
    EXPECT_NE(index.json.find("\"route\":\"index\""), std::string::npos);
    EXPECT_NE(index.json.find("\"form\":\"index\""), std::string::npos) << req.expr;
    if (plain.json.find("\"kind\":\"gradient\"") != std::string::npos) {
      // The same gradient: the index route's text checked against f like any answer.
      FdCheck check = fd_check_gradient(c.at("expr"), c.at("wrt"), index.text, c.at("decl"), 2);
      EXPECT_TRUE(check.ok) << req.expr << ": " << index.text << ": " << check.problem;
    }
    ++agreed;
  }
  EXPECT_GE(agreed, 15);
}

TEST(IndexRouteApi, TheDefaultRouteCarriesTheIndexForm) {
  matcalc::Outcome out = matcalc::derive(derive_request("x'*W*W'*x", "W"));
  ASSERT_TRUE(out.ok);
  EXPECT_NE(out.json.find("\"f_text\":\"x_i*W_ij*W_kj*x_k\""), std::string::npos) << out.json;
  matcalc::DeriveRequest req = derive_request("M*M'", "M");
  req.route = "index";
  out = matcalc::derive(req);
  ASSERT_TRUE(out.ok) << out.error.rendered;
  // "Why does the paper write 2M": the 4-index object, and its contraction with G.
  EXPECT_NE(out.steps.find("dF_ij/dM_ab = delta_ia*M_jb + M_ib*delta_ja"), std::string::npos)
      << out.steps;
  req.route = "sideways";
  out = matcalc::derive(req);
  EXPECT_FALSE(out.ok);
}

}  // namespace
}  // namespace matcalc_test
