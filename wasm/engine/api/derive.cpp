// The derive request: front end, derivation, and its presentation (print/derivation.h)
// as text, LaTeX, JSON, the CLI's plain steps and a human report.
#include "derive/derive.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>

#include "api.h"
#include "api/entries_note.h"
#include "api/question.h"
#include "api/report.h"
#include "derive/index_route.h"
#include "derive/program.h"
#include "diff/rules.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/index_translate.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "parse/frontend.h"
#include "print/derivation.h"
#include "print/index_latex.h"
#include "print/latex.h"
#include "print/text.h"
#include "print/typed_latex.h"
#include "util/json.h"

namespace matcalc {

namespace {

std::string step_json(const StepView& s) {
  std::vector<std::string> rules, identities, notes;
  for (const std::string& r : s.rules) {
    rules.push_back(json_string(r));
    const RuleInfo* info = find_rule_info(r);
    identities.push_back(JsonObject()
                             .str("rule", r)
                             .str("latex", info ? info->latex : "")
                             .str("source", info ? info->source : "")
                             .str());
  }
  for (const std::string& n : s.notes) notes.push_back(json_string(n));
  return JsonObject()
      .str("rule", s.rules.empty() ? "" : s.rules.front())
      .raw("rules", json_array(rules))
      .str("title", s.title)
      .str("form", s.form)
      .str("latex", s.latex)
      .raw("text", s.too_large ? "null" : json_string(s.text))
      .raw("identities", json_array(identities))
      .raw("notes", json_array(notes))
      .str();
}

// A condition number for a message: "about 1e+10".
std::string condition_text(double c) {
  char text[32];
  std::snprintf(text, sizeof text, "about %.0e", c);
  return text;
}

std::string check_json(const Check& c) {
  return JsonObject()
      .boolean("passed", c.passed)
      .boolean("inconclusive", c.inconclusive)
      .num("max_rel_error", c.max_rel_error)
      .num("tolerance", c.tolerance)
      .str("sizes", c.sizes)
      .num("seed", c.seed)
      .num("directions", c.directions)
      .boolean("entrywise", c.entrywise)
      .str("inputs", c.inputs)
      .str("method", c.method)
      .num("condition", c.condition)
      .str("undefined", c.undefined)
      .num("tangent_error", c.tangent_error)
      .str();
}

std::string step_check_json(const StepCheck& c) {
  return JsonObject()
      .boolean("ran", c.ran)
      .boolean("passed", c.passed)
      .num("steps", c.steps)
      .num("failed_step", c.failed_step)
      .num("max_rel_error", c.max_rel_error)
      .boolean("inconclusive", c.inconclusive)
      .num("condition", c.condition)
      .str();
}

// ", where P = M M^T, Q = P - I": the definitions a named result uses (and those they
// use), in order, so the LaTeX alone says what the names are.
std::string definitions_latex(Context& ctx, const Derivation& d, Expr result) {
  std::set<std::string> used;
  for (auto it = d.definitions.rbegin(); it != d.definitions.rend(); ++it) {
    bool needed =
        depends_on(result, it->first->name) ||
        std::any_of(d.definitions.begin(), d.definitions.end(), [&](const auto& other) {
          return used.count(other.first->name) && depends_on(other.second, it->first->name);
        });
    if (needed && it->first->name != d.wrt) used.insert(it->first->name);
  }
  std::string out;
  for (const auto& [var, def] : d.definitions)
    if (used.count(var->name))
      out += (out.empty() ? ",\\quad \\text{where } " : ",\\; ") + latex_var_name(var->name) +
             " = " + to_latex(ctx, def);
  return out;
}

// SPEC 10: the index form of f and of the result in the default route's JSON; null
// where a construct has no entry formula the printer can write.
// A question asked entry by entry (SPEC 14) is answered entry by entry too: the index
// route's derivative with its deltas contracted (∂F_ij/∂M_ab = δ_ia M_jb + M_ib δ_ja),
// beside the matrix form; "null" where the index route has no rule for a part.
std::optional<IndexDerivation> entry_answer(Context& ctx, Expr f, const std::string& wrt,
                                            const DeriveOptions& opt) {
  try {
    DeriveOptions quiet = opt;
    quiet.check_steps = false;
    return derive_index(ctx, f, wrt, quiet);
  } catch (const UserError&) {
    return std::nullopt;
  }
}

// The letters of an index derivation's free indices, the function's then the variable's
// ("" where one is not a single letter: a combined index).
std::pair<std::string, std::string> free_letters(const IndexDerivation& d, const Shape& fshape) {
  std::size_t nf = (fshape.rows != kDimOne) + (fshape.cols != kDimOne);
  std::string of, by;
  for (std::size_t k = 0; k < d.result_index.free.size(); ++k) {
    const std::string& n = d.space.name(d.result_index.free[k]);
    if (n.size() != 1) return {"", ""};
    (k < nf ? of : by) += n;
  }
  return {of, by};
}

// `fname`, `fshape`, `wrt`: the function and the variable, for the left sides (`lhs`:
// \frac{\partial F_{ij}}{\partial M_{xy}}, `f_lhs`: F_{ij}; "" where an index has no letter).
std::string entry_answer_json(Context& ctx, const std::optional<IndexDerivation>& d,
                              const std::string& fname, const Shape& fshape,
                              const std::string& wrt) {
  if (!d) return "null";
  auto [of, by] = free_letters(*d, fshape);
  auto sub = [](const std::string& letters) { return letters.empty() ? "" : "_{" + letters + "}"; };
  bool named = !d->result_index.free.empty() && (!of.empty() || !by.empty());
  std::string f_lhs = named ? latex_var_name(fname) + sub(of) : "";
  std::string lhs =
      named ? "\\frac{\\partial " + f_lhs + "}{\\partial " + latex_var_name(wrt) + sub(by) + "}"
            : "";
  return JsonObject()
      .str("lhs", lhs)
      .str("f_lhs", f_lhs)
      .str("f", index_latex(ctx, d->space, d->f_index))
      .str("result", index_latex(ctx, d->space, d->result_index))
      .str("f_text", index_text(ctx, d->space, d->f_index))
      .str("result_text", index_text(ctx, d->space, d->result_index))
      .boolean("asked_by_entries", true)
      .str();
}

std::string index_json(Context& ctx, Expr f, Expr result, const std::string& wrt) {
  try {
    Build b(ctx);
    IndexSpace sp;
    const VarInfo* x = ctx.var(wrt);
    if (!x || !result) return "null";
    // Index notation of a large tree is not read by anyone, and costs more than the
    // derivation: written out only for what fits on a line or two.
    constexpr int kMaxIndexTerms = 200;
    if (tree_size_capped(f, kMaxIndexTerms) > kMaxIndexTerms ||
        tree_size_capped(result, kMaxIndexTerms) > kMaxIndexTerms)
      return "null";
    auto index = [&](Dim d, const char* name) { return d == kDimOne ? -1 : sp.fresh(d, name); };
    auto present = [](std::vector<int> v) {
      v.erase(std::remove(v.begin(), v.end(), -1), v.end());
      return v;
    };
    int i = index(f->shape.rows, "i"), j = index(f->shape.cols, "j");
    int a = index(result->shape.rows, "a"), c = index(result->shape.cols, "b");
    IndexForm fi{to_index(b, sp, f, i, j), present({i, j})};
    IndexForm ri{to_index(b, sp, result, a, c), present({a, c})};
    return JsonObject()
        .str("f", index_latex(ctx, sp, fi))
        .str("result", index_latex(ctx, sp, ri))
        .str("f_text", index_text(ctx, sp, fi))
        .str("result_text", index_text(ctx, sp, ri))
        .str();
  } catch (const UserError&) {
    return "null";
  }
}

// An index-notation step shown as the printers show any step.
StepView index_step_view(Context& ctx, const IndexDerivation& r, const IndexStep& s) {
  return {s.rules,
          s.title,
          "index",
          index_step_latex(ctx, r.space, s),
          index_step_text(ctx, r.space, s),
          false,
          {}};
}

// The steps in plain text, one per line: the rule names, then the step's text.
std::string steps_text(const std::vector<StepView>& steps) {
  std::string out;
  for (const StepView& s : steps) {
    std::string rules;
    for (const std::string& r : s.rules) rules += (rules.empty() ? "" : ", ") + r;
    out += (rules.empty() ? "(no rule)" : rules) + ": " +
           (s.too_large ? "(too large to write out)" : s.text) + "\n";
  }
  return out;
}

}  // namespace

Outcome derive(const DeriveRequest& req) {
  return guarded(req.expr, req.decls, [&]() -> Outcome {
    if (req.layout != "" && req.layout != "denominator" && req.layout != "numerator")
      throw UserError("parse",
                      "unknown layout '" + req.layout + "' (expected denominator or numerator)");
    Context ctx;
    if (req.max_nodes > 0) ctx.set_node_limit(req.max_nodes);
    Question q = read_question(req.expr, req.decls, req.wrt, req.syntax);
    Program program = build_question(ctx, q, req.expr);
    Expr f = program.objective;
    DeriveOptions opt;
    opt.seed = req.seed;
    opt.hessian = req.hessian || q.hessian;
    opt.check_steps = req.check_steps;
    opt.index_of = q.asked.of;
    opt.index_wrt = q.asked.wrt;
    if (req.route != "" && req.route != "matrix" && req.route != "index")
      throw UserError("parse", "unknown route '" + req.route + "' (expected matrix or index)");
    // The index route (SPEC 10): its own steps in index notation; the matrix-form result,
    // checks and layout as the default route's.
    IndexDerivation by_index;
    bool index_route = req.route == "index";
    if (index_route) by_index = derive_index(ctx, program.objective, q.wrt, opt);
    Derivation d = index_route ? by_index.matrix : derive_program(ctx, program, q.wrt, opt);
    DerivationView v = present(ctx, d, req.layout);
    Build build(ctx);
    std::set<std::string> keep;
    if (const VarInfo* w = ctx.var(q.wrt); w && w->definition) keep.insert(q.wrt);
    Outcome out;
    out.ok = true;
    out.text = to_text(ctx, v.result_plain);
    // (the CLI's --format latex says what the names are; JSON lists `definitions`)
    // The result, then what its names stand for: the definitions it uses (in the
    // program's order), then its where-clauses (which may use them), one "where".
    {
      std::string defs = definitions_latex(ctx, d, v.result);
      std::string clauses;
      for (const WhereClause& w : v.where)
        clauses += (defs.empty() && clauses.empty() ? ",\\quad \\text{where } " : ",\\; ") +
                   w.latex_name + " = " + w.latex;
      out.latex = to_latex(ctx, v.result, d.where) + defs + clauses;
    }
    // The steps shown: the index route's own, or the derivation's as printed.
    std::vector<StepView> shown = v.steps;
    if (index_route) {
      shown.clear();
      for (const IndexStep& s : by_index.steps) shown.push_back(index_step_view(ctx, by_index, s));
    }
    out.steps = steps_text(shown);
    std::vector<std::string> steps, where, notes, definitions;
    auto typed_of = [&](const std::string& name) {  // a definition as typed
      for (const Definition& pd : program.definitions)
        if (pd.name == name) return typed_latex(pd.typed);
      return std::string();
    };
    for (const auto& [var, def] : d.definitions)
      definitions.push_back(JsonObject()
                                .str("name", var->name)
                                .str("text", to_text(ctx, def))
                                .str("latex", to_latex(ctx, def))
                                .str("typed_latex", typed_of(var->name))
                                .str("shape", ctx.shape_text(def->shape))
                                .str());
    for (const StepView& s : shown) steps.push_back(step_json(s));
    for (const WhereClause& w : v.where)
      where.push_back(JsonObject()
                          .str("name", w.name)
                          .str("latex_name", w.latex_name)
                          .str("latex", w.latex)
                          .str("text", w.text)
                          .str());
    // Notes: the conventions that may have changed the question (SPEC 7) first, then
    // what the rules say (a subgradient at a kink), all of one shape.
    for (const ConventionNote& n : program.notes) {
      notes.push_back(note_json(n));
      out.notes.push_back(n.message);
    }
    // Asked entry by entry: the index form of the answer, and what it is as a matrix.
    const std::string fname = entry_function_name(d);
    std::optional<IndexDerivation> entries;
    bool by_entries = !q.index_checks.empty() || !q.asked.empty();
    if (!index_route && by_entries)
      entries = entry_answer(ctx, inline_definitions(build, f), q.wrt, opt);
    if (const IndexDerivation* e = index_route ? &by_index
                                   : entries   ? &*entries
                                               : nullptr;
        e && by_entries) {
      auto [of, by] = free_letters(*e, d.f->shape);
      std::string note =
          entries_note(ctx, d, index_text(ctx, e->space, e->result_index), fname, of, by, opt.seed);
      if (!note.empty()) {
        notes.push_back(JsonObject()
                            .str("kind", "entries")
                            .str("variable", q.wrt)
                            .str("message", note)
                            .str("declaration", "")
                            .str());
        out.notes.push_back(note);
      }
    }
    std::set<std::string> said;  // a rule's note once, however many steps used the rule
    for (const std::string& n : d.notes)
      if (said.insert(n).second)
        notes.push_back(JsonObject()
                            .str("kind", "rule")
                            .str("variable", "")
                            .str("message", n)
                            .str("declaration", "")
                            .str());
    std::string backprop = "null";
    if (d.backprop)
      backprop =
          JsonObject()
              .str("upstream", d.upstream)
              .str("text", to_text(ctx, d.backprop))
              .str("latex", to_latex(ctx, d.backprop))
              .str("relation", "for a scalar phi with upstream gradient " + d.upstream +
                                   " = dphi/dF: dphi/d" + q.wrt + " = " + to_text(ctx, d.backprop) +
                                   ", i.e. vec(dphi/d" + q.wrt + ") = J' vec(" + d.upstream +
                                   "): the Jacobian's transpose applied to " + d.upstream +
                                   ", without forming J")
              .str();
    out.json =
        JsonObject()
            .boolean("ok", true)
            .str("kind", d.kind)
            .str("wrt", q.wrt)
            .str("route", index_route ? "index" : "matrix")
            .raw("reading", reading_json(q))
            .raw("expr", expr_json(ctx, f))
            .str("typed_latex", typed_latex(program.typed))
            .raw("result", JsonObject()
                               .str("text", out.text)
                               .str("latex", v.result_latex)
                               .str("lhs", v.lhs_latex)
                               .str("shape", ctx.shape_text(v.result->shape))
                               .str("named_text", to_text(ctx, v.result, d.where))
                               .raw("where", json_array(where))
                               .str())
            .str("function", d.function_name)
            .raw("definitions", json_array(definitions))
            .raw("steps", json_array(steps))
            .raw("shapes", variables_json(ctx))
            .str("layout", v.layout)
            .str("layout_note", v.layout_note)
            .raw("differential", expr_json(ctx, d.differential))
            .raw("gradient", expr_json(ctx, d.gradient))
            .raw("second_differential", expr_json(ctx, d.second_differential))
            .raw("backprop", backprop)
            .str("convention", v.convention)
            .str("convention_latex", v.convention_latex)
            .raw("notes", json_array(notes))
            .raw("check", check_json(d.check))
            .raw("step_check", step_check_json(d.step_check))
            .raw("index",
                 index_route
                     ? JsonObject()
                           .str("f", index_latex(ctx, by_index.space, by_index.f_index))
                           .str("result", index_latex(ctx, by_index.space, by_index.result_index))
                           .str()
                 : by_entries
                     ? entry_answer_json(ctx, entries, fname, d.f->shape, q.wrt)
                     : index_json(ctx, inline_definitions(build, f, keep), v.result_plain, q.wrt))
            .raw("simplify", JsonObject()
                                 .str("stopped", d.simplify_stopped)
                                 .num("passes", d.simplify_passes)
                                 .str())
            .str();
    std::string status = d.check.inconclusive && d.check.inputs == "unresolved"
                             ? "not settled (f varies too fast at the inputs tried)"
                         : d.check.inconclusive && d.check.inputs == "ill-conditioned"
                             ? "inconclusive (f is ill-conditioned at the inputs tried)"
                         : d.check.inconclusive ? "not checked (no inputs where f is finite)"
                         : d.check.passed       ? "passed"
                                                : "FAILED";
    out.human = d.kind + " of " + to_text(ctx, f) + " with respect to " + q.wrt + ": " + out.text +
                "\nnumeric check: " + status;
    if (!d.check.passed)
      out.warning =
          d.check.inconclusive && d.check.inputs == "too-large"
              ? "warning: the numeric check could not run: the expression's matrices are "
                "too large to evaluate at the check's sizes"
          : d.check.inconclusive && d.check.inputs == "ill-conditioned"
              ? "warning: the numeric check is inconclusive: f is ill-conditioned at " +
                    d.check.sizes + ", seed " + std::to_string(d.check.seed) +
                    " (condition number " + condition_text(d.check.condition) +
                    "), so finite differences cannot judge its derivative there"
          : d.check.inconclusive && d.check.inputs == "unresolved"
              ? "warning: the numeric check could not settle: finite differences at "
                "different step sizes disagree with each other (f varies faster than "
                "they resolve at " +
                    d.check.sizes + ", seed " + std::to_string(d.check.seed) + ")"
          : d.check.inconclusive && !d.check.undefined.empty()
              ? "warning: the derivative does not exist at the inputs the check drew (" +
                    d.check.undefined + "): it holds only where the condition its step states holds"
          : d.check.inconclusive
              ? "warning: the numeric check could not run: no random inputs made the "
                "expression finite"
              : "warning: the numeric check FAILED: largest relative error " +
                    std::to_string(d.check.max_rel_error) + " at " +
                    (d.check.sizes.empty() ? "the declared sizes" : d.check.sizes) + ", seed " +
                    std::to_string(d.check.seed) + " (this is a bug in matcalc; please report it)";
    else if (d.step_check.ran && !d.step_check.passed && d.step_check.inconclusive)
      out.warning = "warning: step " + std::to_string(d.step_check.failed_step + 1) +
                    " of the derivation could not be checked: f is ill-conditioned at the "
                    "inputs (condition number " +
                    condition_text(d.step_check.condition) +
                    "), so finite differences cannot judge it there (inconclusive)";
    else if (d.step_check.ran && !d.step_check.passed)
      out.warning = "warning: step " + std::to_string(d.step_check.failed_step + 1) +
                    " of the derivation does not agree with f numerically (largest relative "
                    "error " +
                    std::to_string(d.step_check.max_rel_error) +
                    "; this is a bug in matcalc; please report it)";
    return out;
  });
}

}  // namespace matcalc
