// The export request: the front end and the derivation as `derive` runs them, then the
// code printer (print/code.h) over the program's definitions, its value and the
// gradient (a scalar value) or the backprop form (a vector or matrix value).
#include "api/export.h"

#include <functional>
#include <set>

#include "api/question.h"
#include "api/report.h"
#include "derive/program.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "parse/frontend.h"
#include "print/code.h"
#include "util/json.h"

namespace matcalc {

namespace {

// The variables f depends on (definitions written out, except wrt), in the Context's
// order, and wrt.
std::vector<std::string> inputs_of(Context& ctx, Expr plain, const std::string& wrt) {
  std::set<std::string> used{wrt};
  std::set<Expr> seen;
  std::function<void(Expr)> walk = [&](Expr e) {
    if (!seen.insert(e).second) return;
    if (e->kind == Kind::Var) used.insert(e->name);
    for (Expr k : e->kids) walk(k);
  };
  walk(plain);
  std::vector<std::string> out;
  for (const VarInfo& v : ctx.vars())
    if (used.count(v.name) && (!v.definition || v.name == wrt)) out.push_back(v.name);
  return out;
}

}  // namespace

Outcome export_code(const ExportRequest& req) {
  return guarded(req.expr, req.decls, [&]() -> Outcome {
    CodeLang lang;
    if (!code_lang_from_name(req.lang, &lang))
      throw UserError(
          "parse", "unknown language '" + req.lang + "' (expected numpy, torch, eigen or matlab)");
    Context ctx;
    Question q = read_question(req.expr, req.decls, req.wrt, req.syntax);
    Program program = build_question(ctx, q, req.expr);
    if (q.hessian)  // (never the gradient's code for a question that asks for the Hessian)
      throw UserError("unsupported",
                      "code export writes the gradient, and this question asks for the Hessian: "
                      "ask for the gradient to export it",
                      Source::Expression, 0, std::max<int>(1, static_cast<int>(req.expr.size())));
    DeriveOptions opt;
    opt.seed = req.seed;
    opt.check_steps = false;
    Derivation d = derive_program(ctx, program, q.wrt, opt);
    Build b(ctx);
    std::set<std::string> keep{q.wrt};
    CodeRequest code;
    code.source = req.expr;
    code.function_name = d.function_name;
    code.wrt = q.wrt;
    code.value = program.objective;
    code.inputs = inputs_of(ctx, inline_definitions(b, program.objective, keep), q.wrt);
    for (const Definition& def : program.definitions) {
      code.definitions.push_back({def.name, def.expr});
      code.aliases.push_back({inline_definitions(b, def.expr, keep), def.name});
    }
    if (program.objective->shape.scalar()) {
      code.gradient = d.result;
    } else {
      if (!d.backprop) throw InternalError("export: no backprop form for a matrix value");
      code.backprop = d.backprop;
      code.upstream = d.upstream;
    }
    CodeExport ex = print_code(ctx, code, lang);
    std::vector<std::string> vars;
    for (const std::string& name : code.inputs) {
      const VarInfo* v = ctx.var(name);
      vars.push_back(JsonObject()
                         .str("name", name)
                         .str("kind", v->kind)
                         .str("shape", ctx.shape_text(v->shape))
                         .str());
    }
    std::vector<std::string> sizes;
    for (const std::string& s : ex.sizes) sizes.push_back(json_string(s));
    Outcome out;
    out.ok = true;
    out.text = ex.code;
    for (const ConventionNote& n : program.notes) out.notes.push_back(n.message);
    out.json = JsonObject()
                   .boolean("ok", true)
                   .str("lang", code_lang_name(lang))
                   .str("code", ex.code)
                   .str("function", ex.function)
                   .str("kind", code.gradient ? "gradient" : "vjp")
                   .str("wrt", q.wrt)
                   .raw("variables", json_array(vars))
                   .raw("sizes", json_array(sizes))
                   .str();
    out.human = ex.code;
    return out;
  });
}

}  // namespace matcalc
