// The LaTeX parser's statements: a question (\frac{\partial f}{\partial X},
// \frac{d(...)}{dX}, \frac{\partial}{\partial X} f, \nabla_X f, \partial f / \partial X),
// a definition (P = MM^T, P := ..., P \equiv ..., f(X) = ...), a declaration
// (X \in \mathbb{R}^{m\times n}, \mathbf{a,b} \in \mathbb{R}^n, S \in \mathbb{S}^n_{++}),
// or an expression. A question may end in `= ?`.
#include "expr/error.h"
#include "parse/latex_parser.h"

namespace matcalc {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
const char* const kDenominator =
    "the denominator of a derivative is \\partial and one variable, as in \\partial W";

std::string shown(const LToken& t) {
  if (t.kind == LTok::Cmd) return "\\" + t.text;
  if (t.kind == LTok::Break) return t.text == "\n" ? "a line break" : "\\\\";
  return t.text;
}

}  // namespace

// A primary read ahead of what a statement turns out to be: nullptr, with `s` restored,
// where the tokens are not one.
LNodePtr LatexParser::primary_or_restore(const State& s) {
  try {
    return primary();
  } catch (const UserError&) {
    restore(s);
    return nullptr;
  }
}

LatexParser::State LatexParser::save() const {
  return {pos_, limits_.size(), bars_.size(), indices_.size(), elementwise_, bold_, skip_calls_};
}

void LatexParser::restore(const State& s) {
  pos_ = s.pos;
  limits_.resize(s.limits);
  bars_.resize(s.bars);
  indices_.resize(s.indices);
  elementwise_ = s.elementwise;
  bold_ = s.bold;
  skip_calls_ = s.skip_calls;
}

LatexStatement LatexParser::statement() {
  LatexStatement st;
  st.span = {t_.front().span.begin,
             t_.size() > 1 ? t_[t_.size() - 2].span.end : t_.front().span.end};
  if (optimisation(st)) {
    // (the body is read with the variable under \min)
  } else if (has_declaration()) {
    declaration(st);
  } else if (!question(st) && !constraint(st) && !definition(st)) {
    st.body = sum();
  }
  if (st.kind != LatexStatement::Kind::Declaration && is_char("=") &&
      (at_end(1) || is_char("?", 1)))
    pos_ += at_end(1) ? 1 : 2;  // \frac{\partial f}{\partial X} = ?
  if (st.kind == LatexStatement::Kind::Question && is_char("=") && !at_end(1)) {
    Span from = next().span;  // \frac{\partial f}{\partial X} = 2X: the answer it states
    st.claim = sum();
    st.claim_span = {from.begin, st.claim->span.end};
  }
  if (is_char("?")) next();
  if (!at_end()) {
    const LToken& t = peek();
    std::string hint =
        t.kind == LTok::Char && t.text == "=" ? ": a definition is NAME = EXPR, one per statement"
        : t.kind == LTok::Delim && (t.text == ")" || t.text == "]") ? ": no parenthesis opens it"
                                                                    : "";
    latex_fail("unexpected '" + shown(t) + "'" + hint, t.span);
  }
  return st;
}

bool LatexParser::has_declaration() const {
  int depth = 0;
  for (const LToken& t : t_) {
    if (t.kind == LTok::Open) ++depth;
    if (t.kind == LTok::Close) --depth;
    if (depth == 0 && t.kind == LTok::Cmd && t.text == "in") return true;
  }
  return false;
}

void LatexParser::set_wrt(LatexStatement& st, const LNode& v, Span where) {
  if (v.kind != LKind::Name || v.text == "I" || v.text == "ones") latex_fail(kDenominator, where);
  st.wrt = v.text;
  st.wrt_span = v.span;
  st.wrt_indices = v.indices;
}

