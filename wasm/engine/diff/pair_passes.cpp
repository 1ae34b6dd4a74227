// The pass driver. Splitting a sum (adj-sum, jac-sum) is applied eagerly, since it is
// not a step a lecture pauses on, and named in the pass where it happens; every other
// rule moves each pair one level per pass.
#include "diff/pair_passes.h"

#include <algorithm>
#include <set>

#include "expr/error.h"
#include "expr/functions.h"

namespace matcalc {

namespace {

// A rule of either table, as the driver sees it.
struct PairRule {
  const RuleInfo* info;
  Pairs (*apply)(Build& b, Expr first, Expr linear);
};

template <class Row>
PairRule find_in(const std::vector<Row>& table, Expr first, Expr linear, const char* what) {
  for (const Row& r : table)
    if (r.matches(first, linear)) return {&r.info, r.apply};
  // A Fréchet derivative L_f(A, dX) has no Kronecker form matcalc writes (it is a sum
  // over the whole spectrum): its Jacobian is refused, its gradients are not.
  if (linear->kind == Kind::Func && !function_row(linear->fn()).jacobian)
    throw UserError("unsupported",
                    std::string("the Jacobian through ") + fn_name(linear->fn()) +
                        " has no Kronecker form here: ask for a scalar function of it "
                        "(a gradient), e.g. tr(G'*f(X)) for an upstream gradient G");
  throw UserError("unsupported", std::string("cannot yet move the differential out of ") +
                                     kind_name(linear->kind) + " (" + what + ")");
}

template <class Row>
std::vector<PairPass> run(Build& b, Pairs start, const std::vector<Row>& table, const char* what) {
  std::set<std::string> used;
  // Sums split eagerly: every pair's linear part is a single term.
  auto split = [&](Pairs pairs) {
    Pairs out;
    while (!pairs.empty()) {
      auto p = pairs.back();
      pairs.pop_back();
      if (p.second->kind == Kind::Add) {
        PairRule r = find_in(table, p.first, p.second, what);
        used.insert(r.info->name);
        for (auto& q : r.apply(b, p.first, p.second)) pairs.push_back(q);
      } else if (p.second->has_diff) {
        out.push_back(p);
      }
    }
    std::reverse(out.begin(), out.end());
    return merge_pairs(b, out);
  };
  auto names = [&] {
    std::vector<std::string> out;
    for (const Row& r : table)
      if (used.count(r.info.name)) out.push_back(r.info.name);
    used.clear();
    return out;
  };
  std::vector<PairPass> passes;
  Pairs pairs = split(start);
  passes.push_back({pairs, {}});
  for (int guard = 0; !all_at_differential(pairs); ++guard) {
    if (guard > 200) throw InternalError("the passes of a derivation do not terminate");
    Pairs next;
    for (const auto& p : pairs) {
      if (p.second->kind == Kind::Diff) {
        next.push_back(p);
        continue;
      }
      PairRule r = find_in(table, p.first, p.second, what);
      used.insert(r.info->name);
      for (auto& q : r.apply(b, p.first, p.second)) next.push_back(q);
    }
    pairs = split(next);
    passes.push_back({pairs, names()});
  }
  return passes;  // (a split at the start is named with the first pass)
}

}  // namespace

Pairs merge_pairs(Build& b, const Pairs& pairs) {
  Pairs out;
  for (const auto& pair : pairs) {
    Expr l = pair.second;  // (lambdas may not capture structured bindings in C++17 clang)
    auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.second == l; });
    if (it == out.end()) {
      out.push_back(pair);
      continue;
    }
    // Proportional terms add their coefficients and keep a factored sum factored:
    // <Q, L> + <Q, L> = <2Q, L>, not <2MM' - 2I, L> for Q = MM' - I.
    auto [c1, r1] = b.split_coef(it->first);
    auto [c2, r2] = b.split_coef(pair.first);
    it->first = r1 == r2 ? b.mul(b.num(c1 + c2), r1) : b.add(it->first, pair.first);
  }
  return out;
}

std::vector<PairPass> adjoint_passes(Build& b, Expr upstream, Expr linear) {
  return run(b, {{upstream, linear}}, adjoint_rules(), "e.g. a kron with the variable inside");
}

std::vector<PairPass> vec_passes(Build& b, Expr df) {
  Dim size = b.ctx().dim_product(df->shape.rows, df->shape.cols);
  return run(b, {{b.identity(size), df}}, vec_rules(), "no Kronecker form for it yet");
}

}  // namespace matcalc
