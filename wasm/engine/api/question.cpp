#include "api/question.h"

#include <algorithm>

#include "expr/error.h"
#include "parse/decls.h"
#include "parse/latex_reader.h"

namespace matcalc {

Question read_question(const std::string& expr, const std::string& decls, const std::string& wrt,
                       const std::string& syntax) {
  if (syntax != "" && syntax != "auto" && syntax != "plain" && syntax != "latex")
    throw UserError("parse", "unknown syntax '" + syntax + "' (expected plain, latex or auto)");
  Question q;
  q.latex = syntax == "latex" || ((syntax.empty() || syntax == "auto") && looks_like_latex(expr));
  q.wrt = wrt;
  q.decls = decls;
  if (looks_like_latex(decls)) {
    try {
      LatexReading d = read_latex(decls);
      q.decls = d.decls;
    } catch (UserError& e) {
      e.source = Source::Declarations;
      throw;
    }
  }
  if (!q.latex) {
    q.program = expr;
    return q;
  }
  LatexReading r = read_latex(expr);
  q.program = r.text;
  // The declarations given come first; the LaTeX's own (from \in or typography) add the
  // names they leave out.
  std::vector<Decl> given = parse_declarations(q.decls);
  std::string item;
  for (std::size_t at = 0; at <= r.decls.size(); ++at) {
    if (at < r.decls.size() && r.decls[at] != ';') {
      item += r.decls[at];
      continue;
    }
    std::size_t start = item.find_first_not_of(' ');
    std::string name = start == std::string::npos ? "" : item.substr(start, item.find(':') - start);
    bool taken =
        std::any_of(given.begin(), given.end(), [&](const Decl& g) { return g.name == name; });
    if (!name.empty() && !taken) q.decls += (q.decls.empty() ? "" : "; ") + item.substr(start);
    item.clear();
  }
  if (q.wrt.empty()) q.wrt = r.wrt;
  q.origin = std::move(r.origin);
  return q;
}

Program build_question(Context& ctx, const Question& q, const std::string& expr) {
  if (!q.latex) return build_program(ctx, q.program, q.decls);
  try {
    return build_program(ctx, q.program, q.decls);
  } catch (UserError& e) {
    if (e.source != Source::Expression) throw;
    // The span is in the reading: point at the LaTeX it came from.
    const std::vector<Span>& origin = q.origin;
    if (origin.empty()) {
      e.begin = 0;
      e.end = static_cast<int>(expr.size());
      throw;
    }
    auto at = [&](int i) { return origin[std::clamp<std::size_t>(i, 0, origin.size() - 1)]; };
    int begin = at(e.begin).begin;
    int end = std::max(at(std::max(e.begin, e.end - 1)).end, begin + 1);
    e.begin = begin;
    e.end = end;
    throw;
  }
}

}  // namespace matcalc
