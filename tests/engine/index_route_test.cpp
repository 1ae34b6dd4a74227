// The index route (SPEC section 10, issue 11) against the default route: every worked
// example (content/examples.json), every rule example (tests/data/rule_examples.json)
// and random expressions of every construct are derived by both, and the two results
// are evaluated at the same inputs; disagreement is a bug in one of them (the default
// route's results pass finite-difference checks, and so must the index route's). The
// index route may refuse constructs it has no rule for (UserError "unsupported"); the
// random test counts those, and prints the share handled and the time per derivation of
// each route. Also: the index steps of the two questions the issue names.
#include "derive/index_route.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "derive/derive.h"
#include "derive/program.h"
#include "diff/index_rules.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/rebuild.h"
#include "json_cases.h"
#include "numeric/check.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/index_latex.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

using matcalc::Derivation;
using matcalc::IndexDerivation;

// The largest relative difference of two results at the same inputs (Jacobians: applied
// to a direction that respects the variable's symmetry).
double disagreement(Context& ctx, Expr f, const std::string& wrt, Expr r1, Expr r2,
                    std::uint32_t seed) {
  Build b(ctx);
  r1 = matcalc::inline_definitions(b, r1);
  r2 = matcalc::inline_definitions(b, r2);
  Instance in;
  std::string which;
  if (!matcalc::usable_instance(ctx, f, b.add(b.sum(r1), b.sum(r2)), seed, &in, &which)) return 0;
  matcalc::Evaluator ev(ctx, in);
  Matrix m1 = ev.eval(r1), m2 = ev.eval(r2);
  if (m1.rows() != m2.rows() || m1.cols() != m2.cols()) return 1e9;
  if (!f->shape.scalar() && !ctx.var(wrt)->shape.scalar()) {
    matcalc::Rng rng(seed);
    Matrix h = matcalc::random_direction(ctx, in, wrt, rng);
    Matrix v = Eigen::Map<const Matrix>(h.data(), h.size(), 1);
    m1 = m1 * v;
    m2 = m2 * v;
  }
  double scale = std::max(1.0, std::max(m1.cwiseAbs().maxCoeff(), m2.cwiseAbs().maxCoeff()));
  return (m1 - m2).cwiseAbs().maxCoeff() / scale;
}

struct Outcome {
  bool refused = false;
  std::string why;      // the refusal's message
  std::string problem;  // empty: both routes agree and the index route's check passed
};

Outcome compare(Context& ctx, Expr f, const std::string& wrt, const Derivation& d,
                std::uint32_t seed) {
  Outcome out;
  matcalc::DeriveOptions opt;
  opt.seed = seed;
  opt.check_steps = false;
  try {
    IndexDerivation r = matcalc::derive_index(ctx, f, wrt, opt);
    if (!r.matrix.check.passed && !r.matrix.check.inconclusive)
      out.problem = "the index route's check fails (" +
                    std::to_string(r.matrix.check.max_rel_error) +
                    "): " + shortened(matcalc::to_text(ctx, r.matrix.result));
    double e = disagreement(ctx, f, wrt, d.result, r.matrix.result, seed);
    if (e > 1e-6 && d.check.passed)
      out.problem += " the routes disagree (" + std::to_string(e) + "): default " +
                     shortened(matcalc::to_text(ctx, d.result)) + ", index " +
                     shortened(matcalc::to_text(ctx, r.matrix.result));
  } catch (const matcalc::UserError& e) {
    out.refused = e.code == "unsupported";
    out.why = e.what();
    if (!out.refused) out.problem = std::string("error: ") + e.what();
  } catch (const std::exception& e) {
    out.problem = std::string("internal error: ") + e.what();
  }
  return out;
}

void both_routes_agree_on(const std::string& file, bool worked) {
  int cases = 0;
  for (const JsonCase& c : read_json_cases(file)) {
    if (c.count("hessian") && c.at("hessian") == "true") continue;
    Context ctx;
    matcalc::Program p =
        matcalc::build_program(ctx, c.at("expr"), c.count("decl") ? c.at("decl") : "");
    matcalc::DeriveOptions opt;
    opt.check_steps = false;
    Derivation d = matcalc::derive_program(ctx, p, c.at("wrt"), opt);
    Build b(ctx);
    Expr f = matcalc::inline_definitions(b, p.objective, {c.at("wrt")});
    Outcome o = compare(ctx, f, c.at("wrt"), d, 1);
    ++cases;
    // Worked examples must be answered; a rule example may use a construct with no idx- rule.
    if (worked) EXPECT_FALSE(o.refused) << c.at("expr") << " d/d" << c.at("wrt");
    EXPECT_EQ(o.problem, "") << c.at("expr") << " d/d" << c.at("wrt");
  }
  EXPECT_GT(cases, 10);
}

