// Proves the Eigen evaluator right node kind by node kind (issue 2: "test it against
// hand-computed values for every node kind"): each case builds one expression whose
// root is the kind under test, evaluates it at small concrete inputs given by hand, and
// compares with a value computed by hand (shown in the comment beside it). A last test
// checks that the table leaves no kind of the X-macro list out.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>
#include <set>

#include "parse/frontend.h"
#include "support.h"

namespace matcalc_test {
namespace {

using matcalc::Fn;

// Concrete sizes in the declarations, so the instance needs values only.
constexpr const char* kDecls =
    "A: matrix(2); B: matrix(2); C: matrix(2,3); D: matrix(2); x: vector(2); y: vector(2); "
    "v: vector(6); t: vector(2); r: vector(2); h: vector(2); a: scalar; b: scalar; "
    "S: symmetric(2); Z: matrix(2)";

Instance hand_instance() {
  Instance in;
  in.values["A"] = rows({{1, 2}, {3, 4}});
  in.values["B"] = rows({{0, 1}, {1, 0}});
  in.values["C"] = rows({{1, 2, 3}, {4, 5, 6}});
  in.values["D"] = rows({{1, -2}, {3, -4}});
  in.values["x"] = rows({{3}, {4}});
  in.values["y"] = rows({{1}, {-1}});
  in.values["v"] = rows({{1}, {2}, {3}, {4}, {5}, {6}});
  in.values["t"] = rows({{0}, {std::log(3.0)}});
  in.values["r"] = rows({{std::numbers::pi / 6}, {std::numbers::pi / 4}});
  in.values["a"] = rows({{2}});
  in.values["b"] = rows({{3}});
  in.values["h"] = rows({{0.5}, {-0.5}});
  // S = U diag(1, 3) U' with U = [(1,-1)/sqrt2, (1,1)/sqrt2]; B = U diag(-1, 1) U' commutes
  // with it, so L_f(S, B) = f'(S) B (Higham, Thm 3.8) and every value below is f of 1 and 3.
  in.values["S"] = rows({{2, 1}, {1, 2}});
  in.values["Z"] = rows({{0, 0}, {0, 0}});
  in.differentials["A"] = rows({{0.5, 0}, {0, -1}});
  return in;
}

struct Case {
  const char* name;
  Kind kind;  // the kind of the root node
  std::function<Expr(Context&)> make;
  Matrix want;
};

Case text(const char* name, Kind kind, const char* expr, Matrix want) {
  return {name, kind, [expr](Context& ctx) { return matcalc::build_expression(ctx, expr, kDecls); },
          std::move(want)};
}

// For kinds and functions the language does not spell (sign, step, K, unvec, d): the
// variables are declared by parsing, the node is built by the factories.
Case built(const char* name, Kind kind, std::function<Expr(Build&, Context&)> make, Matrix want) {
  return {name, kind,
          [make](Context& ctx) {
            matcalc::build_expression(ctx, "a", kDecls);
            Build b(ctx);
            return make(b, ctx);
          },
          std::move(want)};
}

Expr var(Build& b, Context& ctx, const char* name) { return b.var(*ctx.var(name)); }

// f(t) at t = [0; log 3], or at r = [pi/6; pi/4] for the trigonometric functions.
Case fn_case(const char* name, Fn fn, const char* at, Matrix want) {
  return built(
      name, Kind::Func, [fn, at](Build& b, Context& ctx) { return b.func(fn, var(b, ctx, at)); },
      want);
}

std::vector<Case> cases() {
  return {
      text("constant", Kind::Const, "2.5", rows({{2.5}})),
      text("variable", Kind::Var, "C", rows({{1, 2, 3}, {4, 5, 6}})),
      text("identity", Kind::Identity, "eye(2)", rows({{1, 0}, {0, 1}})),
      text("ones", Kind::Ones, "ones(2,3)", rows({{1, 1, 1}, {1, 1, 1}})),
      built(
          "zero", Kind::Zero, [](Build& b, Context& ctx) { return b.zero(ctx.var("C")->shape); },
          Matrix::Zero(2, 3)),
      // A + B = [1 2; 3 4] + [0 1; 1 0]
      text("add", Kind::Add, "A + B", rows({{1, 3}, {4, 4}})),
      // a + x broadcasts: 2 + [3; 4]
      text("add-broadcast", Kind::Add, "a + x", rows({{5}, {6}})),
      // A*C = [1*1+2*4, 1*2+2*5, 1*3+2*6; 3*1+4*4, 3*2+4*5, 3*3+4*6]
      text("matmul", Kind::Mul, "A*C", rows({{9, 12, 15}, {19, 26, 33}})),
      // 2*a*x' = 2*2*[3 4]
      text("scaled", Kind::Mul, "2*a*x'", rows({{12, 16}})),
      // x'*A*y = [3 4] * [1 2; 3 4] * [1; -1] = [15 22] * [1; -1]
      text("quadratic-form", Kind::Mul, "x'*A*y", rows({{-7}})),
      // A.*D = [1*1, 2*-2; 3*3, 4*-4]
      text("hadamard", Kind::Hadamard, "A.*D", rows({{1, -4}, {9, -16}})),
      text("hadamard-divide", Kind::Hadamard, "x./y", rows({{3}, {-4}})),
      text("power-elementwise", Kind::Pow, "A.^2", rows({{1, 4}, {9, 16}})),
      text("power-scalar-variable-exponent", Kind::Pow, "a^b", rows({{8}})),
      text("power-negative", Kind::Pow, "x.^-1", rows({{1.0 / 3}, {0.25}})),
      fn_case("exp", Fn::Exp, "t", rows({{1}, {3}})),
      fn_case("sigmoid", Fn::Sigmoid, "t", rows({{0.5}, {0.75}})),  // 1/(1 + 1/3)
      fn_case("softplus", Fn::Softplus, "t", rows({{std::log(2.0)}, {std::log(4.0)}})),
      fn_case("tanh", Fn::Tanh, "t", rows({{0}, {0.8}})),  // (9 - 1)/(9 + 1)
      fn_case("sin", Fn::Sin, "r", rows({{0.5}, {std::sqrt(0.5)}})),
      fn_case("cos", Fn::Cos, "r", rows({{std::sqrt(0.75)}, {std::sqrt(0.5)}})),
      fn_case("tan", Fn::Tan, "r", rows({{std::sqrt(1.0 / 3)}, {1}})),
      // the registry's newer rows, at values whose results are known exactly
      fn_case("erf", Fn::Erf, "y", rows({{0.8427007929497148693}, {-0.8427007929497148693}})),
      fn_case("sinh", Fn::Sinh, "t", rows({{0}, {(3 - 1.0 / 3) / 2}})),
      fn_case("cosh", Fn::Cosh, "t", rows({{1}, {(3 + 1.0 / 3) / 2}})),
      fn_case("asin", Fn::Asin, "h", rows({{std::numbers::pi / 6}, {-std::numbers::pi / 6}})),
      fn_case("acos", Fn::Acos, "h", rows({{std::numbers::pi / 3}, {2 * std::numbers::pi / 3}})),
      fn_case("atan", Fn::Atan, "y", rows({{std::numbers::pi / 4}, {-std::numbers::pi / 4}})),
      fn_case("log1p", Fn::Log1p, "x", rows({{std::log(4.0)}, {std::log(5.0)}})),
      // softmax(log [3; 4]) = [3; 4] / 7, logsumexp(log [3; 4]) = log 7
      built(
          "softmax", Kind::Func,
          [](Build& b, Context& ctx) {
            return b.func(Fn::Softmax, b.func(Fn::Log, var(b, ctx, "x")));
          },
          rows({{3.0 / 7}, {4.0 / 7}})),
      built(
          "logsumexp", Kind::Func,
          [](Build& b, Context& ctx) {
            return b.func(Fn::Logsumexp, b.func(Fn::Log, var(b, ctx, "x")));
          },
          rows({{std::log(7.0)}})),
      // adj([1 2; 3 4]) = [4 -2; -3 1]; adj of the singular x x' = [16 -12; -12 9]
      fn_case("adj", Fn::Adj, "A", rows({{4, -2}, {-3, 1}})),
      // The parts of a matrix (SPEC 13), of A = [1 2; 3 4].
      fn_case("tril", Fn::Tril, "A", rows({{1, 0}, {3, 4}})),
      fn_case("triu", Fn::Triu, "A", rows({{1, 2}, {0, 4}})),
      fn_case("sym", Fn::Sym, "A", rows({{1, 2.5}, {2.5, 4}})),
      fn_case("skew", Fn::Skew, "A", rows({{0, -0.5}, {0.5, 0}})),
      built(
          "adj-singular", Kind::Func,
          [](Build& b, Context& ctx) {
            Expr x = var(b, ctx, "x");
            return b.func(Fn::Adj, b.mul(x, b.transpose(x)));
          },
          rows({{16, -12}, {-12, 9}})),
      // SPEC 12: the matrix functions and their Fréchet derivatives (see hand_instance)
      fn_case("expm", Fn::Expm, "B",
              rows({{std::cosh(1.0), std::sinh(1.0)}, {std::sinh(1.0), std::cosh(1.0)}})),
      fn_case(
          "logm", Fn::Logm, "S",
          rows({{std::log(3.0) / 2, std::log(3.0) / 2}, {std::log(3.0) / 2, std::log(3.0) / 2}})),
      fn_case("sqrtm", Fn::Sqrtm, "S",
              rows({{(1 + std::sqrt(3.0)) / 2, (std::sqrt(3.0) - 1) / 2},
                    {(std::sqrt(3.0) - 1) / 2, (1 + std::sqrt(3.0)) / 2}})),
      built(  // L_exp(0, E) = E
          "dexpm", Kind::Func,
          [](Build& b, Context& ctx) {
            return b.func(Fn::Dexpm, {var(b, ctx, "Z"), var(b, ctx, "A")});
          },
          rows({{1, 2}, {3, 4}})),
      built(  // inv(S) B
          "dlogm", Kind::Func,
          [](Build& b, Context& ctx) {
            return b.func(Fn::Dlogm, {var(b, ctx, "S"), var(b, ctx, "B")});
          },
          rows({{-1.0 / 3, 2.0 / 3}, {2.0 / 3, -1.0 / 3}})),
      built(  // inv(sqrtm(S)) B / 2 = U diag(-1, 1/sqrt3) U' / 2
          "dsqrtm", Kind::Func,
          [](Build& b, Context& ctx) {
            return b.func(Fn::Dsqrtm, {var(b, ctx, "S"), var(b, ctx, "B")});
          },
          rows({{(1 / std::sqrt(3.0) - 1) / 4, (1 / std::sqrt(3.0) + 1) / 4},
                {(1 / std::sqrt(3.0) + 1) / 4, (1 / std::sqrt(3.0) - 1) / 4}})),
      fn_case("eigvals", Fn::Eigvals, "S", rows({{1}, {3}})),
      fn_case("lambda_max", Fn::LambdaMax, "S", rows({{3}})),
      fn_case("lambda_min", Fn::LambdaMin, "S", rows({{1}})),
      // unit eigenvectors, the entry of largest magnitude positive (the first on a tie)
      fn_case("eigvecs", Fn::Eigvecs, "S",
              rows({{1 / std::sqrt(2.0), 1 / std::sqrt(2.0)},
                    {-1 / std::sqrt(2.0), 1 / std::sqrt(2.0)}})),
      fn_case("eigvec_max", Fn::EigvecMax, "S", rows({{1 / std::sqrt(2.0)}, {1 / std::sqrt(2.0)}})),
      fn_case("eigvec_min", Fn::EigvecMin, "S",
              rows({{1 / std::sqrt(2.0)}, {-1 / std::sqrt(2.0)}})),
      // A = [1 2; 3 4]: sigma^2 = 15 +- sqrt(221), and sigma_1 + sigma_2 = sqrt(30 + 2|det A|)
      fn_case("norm_op", Fn::NormOp, "A", rows({{std::sqrt(15 + std::sqrt(221.0))}})),
      fn_case("norm_nuc", Fn::NormNuc, "A", rows({{std::sqrt(34.0)}})),
      text("log", Kind::Func, "log(x)", rows({{std::log(3.0)}, {2 * std::log(2.0)}})),
      text("sqrt", Kind::Func, "sqrt(x)", rows({{std::sqrt(3.0)}, {2}})),
      text("abs", Kind::Func, "abs(y)", rows({{1}, {1}})),
      text("relu", Kind::Func, "relu(y)", rows({{1}, {0}})),
      built(
          "sign", Kind::Func,
          [](Build& b, Context& ctx) { return b.func(Fn::Sign, var(b, ctx, "y")); },
          rows({{1}, {-1}})),
      built(
          "step", Kind::Func,
          [](Build& b, Context& ctx) { return b.func(Fn::Step, var(b, ctx, "y")); },
          rows({{1}, {0}})),
      text("transpose", Kind::Transpose, "C'", rows({{1, 4}, {2, 5}, {3, 6}})),
      text("trace", Kind::Trace, "tr(A)", rows({{5}})),
      text("det", Kind::Det, "det(A)", rows({{-2}})),                      // 1*4 - 2*3
      text("logdet", Kind::LogDet, "logdet(A)", rows({{std::log(2.0)}})),  // log|det A|
      // inv([1 2; 3 4]) = [4 -2; -3 1] / -2
      text("inverse", Kind::Inverse, "inv(A)", rows({{-2, 1}, {1.5, -0.5}})),
      text("sum", Kind::Sum, "sum(C)", rows({{21}})),
      text("norm1", Kind::Norm1, "norm1(D)", rows({{10}})),
      text("norm2-vector", Kind::Norm2, "norm2(x)", rows({{5}})),  // sqrt(9 + 16)
      text("norm2-frobenius", Kind::Norm2, "norm2(A)", rows({{std::sqrt(30.0)}})),
      text("diag-of-vector", Kind::DiagMat, "diag(x)", rows({{3, 0}, {0, 4}})),
      text("diag-of-matrix", Kind::DiagVec, "diag(A)", rows({{1}, {4}})),
      text("vec", Kind::Vec, "vec(C)", rows({{1}, {4}, {2}, {5}, {3}, {6}})),
      // kron([1 2; 3 4], [0 1; 1 0]) = [1*B 2*B; 3*B 4*B]
      text("kron", Kind::Kron, "kron(A, B)",
           rows({{0, 1, 0, 2}, {1, 0, 2, 0}, {0, 3, 0, 4}, {3, 0, 4, 0}})),
      // K(2,3) vec(C) = vec(C') = [1 2 3 4 5 6]'
      built(
          "commutation", Kind::Mul,
          [](Build& b, Context& ctx) {
            Expr k = b.commutation(ctx.dim_const(2), ctx.dim_const(3));
            EXPECT_EQ(k->kind, Kind::Commutation);
            return b.mul(k, b.vec(var(b, ctx, "C")));
          },
          rows({{1}, {2}, {3}, {4}, {5}, {6}})),
      // unvec([1..6], 2 rows) = [1 3 5; 2 4 6]
      built(
          "unvec", Kind::Unvec,
          [](Build& b, Context& ctx) {
            return b.unvec(var(b, ctx, "v"), Shape{ctx.dim_const(2), ctx.dim_const(3)});
          },
          rows({{1, 3, 5}, {2, 4, 6}})),
      // d(A) evaluates to the differential given for A
      built(
          "differential", Kind::Diff,
          [](Build& b, Context& ctx) { return b.diff(var(b, ctx, "A")); },
          rows({{0.5, 0}, {0, -1}})),
      // tr(A dA) = tr([1 2; 3 4] [0.5 0; 0 -1]) = 0.5 - 4
      built(
          "differential-in-a-trace", Kind::Trace,
          [](Build& b, Context& ctx) {
            return b.trace(b.mul(var(b, ctx, "A"), b.diff(var(b, ctx, "A"))));
          },
          rows({{-3.5}})),
      // d(B) with no differential given: B is a constant here, dB = 0
      built(
          "differential-of-a-constant", Kind::Diff,
          [](Build& b, Context& ctx) { return b.diff(var(b, ctx, "B")); }, Matrix::Zero(2, 2)),
      // <A, dA> = sum(A .* dA) = 1*0.5 + 4*(-1)
      built(
          "inner-pair", Kind::Inner,
          [](Build& b, Context& ctx) {
            return b.pairing(var(b, ctx, "A"), b.diff(var(b, ctx, "A")));
          },
          rows({{-3.5}})),
      // d(A + B) of a compound, by differences along dA (B is constant): dA
      built(
          "differential-of-a-compound", Kind::Diff,
          [](Build& b, Context& ctx) { return b.diff(b.add(var(b, ctx, "A"), var(b, ctx, "B"))); },
          rows({{0.5, 0}, {0, -1}})),
  };
}

class Evaluate : public ::testing::TestWithParam<Case> {};

TEST_P(Evaluate, MatchesTheValueComputedByHand) {
  const Case& c = GetParam();
  Context ctx;
  Expr e = c.make(ctx);
  ASSERT_EQ(e->kind, c.kind) << "the case does not test the kind it names: root is "
                             << matcalc::kind_name(e->kind);
  Instance in = hand_instance();
  Matrix got = matcalc::Evaluator(ctx, in).eval(e);
  ASSERT_EQ(got.rows(), c.want.rows());
  ASSERT_EQ(got.cols(), c.want.cols());
  EXPECT_LE((got - c.want).cwiseAbs().maxCoeff(), 1e-12) << "got\n" << got << "\nwant\n" << c.want;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, Evaluate, ::testing::ValuesIn(cases()), ParamName());

TEST(Evaluate, TheTableCoversEveryKindAndEveryFunction) {
  std::set<Kind> kinds;
  std::set<int> fns;
  for (const Case& c : cases()) {
    Context ctx;
    Expr e = c.make(ctx);
    for (int k = 0; k <= static_cast<int>(Kind::Inner); ++k)
      if (contains(e, static_cast<Kind>(k))) kinds.insert(static_cast<Kind>(k));
    for (const matcalc::FunctionRow& row : matcalc::function_rows())
      if (contains_fn(e, row.id)) fns.insert(static_cast<int>(row.id));
  }
#define MATCALC_EXPECT_KIND(name) \
  EXPECT_TRUE(kinds.count(Kind::name)) << "no evaluator case for " #name;
  MATCALC_KINDS(MATCALC_EXPECT_KIND)
#undef MATCALC_EXPECT_KIND
  for (const matcalc::FunctionRow& row : matcalc::function_rows())
    EXPECT_TRUE(fns.count(static_cast<int>(row.id))) << "no evaluator case for " << row.name;
}

}  // namespace
}  // namespace matcalc_test
