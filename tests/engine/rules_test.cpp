// Proves the rule tables keep STYLE.md's promise ("a test walks the whole table: names
// unique, LaTeX renders, every rule is exercised by at least one example"): every row of
// every table (differential d-, adjoint adj-, Jacobian jac-, simplification simp-, and
// the derivation rows) has a unique kebab-case name with its table's family prefix, an
// identity and a source; and the derivations listed in tests/data/rule_examples.json
// (which tests/wasm/latex.test.mjs renders with KaTeX) name every rule in their steps,
// each derivation passing its numeric check. A rule no step ever names is a rule the
// page can never show.
#include "diff/rules.h"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include "api.h"
#include "expr/functions.h"
#include "expr/structures.h"
#include "json_cases.h"
#include "simplify/simplify.h"
#include "support.h"

namespace matcalc_test {
namespace {

struct Row {
  std::string table;
  std::string prefix;  // "" for the derivation rows, which have no common prefix
  const matcalc::RuleInfo* info;
};

std::vector<Row> all_rows() {
  std::vector<Row> rows;
  for (const auto& r : matcalc::diff_rules()) rows.push_back({"diff_rules", "d-", &r.info});
  for (const auto& r : matcalc::adjoint_rules()) rows.push_back({"adjoint_rules", "adj-", &r.info});
  for (const auto& r : matcalc::vec_rules()) rows.push_back({"vec_rules", "jac-", &r.info});
  for (const auto& r : matcalc::simplify_rules())
    rows.push_back({"simplify_rules", "simp-", &r.info});
  for (const auto& r : matcalc::other_rules()) rows.push_back({"other_rules", "", &r});
  for (const auto& r : matcalc::structure_rows())  // (spd shares the symmetric row's rule)
    if (*r.rule.latex) rows.push_back({"structure_rows", "", &r.rule});
  // Sign and step share one rule; eigenvectors have no derivative to show.
  std::set<std::string> shared;
  for (const auto& f : matcalc::function_rows())
    if (!f.refusal && shared.insert(f.rule.name).second)
      rows.push_back({"function_rows", "d-", &f.rule});
  return rows;
}

TEST(RuleTables, NamesAreUniqueKebabCaseWithTheirFamilyPrefix) {
  const std::regex kebab("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  const std::vector<std::string> prefixes = {"d-", "adj-", "jac-", "simp-"};
  std::map<std::string, std::string> seen;  // name -> table
  for (const Row& row : all_rows()) {
    std::string name = row.info->name;
    SCOPED_TRACE(row.table + ": " + name);
    EXPECT_TRUE(std::regex_match(name, kebab));
    if (!row.prefix.empty()) {
      EXPECT_EQ(name.rfind(row.prefix, 0), 0u) << "does not start with " << row.prefix;
    } else {
      for (const std::string& p : prefixes)
        EXPECT_NE(name.rfind(p, 0), 0u) << "has the prefix of another table: " << p;
    }
    auto [it, fresh] = seen.emplace(name, row.table);
    EXPECT_TRUE(fresh) << "also in " << it->second;
  }
  EXPECT_GT(seen.size(), 40u);
}

TEST(RuleTables, EveryRowHasAnIdentityAndASourceAndCanBeLookedUp) {
  for (const Row& row : all_rows()) {
    SCOPED_TRACE(row.info->name);
    EXPECT_GT(std::string(row.info->latex).size(), 3u);
    EXPECT_GT(std::string(row.info->source).size(), 3u);
    EXPECT_EQ(matcalc::find_rule_info(row.info->name), row.info);
  }
}

// The rule names of every step in a derive outcome's JSON ("rules":["d-sum", ...]).
std::vector<std::string> step_rules(const std::string& json) {
  std::vector<std::string> out;
  const std::string key = "\"rules\":[";
  for (std::size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
    std::size_t end = json.find(']', at);
    std::string list = json.substr(at + key.size(), end - at - key.size());
    static const std::regex item("\"([^\"]+)\"");
    for (std::sregex_iterator m(list.begin(), list.end(), item), e; m != e; ++m)
      out.push_back((*m)[1]);
  }
  return out;
}

// A derivation through each function of the registry, built from its row (so a new row
// is exercised without a new example): sum(f(x)) with x kept in the row's domain, or the
// shape its row needs.
std::vector<JsonCase> function_examples() {
  std::vector<JsonCase> out;
  for (const matcalc::FunctionRow& f : matcalc::function_rows()) {
    if (f.refusal) continue;  // eigenvectors: no derivative, a UserError when asked
    std::string n = f.name, expr = "sum(" + n + "(x))", wrt = "x", decl;
    if (f.domain == matcalc::FnDomain::Positive) expr = "sum(" + n + "(x.^2 + 1))";
    if (f.domain == matcalc::FnDomain::Unit) expr = "sum(" + n + "(0.5*tanh(x)))";
    if (f.shape == matcalc::FnShape::VectorToVector) expr = "y'*" + n + "(x)";
    if (f.shape == matcalc::FnShape::VectorToScalar) expr = n + "(x)";
    if (f.shape == matcalc::FnShape::SquareToSame) expr = "tr(" + n + "(A)*B)", wrt = "A";
    if (f.id == matcalc::Fn::Sign || f.id == matcalc::Fn::Step) expr = "x'*" + n + "(x)";
    if (f.shape == matcalc::FnShape::SquareToVector) expr = "y'*" + n + "(S)", wrt = "S";
    if (f.shape == matcalc::FnShape::SquareToScalar) expr = n + "(S)", wrt = "S";
    if (f.needs_symmetric) decl = "S: symmetric(n)";
    if (f.shape == matcalc::FnShape::MatrixToScalar) expr = n + "(A)", wrt = "A";
    if (f.shape == matcalc::FnShape::Frechet) expr = "tr(B*" + n + "(C, A))", wrt = "A";
    out.push_back({{"expr", expr}, {"wrt", wrt}, {"decl", decl}});
  }
  return out;
}

// Every construct is a row (DESIGN.md): each function row carries its spelling in each
// code language, so the four writers have no per-function case.
TEST(FunctionRows, EveryRowIsSpelledInEveryCodeLanguage) {
  for (const matcalc::FunctionRow& f : matcalc::function_rows()) {
    SCOPED_TRACE(f.name);
    for (const matcalc::CodeSpelling* s : {&f.numpy, &f.torch, &f.eigen, &f.matlab}) {
      ASSERT_NE(s->call, nullptr);
      EXPECT_NE(std::string(s->call).find('#'), std::string::npos) << s->call;
      for (const matcalc::CodeHelper& h : s->helpers)
        if (h.name) EXPECT_NE(std::string(h.text).find(h.name), std::string::npos) << h.name;
    }
    EXPECT_EQ(f.arity == 2, f.shape == matcalc::FnShape::Frechet);
    if (f.arity == 2) EXPECT_NE(f.adjoint, nullptr);
  }
}

TEST(RuleTables, EveryRuleIsExercisedByAnExampleDerivation) {
  std::set<std::string> exercised;
  std::vector<JsonCase> examples =
      read_json_cases(std::string(MATCALC_SOURCE_DIR) + "/tests/data/rule_examples.json");
  for (const JsonCase& c : function_examples()) examples.push_back(c);
  for (const JsonCase& c :
       read_json_cases(std::string(MATCALC_SOURCE_DIR) + "/tests/data/structures.json"))
    examples.push_back(c);
  for (const JsonCase& c : examples) {
    matcalc::DeriveRequest req = derive_request(c.at("expr"), c.at("wrt"), c.at("decl"));
    req.hessian = c.count("hessian") && c.at("hessian") == "true";
    if (c.count("layout")) req.layout = c.at("layout");
    matcalc::Outcome out = matcalc::derive(req);
    SCOPED_TRACE("d/d" + req.wrt + " " + req.expr);
    ASSERT_TRUE(out.ok) << out.error.rendered;
    EXPECT_EQ(out.warning, "") << "its numeric check did not pass: " << out.text;
    for (const std::string& r : step_rules(out.json)) {
      EXPECT_NE(matcalc::find_rule_info(r), nullptr) << "a step names an unknown rule " << r;
      exercised.insert(r);
    }
  }
  for (const Row& row : all_rows())
    EXPECT_TRUE(exercised.count(row.info->name))
        << row.table << ": no example derivation names " << row.info->name;
}

}  // namespace
}  // namespace matcalc_test