// Tokens of a differential mark at i: \partial, d, \mathrm{d}, \text{d}, \rm d.
std::size_t LatexParser::marker_length(std::size_t i, std::size_t end) const {
  if (i >= end) return 0;
  const LToken& t = t_[i];
  if ((t.kind == LTok::Cmd && t.text == "partial") || (t.kind == LTok::Letter && t.text == "d"))
    return 1;
  if (t.kind != LTok::Cmd || !(t.text == "mathrm" || t.text == "text" || t.text == "operatorname" ||
                               t.text == "rm" || t.text == "mathit"))
    return 0;
  if (i + 1 < end && t_[i + 1].kind == LTok::Letter && t_[i + 1].text == "d") return 2;
  if (i + 3 < end && t_[i + 1].kind == LTok::Open && t_[i + 2].kind == LTok::Letter &&
      t_[i + 2].text == "d" && t_[i + 3].kind == LTok::Close)
    return 4;
  return 0;
}

// Tokens of a square mark at i: ^2 or ^{2} (\partial^2, \nabla^2, \partial x^2).
std::size_t LatexParser::squared_mark(std::size_t i, std::size_t end) const {
  if (i + 1 >= end || t_[i].kind != LTok::Char || t_[i].text != "^") return 0;
  if (t_[i + 1].kind == LTok::Number && t_[i + 1].text == "2") return 2;
  if (i + 3 < end && t_[i + 1].kind == LTok::Open && t_[i + 2].kind == LTok::Number &&
      t_[i + 2].text == "2" && t_[i + 3].kind == LTok::Close)
    return 4;
  return 0;
}

// The denominator of a second derivative, after its first variable `v`: \partial x^2,
// \partial x \partial x^T, \partial X \partial X, \partial x_i \partial x_j — the Hessian by
// one variable (entries name its entry). Two variables are a mixed derivative, not read.
void LatexParser::hessian_denominator(LatexStatement& st, const LNode& v, Span den_span) {
  if (std::size_t n = squared_mark(pos_, limit())) {
    pos_ += n;
  } else {
    std::size_t m = marker_length(pos_, limit());
    if (m == 0) latex_fail(kDenominator, den_span);
    pos_ += m;
    LNodePtr w = postfix(primary());
    if (w->kind == LKind::Transpose) w = std::move(w->kids[0]);
    // x_i and x_j: entries of one vector x, the Hessian's entry (i, j)
    auto base = [](const LNode& e) {
      return e.indices.size() == 1 ? e.text.substr(0, e.text.find('_')) : e.text;
    };
    if (w->kind != LKind::Name || base(*w) != base(v))
      latex_fail("a mixed second derivative (by " + v.text +
                     ", then by another variable) is not "
                     "read: ask for the Hessian by one variable",
                 den_span);
  }
  if (!at_end()) latex_fail(kDenominator, den_span);
  set_wrt(st, v, den_span);
  if (v.indices.size() == 1) st.wrt = st.wrt.substr(0, st.wrt.find('_'));
  st.wrt_indices.clear();  // (the Hessian is answered as a matrix; its entry (i, j) is H_ij)
  st.hessian = true;
}

// dL/dW, d(x^T A x)/dx, \mathrm{d}f/\mathrm{d}x: a whole statement that is a quotient of
// two differentials, as pasted (\partial f / \partial X is read below). Anything else
// starting with d is left to be read otherwise.
bool LatexParser::differential_quotient(LatexStatement& st) {
  std::size_t m1 = marker_length(pos_, limit());
  if (m1 == 0 || is_cmd("partial") || !starts_factor(m1)) return false;
  State saved = save();
  pos_ += m1;
  LNodePtr body = factor();
  std::size_t m2 = is_char("/") ? marker_length(pos_ + 1, limit()) : 0;
  if (m2 == 0 || !starts_factor(1 + m2)) {
    restore(saved);
    return false;
  }
  Span where{peek(1).span.begin, peek(1).span.end};
  pos_ += 1 + m2;
  LNodePtr v = primary();
  if (!(at_end() || is_char("=") || is_char("?")) || v->kind != LKind::Name) {
    restore(saved);
    return false;
  }
  where.end = v->span.end;
  st.kind = LatexStatement::Kind::Question;
  st.body = std::move(body);
  set_wrt(st, *v, where);
  return true;
}

