// The adjoint passes. adj-sum is applied eagerly (splitting a sum is not a step a
// lecture pauses on); every other rule moves each term by one level per pass.
#include "diff/adjoint.h"

#include <algorithm>
#include <set>

#include "expr/error.h"

namespace matcalc {

namespace {

const AdjointRule& rule_for(Expr linear) {
  const AdjointRule* r = find_adjoint_rule(linear);
  if (!r)
    throw UserError("unsupported", std::string("cannot yet move the differential out of ") +
                                       kind_name(linear->kind) +
                                       " (e.g. kron with the variable inside)");
  return *r;
}

// Splits sums eagerly so every pair's linear part is a single term.
Pairs split_sums(Build& b, Pairs pairs, bool* split) {
  Pairs out;
  while (!pairs.empty()) {
    auto p = pairs.back();
    pairs.pop_back();
    if (p.second->kind == Kind::Add) {
      *split = true;
      for (auto& q : rule_for(p.second).apply(b, p.first, p.second)) pairs.push_back(q);
    } else if (p.second->has_diff) {
      out.push_back(p);
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
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

std::vector<AdjointPass> adjoint_passes(Build& b, Expr df) {
  return adjoint_passes(b, b.num(1), df);
}

std::vector<AdjointPass> adjoint_passes(Build& b, Expr upstream, Expr linear) {
  std::vector<AdjointPass> passes;
  bool split = false;  // adj-sum applied: it joins the rules of the pass it happens in
  Pairs pairs = split_sums(b, {{upstream, linear}}, &split);
  passes.push_back({pairs, {}});
  for (int guard = 0; !all_at_differential(pairs); ++guard) {
    if (guard > 200) throw InternalError("adjoint passes do not terminate");
    std::set<std::string> used;
    Pairs next;
    for (const auto& [g, l] : pairs) {
      if (l->kind == Kind::Diff) {
        next.push_back({g, l});
        continue;
      }
      const AdjointRule& r = rule_for(l);
      used.insert(r.info.name);
      for (auto& q : r.apply(b, g, l)) next.push_back(q);
    }
    pairs = merge_pairs(b, split_sums(b, next, &split));
    if (split) used.insert("adj-sum");
    split = false;
    std::vector<std::string> names;
    for (const AdjointRule& r : adjoint_rules())
      if (used.count(r.info.name)) names.push_back(r.info.name);
    passes.push_back({pairs, names});
  }
  return passes;
}

}  // namespace matcalc
