#include "api/question.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/instance.h"
#include "parse/decls.h"
#include "util/words.h"

namespace matcalc {

namespace {

// `first`, then each declaration of `more` whose name `first` leaves out and nothing defines.
std::string merge_declarations(const std::string& first, const std::string& more,
                               const std::set<std::string>& defined) {
  std::vector<std::string> taken = names_of(parse_declarations(first));
  std::string out = first;
  std::string item;
  for (std::size_t at = 0; at <= more.size(); ++at) {
    if (at < more.size() && more[at] != ';') {
      item += more[at];
      continue;
    }
    std::size_t start = item.find_first_not_of(' ');
    std::string name = start == std::string::npos ? "" : item.substr(start, item.find(':') - start);
    while (!name.empty() && name.back() == ' ') name.pop_back();
    bool skip = name.empty() || defined.count(name) ||
                std::find(taken.begin(), taken.end(), name) != taken.end();
    if (!skip) {
      out += (out.find_first_not_of(" \t\r\n;,") == std::string::npos ? "" : "; ") +
             item.substr(start);
      taken.push_back(name);
    }
    item.clear();
  }
  return out;
}

void append(Question& q, FieldReading& f) {
  if (f.statements.empty()) return;
  q.program += (q.program.empty() ? "" : "\n") + f.program;
  for (Statement& s : f.statements) q.statements.push_back(std::move(s));
}

std::string joined(const std::vector<std::string>& names, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? sep : "") + names[i];
  return out;
}

// Whether the question, with `names` declared `kind` as well, is scalar-valued.
bool scalar_with(const Question& q, const std::vector<std::string>& names,
                 const std::string& kind = "vector") {
  std::string decls = q.decls;
  for (const std::string& v : names)
    decls +=
        (decls.find_first_not_of(" \t\r\n;,") == std::string::npos ? "" : "; ") + v + ": " + kind;
  try {
    Context trial;
    return build_program(trial, q.statements, q.source, decls).objective->shape.scalar();
  } catch (const UserError&) {
    return false;
  }
}

// SPEC 7 made whole: when names the naming convention made scalars turn f into a vector
// or matrix (a'*X*b: a transposed, then b multiplies a row), the note names every name
// that must be a vector for f to be scalar, and its fix declares them all.
void complete_convention_notes(const Context& ctx, const Question& q, Program& p) {
  if (p.objective->shape.scalar()) return;
  std::vector<std::string> noted, others;
  for (const ConventionNote& n : p.notes)
    if (n.kind == "convention") noted.push_back(n.variable);
  if (noted.empty()) return;
  for (const VarInfo& v : ctx.vars())
    if (!v.declared && !v.definition && v.kind == "scalar" &&
        std::find(noted.begin(), noted.end(), v.name) == noted.end())
      others.push_back(v.name);
  if (others.size() > 8) others.resize(8);  // a bounded search: at most 93 readings
  std::vector<std::string> found;
  for (std::size_t k = 0; k <= std::min<std::size_t>(3, others.size()) && found.empty(); ++k) {
    std::vector<bool> pick(others.size(), false);
    std::fill(pick.begin(), pick.begin() + static_cast<long>(k), true);
    do {
      std::vector<std::string> names = noted;
      for (std::size_t i = 0; i < others.size(); ++i)
        if (pick[i]) names.push_back(others[i]);
      if (scalar_with(q, names)) {
        found = names;
        break;
      }
    } while (std::prev_permutation(pick.begin(), pick.end()));
  }
  if (found.size() < 2) return;
  std::vector<std::string> decls;
  for (const std::string& n : found) decls.push_back(n + ": vector");
  ConventionNote all;
  all.variable = found.front();
  all.variables = found;
  all.declaration = joined(decls, "; ");
  all.message = joined(found, ", ") +
                " are scalars by the naming convention (names a to g and lower-case Greek "
                "names are scalars), and with them the expression is not a scalar: it was "
                "derived as written. If they are vectors, declare them: " +
                all.declaration;
  std::vector<ConventionNote> kept{all};
  for (const ConventionNote& n : p.notes)
    if (n.kind != "convention" || std::find(found.begin(), found.end(), n.variable) == found.end())
      kept.push_back(n);
  p.notes = std::move(kept);
}

// SPEC 7 the other way: a capital the naming convention made a matrix, used as a number
// (N/2*logdet(S), T*x'*x), makes f a matrix. The note names it when declaring it a scalar
// makes f one (the first such name; at most eight tried).
void note_convention_matrices(const Context& ctx, const Question& q, Program& p) {
  // (Only for a derivative asked: a matrix-valued expression read alone, 2*A, is no question.)
  if (p.objective->shape.scalar() || q.wrt.empty()) return;
  for (const ConventionNote& n : p.notes)
    if (n.kind == "convention") return;
  int tried = 0;
  for (const VarInfo& v : ctx.vars()) {
    if (v.declared || v.definition || v.kind != "matrix" || v.name == q.wrt) continue;
    if (++tried > 8) return;
    if (!scalar_with(q, {v.name}, "scalar")) continue;
    ConventionNote n;
    n.variable = v.name;
    n.declaration = v.name + ": scalar";
    n.message = v.name + " is a matrix by the naming convention (capital names are matrices), " +
                "and with it the expression is not a scalar: it was derived as written. If " +
                v.name + " is a number, declare it: " + n.declaration;
    p.notes.push_back(n);
    return;
  }
}

// A question read entry by entry stands for its matrix form only where the two agree:
// each statement's entries, summed by brute force as index notation means them, against
// its matrix form evaluated at the same random values (every entry, sizes 2 to 5). A
// disagreement is a bug in the reading, never an answer.
void check_index_readings(Context& ctx, const Question& q, const Program& p) {
  if (q.index_checks.empty()) return;
#ifdef MATCALC_CORE_MODULE
  // The first visit's module has no LaTeX reader (core_stubs.cpp), the only maker of index
  // readings: none reaches here, and their check stays out of its bytes.
  (void)ctx, (void)p;
  throw InternalError("an index reading in the core module");
#else
  Build b(ctx);
  Expr whole = inline_definitions(b, p.objective);
  Instance in;
  std::string which;
  if (!usable_instance(ctx, whole, nullptr, 7, &in, &which))
    in = random_instance(ctx, whole, 7, Domain::Positive);
  Evaluator eval(ctx, in);
  std::map<std::string, Matrix> values;  // variables, and defined names evaluated
  auto matrix_of = [&](const std::string& name) -> const Matrix& {
    auto it = values.find(name);
    if (it != values.end()) return it->second;
    const VarInfo* v = ctx.var(name);
    Matrix m;
    if (!name.empty() && name[0] == '(')  // a part in matrix form, (X*w) of (Xw)_i
      m = eval.eval(inline_definitions(b, build_expression(ctx, name, q.decls)));
    else if (!v && name == p.objective_name)  // f_{ij} = ... asked by entries: no variable F
      m = eval.eval(whole);
    else if (!v)
      throw InternalError("index check: no variable " + name);
    else
      m = v->definition ? eval.eval(inline_definitions(b, v->definition)) : in.values.at(name);
    return values.emplace(name, std::move(m)).first->second;
  };
  IndexCheck::Value value = [&](const std::string& name, int r, int c) {
    const Matrix& m = matrix_of(name);
    return m(r, c);
  };
  IndexCheck::Size size = [&](const std::string& name, int axis) {
    const Matrix& m = matrix_of(name);
    return static_cast<int>(axis == 0 ? m.rows() : m.cols());
  };
  for (const IndexCheck& c : q.index_checks) {
    bool objective = c.name.empty() || c.name == p.objective_name || !ctx.var(c.name);
    Matrix got = objective ? eval.eval(whole) : matrix_of(c.name);
    int rows = c.free.size() >= 1 ? c.range(c.free[0], size) : 1;
    int cols = c.free.size() >= 2 ? c.range(c.free[1], size) : 1;
    if (got.rows() != rows || got.cols() != cols) {
      // The entries' free indices say one shape, the parts written with matrices another
      // (\sum_i x_i + x^T A: a number plus a row): the question's, not the reading's.
      auto shape = [](long r, long c) { return std::to_string(r) + "×" + std::to_string(c); };
      throw UserError(
          "shape",
          "this question is written entry by entry, and its entries make it " +
              (c.free.empty()
                   ? std::string("a number (no free index)")
                   : "an entry (" + c.free + ")" + " of a " + shape(rows, cols) + " matrix") +
              ", but the parts written with matrices make it " + shape(got.rows(), got.cols()) +
              " (at the sizes drawn to check it): every term must have the same "
              "shape",
          Source::Expression, c.span.begin, std::max(c.span.end, c.span.begin + 1));
    }
    bool agree = true;
    for (int i = 0; agree && i < rows; ++i)
      for (int j = 0; agree && j < cols; ++j) {
        std::map<char, int> at;
        if (c.free.size() >= 1) at[c.free[0]] = i;
        if (c.free.size() >= 2) at[c.free[1]] = j;
        double want = c.entry(at, value, size), have = got(i, j);
        if (!std::isfinite(want) || !std::isfinite(have)) continue;
        agree = std::fabs(want - have) <= 1e-8 * std::max(1.0, std::fabs(want));
      }
    if (!agree)
      throw UserError("unsupported",
                      "this question is written entry by entry, and its matrix form did not "
                      "agree with its entries at random values (a bug in matcalc; please "
                      "report it): ask it with matrices and vectors",
                      Source::Expression, c.span.begin, std::max(c.span.end, c.span.begin + 1));
  }
#endif
}

// A declared variable the expression never names (tr(AD) with D declared reads the one
// name AD): its derivative would be a 0 that answers no question asked.
void refuse_unnamed_variable(Context& ctx, const Question& q) {
  const VarInfo* v = q.wrt.empty() ? nullptr : ctx.var(q.wrt);
  if (!v || !v->declared) return;
  std::function<bool(const Ast&)> names_it = [&](const Ast& a) {
    if (a.kind == AstKind::Ident && a.name == q.wrt) return true;
    return std::any_of(a.kids.begin(), a.kids.end(),
                       [&](const std::unique_ptr<Ast>& k) { return k && names_it(*k); });
  };
  if (std::any_of(q.statements.begin(), q.statements.end(),
                  [&](const Statement& s) { return s.expr && names_it(*s.expr); }))
    return;
  std::vector<std::string> names;
  for (const VarInfo& w : ctx.vars())
    if (w.name != q.wrt) names.push_back(w.name);
  throw UserError(
      "unknown-symbol",
      "'" + q.wrt + "' is declared but the expression does not use it" +
          (names.empty() ? std::string() : " (its variables: " + joined(names, ", ") + ")"));
}

// A definition the objective never uses, directly or through another: kept out of the
// answer and its steps (derive/program.cpp), and said, since it was typed.
std::vector<ConventionNote> unused_definitions(const Question& q, const Program& p) {
  std::set<std::string> needed = used_definitions(p);
  std::vector<ConventionNote> out;
  for (const Definition& d : p.definitions)
    if (!needed.count(d.name) && d.name != q.wrt) {
      ConventionNote note;
      note.kind = "reading";
      note.variable = d.name;
      note.message = d.name + " is defined but " +
                     (p.objective_name.empty() ? std::string("the expression") : p.objective_name) +
                     " does not use it: it plays no part in the answer";
      out.push_back(note);
    }
  return out;
}

// --wrt m_xy (or m_{xy}, x_k): the derivative by one entry, where the question has no
// name m_xy — the derivative by M (two indices: the capital matrix, SPEC 14) or by the
// vector x, answered entry by entry with these letters.
void by_entry(Question& q, const std::string& wrt) {
  std::size_t bar = wrt.find('_');
  if (bar == std::string::npos || bar == 0) return;
  std::string base = wrt.substr(0, bar), letters = wrt.substr(bar + 1);
  if (letters.size() > 2 && letters.front() == '{' && letters.back() == '}')
    letters = letters.substr(1, letters.size() - 2);
  bool index_letters =
      !letters.empty() && letters.size() <= 2 &&
      std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; }) &&
      std::all_of(base.begin(), base.end(),
                  [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  if (!index_letters) return;
  if (find_word(q.program, wrt) != std::string::npos) return;  // a variable of that name stays
  std::string plain = base + "_" + letters;                    // --wrt W_{hh} for the name W_hh
  if (find_word(q.program, plain) != std::string::npos) {
    q.wrt = plain;
    return;
  }
  std::string owner = base;
  if (letters.size() == 2)
    owner[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(owner[0])));
  q.wrt = owner;
  q.asked.wrt = letters;
  ConventionNote note;
  note.kind = "reading";
  note.variable = owner;
  note.message = "the derivative by the entry " + base + "_" + letters +
                 " is read as the derivative by " + owner + ", answered entry by entry";
  q.notes.push_back(note);
}

