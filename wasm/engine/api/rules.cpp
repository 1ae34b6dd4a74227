// The rule reference: every row of every table, so the page's reference can never
// drift from the code.
#include "diff/rules.h"

#include "api.h"
#include "api/report.h"
#include "diff/index_rules.h"
#include "expr/structures.h"
#include "simplify/simplify.h"
#include "util/json.h"

namespace matcalc {

namespace {

std::string rule_json(const RuleInfo& r, const char* family) {
  return JsonObject()
      .str("name", r.name)
      .str("family", family)
      .str("latex", r.latex)
      .str("source", r.source)
      .str("note", r.note)
      .str();
}

}  // namespace

Outcome rules() {
  return guarded("", "", [&]() -> Outcome {
    std::vector<std::string> items;
    for (const RuleInfo& r : other_rules()) items.push_back(rule_json(r, "derivation"));
    for (const StructureRow& r : structure_rows())  // (spd shares the symmetric row's rule)
      if (*r.rule.latex) items.push_back(rule_json(r.rule, "structure"));
    for (const RuleInfo* r : differential_rule_infos())
      items.push_back(rule_json(*r, "differential"));
    for (const AdjointRule& r : adjoint_rules()) items.push_back(rule_json(r.info, "adjoint"));
    for (const VecRule& r : vec_rules()) items.push_back(rule_json(r.info, "jacobian"));
    for (const SimplifyRule& r : simplify_rules()) items.push_back(rule_json(r.info, "simplify"));
    for (const IndexRule& r : index_rules()) items.push_back(rule_json(r.info, "index"));
    Outcome out;
    out.ok = true;
    out.json = JsonObject().boolean("ok", true).raw("rules", json_array(items)).str();
    out.human = std::to_string(items.size()) + " rules";
    return out;
  });
}

}  // namespace matcalc