TEST(IndexRoute, AgreesWithTheDefaultRouteOnEveryWorkedExample) {
  both_routes_agree_on(worked_examples_path(MATCALC_SOURCE_DIR), true);
}

TEST(IndexRoute, AgreesWithTheDefaultRouteOnEveryRuleExample) {
  both_routes_agree_on(std::string(MATCALC_SOURCE_DIR) + "/tests/data/rule_examples.json", false);
}

std::vector<std::string> step_lines(Context& ctx, const IndexDerivation& r) {
  std::vector<std::string> out;
  for (const matcalc::IndexStep& s : r.steps)
    out.push_back(matcalc::index_step_text(ctx, r.space, s));
  return out;
}

// Issue 11: x'*W*W'*x is x_i W_ij W_kj x_k.
TEST(IndexRoute, StepsOfTheQuadraticFormInWW) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "x'*W*W'*x", "");
  IndexDerivation r = matcalc::derive_index(ctx, f, "W", {});
  std::vector<std::string> s = step_lines(ctx, r);
  ASSERT_GE(s.size(), 4u);
  EXPECT_EQ(s[0], "f = x_i*W_ij*W_kj*x_k");
  EXPECT_EQ(s[1], "df/dW_ab = x_i*delta_ia*delta_jb*W_kj*x_k + x_i*W_ij*delta_ka*delta_jb*x_k");
  EXPECT_EQ(s[2], "df/dW_ab = x_a*W_ib*x_i + x_i*W_ib*x_a");
  EXPECT_EQ(s[3], "df/dW_ab = 2*x_a*W_ib*x_i");
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.result), "2*x*x'*W");
  EXPECT_TRUE(r.matrix.check.passed);
  for (const std::string& line : s) std::printf("  %s\n", line.c_str());
}

// Issue 11: M*M' by M is delta_ia M_jb + M_ib delta_ja, and G_ij times it is (G + G')M.
TEST(IndexRoute, StepsOfMMTransposeAsAFourIndexObject) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "M*M'", "");
  IndexDerivation r = matcalc::derive_index(ctx, f, "M", {});
  std::vector<std::string> s = step_lines(ctx, r);
  for (const std::string& line : s) std::printf("  %s\n", line.c_str());
  ASSERT_GE(s.size(), 3u);
  EXPECT_EQ(s[0], "F_ij = M_ik*M_jk");
  EXPECT_EQ(s[2], "dF_ij/dM_ab = delta_ia*M_jb + M_ib*delta_ja");
  EXPECT_TRUE(r.matrix.check.passed);
  ASSERT_TRUE(r.matrix.backprop);
  std::printf("  J = %s\n  backprop = %s\n", matcalc::to_text(ctx, r.matrix.result).c_str(),
              matcalc::to_text(ctx, r.matrix.backprop).c_str());
  std::printf("  %s\n", matcalc::index_step_latex(ctx, r.space, r.steps[2]).c_str());
}

// ---- kron, vec and K: entries with combined indices -------------------------------------

struct KronCase {
  const char* expr;
  const char* wrt;
  const char* decl;
};

// The rules that fired in any step of the index route's derivation.
std::set<std::string> fired(const IndexDerivation& r) {
  std::set<std::string> out;
  for (const matcalc::IndexStep& s : r.steps) out.insert(s.rules.begin(), s.rules.end());
  return out;
}