// --wrt as the question writes the name: β, \theta, W₁, \mathbf{x} are beta, theta, W_1, x.
std::string plain_wrt(const std::string& wrt) {
  bool written = std::any_of(wrt.begin(), wrt.end(), [](char c) {
    return c == '\\' || c == '{' || static_cast<unsigned char>(c) >= 0x80;
  });
  if (!written) return wrt;
  try {
    FieldReading f = read_expression_field(wrt, "latex", {}, {});
    if (f.statements.size() == 1 && f.statements[0].expr &&
        f.statements[0].expr->kind == AstKind::Ident)
      return f.statements[0].expr->name;
  } catch (const UserError&) {
    // not one name: kept as typed, and the error says it does not occur
  }
  return wrt;
}

}  // namespace

Question read_question(const std::string& expr, const std::string& decls,
                       const std::string& typed_wrt, const std::string& syntax) {
  const std::string wrt = plain_wrt(typed_wrt);
  FieldReading from_decls = read_declarations_field(decls);
  std::vector<Decl> given = parse_declarations(from_decls.decls);
  FieldReading from_expr = read_expression_field(expr, syntax, names_of(given), scalar_names(given),
                                                 defined_uses(from_decls.statements));
  Question q;
  q.latex = from_expr.written_math;
  q.source.expression = {expr, !from_expr.written_math};
  q.source.declarations = {decls, !from_decls.written_math};
  append(q, from_decls);  // definitions typed among the declarations come first
  append(q, from_expr);
  std::set<std::string> defined(from_decls.defined.begin(), from_decls.defined.end());
  defined.insert(from_expr.defined.begin(), from_expr.defined.end());
  // The declarations given come first; the ones read from typography and `\in` add the
  // names they leave out and nothing defines.
  q.decls = merge_declarations(from_decls.decls, from_expr.decls, defined);
  q.wrt = wrt;
  if (q.wrt.empty()) {
    const FieldReading& named = !from_expr.wrt.empty() ? from_expr : from_decls;
    q.wrt = named.wrt;
    q.wrt_from_question = !q.wrt.empty();
    Source field = &named == &from_expr ? Source::Expression : Source::Declarations;
    q.wrt_origin = {field, named.wrt_span};
  }
  q.hessian = from_expr.hessian || from_decls.hessian;
  q.index_checks = from_expr.index_checks;
  q.asked = from_expr.asked;
  q.notes = from_decls.notes;
  q.notes.insert(q.notes.end(), from_expr.notes.begin(), from_expr.notes.end());
  if (!wrt.empty()) by_entry(q, wrt);
  // The variable chosen (--wrt, the page's variable chips) over the one the question names:
  // answered as chosen, never silently — the reading says which the question asked.
  const std::string& asked = !from_expr.wrt.empty() ? from_expr.wrt : from_decls.wrt;
  if (!wrt.empty() && !asked.empty() && asked != q.wrt) {
    ConventionNote note;
    note.kind = "reading";
    note.variable = q.wrt;
    note.message = "the question asks for the derivative by " + asked + "; answered by " + q.wrt +
                   ", the variable chosen";
    q.notes.push_back(note);
  }
  return q;
}