bool LatexParser::question(LatexStatement& st) {
  if (is_cmd_in({"frac", "dfrac", "tfrac"}) && !at_end(1) && peek(1).kind == LTok::Open)
    return derivative_frac(st);
  // ∂/∂W tr(AWB), d/dx ‖x‖²: the operator written before the expression, as pasted.
  std::size_t m1 = marker_length(pos_, limit());
  if (m1 > 0 && is_char("/", m1)) {
    std::size_t m2 = marker_length(pos_ + m1 + 1, limit());
    if (m2 > 0 && !at_end(m1 + 1 + m2)) {
      Span where{peek().span.begin, peek(m1 + m2).span.end};
      pos_ += m1 + 1 + m2;
      st.kind = LatexStatement::Kind::Question;
      LNodePtr v = primary();
      where.end = v->span.end;
      set_wrt(st, *v, where);
      if (!starts_factor())
        fail_here("the derivative needs the expression to differentiate after it");
      st.body = sum();
      return true;
    }
  }
  if (differential_quotient(st)) return true;
  bool nabla = is_cmd("nabla") || (is_cmd("partial") && is_char("_", 1));
  if (!nabla && !is_cmd("partial")) return false;
  LToken op = next();
  st.kind = LatexStatement::Kind::Question;
  if (nabla) {  // \nabla_W f, \nabla_{\mathbf{x}} (...), \partial_W f; \nabla^2_x f, the Hessian
    auto squared = [&] {
      std::size_t n = squared_mark(pos_, limit());
      if (n && op.text == "nabla") pos_ += n, st.hessian = true;
    };
    squared();
    if (is_char("_")) {
      LToken u = next();
      if (at_end()) latex_fail(kDenominator, u.span);
      Span where{u.span.begin,
                 peek().kind == LTok::Open ? t_[match_[pos_]].span.end : peek().span.end};
      LNodePtr v = peek().kind == LTok::Open ? in_group([&] { return primary(); }) : primary();
      set_wrt(st, *v, where);
      squared();
    }
    if (!starts_factor())
      fail_here("\\" + op.text + " needs the expression to differentiate after it");
    st.body = sum();
    return true;
  }
  // \partial f / \partial X, and \partial^2 f / \partial x^2 (pasted ∂²f/∂x∂xᵀ): the Hessian
  std::size_t second = squared_mark(pos_, limit());
  pos_ += second;
  if (!starts_factor()) fail_here("\\partial needs the expression to differentiate after it");
  st.body = term();
  if (!is_char("/") || !is_cmd("partial", 1))
    fail_here("read as \\partial f / \\partial X, or \\frac{\\partial f}{\\partial X}");
  Span where{peek().span.begin, peek(1).span.end};
  pos_ += 2;
  LNodePtr v = primary();
  where.end = v->span.end;
  if (second) {
    where.end = t_[limit() - 1].span.end;  // (to the statement's end)
    hessian_denominator(st, *v, where);
  } else {
    set_wrt(st, *v, where);
  }
  return true;
}

// \frac{\partial f}{\partial X}, \frac{d(...)}{dX}, \frac{\partial}{\partial X} f.
bool LatexParser::derivative_frac(LatexStatement& st) {
  std::size_t f = pos_, na = pos_ + 2, nb = match_[pos_ + 1];
  if (nb == kNone || nb + 1 >= limit() || t_[nb + 1].kind != LTok::Open) return false;
  std::size_t da = nb + 2, db = match_[nb + 1];
  if (db == kNone) return false;  // the parts split() gives keep braces balanced; never assumed
  std::size_t nm = marker_length(na, nb), dm = marker_length(da, db);
  bool partial = nm == 1 && t_[na].kind == LTok::Cmd;
  if (!partial && (nm == 0 || dm == 0)) return false;  // an ordinary fraction
  Span den_span{t_[nb + 1].span.begin, t_[db].span.end};
  std::size_t second = nm > 0 ? squared_mark(na + nm, nb) : 0;  // \partial^2
  if (dm == 0 || da + dm >= db) latex_fail(kDenominator, den_span);
  st.kind = LatexStatement::Kind::Question;
  pos_ = da + dm;
  limits_.push_back(db);
  LNodePtr v = primary();
  if (second) {
    hessian_denominator(st, *v, den_span);
  } else {
    if (!at_end()) latex_fail(kDenominator, den_span);
    set_wrt(st, *v, den_span);
  }
  limits_.pop_back();
  pos_ = na + nm + second;
  limits_.push_back(nb);
  bars_.push_back("(");
  LNodePtr body = at_end() ? nullptr : sum();
  if (!at_end()) fail_here("unexpected in the numerator of the derivative");
  bars_.pop_back();
  limits_.pop_back();
  pos_ = db + 1;
  if (!body) {
    if (!starts_factor())
      fail_here("\\frac{\\partial}{\\partial " + st.wrt +
                "} needs the expression to differentiate after it");
    body = sum();
  }
  st.body = std::move(body);
  return true;
}