// Issue 22: every question of the default route with kron or vec of the variable whose
// factors pair their combined indices alike has its derivation entry by entry; each
// agrees with the default route and passes its own finite-difference check.
TEST(IndexRoute, KroneckerAndVecQuestionsAgreeWithTheDefaultRoute) {
  const KronCase cases[] = {
      {"tr(kron(X, A))", "X", ""},
      {"tr(kron(A, X))", "X", ""},
      {"tr(kron(X, X))", "X", ""},
      {"tr(kron(kron(kron(A,X),X),X))", "X", ""},
      {"norm2(kron(A, X))^2", "X", ""},
      {"norm2(kron(A, X))", "X", ""},
      {"sum(kron(A, X))", "X", ""},
      {"tr(kron(A,B)*kron(X,Y))", "X", ""},
      {"tr(kron(A,B)*kron(X,Y)) + norm2(kron(C,X))^2", "X", ""},
      {"vec(X)'*kron(B,A)*vec(X)", "X", "X: matrix(m,n); A: matrix(m,m); B: matrix(n,n)"},
      {"vec(X)'*kron(A,B)*vec(X)", "X", "X: matrix(n,n)"},
      {"vec(X)'*kron(B,A)*vec(Y)", "Y",
       "X: matrix(m,n); Y: matrix(m,n); A: matrix(m,m); B: matrix(n,n)"},
      {"norm2(kron(B,A)*vec(Y))^2", "Y", "Y: matrix(m,n); A: matrix(p,m); B: matrix(q,n)"},
      {"norm2(kron(A,X)*vec(Y))^2", "X", "X: matrix(p,m); Y: matrix(m,n); A: matrix(q,n)"},
      {"vec(X)'*vec(X)", "X", ""},
      {"sum(vec(X))", "X", ""},
      {"norm2(vec(X))", "X", ""},
      {"sum(exp(vec(X)))", "X", ""},
      {"x'*kron(A,B)*y", "x", ""},
      {"x'*kron(A,B)*y", "y", ""},
      {"x'*kron(A,B)*kron(C,D)*x", "x", ""},
      {"norm2(kron(x,y))^2", "x", ""},
      {"kron(x,y)'*kron(u,v)", "x", ""},
      // A norm's entry written twice renames its summed combined index apart, with its
      // parts (the second copy of v's entry was summed apart from X's and A's: wrong).
      {"norm2(kron(X,A)*v)", "X", ""},
      {"norm2(kron(X,A)*v)^2", "X", ""},
      {"norm2(kron(A,X)*v)", "X", ""},
      {"norm2(kron(X,X)*v)", "X", ""},
      // Jacobians (d vec(F) = J d vec(X)) and their backprop form
      {"vec(A*X*B)", "X", ""},
      {"vec(X')", "X", ""},
      {"vec(X)", "X", ""},
      {"exp(vec(X))", "X", ""},
      {"kron(x, y)", "x", ""},
      {"kron(x, y)", "y", ""},
      {"kron(A, B)*x", "x", ""},
  };
  for (const KronCase& c : cases) {
    Context ctx;
    matcalc::Program p = matcalc::build_program(ctx, c.expr, c.decl);
    matcalc::DeriveOptions opt;
    opt.check_steps = false;
    Derivation d = matcalc::derive_program(ctx, p, c.wrt, opt);
    ASSERT_TRUE(d.check.passed) << c.expr;
    Build b(ctx);
    Expr f = matcalc::inline_definitions(b, p.objective, {c.wrt});
    Outcome o = compare(ctx, f, c.wrt, d, 1);
    EXPECT_FALSE(o.refused) << c.expr << " d/d" << c.wrt << ": " << o.why;
    EXPECT_EQ(o.problem, "") << c.expr << " d/d" << c.wrt;
    if (o.refused) continue;
    IndexDerivation r = matcalc::derive_index(ctx, f, c.wrt, opt);
    std::printf("  %s d/d%s: %s\n", c.expr, c.wrt, matcalc::to_text(ctx, r.matrix.result).c_str());
    for (const matcalc::IndexStep& s : r.steps)
      if (s.rules.front() == "idx-write" || s.rules.front() == "idx-delta")
        std::printf("    %s\n", matcalc::index_step_text(ctx, r.space, s).c_str());
  }
}

// The entries as the rows write them: kron(B,A)_{(i,j),(k,l)} = B_ik A_jl beside
// vec(X)_{(i,j)} = X_ji, so that the quadratic form is X_ji B_ik A_jl X_lk.
TEST(IndexRoute, StepsOfTheKroneckerQuadraticForm) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "vec(X)'*kron(B,A)*vec(X)",
                                     "X: matrix(m,n); A: matrix(m,m); B: matrix(n,n)");
  IndexDerivation r = matcalc::derive_index(ctx, f, "X", {});
  std::vector<std::string> s = step_lines(ctx, r);
  for (const std::string& line : s) std::printf("  %s\n", line.c_str());
  ASSERT_GE(s.size(), 3u);
  EXPECT_EQ(s[0], "f = X_ji*B_ik*A_jl*X_lk");
  EXPECT_EQ(s[2], "df/dX_ab = B_bi*A_aj*X_ji + X_ji*B_ib*A_ja");
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.result), "A*X*B' + A'*X*B");
  EXPECT_TRUE(r.matrix.check.passed);
  std::set<std::string> rules = fired(r);
  for (const char* rule : {"idx-kron-entry", "idx-vec-entry", "idx-combined"})
    EXPECT_TRUE(rules.count(rule)) << rule;
}

