// The rows that are not rewrites of one node kind, and lookup across every table.
#include <algorithm>
#include <unordered_map>

#include "diff/index_rules.h"
#include "diff/rules.h"
#include "expr/functions.h"
#include "expr/structures.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

const std::vector<RuleInfo> kOther = {
    {"differential", R"(f \mapsto \mathrm{d}f)", "definition of the differential",
     "Differentials of everything that does not depend on the variable are 0."},
    {"chain-rule",
     R"(\mathrm{d}f = \left\langle \tfrac{\partial f}{\partial P}, \mathrm{d}P\right\rangle,\; P = e(M) \;\Rightarrow\; \mathrm{d}f = \left\langle \tfrac{\partial f}{\partial P}, \mathrm{d}e\right\rangle)",
     "the chain rule: backpropagation through a definition",
     "The gradient with respect to a defined name is sent back through its definition."},
    {"read-off",
     R"(\mathrm{d}f = \langle G, \mathrm{d}X\rangle \;\Rightarrow\; \tfrac{\partial f}{\partial X} = G)",
     "identification theorem (Magnus & Neudecker)", ""},
    {"layout-numerator",
     R"(\frac{\partial f}{\partial X^\top} = \left(\frac{\partial f}{\partial X}\right)^\top)",
     "layout conventions", ""},
    {"layout-denominator", R"(J_{\text{denominator}} = J_{\text{numerator}}^\top)",
     "layout conventions", ""},
    {"second-differential",
     R"(\mathrm{d}^2 f = \langle \mathrm{d}X, \mathrm{d}g\rangle,\; g = \tfrac{\partial f}{\partial X})",
     "Magnus & Neudecker ch. 10", ""},
};

}  // namespace

const std::vector<RuleInfo>& other_rules() { return kOther; }

int differential_factor(Expr e) {
  int found = -1;
  for (int i = 0; i < static_cast<int>(e->kids.size()); ++i)
    if (e->kids[i]->has_diff) found = found < 0 ? i : -2;
  return found;
}

bool all_at_differential(const Pairs& pairs) {
  for (const auto& p : pairs)
    if (p.second->kind != Kind::Diff) return false;
  return true;
}

const std::vector<const RuleInfo*>& differential_rule_infos() {
  static const std::vector<const RuleInfo*> rows = [] {
    std::vector<const RuleInfo*> out;
    for (const DiffRule& r : diff_rules()) out.push_back(&r.info);
    for (const FunctionRow& f : function_rows())  // (eigenvectors: no derivative, no rule)
      if (!f.refusal && std::none_of(out.begin(), out.end(), [&](const RuleInfo* r) {
            return std::string(r->name) == f.rule.name;
          }))
        out.push_back(&f.rule);
    return out;
  }();
  return rows;
}

// Every table's rows by name, built once (steps look their rules up for every step).
const RuleInfo* find_rule_info(const std::string& name) {
  static const std::unordered_map<std::string, const RuleInfo*> by_name = [] {
    std::unordered_map<std::string, const RuleInfo*> out;
    for (const RuleInfo* r : differential_rule_infos()) out.emplace(r->name, r);
    for (const AdjointRule& r : adjoint_rules()) out.emplace(r.info.name, &r.info);
    for (const VecRule& r : vec_rules()) out.emplace(r.info.name, &r.info);
    for (const SimplifyRule& r : simplify_rules()) out.emplace(r.info.name, &r.info);
    for (const RuleInfo& r : kOther) out.emplace(r.name, &r);
    for (const StructureRow& r : structure_rows())  // (spd shares the symmetric row's rule)
      if (*r.rule.latex) out.emplace(r.rule.name, &r.rule);
    for (const IndexRule& r : index_rules()) out.emplace(r.info.name, &r.info);
    return out;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

}  // namespace matcalc
