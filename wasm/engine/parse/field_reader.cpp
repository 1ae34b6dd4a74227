// Reading one field (see field_reader.h): the choice between the plain language and
// written mathematics, the plain/written ambiguity of pasted text (`P = MM^T`), and the
// split of the declarations field into declarations and definitions.
#include "parse/field_reader.h"

#include <algorithm>
#include <cctype>
#include <functional>

#include "parse/decls.h"
#include "parse/latex_reader.h"
#include "parse/lexer.h"
#include "parse/parser.h"
#include "parse/typed_source.h"
#include "parse/typer.h"
#include "parse/unicode_math.h"

namespace matcalc {

namespace {

// Maps a position in the text read to the field it came from: `map[i]` is the field
// offset of byte i (empty: the same offset).
struct Placement {
  Source source = Source::Expression;
  std::vector<int> map;
  int at(int i) const {
    if (map.empty()) return i;
    if (i < 0) return 0;
    if (i >= static_cast<int>(map.size())) return map.back() + 1;
    return map[static_cast<std::size_t>(i)];
  }
  Span span(Span s) const {
    int b = at(s.begin);
    int e = s.end > s.begin ? at(s.end - 1) + 1 : b;
    return {b, std::max(e, b)};
  }
  // A span of the text read in the question's coordinates (parse/typed_source.h).
  Span placed(Span s) const {
    Span f = span(s);
    int base = source == Source::Declarations ? TypedSource::kDeclarationsBase : 0;
    return {f.begin + base, f.end + base};
  }
  void place(std::vector<Statement>& statements) const {
    for (Statement& st : statements) {
      st.name_span = placed(st.name_span);
      st.span = placed(st.span);
      move_spans(*st.expr, [&](Span x) { return placed(x); });
    }
  }
  // A user error of the text read, re-pointed into the field.
  UserError moved(UserError e) const {
    if (e.source == Source::Expression) {
      e.source = source;
      Span s = span({e.begin, e.end});
      e.begin = s.begin;
      e.end = s.end;
    }
    return e;
  }
};

FieldReading as_written_math(const std::string& text, const Placement& where,
                             const std::vector<std::string>& declared,
                             const DefinedUses& outer = {}) {
  LatexReading r;
  try {
    r = read_latex(text, declared, "", outer);
  } catch (const UserError& e) {
    throw where.moved(e);
  }
  FieldReading f;
  f.written_math = true;
  f.statements = std::move(r.statements);
  where.place(f.statements);
  f.program = r.text;
  f.decls = r.decls;
  f.wrt = r.wrt;
  f.hessian = r.hessian;
  f.wrt_span = where.span(r.wrt_span);
  f.defined = r.defined;
  f.index_checks = r.index_checks;
  f.asked = r.asked;
  for (IndexCheck& c : f.index_checks) c.span = where.span(c.span);
  for (const std::string& n : r.notes) {
    ConventionNote note;
    note.kind = "reading";
    note.message = n;
    f.notes.push_back(note);
  }
  return f;
}

FieldReading as_plain(const std::string& text, const Placement& where,
                      std::vector<Statement> statements) {
  FieldReading f;
  f.program = text;
  for (const Statement& s : statements)
    if (!s.name.empty()) f.defined.push_back(s.name);
  f.statements = std::move(statements);
  where.place(f.statements);
  return f;
}

bool is_op(const Token& t, const char* op) { return t.kind == Tok::Op && t.text == op; }

// Pasted written mathematics that the plain language also reads, differently: `P = MM^T`
// is a variable MM in the plain language, M*M' in mathematics. The transpose written ^T
// says mathematics; a name of several letters that nothing defines is then a product of
// letters. Returns that name ("" when the text is not such a paste), and in
// *plain_alternative the same text with ' for ^T, which the plain language reads.
std::string written_math_name(const std::string& text, const std::vector<Statement>& statements,
                              const std::vector<std::string>& declared,
                              std::string* plain_alternative) {
  std::vector<Token> toks = tokenize(text, Source::Expression, true);
  std::vector<Span> carets;  // the ^T transposes
  // ^T, and ^T run into the next factor as LaTeX reads it (x^TAx is x^T A x: ^ takes one
  // letter), unless that run is a name the question has.
  auto declared_name = [&](const std::string& n) {
    return std::find(declared.begin(), declared.end(), n) != declared.end();
  };
  for (std::size_t i = 0; i + 1 < toks.size(); ++i) {
    const Token& t = toks[i + 1];
    bool run = t.text.size() > 1 && t.text[0] == 'T' && !declared_name(t.text) &&
               std::all_of(t.text.begin(), t.text.end(),
                           [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    if (is_op(toks[i], "^") && t.kind == Tok::Ident && (t.text == "T" || run))
      carets.push_back({toks[i].span.begin, t.span.begin + 1});
  }
  if (carets.empty() || std::find(declared.begin(), declared.end(), "T") != declared.end())
    return "";
  auto known = [&](const std::string& n) {
    return std::find(declared.begin(), declared.end(), n) != declared.end() ||
           std::any_of(statements.begin(), statements.end(),
                       [&](const Statement& s) { return s.name == n; });
  };
  std::string name;
  for (std::size_t i = 0; i < toks.size() && name.empty(); ++i) {
    const Token& t = toks[i];
    bool letters = std::all_of(t.text.begin(), t.text.end(),
                               [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    bool call = i + 1 < toks.size() && is_op(toks[i + 1], "(");
    if (t.kind == Tok::Ident && t.text.size() >= 2 && letters && !call && t.text != "T" &&
        !is_builtin_name(t.text) && t.text != "ones" && t.text != "eye" &&
        greek_case(t.text).empty() && !known(t.text))
      name = t.text;
  }
  if (name.empty()) return "";
  *plain_alternative = text;
  for (auto c = carets.rbegin(); c != carets.rend(); ++c)
    plain_alternative->replace(static_cast<std::size_t>(c->begin),
                               static_cast<std::size_t>(c->end - c->begin), "'");
  return name;
}

// Whether the plain parse holds a call that written mathematics reads otherwise, the
// plain language taking it for an unknown function:
// - an index sum or an entry: sum_i, sum_ij before a parenthesis (sum_i (x_i - y_i)^2),
//   or x_i, m_ik before one (x_i (x_i - y_i): an entry times a parenthesis, Einstein's);
// - w^T(x + y), d(x'*A*x)/dx, E(W) of a defined E (`outer`): a transpose, a differential,
//   a definition.
bool calls_written_math(const Ast& a, const DefinedUses& outer) {
  auto index_letters = [](const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
      return std::islower(static_cast<unsigned char>(c));
    });
  };
  if (a.kind == AstKind::Call && !is_builtin_name(a.name)) {
    std::size_t bar = a.name.find('_');
    std::string base = bar == std::string::npos ? "" : a.name.substr(0, bar);
    std::string sub = bar == std::string::npos ? "" : a.name.substr(bar + 1);
    bool entry = base.size() == 1 && std::isalpha(static_cast<unsigned char>(base[0])) &&
                 sub.size() <= 2 && index_letters(sub);
    if ((base == "sum" && index_letters(sub)) || entry || a.name == "T" || a.name == "d" ||
        outer.count(a.name))
      return true;
  }
  return std::any_of(a.kids.begin(), a.kids.end(), [&](const std::unique_ptr<Ast>& k) {
    return k && calls_written_math(*k, outer);
  });
}

// df/dx, dL/dW in plain input: the derivative of a defined f (here, or among the
// declarations: `outer`), as written mathematics reads it, not the ratio of two variables
// named df and dx (which the plain language would read, and differentiate to 0).
bool differential_quotient(const std::vector<Statement>& statements, const DefinedUses& outer) {
  if (statements.empty() || !statements.back().name.empty() || !statements.back().expr)
    return false;
  const Ast& q = *statements.back().expr;
  auto differential = [](const Ast& a) {
    return a.kind == AstKind::Ident && a.name.size() > 1 && a.name[0] == 'd';
  };
  if (q.kind != AstKind::Product || q.kids.size() != 2 || q.ops[1] != "/" ||
      !differential(*q.kids[0]) || !differential(*q.kids[1]))
    return false;
  std::string f = q.kids[0]->name.substr(1);
  return outer.count(f) || std::any_of(statements.begin(), statements.end(),
                                       [&](const Statement& s) { return s.name == f; });
}

// Reads `text` as the plain language or as written mathematics (see read_expression_field).
FieldReading read_text(const std::string& text, const std::string& syntax, const Placement& where,
                       const std::vector<std::string>& declared,
                       const std::vector<std::string>& scalars, const DefinedUses& outer = {}) {
  if (syntax != "" && syntax != "auto" && syntax != "plain" && syntax != "latex")
    throw UserError("parse", "unknown syntax '" + syntax + "' (expected plain, latex or auto)");
  bool automatic = syntax.empty() || syntax == "auto";
  if (syntax == "latex" || (automatic && (looks_like_latex(text) || has_unicode_math(text))))
    return as_written_math(text, where, declared, outer);
  std::vector<Statement> statements;
  try {
    statements = parse_program(text, declared, scalars);
  } catch (const UserError& plain) {
    if (!automatic || !explained_by_written_math(plain, text)) throw where.moved(plain);
    // x^T W W^T x, P=MM^T, Q=P-I: written mathematics, whose own error (an index three
    // times in a product, an unknown function) then says more than the plain one.
    return as_written_math(text, where, declared, outer);
  }
  if (automatic && (differential_quotient(statements, outer) ||
                    std::any_of(statements.begin(), statements.end(), [&](const Statement& st) {
                      return st.expr && calls_written_math(*st.expr, outer);
                    })))
    return as_written_math(text, where, declared, outer);
  std::string alternative;
  std::string name = automatic ? written_math_name(text, statements, declared, &alternative) : "";
  if (!name.empty()) {
    try {
      FieldReading f = as_written_math(text, where, declared, outer);
      ConventionNote note;
      note.kind = "reading";
      note.variable = name;
      note.message = name +
                     " is read as a product of letters, as in written mathematics (MM^T is "
                     "M*M'), because the transpose is written ^T; for one variable named " +
                     name + ", write its transpose with ' (" + name + "')";
      note.expression = alternative;
      f.notes.push_back(note);
      return f;
    } catch (const UserError&) {
      // not written mathematics after all: the plain reading stands
    }
  }
  return as_plain(text, where, std::move(statements));
}

// A plain declaration item: `x: vector(n)`, `c: scalar` (not a definition `P := ...`).
bool plain_declaration(const std::string& item) {
  std::size_t i = item.find_first_not_of(" \t\r");
  if (i == std::string::npos) return false;
  int greek = 0;  // μ: vector, θ: vector(n)
  if (!greek_name_at(item, i, &greek).empty())
    i += static_cast<std::size_t>(greek);
  else if (!std::isalpha(static_cast<unsigned char>(item[i])))
    return false;
  while (i < item.size() && (std::isalnum(static_cast<unsigned char>(item[i])) || item[i] == '_'))
    ++i;
  while (i < item.size() && (item[i] == ' ' || item[i] == '\t')) ++i;
  if (i >= item.size() || item[i] != ':') return false;
  std::size_t k = item.find_first_not_of(" \t", i + 1);
  return k != std::string::npos && std::isalpha(static_cast<unsigned char>(item[k]));
}

// Whether an item starts at text[i]: a name, then '=', ':=' or ':' (x: vector(n), D = W*X),
// so that a comma before it separates items (and one in `a, b \in R^n` does not).
bool item_follows(const std::string& text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (i >= text.size() || !std::isalpha(static_cast<unsigned char>(text[i]))) return false;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
    ++i;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i < text.size() && (text[i] == '=' || text[i] == ':');
}

}  // namespace

// Whether the plain language's error is one that written mathematics explains: factors
// side by side (x^T W W^T x, 2x: "missing operator" before a name or a parenthesis), or
// statements separated by commas (P=MM^T, Q=P-I: an '=' or ',' the plain grammar does
// not expect). Other errors (a stray '$', two numbers side by side) stay the plain
// language's: written mathematics would only hide them.
bool explained_by_written_math(const UserError& e, const std::string& text) {
  std::string m = e.what();
  auto starts = [&](const char* p) { return m.rfind(p, 0) == 0; };
  if (starts("missing operator before '")) {
    char next = m[sizeof("missing operator before '") - 1];
    // A number run into what follows (1.5.2, 1e-3e4, 1e3e): a malformed number, never
    // a product of numbers and the letter e.
    std::size_t at = static_cast<std::size_t>(std::max(0, e.begin));
    std::size_t k = at;
    while (k > 0 && (std::isalnum(static_cast<unsigned char>(text[k - 1])) || text[k - 1] == '.' ||
                     ((text[k - 1] == '-' || text[k - 1] == '+') && k > 1 &&
                      (text[k - 2] == 'e' || text[k - 2] == 'E'))))
      --k;
    std::string before = text.substr(k, at - k);
    bool scientific = !before.empty() && std::isdigit(static_cast<unsigned char>(before[0])) &&
                      before.find_first_of("eE") != std::string::npos;
    bool run_on = at > 0 && at <= text.size() &&
                  std::isdigit(static_cast<unsigned char>(text[at - 1])) &&
                  (next == '.' || ((next == 'e' || next == 'E') && scientific));
    if (scientific && at > 0 && std::isalpha(static_cast<unsigned char>(next))) run_on = true;
    return !std::isdigit(static_cast<unsigned char>(next)) && !run_on;
  }
  // ||x||^2, |X|, log|X|: norms and determinants as written mathematics writes them.
  return starts("unexpected '='") || starts("unexpected ','") ||
         starts("unexpected character '|'") || starts("expected ')' to close the '(' at column");
}

// (Here, not in latex_reader.cpp: the first visit's module has no LaTeX reader.)
DefinedUses defined_uses(const std::vector<Statement>& statements) {
  std::map<std::string, std::vector<std::string>> direct;
  std::function<void(const Ast&, std::vector<std::string>&)> names =
      [&](const Ast& a, std::vector<std::string>& out) {
        if (a.kind == AstKind::Ident) out.push_back(a.name);
        for (const AstPtr& k : a.kids)
          if (k) names(*k, out);
      };
  for (const Statement& s : statements)
    if (!s.name.empty() && s.expr) names(*s.expr, direct[s.name]);
  return closed_uses(direct);
}

DefinedUses closed_uses(const std::map<std::string, std::vector<std::string>>& direct) {
  DefinedUses uses;
  std::function<void(const std::string&, std::set<std::string>&)> add =
      [&](const std::string& d, std::set<std::string>& out) {
        for (const std::string& u : direct.at(d))
          if (out.insert(u).second && direct.count(u)) add(u, out);
      };
  for (const auto& [d, _] : direct) add(d, uses[d]);
  return uses;
}

FieldReading read_expression_field(const std::string& text, const std::string& syntax,
                                   const std::vector<std::string>& declared,
                                   const std::vector<std::string>& scalars,
                                   const DefinedUses& outer) {
  return read_text(text, syntax, Placement{}, declared, scalars, outer);
}

FieldReading read_declarations_field(const std::string& text) {
  // Items end at ';' and line ends outside brackets; plain declarations stay in place,
  // the rest (definitions, LaTeX) is read as one text whose bytes map into the field.
  std::string kept = text;
  std::string rest;
  Placement where;
  where.source = Source::Declarations;
  std::size_t start = 0;
  int depth = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char c = i < text.size() ? text[i] : ';';
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') depth = std::max(0, depth - 1);
    bool end = i == text.size();  // (an unclosed bracket ends with the field)
    bool separator =
        depth == 0 && (c == ';' || c == '\n' || (c == ',' && item_follows(text, i + 1)));
    if (!end && !separator) continue;
    std::string item = text.substr(start, i - start);
    // A definition or written mathematics; anything else is the declarations parser's
    // to read or to refuse with its own message.
    bool other = !plain_declaration(item) && (item.find('=') != std::string::npos ||
                                              looks_like_latex(item) || has_unicode_math(item));
    if (other) {
      if (!rest.empty()) {
        rest += '\n';
        where.map.push_back(static_cast<int>(start) - 1);
      }
      rest += item;
      for (std::size_t k = start; k < i; ++k) {
        where.map.push_back(static_cast<int>(k));
        kept[k] = ' ';
      }
    }
    start = i + 1;
  }
  FieldReading f;
  if (!rest.empty()) {
    // The plain declarations among them say how the definitions parse (a declared T makes
    // A^T a power, a declared scalar c multiplies in c(x + y)); their own errors are the
    // declarations parser's to report, later.
    std::vector<Decl> given;
    try {
      given = parse_declarations(kept);
    } catch (const UserError&) {
    }
    std::vector<std::string> declared = names_of(given), scalars = scalar_names(given);
    f = read_text(rest, "auto", where, declared, scalars);
    // Every statement there is a definition or a declaration: an expression belongs in
    // the expression field, a question too.
    for (const Statement& s : f.statements)
      if (s.name.empty()) {
        int b = TypedSource::offset(s.span.begin), e = TypedSource::offset(s.span.end);
        throw UserError("declaration",
                        "the declarations hold declarations (x: vector(n)) and definitions "
                        "(D = W*X); this is neither: an expression to differentiate goes in "
                        "the expression",
                        Source::Declarations, b, std::max(e, b + 1));
      }
  }
  std::string given = kept.find_first_not_of(" \t\r\n;,") == std::string::npos ? "" : kept;
  f.decls = given + (!given.empty() && !f.decls.empty() ? "; " : "") + f.decls;
  return f;
}

}  // namespace matcalc
