#include "derive/steps.h"

#include <algorithm>
#include <set>

#include "diff/rules.h"
#include "expr/structures.h"

namespace matcalc {

namespace {

const std::set<std::string> kLightForward = {"d-sum",         "d-transpose", "d-trace",
                                             "d-sum-entries", "d-vec",       "d-diag"};
const std::set<std::string> kLightPairs = {"adj-scalar", "adj-sum", "jac-sum", "jac-vec"};

bool all_light(const std::vector<std::string>& rules, const std::set<std::string>& light) {
  return std::all_of(rules.begin(), rules.end(),
                     [&](const std::string& r) { return light.count(r) > 0; });
}

// What a forward step does, in words, from the rules it applied: "push d inward: the
// product rule, through the transpose", so consecutive steps say what each one does.
std::string forward_title(const std::vector<std::string>& rules) {
  static const std::vector<std::pair<const char*, const char*>> kPhrases = {
      {"d-product", "the product rule"},
      {"d-hadamard", "the product rule for ⊙"},
      {"d-sum", "through the sum"},
      {"d-transpose", "through the transpose"},
      {"d-trace", "through the trace"},
      {"d-inverse", "the inverse"},
      {"d-det", "the determinant"},
      {"d-logdet", "log det"},
      {"d-norm2", "the norm"},
      {"d-norm2-squared", "the squared norm"},
      {"d-power", "the power rule"},
      {"d-sum-entries", "through sum()"},
      {"d-vec", "through vec"},
      {"d-diag", "through diag"},
      {"d-kron", "the product rule for ⊗"},
      {"d-norm1", "the 1-norm"}};
  std::vector<std::string> said;
  for (const std::string& r : rules) {
    std::string phrase = "the chain rule";  // an element-wise function's row
    for (auto [rule, words] : kPhrases)
      if (r == rule) phrase = words;
    if (r.rfind("d-det", 0) == 0 && r != "d-det") phrase = "the determinant";
    if (std::find(said.begin(), said.end(), phrase) == said.end()) said.push_back(phrase);
  }
  std::string out = "push d inward";
  for (std::size_t i = 0; i < said.size(); ++i) out += (i == 0 ? ": " : ", ") + said[i];
  return out;
}

// What a pair step does, from its rules: "move dX out of each term: the cyclic trace".
std::string pair_title(const std::string& base, const std::vector<std::string>& rules) {
  static const std::vector<std::pair<const char*, const char*>> kPhrases = {
      {"adj-matmul", "the cyclic trace"},
      {"adj-transpose", "a transpose"},
      {"adj-hadamard", "moving ⊙ over"},
      {"adj-trace", "the trace as ⟨I, ·⟩"},
      {"adj-sum-entries", "sum() as ⟨1, ·⟩"},
      {"adj-diag", "diag"},
      {"adj-vec", "vec"},
      {"adj-kron", "the Kronecker product"},
      {"jac-matmul", "vec(AXB) = (B' ⊗ A) vec(X)"},
      {"jac-transpose", "the commutation matrix"},
      {"jac-hadamard", "diag(vec(A))"},
      {"jac-kron", "the Kronecker product"}};
  std::vector<std::string> said;
  for (const std::string& r : rules)
    for (auto [rule, words] : kPhrases)
      if (r == rule && std::find(said.begin(), said.end(), words) == said.end())
        said.push_back(words);
  std::string out = base;
  for (std::size_t i = 0; i < said.size(); ++i) out += (i == 0 ? ": " : ", ") + said[i];
  return out;
}

void merge_rules(std::vector<std::string>& into, const std::vector<std::string>& rules) {
  for (const std::string& r : rules)
    if (std::find(into.begin(), into.end(), r) == into.end()) into.push_back(r);
}

}  // namespace

void StepList::add(std::vector<std::string> rules, std::string title, Form form, Expr expr,
                   std::vector<std::string> notes) {
  // A step that changes nothing is not a step: its rules join the one before.
  if (!steps_.empty()) {
    Step& prev = steps_.back();
    if (prev.expr == expr && prev.form == form && prev.of == of_ && prev.wrt == wrt_ &&
        prev.of_name == of_name_) {
      merge_rules(prev.rules, rules);
      prev.notes.insert(prev.notes.end(), notes.begin(), notes.end());
      return;
    }
  }
  steps_.push_back({std::move(rules),
                    std::move(title),
                    form,
                    expr,
                    of_,
                    of_name_,
                    wrt_,
                    std::move(notes),
                    {},
                    held_});
}

Expr StepList::add_differential(Build& b, Expr f, const std::string& wrt,
                                std::vector<std::string>& notes, const std::string& first_rule,
                                const std::string& title, std::vector<std::string> first_notes,
                                AsWritten typed) {
  std::size_t before = steps_.size();
  add({first_rule}, title, Form::Differential, b.diff(f), std::move(first_notes));
  if (steps_.size() > before) steps_.back().typed = std::move(typed);
  std::vector<Pass> passes = differential_passes(b, f, wrt);
  add_forward(passes);
  for (const Pass& p : passes) notes.insert(notes.end(), p.notes.begin(), p.notes.end());
  // No passes when f is the variable itself: d(f) = d(wrt) already.
  return passes.empty() ? differential_of(b, f, wrt) : passes.back().expr;
}

// A pass that used only light rules is merged into the step before it (or, for the
// first, the one after), so a step is a move worth pausing on.
void StepList::add_forward(const std::vector<Pass>& passes) {
  std::size_t first = steps_.size();
  std::vector<std::string> pending_rules, pending_notes;
  for (const Pass& p : passes) {
    pending_rules.insert(pending_rules.end(), p.rules.begin(), p.rules.end());
    pending_notes.insert(pending_notes.end(), p.notes.begin(), p.notes.end());
    bool light = all_light(p.rules, kLightForward);
    if (light && steps_.size() > first) {
      Step& prev = steps_.back();
      merge_rules(prev.rules, pending_rules);
      prev.notes.insert(prev.notes.end(), pending_notes.begin(), pending_notes.end());
      prev.expr = p.expr;
      if (prev.title.rfind("push d inward", 0) == 0) prev.title = forward_title(prev.rules);
    } else if (light && &p != &passes.back()) {
      continue;  // the first pass is light: carry its rules into the next step
    } else {
      add(pending_rules, forward_title(pending_rules), Form::Differential, p.expr, pending_notes);
    }
    pending_rules.clear();
    pending_notes.clear();
  }
}

void StepList::add_pairs(Build& b, const std::vector<PairPass>& passes, const std::string& title,
                         bool vectorised) {
  std::size_t first = steps_.size();
  std::vector<std::string> pending;
  for (const PairPass& p : passes) {
    if (&p == &passes.front()) continue;  // the start, before any rule
    pending.insert(pending.end(), p.rules.begin(), p.rules.end());
    bool light = all_light(p.rules, kLightPairs);
    Shape column{b.ctx().dim_product(of_->shape.rows, of_->shape.cols), kDimOne};
    Expr e = vectorised ? vec_pairs(b, p.pairs, column) : inner_pairs(b, p.pairs);
    if (light && steps_.size() > first) {
      merge_rules(steps_.back().rules, pending);
      steps_.back().expr = e;
      steps_.back().title = pair_title(title, steps_.back().rules);
    } else if (light && &p != &passes.back()) {
      continue;
    } else {
      add(pending, pair_title(title, pending),
          vectorised ? Form::VecDifferential : Form::Differential, e);
    }
    pending.clear();
  }
}

Expr inner_pairs(Build& b, const Pairs& pairs) {
  std::vector<Expr> terms;
  for (const auto& [g, l] : pairs) terms.push_back(b.pairing(g, l));
  return terms.empty() ? b.num(0) : b.add(terms);
}

Expr vec_pairs(Build& b, const Pairs& pairs, Shape shape) {
  std::vector<Expr> terms{b.zero(shape)};
  for (const auto& [m, l] : pairs) terms.push_back(b.mul(m, b.vec(l)));
  return b.add(terms);
}

Expr StepList::add_structured(Build& b, const VarInfo& x, Expr g) {
  const StructureRow* row = structure_of(x);
  if (!row || (row->in_space && (g->props & row->in_space))) return g;
  g = row->gradient(b, b.var(x), g);
  add({row->rule.name}, with_name(row->step_title, x.name), Form::Gradient, g);
  return g;
}

}  // namespace matcalc
