#include "diff/steps.h"

#include <algorithm>
#include <set>

#include "expr/order.h"
#include "print/latex.h"

namespace matcalc {

namespace {

// A step whose expression, written out, has more terms than this is summarised: a
// shared DAG (deep compositions) can be exponentially large as text.
constexpr int kMaxShownTerms = 4000;

std::string too_large(int terms) {
  return "\\text{(" + std::to_string(terms) + "+ terms written out: too large to show)}";
}

std::string shown(Context& ctx, Expr e) {
  int n = tree_size_capped(e, kMaxShownTerms);
  return n > kMaxShownTerms ? too_large(kMaxShownTerms) : to_latex(ctx, e);
}

int pairs_size(const Pairs& pairs) {
  int n = 0;
  for (const auto& [a, b] : pairs)
    n += tree_size_capped(a, kMaxShownTerms) + tree_size_capped(b, kMaxShownTerms);
  return n;
}

const std::set<std::string> kLightForward = {"d-sum",         "d-transpose", "d-trace",
                                             "d-sum-entries", "d-vec",       "d-diag"};
}  // namespace

// A pass that used only light rules (transpose, trace, sums) is merged into the step
// before it (or, for the first, the one after), so a step is a move worth pausing on.
void add_forward_steps(Context& ctx, const std::vector<Pass>& passes, const std::string& lhs,
                       std::vector<Step>& steps) {
  std::size_t first = steps.size();
  std::vector<std::string> pending_rules, pending_notes;
  for (const Pass& p : passes) {
    pending_rules.insert(pending_rules.end(), p.rules.begin(), p.rules.end());
    pending_notes.insert(pending_notes.end(), p.notes.begin(), p.notes.end());
    bool light = std::all_of(p.rules.begin(), p.rules.end(),
                             [](const std::string& r) { return kLightForward.count(r) > 0; });
    std::string latex = lhs + " = " + shown(ctx, p.expr);
    if (light && steps.size() > first) {
      Step& prev = steps.back();
      for (const std::string& r : pending_rules)
        if (std::find(prev.rules.begin(), prev.rules.end(), r) == prev.rules.end())
          prev.rules.push_back(r);
      prev.notes.insert(prev.notes.end(), pending_notes.begin(), pending_notes.end());
      prev.latex = latex;
    } else if (light && &p != &passes.back()) {
      continue;  // the first pass is light: carry its rules into the next step
    } else {
      steps.push_back({pending_rules, "push d inward", latex, pending_notes});
    }
    pending_rules.clear();
    pending_notes.clear();
  }
}

void add_pair_steps(Context& ctx, const std::vector<PairPass>& passes, const std::string& title,
                    const std::string& lhs, bool vectorised, std::vector<Step>& steps) {
  static const std::set<std::string> kLight = {"adj-scalar", "adj-sum", "jac-sum", "jac-vec"};
  std::size_t first = steps.size();
  std::vector<std::string> pending;
  for (const PairPass& p : passes) {
    if (&p == &passes.front()) continue;  // the start, before any rule
    pending.insert(pending.end(), p.rules.begin(), p.rules.end());
    bool light = std::all_of(p.rules.begin(), p.rules.end(),
                             [](const std::string& r) { return kLight.count(r) > 0; });
    std::string latex = lhs + " = " +
                        (pairs_size(p.pairs) > kMaxShownTerms ? too_large(kMaxShownTerms)
                         : vectorised                         ? vec_pairs_latex(ctx, p.pairs)
                                                              : inner_pairs_latex(ctx, p.pairs));
    if (light && steps.size() > first) {
      Step& prev = steps.back();
      for (const std::string& r : pending)
        if (std::find(prev.rules.begin(), prev.rules.end(), r) == prev.rules.end())
          prev.rules.push_back(r);
      prev.latex = latex;
    } else if (light && &p != &passes.back()) {
      continue;
    } else {
      steps.push_back({pending, title, latex, {}});
    }
    pending.clear();
  }
}

std::string inner_pairs_latex(Context& ctx, const Pairs& pairs) {
  if (pairs.empty()) return "0";
  std::string out;
  for (const auto& [g, l] : pairs) {
    std::string term = g->is_const(1) && l->shape.scalar()
                           ? to_latex(ctx, l)
                           : "\\left\\langle " + to_latex(ctx, g) + ",\\; " + to_latex(ctx, l) +
                                 " \\right\\rangle";
    out += (out.empty() ? "" : " + ") + term;
  }
  return out;
}

std::string vec_pairs_latex(Context& ctx, const Pairs& pairs) {
  if (pairs.empty()) return "0";
  std::string out;
  for (const auto& [m, l] : pairs) {
    std::string v = l->shape.cols == kDimOne
                        ? to_latex_factor(ctx, l)
                        : "\\operatorname{vec}\\left(" + to_latex(ctx, l) + "\\right)";
    std::string coef = m->kind == Kind::Identity ? "" : to_latex_factor(ctx, m) + " ";
    out += (out.empty() ? "" : " + ") + coef + v;
  }
  return out;
}

std::string partial_latex(const std::string& of, const std::string& wrt_latex) {
  return "\\frac{\\partial " + of + "}{\\partial " + wrt_latex + "}";
}

}  // namespace matcalc