Program build_question(Context& ctx, const Question& q, const std::string& expr) {
  (void)expr;
  Program p;
  try {
    p = build_program(ctx, q.statements, q.source, q.decls);
  } catch (const UserError& e) {
    throw q.source.moved(e);  // a span in the declarations field points there
  }
  // The variable the question names is the one differentiated by, or an error: never
  // another one silently.
  if (q.wrt_from_question && !ctx.var(q.wrt)) {
    std::vector<std::string> names;
    for (const VarInfo& v : ctx.vars()) names.push_back(v.name);
    throw UserError(
        "unknown-symbol",
        "the question asks for the derivative by " + q.wrt +
            ", which is not a variable of the expression as read (" +
            (names.empty() ? std::string("it has none") : "its variables: " + joined(names, ", ")) +
            ")",
        q.wrt_origin.source, q.wrt_origin.span.begin,
        std::max(q.wrt_origin.span.end, q.wrt_origin.span.begin + 1));
  }
  refuse_unnamed_variable(ctx, q);
  std::vector<ConventionNote> unused_notes = unused_definitions(q, p);
  check_index_readings(ctx, q, p);
  p.notes.insert(p.notes.begin(), q.notes.begin(), q.notes.end());
  p.notes.insert(p.notes.end(), unused_notes.begin(), unused_notes.end());
  complete_convention_notes(ctx, q, p);
  note_convention_matrices(ctx, q, p);
  return p;
}

}  // namespace matcalc
