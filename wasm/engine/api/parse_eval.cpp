// The API: requests in, Outcomes out (text, LaTeX, JSON, a human report). All
// exceptions stop here (see report.h).
#include "api.h"
#include "api/question.h"
#include "api/report.h"
#include "derive/derive.h"
#include "diff/rules.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/latex.h"
#include "print/text.h"
#include "print/typed_latex.h"
#include "util/json.h"
#include "util/number.h"

namespace matcalc {

namespace {

std::string matrix_text(const Matrix& m) {
  if (m.size() == 1) return format_number(m(0, 0));
  std::string out;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    out += "    [";
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%10.5g", m(i, j));
      out += buf;
    }
    out += " ]\n";
  }
  return out;
}

std::string matrix_json(const Matrix& m) {
  std::vector<std::string> rows;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    std::vector<std::string> row;
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(json_number(m(i, j)));
    rows.push_back(json_array(row));
  }
  return json_array(rows);
}

}  // namespace

Outcome parse(const ParseRequest& req) {
  return guarded(req.expr, req.decls, [&] {
    Context ctx;
    Question q = read_question(req.expr, req.decls, "", req.syntax);
    Program program = build_question(ctx, q, req.expr);
    Expr e = program.objective;
    Outcome out;
    out.ok = true;
    // The reading as a program: each definition on its line, then the objective.
    std::string lines, latex_lines;
    std::vector<std::string> definitions;
    for (const Definition& d : program.definitions) {
      lines += d.name + " = " + to_text(ctx, d.expr) + "\n";
      latex_lines += latex_var_name(d.name) + " = " + to_latex(ctx, d.expr) + ",\\quad ";
      definitions.push_back(JsonObject()
                                .str("name", d.name)
                                .str("text", to_text(ctx, d.expr))
                                .str("latex", to_latex(ctx, d.expr))
                                .str("typed_latex", typed_latex(d.typed))
                                .str("shape", ctx.shape_text(d.expr->shape))
                                .str());
    }
    std::string named = program.objective_name.empty() ? "" : program.objective_name + " = ";
    out.text = lines + named + to_text(ctx, e);
    out.latex = latex_lines +
                (named.empty() ? "" : latex_var_name(program.objective_name) + " = ") +
                to_latex(ctx, e);
    std::string reading;
    if (q.latex)
      reading =
          "read as written mathematics (LaTeX)" +
          (q.wrt.empty() ? std::string() : "; the question asks for the derivative by " + q.wrt) +
          (q.decls.empty() ? std::string() : "; declarations: " + q.decls) + "\n";
    std::vector<std::string> notes;
    std::string note_lines;  // in the report, not on standard error: parse only shows
    for (const ConventionNote& n : program.notes) {
      notes.push_back(note_json(n));
      note_lines += "note: " + n.message + "\n";
    }
    out.human = reading + note_lines + (lines.empty() ? "" : "definitions:\n" + lines) +
                "expression: " + named + to_text(ctx, e) + "\nshape: " + shape_word(ctx, e->shape) +
                "\nvariables:\n" + variables_text(ctx);
    out.json =
        JsonObject()
            .boolean("ok", true)
            .raw("expr", expr_json(ctx, e))
            // As typed (the preview shows tr(QQ^T), the canonical expr tr(Q^2)).
            .str("typed_latex", typed_latex(program.typed))
            .raw("definitions", json_array(definitions))
            .raw("reading", reading_json(q))
            .raw("notes", json_array(notes))
            .str("function", program.objective_name)
            .str("kind",
                 e->shape.scalar() ? "scalar" : (e->shape.cols == kDimOne ? "vector" : "matrix"))
            .raw("variables", variables_json(ctx))
            .str();
    return out;
  });
}

Outcome evaluate(const EvalRequest& req) {
  return guarded(req.expr, req.decls, [&] {
    Context ctx;
    Build b(ctx);
    Question q = read_question(req.expr, req.decls, "", req.syntax);
    Expr e = inline_definitions(b, build_question(ctx, q, req.expr).objective);
    Instance in;
    std::string which;
    if (!usable_instance(ctx, e, nullptr, req.seed, &in, &which)) {
      if (which == "too-large") {
        // (sizes saturate at 2^30 entries a side, so a count that large is a lower bound)
        Instance sized = sized_instance(ctx, e);
        double entries = largest_node(ctx, sized, e);
        throw UserError("unsupported",
                        "the expression is too large to evaluate: a part of it has " +
                            std::string(entries >= (1 << 30) ? "over " : "") +
                            std::to_string(static_cast<long long>(entries)) + " entries at " +
                            sizes_text(ctx, sized) + " (the limit is " +
                            std::to_string(static_cast<long long>(kMaxEntries)) + ")");
      }
      in = random_instance(ctx, e, req.seed, Domain::Plain);
      which = "plain (the expression is not finite at any inputs tried)";
    }
    Matrix v = Evaluator(ctx, in).eval(e);
    Outcome out;
    out.ok = true;
    out.text = to_text(ctx, e);
    out.latex = to_latex(ctx, e);
    out.human = "value of " + out.text + " at random inputs (seed " + std::to_string(req.seed) +
                ", " + sizes_text(ctx, in) + "):\n" + matrix_text(v) + (v.size() == 1 ? "\n" : "");
    std::vector<std::string> inputs;
    if (req.verbose) {
      out.human += "inputs:\n";
      for (const VarInfo& var : ctx.vars()) {
        const Matrix& m = in.values.at(var.name);
        out.human += "  " + var.name + " =" + (m.size() == 1 ? " " : "\n") + matrix_text(m) +
                     (m.size() == 1 ? "\n" : "");
      }
    }
    for (const VarInfo& var : ctx.vars())
      inputs.push_back(JsonObject()
                           .str("name", var.name)
                           .raw("value", matrix_json(in.values.at(var.name)))
                           .str());
    JsonObject j;
    j.boolean("ok", true)
        .raw("expr", expr_json(ctx, e))
        .raw("value", matrix_json(v))
        .num("seed", req.seed)
        .str("sizes", sizes_text(ctx, in))
        .str("inputs_kind", which);
    if (req.verbose) j.raw("inputs", json_array(inputs));
    out.json = j.str();
    return out;
  });
}

}  // namespace matcalc
