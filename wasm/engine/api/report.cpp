// Error rendering and variable listings for the API's outcomes.
#include "api/report.h"

#include <algorithm>

#include "api/question.h"
#include "expr/structures.h"
#include "print/latex.h"
#include "print/text.h"
#include "util/json.h"
#include "util/utf8.h"

namespace matcalc {

namespace {

// Number of UTF-8 code points in s[0, bytes).
int columns(const std::string& s, int bytes) {
  int n = 0;
  for (int i = 0; i < bytes && i < static_cast<int>(s.size()); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

// The input around the error, at most ~72 columns, control bytes shown as '?', and
// the caret line under the span.
std::pair<std::string, std::string> excerpt(const std::string& src, int begin, int end) {
  const int kWindow = 60;
  int from = std::max(0, begin - kWindow / 2);
  while (from > 0 && (static_cast<unsigned char>(src[from]) & 0xC0) == 0x80) --from;
  int to = std::min(static_cast<int>(src.size()), std::max(end, from + kWindow));
  while (to < static_cast<int>(src.size()) && (static_cast<unsigned char>(src[to]) & 0xC0) == 0x80)
    ++to;
  std::string line = from > 0 ? "..." : "";
  int lead = columns(line, static_cast<int>(line.size()));
  for (int i = from; i < to;) {
    unsigned char c = static_cast<unsigned char>(src[i]);
    int n = utf8_sequence(src, static_cast<std::size_t>(i));
    if (n == 0 || c < 0x20 || c == 0x7f) {  // shown as one column, like the caret counts it
      line += '?';
      ++i;
    } else {
      line.append(src, static_cast<std::size_t>(i), static_cast<std::size_t>(n));
      i += n;
    }
  }
  if (to < static_cast<int>(src.size())) line += "...";
  std::string sub = src.substr(from, to - from);
  int caret_at = lead + columns(sub, begin - from);
  int width = std::max(1, columns(sub, std::min(end, to) - from) - columns(sub, begin - from));
  std::string caret = std::string(caret_at, ' ') + std::string(width, '^');
  return {line, caret};
}

}  // namespace

Outcome error_outcome(const UserError& e, const std::string& expr, const std::string& decls,
                      const std::string& answer) {
  Outcome out;
  out.ok = false;
  out.error.code = e.code;
  out.error.message = e.what();
  const std::string* src = e.source == Source::Expression     ? &expr
                           : e.source == Source::Declarations ? &decls
                           : e.source == Source::Answer       ? &answer
                                                              : nullptr;
  out.error.source = e.source == Source::Expression     ? "expression"
                     : e.source == Source::Declarations ? "declarations"
                     : e.source == Source::Answer       ? "answer"
                                                        : "";
  std::string rendered = "error: " + out.error.message;
  std::string line, caret;
  int line_number = 0;
  if (src) {
    // Positions are within the line that holds the error (declarations may span lines).
    int size = static_cast<int>(src->size());
    int begin = std::min(e.begin, size);
    std::size_t nl =
        begin > 0 ? src->rfind('\n', static_cast<std::size_t>(begin - 1)) : std::string::npos;
    int start = nl == std::string::npos ? 0 : static_cast<int>(nl) + 1;
    std::size_t stop_at = src->find('\n', static_cast<std::size_t>(begin));
    int stop = stop_at == std::string::npos ? size : static_cast<int>(stop_at);
    std::string text = src->substr(start, stop - start);
    int b = begin - start;
    int en = std::min(std::max(e.end, begin + 1), stop + 1) - start;
    out.error.column = columns(text, b) + 1;
    out.error.length =
        std::max(1, columns(text, std::min(en, static_cast<int>(text.size()))) - columns(text, b));
    std::tie(line, caret) = excerpt(text, b, en);
    bool multiline = src->find('\n') != std::string::npos;
    line_number =
        multiline ? 1 + static_cast<int>(std::count(src->begin(), src->begin() + begin, '\n')) : 0;
    rendered += " (" + out.error.source +
                (multiline ? ", line " + std::to_string(line_number) : std::string()) +
                ", column " + std::to_string(out.error.column) + ")\n  " + line + "\n  " + caret;
  }
  out.error.rendered = rendered;
  JsonObject err;
  err.str("code", out.error.code)
      .str("message", out.error.message)
      .str("source", out.error.source)
      .num("column", out.error.column)
      .num("length", out.error.length)
      .num("line_number", line_number)
      .str("line", line)
      .str("caret", caret)
      .str("rendered", rendered);
  out.json = JsonObject().boolean("ok", false).raw("error", err.str()).str();
  return out;
}

Outcome internal_error_outcome(const std::string& what) {
  UserError e("internal", "internal error (a bug in matcalc, not in your input): " + what);
  return error_outcome(e, "", "");
}

std::string shape_word(const Context& ctx, Shape s) {
  if (s.scalar()) return "scalar";
  if (s.cols == kDimOne) return "vector " + ctx.shape_text(s);
  return "matrix " + ctx.shape_text(s);
}

std::string expr_json(Context& ctx, Expr e) {
  if (!e) return "null";
  return JsonObject()
      .str("text", to_text(ctx, e))
      .str("latex", to_latex(ctx, e))
      .str("shape", ctx.shape_text(e->shape))
      .str();
}

std::string variables_json(Context& ctx) {
  std::vector<std::string> items;
  for (const VarInfo& v : ctx.vars()) {
    const StructureRow* row = structure_of(v);
    items.push_back(JsonObject()
                        .str("name", v.name)
                        .str("kind", v.kind)
                        .str("shape", ctx.shape_text(v.shape))
                        .str("rows", ctx.dim_text(v.shape.rows))
                        .str("cols", ctx.dim_text(v.shape.cols))
                        .boolean("declared", v.declared)
                        // on a constraint set (SPEC 13): its gradient is the projected one
                        .boolean("constrained", row && !row->ambient_correct)
                        .str("latex", latex_var_name(v.name))
                        .str());
  }
  return json_array(items);
}

std::string variables_text(Context& ctx) {
  std::string out;
  for (const VarInfo& v : ctx.vars())
    out += "  " + v.name + ": " + v.kind + " " + ctx.shape_text(v.shape) +
           (v.definition ? " = " + to_text(ctx, v.definition)
            : v.declared ? " (declared)"
                         : " (by naming convention)") +
           "\n";
  return out;
}

std::string reading_json(const Question& q) {
  return JsonObject()
      .str("syntax", q.latex ? "latex" : "plain")
      .str("text", q.program)
      .str("decls", q.decls)
      .str("wrt", q.wrt)
      .str();
}

std::string note_json(const ConventionNote& n) {
  // {kind, variable, message, declaration}, as SPEC 7 has it; a note about several names
  // adds `variables`, a reading note the `expression` of the other reading.
  JsonObject j;
  j.str("kind", n.kind).str("variable", n.variable);
  if (n.variables.size() > 1) {
    std::vector<std::string> names;
    for (const std::string& v : n.variables) names.push_back(json_string(v));
    j.raw("variables", json_array(names));
  }
  j.str("message", n.message).str("declaration", n.declaration);
  if (!n.expression.empty()) j.str("expression", n.expression);
  return j.str();
}

}  // namespace matcalc