// tr(kron(X, X)) = X_ii X_kk: the trace repeats the combined index, so both parts.
TEST(IndexRoute, StepsOfTheTraceOfAKroneckerSquare) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "tr(kron(X, X))", "");
  IndexDerivation r = matcalc::derive_index(ctx, f, "X", {});
  std::vector<std::string> s = step_lines(ctx, r);
  for (const std::string& line : s) std::printf("  %s\n", line.c_str());
  ASSERT_GE(s.size(), 1u);
  EXPECT_EQ(s[0], "f = X_ii*X_jj");
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.result), "2*tr(X)*eye(n)");
  EXPECT_TRUE(r.matrix.check.passed);
}

// A vector variable under kron: its entry on a combined index is an entry of unvec(x)
// (idx-unvec), the variable's index is written as its pair, the gradient read back as a
// vec; the left-hand side names the pair.
TEST(IndexRoute, AVectorVariableOnACombinedIndex) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "x'*kron(A,B)*y", "");
  IndexDerivation r = matcalc::derive_index(ctx, f, "x", {});
  std::vector<std::string> s = step_lines(ctx, r);
  for (const std::string& line : s) std::printf("  %s\n", line.c_str());
  EXPECT_TRUE(fired(r).count("idx-unvec"));
  ASSERT_GE(s.size(), 3u);
  EXPECT_NE(s[1].find("df/dx_(c,d)"), std::string::npos) << s[1];
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.result).rfind("vec(", 0), 0u);
  EXPECT_TRUE(r.matrix.check.passed);
}

// The commutation matrix's entries are deltas: K_{(p,q),(r,s)} = delta_ps delta_qr.
TEST(IndexRoute, TheCommutationMatrixIsTwoDeltas) {
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "vec(X')", "");
  IndexDerivation r = matcalc::derive_index(ctx, f, "X", {});
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.result), "commutation(n, m)");
  EXPECT_TRUE(r.matrix.check.passed);
  ASSERT_TRUE(r.matrix.backprop);
  EXPECT_EQ(matcalc::to_text(ctx, r.matrix.backprop), "unvec(G, m)'");
}

// Honest refusals: factors that pair a combined index differently (X n x m by the naming
// convention beside kron(B, A) with B n x n), and the Jacobian of kron of the variable
// (a 6-index object with no Kronecker form the route writes). Never a wrong answer.
TEST(IndexRoute, RefusesCombinedIndicesWithNoPlainForm) {
  const KronCase cases[] = {
      {"vec(X)'*kron(B,A)*vec(X)", "X", ""},
      {"kron(x, eye(n)) + kron(eye(n), x)", "x", ""},
      {"kron(X, A)", "X", ""},
  };
  for (const KronCase& c : cases) {
    Context ctx;
    Expr f = matcalc::build_expression(ctx, c.expr, c.decl);
    try {
      matcalc::derive_index(ctx, f, c.wrt, {});
      ADD_FAILURE() << c.expr << ": answered";
    } catch (const matcalc::UserError& e) {
      EXPECT_EQ(e.code, "unsupported") << c.expr;
      std::printf("  %s: %s\n", c.expr, e.what());
    }
  }
  Context ctx;
  Expr f = matcalc::build_expression(ctx, "vec(X)'*kron(B,A)*vec(X)", "");
  try {
    matcalc::derive_index(ctx, f, "X", {});
  } catch (const matcalc::UserError& e) {
    EXPECT_NE(std::string(e.what()).find("pairs an index of length n*m as (n, m)"),
              std::string::npos)
        << e.what();
  }
}

TEST(IndexRoute, RulesAreNamedOnceWithTheFamilyPrefix) {
  std::set<std::string> names;
  for (const matcalc::IndexRule& r : matcalc::index_rules()) {
    EXPECT_EQ(std::string(r.info.name).rfind("idx-", 0), 0u) << r.info.name;
    EXPECT_TRUE(names.insert(r.info.name).second) << r.info.name;
    EXPECT_NE(std::string(r.info.latex), "");
  }
}

