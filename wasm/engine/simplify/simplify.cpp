// The simplification table and its driver.
#include "simplify/simplify.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "expr/functions.h"
#include "expr/rebuild.h"
#include "print/text.h"
#include "simplify/factor.h"
#include "simplify/run.h"
#include "simplify/strategy.h"

namespace matcalc {

namespace {

// A sum inside a product gives up its common coefficient to the product:
// 2 (2MM' - 2I) M = 4 (MM' - I) M.
Expr factor_coefficient(Build& b, Expr e) {
  if (e->kind != Kind::Mul && e->kind != Kind::Hadamard) return e;
  std::vector<Expr> kids = e->kids;
  double pulled = 1;
  for (Expr& k : kids) {
    if (k->kind != Kind::Add) continue;
    double c = common_coefficient(b, k);
    if (c == 1) continue;
    pulled *= c;
    std::vector<Expr> terms;
    for (Expr t : k->kids) terms.push_back(b.scale(1 / c, t));
    k = b.add(terms);
  }
  if (pulled == 1) return e;
  Expr inner = rebuild(b, e, kids);
  return b.scale(pulled, inner);
}

// 1 + exp(A) (1 broadcast for a matrix): returns A, or null.
Expr one_plus_exp(Expr e) {
  if (e->kind != Kind::Add || e->kids.size() != 2) return nullptr;
  for (int i = 0; i < 2; ++i) {
    Expr one = e->kids[1 - i], ex = e->kids[i];
    if ((one->is_const(1) || one->kind == Kind::Ones) && ex->kind == Kind::Func &&
        ex->fn() == Fn::Exp)
      return ex->kids[0];
  }
  return nullptr;
}

// exp(A) ./ (1 + exp(A)) = sigmoid(A) and 1 ./ (1 + exp(-A)) = sigmoid(A), among the
// factors of an element-wise or scalar product.
Expr recognise_sigmoid(Build& b, Expr e) {
  bool hadamard = e->kind == Kind::Hadamard;
  if (!hadamard && !(e->kind == Kind::Mul && e->aux > 0)) return e;
  int end = hadamard ? static_cast<int>(e->kids.size()) : e->aux;
  std::vector<Expr> kids = e->kids;
  bool changed = false;
  for (int i = 0; i < end; ++i) {
    Expr f = kids[i];
    if (!f || f->kind != Kind::Pow || !f->kids[1]->is_const(-1)) continue;
    Expr a = one_plus_exp(f->kids[0]);
    if (!a) continue;
    Expr numerator = b.func(Fn::Exp, a);
    auto it = std::find(kids.begin(), kids.begin() + end, numerator);
    if (it != kids.begin() + end) {
      *it = nullptr;
      kids[i] = b.func(Fn::Sigmoid, a);
    } else {
      kids[i] = b.func(Fn::Sigmoid, b.neg(a));
    }
    changed = true;
  }
  if (!changed) return e;
  std::vector<Expr> kept;
  for (Expr k : kids)
    if (k) kept.push_back(k);
  if (hadamard) return b.hadamard(kept);
  kept.insert(kept.begin(), b.num(e->value));
  return b.mul(kept);
}

// 1 - sigmoid(A) = sigmoid(-A).
Expr sigmoid_complement(Build& b, Expr e) {
  if (e->kind != Kind::Add || e->kids.size() != 2) return e;
  for (int i = 0; i < 2; ++i) {
    Expr one = e->kids[1 - i], t = e->kids[i];
    if (!(one->is_const(1) || one->kind == Kind::Ones)) continue;
    auto [c, rest] = b.split_coef(t);
    if (c == -1 && rest->kind == Kind::Func && rest->fn() == Fn::Sigmoid)
      return b.func(Fn::Sigmoid, b.neg(rest->kids[0]));
  }
  return e;
}

// diag(a) + diag(b) = diag(a + b) for vectors a, b.
Expr diag_sum(Build& b, Expr e) {
  if (e->kind != Kind::Add) return e;
  std::vector<Expr> inner;
  for (Expr t : e->kids) {
    auto [c, rest] = b.split_coef(t);
    if (rest->kind != Kind::DiagMat) return e;
    inner.push_back(b.scale(c, rest->kids[0]));
  }
  return b.diag_mat(b.add(inner));
}

const std::vector<SimplifyRule> kRules = {
    {{"simp-diag-sum",
      R"(\operatorname{diag}(a) + \operatorname{diag}(b) = \operatorname{diag}(a + b))",
      "linearity of diag", ""},
     [](Build& b, Expr e) { return diag_sum(b, e); }},
    {{"simp-factor-hadamard", R"(A \odot C + B \odot C = (A + B) \odot C)", "distributivity", ""},
     [](Build& b, Expr e) { return factor_out(b, e, kElementwise); }},
    {{"simp-sigmoid-complement", R"(1 - \sigma(A) = \sigma(-A))",
      "symmetry of the logistic function", ""},
     [](Build& b, Expr e) { return sigmoid_complement(b, e); }},
    {{"simp-factor-scalar", R"(s\,A + s\,B = s\,(A + B))", "distributivity", ""},
     [](Build& b, Expr e) { return factor_out(b, e, kScalars); }},
    {{"simp-softplus", R"(\log(1 + \exp(A)) = \operatorname{softplus}(A))", "definition", ""},
     [](Build& b, Expr e) {
       Expr a = e->kind == Kind::Func && e->fn() == Fn::Log ? one_plus_exp(e->kids[0]) : nullptr;
       return a ? b.func(Fn::Softplus, a) : e;
     }},
    {{"simp-sigmoid", R"(\exp(A) \oslash (1 + \exp(A)) = \sigma(A))",
      "definition of the logistic function", ""},
     [](Build& b, Expr e) { return recognise_sigmoid(b, e); }},
    {{"simp-factor-coefficient", R"(c\,(2A - 2B)\,X = 2c\,(A - B)\,X)", "distributivity", ""},
     [](Build& b, Expr e) { return factor_coefficient(b, e); }},
    {{"simp-regroup", R"(M x - M x x^\top M x = (1 - x^\top M x)\,M x,\; (A + B) C = A C + B C)",
      "distributivity, then collecting: kept when the result is shorter", ""},
     nullptr,
     [](SimplifyRun& run, Expr e) { return run.regroup(e); }},
    {{"simp-factor-right", R"(A X + B X = (A + B) X)", "distributivity", ""},
     [](Build& b, Expr e) { return factor_out(b, e, kChainLast); }},
    {{"simp-factor-left", R"(X A + X B = X (A + B))", "distributivity", ""},
     [](Build& b, Expr e) { return factor_out(b, e, kChainFirst); }},
};

}  // namespace

const std::vector<SimplifyRule>& simplify_rules() {
  static const std::vector<SimplifyRule> all = [] {
    std::vector<SimplifyRule> out = structure_fact_rules();
    out.insert(out.end(), kRules.begin(), kRules.end());
    for (const SimplifyRule& r : identity_rules()) out.push_back(r);
    return out;
  }();
  return all;
}

namespace {

// Whether a node of kind k occurs in e (each shared node visited once).
bool contains_kind(Expr e, Kind k) {
  std::vector<Expr> stack{e};
  std::set<Expr> seen;
  while (!stack.empty()) {
    Expr n = stack.back();
    stack.pop_back();
    if (n->kind == k) return true;
    if (!seen.insert(n).second) continue;
    for (Expr c : n->kids) stack.push_back(c);
  }
  return false;
}

}  // namespace

// Each call is a run of its own: the state it keeps dies with it.
SimplifyResult simplify(Build& b, Expr e) { return SimplifyRun(b).simplify(e); }

// The rows run twice, with the regrouping lookahead and without it, and the shorter
// printed result is kept (the one without on a tie): a lookahead that finds a shorter
// form of one part can lead the other rows away from a shorter whole.
SimplifyResult SimplifyRun::simplify(Expr e) {
  if (!contains_kind(e, Kind::Add)) return rows(e);  // nothing to regroup
  SimplifyResult with = rows(e);
  regroup_off_ = true;
  SimplifyResult without = rows(e);
  regroup_off_ = false;
  if (with.expr == without.expr) return without;
  return prints_shorter(b_.ctx(), with.expr, without.expr) ? with : without;
}

// The strategy: exhaust(bottom_up(chain(rows))) — every row tried at every node,
// children first, passes repeated until one changes nothing (a fixed point) or the
// budget is spent; the result says which, and which rows fired.
SimplifyResult SimplifyRun::rows(Expr e) {
  constexpr int kBudget = 24;
  const std::vector<SimplifyRule>& rules = simplify_rules();
  std::set<std::string> fired;
  std::vector<Rewrite> rewrites;
  for (const SimplifyRule& r : rules)
    rewrites.push_back([this, &r, &fired](Build& bb, Expr x) {
      Expr y = r.apply ? r.apply(bb, x) : r.apply_in_run(*this, x);
      if (y != x) fired.insert(r.info.name);
      return y;
    });
  Exhausted run = exhaust(bottom_up(chain(std::move(rewrites))), b_, e, kBudget);
  SimplifyResult out;
  out.expr = run.expr;
  out.stopped = run.fixed_point ? "fixed-point" : "budget";
  out.passes = run.passes;
  for (const SimplifyRule& r : rules)
    if (fired.count(r.info.name)) out.rules.push_back(r.info.name);
  return out;
}

}  // namespace matcalc