bool LatexParser::relation() {
  State s = save();
  if (is_char("=")) {
    relation_span_ = next().span;
    return true;
  }
  if (is_char(":") && is_char("=", 1)) {
    relation_span_ = {peek().span.begin, peek(1).span.end};
    pos_ += 2;
    return true;
  }
  if (is_cmd_in({"equiv", "coloneqq", "triangleq", "doteq", "coloneq", "eqdef"})) {
    relation_span_ = next().span;
    return true;
  }
  if (is_cmd_in({"stackrel", "overset"}) && !at_end(1) && peek(1).kind == LTok::Open) {
    Span b = next().span;  // \stackrel{\text{def}}{=}
    pos_ = match_[pos_] + 1;
    if (!at_end(1) && peek().kind == LTok::Open && peek(1).kind == LTok::Char &&
        peek(1).text == "=" && match_[pos_] == pos_ + 2) {
      relation_span_ = {b.begin, t_[pos_ + 2].span.end};
      pos_ += 3;
      return true;
    }
  }
  restore(s);
  return false;
}

bool LatexParser::function_header(std::string* name, std::vector<std::string>* params) {
  State s = save();
  skip_calls_ = false;
  try {
    if (at_end() || !(peek().kind == LTok::Letter || peek().kind == LTok::Cmd)) throw 0;
    LNodePtr n = primary();
    if (n->kind != LKind::Name || !opens_paren() || match_[pos_] == kNone) throw 0;
    std::size_t close = match_[pos_];
    ++pos_;
    limits_.push_back(close);
    std::vector<std::string> ps;
    while (true) {
      LNodePtr p = primary();
      if (p->kind != LKind::Name) throw 0;
      ps.push_back(p->text);
      if (ps.size() == 1) header_span_ = p->span;
      if (!is_char(",")) break;
      next();
    }
    if (!at_end()) throw 0;
    limits_.pop_back();
    pos_ = close + 1;
    if (!relation()) throw 0;
    *name = n->text;
    *params = std::move(ps);
    name_span_ = n->span;
    skip_calls_ = s.skip_calls;
    return true;
  } catch (const UserError&) {
  } catch (int) {
  }
  restore(s);
  return false;
}

bool LatexParser::definition(LatexStatement& st) {
  State s = save();
  std::string fname;
  std::vector<std::string> params;
  if (function_header(&fname, &params)) {
    st.name = fname;
    st.params = params;
    st.name_span = name_span_;
    st.relation_span = relation_span_;
    if (params.size() == 1) {
      st.wrt = params[0];
      st.wrt_span = header_span_;
    }
  } else {
    if (at_end() || !(peek().kind == LTok::Letter || peek().kind == LTok::Cmd)) return false;
    LNodePtr n = primary_or_restore(s);
    if (!n) return false;
    if (n->kind != LKind::Name || n->text == "I" || n->text == "ones" || !relation()) {
      restore(s);
      return false;
    }
    st.name = n->text;
    st.name_span = n->span;
    st.name_indices = n->indices;
    st.relation_span = relation_span_;
  }
  st.kind = LatexStatement::Kind::Definition;
  if (!starts_factor() && !is_char("-") && !is_char("+"))
    fail_here("the definition of " + st.name + " needs an expression after '='");
  st.body = sum();
  return true;
}

}  // namespace matcalc