// ---- random expressions ------------------------------------------------------------------

constexpr int kPerConstruct = 40;

TEST(IndexRoute, AgreesWithTheDefaultRouteOnRandomExpressions) {
  int derivations = 0, refused = 0, failures = 0;
  double t_default = 0, t_index = 0;
  int timed = 0;
  std::map<std::string, int> refused_by, refused_why;
  for (const Construct& c : constructs()) {
    // (the rows of SPEC 12 the index route refuses by design, with their message)
    if (c.kind == Kind::Func && matcalc::function_row(static_cast<matcalc::Fn>(c.fn)).index_refusal)
      continue;
    const std::uint32_t base = construct_seed(c, 11);
    for (int i = 0; i < kPerConstruct; ++i) {
      const std::uint32_t seed = base + i;
      Universe u;
      ExprGen gen(u, seed);
      if (c.kind != Kind::Kron) gen.exclude("kron");
      gen.exclude_without_index_rule();
      Expr f = gen.scalar_featuring(c, 1 + i % 5);
      if (!f) continue;
      for (const std::string& wrt : variables_of(f)) {
        matcalc::DeriveOptions opt;
        opt.seed = seed;
        opt.check_steps = false;
        auto t0 = std::chrono::steady_clock::now();
        Derivation d = matcalc::derive_gradient(u.ctx(), f, wrt, opt);
        auto t1 = std::chrono::steady_clock::now();
        Outcome o = compare(u.ctx(), f, wrt, d, seed);
        auto t2 = std::chrono::steady_clock::now();
        ++derivations;
        if (o.refused) {
          ++refused;
          ++refused_by[c.name];
          ++refused_why[o.why.substr(0, 70)];
        } else {
          // (compare's time includes the agreement evaluation: small beside a derivation)
          t_default += std::chrono::duration<double, std::milli>(t1 - t0).count();
          t_index += std::chrono::duration<double, std::milli>(t2 - t1).count();
          ++timed;
        }
        if (!o.problem.empty() && ++failures <= 8)
          ADD_FAILURE() << "d/d" << wrt << " of " << shortened(matcalc::to_text(u.ctx(), f))
                        << " (seed " << seed << "):" << o.problem;
      }
    }
  }
  std::printf(
      "index route: %d derivations, %d refused (%.1f%% handled); ms per derivation "
      "(with checks): default %.3f, index %.3f\n",
      derivations, refused, 100.0 * (derivations - refused) / derivations, t_default / timed,
      t_index / timed);
  for (const auto& [name, n] : refused_by) std::printf("  refused %s: %d\n", name.c_str(), n);
  for (const auto& [why, n] : refused_why) std::printf("  %d: %s\n", n, why.c_str());
  EXPECT_EQ(failures, 0) << failures << " of " << derivations;
  EXPECT_GE(derivations - refused, derivations * 8 / 10) << "the index route refuses too much";
}

TEST(IndexRoute, AgreesWithTheDefaultRouteOnRandomJacobians) {
  int derivations = 0, refused = 0, failures = 0;
  for (int i = 0; i < 300; ++i) {
    const std::uint32_t seed = 5000 + i;
    Universe u;
    ExprGen gen(u, seed);
    gen.exclude("kron");
    gen.exclude_without_jacobian();
    gen.exclude_without_index_rule();
    Shape s = gen.shape();
    if (s.scalar()) continue;
    Expr f = gen.any(s, 1 + i % 4);
    if (f->shape.scalar()) continue;
    for (const std::string& wrt : variables_of(f)) {
      matcalc::DeriveOptions opt;
      opt.seed = seed;
      opt.check_steps = false;
      Derivation d = matcalc::derive_jacobian(u.ctx(), f, wrt, opt);
      Outcome o = compare(u.ctx(), f, wrt, d, seed);
      ++derivations;
      refused += o.refused;
      if (!o.problem.empty() && ++failures <= 8)
        ADD_FAILURE() << "d/d" << wrt << " of " << shortened(matcalc::to_text(u.ctx(), f))
                      << " (seed " << seed << "):" << o.problem;
    }
  }
  std::printf("index route, Jacobians: %d derivations, %d refused (%.1f%% handled)\n", derivations,
              refused, 100.0 * (derivations - refused) / derivations);
  EXPECT_EQ(failures, 0) << failures << " of " << derivations;
}

}  // namespace
}  // namespace matcalc_test
