// The LaTeX parser's expressions: sums, products written (\cdot, \odot, \otimes, /) and
// implied (2Ax, x^TWW^Tx), factors with their superscripts (^T, ^{-1}, ^{\circ 2}, ^2)
// and primes. Tokens, limits and groups are here too.
#include <algorithm>
#include <cstring>
#include <functional>

#include "expr/structures.h"
#include "parse/latex_parser.h"
#include "parse/parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

// Written products and what they are in the plain language.
const char* product_op(const LToken& t, bool elementwise) {
  if (t.kind == LTok::Char && (t.text == "*" || t.text == "/"))
    return t.text == "*" ? (elementwise ? ".*" : "*") : (elementwise ? "./" : "/");
  if (t.kind != LTok::Cmd) return nullptr;
  static const std::pair<const char*, const char*> kOps[] = {
      {"cdot", "*"},  {"times", "*"},   {"ast", "*"},       {"odot", ".*"},
      {"circ", ".*"}, {"oslash", "./"}, {"otimes", "kron"}, {"div", "/"}};
  for (auto [name, op] : kOps)
    if (t.text == name)
      return elementwise && op[0] == '*' ? ".*" : elementwise && op[0] == '/' ? "./" : op;
  return nullptr;
}

bool divides(const char* op) { return op[0] == '/' || (op[0] == '.' && op[1] == '/'); }

// Commands that are not operands: operators, relations, marks only read in scripts.
bool operator_command(const std::string& name) {
  static const char* const kNames[] = {
      "cdot",     "times",    "ast",     "odot",   "circ",     "oslash",    "otimes", "div",
      "pm",       "mp",       "in",      "equiv",  "coloneqq", "triangleq", "doteq",  "top",
      "intercal", "prime",    "dagger",  "to",     "mapsto",   "leq",       "geq",    "le",
      "ge",       "neq",      "ne",      "approx", "sim",      "notin",     "subset", "eqqcolon",
      "coloneq",  "stackrel", "overset", "quad"};
  for (const char* n : kNames)
    if (name == n) return true;
  return find_structure_by_relation(name) != nullptr;  // S \succ 0
}

}  // namespace

void LatexNames::note(const std::string& name, NameKind kind) {
  for (auto& [n, k] : typography)
    if (n == name) {
      if (k == NameKind::Scalar && kind == NameKind::Vector)
        k = kind;  // \partial\theta, then \boldsymbol\theta
      return;
    }
  typography.emplace_back(name, kind);
}

void LatexNames::transposed(const std::string& name) {
  for (auto& [n, k] : typography)
    if (n == name && k == NameKind::Scalar) k = NameKind::Vector;
}

LatexParser::LatexParser(std::vector<LToken> toks, LatexNames& names)
    : t_(std::move(toks)), match_(t_.size(), static_cast<std::size_t>(-1)), names_(names) {
  // Closers of braces, \left...\right (balanced by the lexer) and plain ( [ where they pair.
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < t_.size(); ++i) {
    const LToken& t = t_[i];
    bool plain = t.kind == LTok::Delim && t.role == DelimRole::Plain;
    if (t.kind == LTok::Open || (t.kind == LTok::Delim && t.role == DelimRole::Left) ||
        (plain && (t.text == "(" || t.text == "[" || t.text == "{" || t.text == "<"))) {
      open.push_back(i);
    } else if (t.kind == LTok::Close || (t.kind == LTok::Delim && t.role == DelimRole::Right) ||
               (plain && (t.text == ")" || t.text == "]" || t.text == "}" || t.text == ">"))) {
      if (plain) {
        if (open.empty() || t_[open.back()].kind != LTok::Delim ||
            t_[open.back()].role != DelimRole::Plain)
          continue;  // an unpaired ) is reported where the parser meets it
      } else {
        while (!open.empty() && t_[open.back()].kind == LTok::Delim &&
               t_[open.back()].role == DelimRole::Plain)
          open.pop_back();  // an unclosed ( inside a group
      }
      if (open.empty()) continue;
      match_[open.back()] = i;
      open.pop_back();
    }
  }
}

bool LatexParser::is_char(const char* c, std::size_t k) const {
  return !at_end(k) && peek(k).kind == LTok::Char && peek(k).text == c;
}

bool LatexParser::is_cmd(const char* name, std::size_t k) const {
  return !at_end(k) && peek(k).kind == LTok::Cmd && peek(k).text == name;
}

bool LatexParser::is_cmd_in(std::initializer_list<const char*> names, std::size_t k) const {
  for (const char* n : names)
    if (is_cmd(n, k)) return true;
  return false;
}

bool LatexParser::opens_paren(std::size_t k) const {
  if (at_end(k)) return false;
  const LToken& t = peek(k);
  return t.kind == LTok::Delim && t.role != DelimRole::Right && (t.text == "(" || t.text == "[");
}

void LatexParser::fail_here(const std::string& what) const {
  if (at_end()) latex_fail(what + ", but the expression ends there", peek().span);
  const LToken& t = peek();
  std::string shown = t.kind == LTok::Cmd     ? "\\" + t.text
                      : t.kind == LTok::Break ? "a line break"
                                              : t.text;
  latex_fail(what + ", found '" + shown + "'", t.span);
}

LNodePtr LatexParser::in_group(const std::function<LNodePtr()>& parse) {
  std::size_t open = pos_, close = match_[pos_];
  if (close == static_cast<std::size_t>(-1))
    latex_fail("this group is never closed", t_[pos_].span);
  ++pos_;
  limits_.push_back(close);
  bars_.push_back("(");
  LNodePtr out = parse();
  if (!at_end())
    fail_here("unexpected here: the group opened at column " +
              std::to_string(t_[open].span.begin + 1) + " should close");
  bars_.pop_back();
  limits_.pop_back();
  pos_ = close + 1;
  return out;
}

LNodePtr LatexParser::sum() {
  if (++depth_ > kMaxNesting) latex_fail("the expression nests too deeply", peek().span);
  LNodePtr first;
  if (is_char("-") || is_char("+")) {
    LToken op = next();
    if (!starts_factor()) fail_here("'" + op.text + "' needs an operand after it");
    LNodePtr operand = product();
    if (op.text == "-") {
      first = lnode(LKind::Neg, {op.span.begin, operand->span.end});
      first->kids.push_back(std::move(operand));
    } else {
      first = std::move(operand);
    }
  } else {
    if (!starts_factor()) fail_here("an operand was expected");
    first = product();
  }
  if (is_char("+") || is_char("-")) {
    LNodePtr s = lnode(LKind::Sum, first->span);
    s->ops.push_back("+");
    s->op_spans.push_back(first->span);
    s->kids.push_back(std::move(first));
    while (is_char("+") || is_char("-")) {
      LToken op = next();
      if (!starts_factor()) fail_here("'" + op.text + "' needs an operand after it");
      s->ops.push_back(op.text);
      s->op_spans.push_back(op.span);
      s->kids.push_back(product());
      s->span.end = s->kids.back()->span.end;
    }
    first = std::move(s);
  }
  if (is_cmd_in({"pm", "mp"})) fail_here("\\pm is not read: write the two cases separately");
  --depth_;
  return first;
}

// Products: A op B with a written operator; each operand a run of implied products.
LNodePtr LatexParser::product() {
  LNodePtr acc = term();
  while (!at_end()) {
    const char* op = product_op(peek(), elementwise_);
    if (!op) break;
    LToken tok = next();
    // a \cdot x: a product, or the dot product of two vectors (resolve_by_kinds decides)
    bool dot = tok.kind == LTok::Cmd && tok.text == "cdot" && !elementwise_;
    LNodePtr right, carried;
    if (is_char("-")) {  // 2 \cdot -x
      LToken minus = next();
      if (!starts_factor()) fail_here("'-' needs an operand after it");
      LNodePtr inner = term();
      right = lnode(LKind::Neg, {minus.span.begin, inner->span.end});
      right->kids.push_back(std::move(inner));
    } else {
      if (!starts_factor()) {
        std::string shown = tok.kind == LTok::Cmd ? "\\" + tok.text : tok.text;
        fail_here("'" + shown + "' needs an operand after it");
      }
      right = divides(op) ? divisor(&carried) : term();
    }
    if (!dot) {
      append(acc, op, tok.span, std::move(right));
      // 1/2 \|Ax - b\|^2, \lambda/2 \|w\|^2, 1/n \sum ...: the factors after a number or a
      // name that divides multiply the quotient, as written mathematics means.
      if (divides(op) && (carried || starts_factor())) {
        LNodePtr rest = carried && !starts_factor() ? std::move(carried) : term(std::move(carried));
        Span s = rest->span;
        append(acc, times(), s, std::move(rest));
      }
      continue;
    }
    LNodePtr p = lnode(LKind::Product, {acc->span.begin, right->span.end});
    p->ops = {"", "cdot"};
    p->op_spans = {acc->span, tok.span};
    p->kids.push_back(std::move(acc));
    p->kids.push_back(std::move(right));
    acc = std::move(p);
  }
  return acc;
}

// The divisor after '/': a run of adjacent factors (x^Ty / \|x\|\|y\|), except where the
// run starts with a number, a plain name (maybe squared) or a parenthesis: then only the
// names and numbers written against it divide with it (a/bc, 1/2\pi, 1/2\sigma^2), and the
// rest — set apart by a space, or a transposed vector, a norm, a function — the caller
// multiplies by (1/2 x^TAx, 1/2x^TAx, 1/n \|Xw - y\|^2, \lambda/2\|w\|^2, 1/(2c) x^Tx).
// `carried`: a factor read with the divisor that multiplies (1/m(Xw - y)^2: m, then its
// parenthesis, which the reader would take for a call of m).
LNodePtr LatexParser::divisor(LNodePtr* carried) {
  LNodePtr first = factor();
  auto simple = [](const LNode& n) {
    return n.kind == LKind::Num ||
           (n.kind == LKind::Name && n.notation != Notation::Bold && n.indices.empty());
  };
  auto simple_power = [&](const LNode& n) {
    return simple(n) || (n.kind == LKind::Power && n.kids.size() == 2 && simple(*n.kids[0]) &&
                         n.kids[1]->kind == LKind::Num);
  };
  bool function_letter = first->text == "f" || first->text == "g" || first->text == "h";
  if (first->kind == LKind::Call && first->notation == Notation::Unknown &&
      first->kids.size() == 1 && first->text.size() == 1 && !function_letter) {
    LNodePtr name = lnode(LKind::Name, first->text_span, first->text);
    name->notation = Notation::Letter;
    LNodePtr paren = lnode(LKind::Paren, {first->text_span.end, first->span.end});
    paren->kids.push_back(std::move(first->kids[0]));
    *carried = std::move(paren);
    return name;
  }
  if (!simple_power(*first) && first->kind != LKind::Paren) return term(std::move(first));
  while (!at_end() && !peek().space_before && starts_factor()) {
    State before = save();
    LNodePtr right = factor();
    if (!simple_power(*right)) {
      restore(before);
      break;
    }
    Span s = right->span;
    append(first, times(), s, std::move(right));
  }
  return first;
}

// Adjacent factors: 2Ax, x^TWW^Tx, \frac{1}{2} x^T A x; `first` when already read.
LNodePtr LatexParser::term(LNodePtr first) {
  LNodePtr acc = first ? std::move(first) : factor();
  const LNode* last = acc.get();  // the factor just read
  while (starts_factor()) {
    LNodePtr right = factor();
    // X\beta, W\theta, W^T\delta, \Sigma^{-1}\mu: a lower-case Greek name right after a
    // capital (a matrix), transposed or inverted or not, is the vector it multiplies, as
    // \theta^\top x makes it one.
    std::function<bool(const LNode&)> matrix_factor = [&](const LNode& f) {
      if (f.kind == LKind::Name) return !f.text.empty() && f.text[0] >= 'A' && f.text[0] <= 'Z';
      return (f.kind == LKind::Transpose || f.kind == LKind::Power) && !f.kids.empty() &&
             matrix_factor(*f.kids[0]);
    };
    if (right->kind == LKind::Name && matrix_factor(*last)) names_.transposed(right->text);
    Span s = right->span;
    append(acc, times(), s, std::move(right));
    // The factor just read, now acc's last kid (a product read as one factor is merged into
    // acc and its own node freed, so `right` cannot be kept).
    last = acc->kids.back().get();
  }
  // 1^T X 1, x^T 1: a 1 written at the end after a transposed factor is the vector of ones
  // (as \mathbf{1}), the sum of entries the row starts, not the number 1.
  if (acc->kind == LKind::Product && acc->kids.size() > 1 && acc->kids.back()->kind == LKind::Num &&
      acc->kids.back()->text == "1" && acc->ops.back() == times() &&
      std::any_of(acc->kids.begin(), acc->kids.end() - 1,
                  [](const LNodePtr& k) { return k->kind == LKind::Transpose; }))
    acc->kids.back() = lnode(LKind::Name, acc->kids.back()->span, "ones");
  return acc;
}

// The argument of \log, \det, \operatorname{tr} written without parentheses: adjacent
// factors up to the next function (\log\det X, \det X \det Y, \sin x \cos y).
LNodePtr LatexParser::function_argument_run() {
  LNodePtr acc = factor();
  while (starts_factor() && !is_function_start()) {
    LNodePtr right = factor();
    Span s = right->span;
    append(acc, times(), s, std::move(right));
  }
  return acc;
}

void LatexParser::append(LNodePtr& acc, const std::string& op, Span op_span, LNodePtr right) {
  if (acc->kind != LKind::Product) {
    LNodePtr p = lnode(LKind::Product, acc->span);
    p->ops.push_back("");
    p->op_spans.push_back(acc->span);
    p->kids.push_back(std::move(acc));
    acc = std::move(p);
  }
  acc->span.end = std::max(acc->span.end, right->span.end);
  bool associative = op == "*" || op == ".*";
  if (associative && right->kind == LKind::Product &&
      std::all_of(right->ops.begin() + 1, right->ops.end(),
                  [&](const std::string& o) { return o == op; })) {
    for (std::size_t i = 0; i < right->kids.size(); ++i) {
      acc->ops.push_back(i == 0 ? op : right->ops[i]);
      acc->op_spans.push_back(i == 0 ? op_span : right->op_spans[i]);
      acc->kids.push_back(std::move(right->kids[i]));
    }
    return;
  }
  acc->ops.push_back(op);
  acc->op_spans.push_back(op_span);
  acc->kids.push_back(std::move(right));
}

bool LatexParser::starts_factor(std::size_t k) const {
  if (at_end(k)) return false;
  const LToken& t = peek(k);
  switch (t.kind) {
    case LTok::Letter:
    case LTok::Number:
    case LTok::Open:
      return true;
    case LTok::Cmd:
      return !operator_command(t.text);
    case LTok::Delim:
      if (t.role == DelimRole::Right) return false;
      if (t.role == DelimRole::Left) return true;
      if (t.text == "|") {
        if (!bars_.empty() && bars_.back() == "|") return false;
        return !(k == 0 && at_norm_close());
      }
      if (t.text == "||") return bars_.empty() || bars_.back() != "||";
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "<";
    case LTok::Char:
    case LTok::Close:
    case LTok::Break:
    case LTok::End:
      return false;
  }
  return false;
}

bool LatexParser::at_norm_close() const {
  if (bars_.empty() || bars_.back() != "||" || at_end()) return false;
  const LToken& t = peek();
  if (t.kind == LTok::Delim && t.text == "||") return true;
  return t.kind == LTok::Delim && t.text == "|" && !at_end(1) && peek(1).kind == LTok::Delim &&
         peek(1).text == "|" && !peek(1).space_before;
}

LNodePtr LatexParser::factor() {
  if (++depth_ > kMaxNesting) latex_fail("the expression nests too deeply", peek().span);
  LNodePtr out = postfix(primary());
  --depth_;
  return out;
}

LNodePtr LatexParser::postfix(LNodePtr base) {
  // 1^T x, 1ᵀexp(z): a transposed 1 is the vector of ones, as \mathbf{1}^T (a number is
  // its own transpose, so no one writes one so).
  auto ones_if_one = [](LNodePtr& b) {
    if (b->kind == LKind::Num && b->text == "1") b = lnode(LKind::Name, b->span, "ones");
  };
  while (!at_end()) {
    if (is_char("'")) {
      LToken t = next();
      ones_if_one(base);
      note_transposed(*base);
      LNodePtr n = lnode(LKind::Transpose, {base->span.begin, t.span.end});
      n->text_span = t.span;
      n->kids.push_back(std::move(base));
      base = std::move(n);
      continue;
    }
    if (is_char("_")) fail_here("a subscript is read on a name (x_1, W_{2}) or a norm (\\|x\\|_2)");
    if (!is_char("^")) break;
    Script s = superscript();
    Span whole{base->span.begin, s.span.end};
    if (s.kind == ScriptKind::Transpose || s.kind == ScriptKind::InverseTranspose) {
      if (s.kind == ScriptKind::Transpose) ones_if_one(base);
      if (s.kind == ScriptKind::Transpose) note_transposed(*base);
      if (s.kind == ScriptKind::InverseTranspose) {
        LNodePtr inv = lnode(LKind::Power, whole);
        inv->ops = {"^"};
        inv->op_spans = {s.span};
        inv->kids.push_back(std::move(base));
        LNodePtr minus = lnode(LKind::Neg, s.span);
        minus->kids.push_back(lnode(LKind::Num, s.span, "1"));
        inv->kids.push_back(std::move(minus));
        base = std::move(inv);
      }
      LNodePtr n = lnode(LKind::Transpose, whole);
      n->text_span = s.span;
      n->kids.push_back(std::move(base));
      base = std::move(n);
      continue;
    }
    if (s.kind == ScriptKind::Inverse) {
      LNodePtr minus = lnode(LKind::Neg, s.span);
      minus->kids.push_back(lnode(LKind::Num, s.span, "1"));
      s.expr = std::move(minus);
    }
    if (s.kind == ScriptKind::Power && base->kind == LKind::Name && base->text == "e" &&
        base->notation == Notation::Letter) {  // e^{x} is exp(x)
      Span e_span = base->span;
      base = lcall("exp", e_span, whole, std::move(s.expr));
      base->notation = Notation::EPower;  // e^{A} of a matrix is expm(A) (resolve_by_kinds)
      continue;
    }
    LNodePtr p = lnode(LKind::Power, whole);
    p->ops = {s.kind == ScriptKind::Hadamard || elementwise_ ? ".^" : "^"};
    p->op_spans = {s.span};
    p->kids.push_back(std::move(base));
    p->kids.push_back(std::move(s.expr));
    base = std::move(p);
  }
  return base;
}

// A name transposed is meant as a vector, and so is a term of a transposed sum:
// \theta^\top x, (x - \mu)^T \Sigma^{-1} (x - \mu).
void LatexParser::note_transposed(const LNode& n) {
  if (n.kind == LKind::Name) names_.transposed(n.text);
  if (n.kind == LKind::Paren || n.kind == LKind::Sum || n.kind == LKind::Neg)
    for (const LNodePtr& k : n.kids) note_transposed(*k);
}

// Whether tokens [a, b) say "transpose": T, \top, \intercal, \prime, \mathsf{T}, \rm T.
bool LatexParser::transpose_mark(std::size_t a, std::size_t b) const {
  std::vector<const LToken*> toks;
  for (std::size_t i = a; i < b; ++i)
    if (t_[i].kind != LTok::Open && t_[i].kind != LTok::Close) toks.push_back(&t_[i]);
  if (toks.size() == 1) {
    const LToken& t = *toks[0];
    if (t.kind == LTok::Letter) return t.text == "T";
    return t.kind == LTok::Cmd && (t.text == "top" || t.text == "intercal" || t.text == "prime" ||
                                   t.text == "dagger" || t.text == "T");
  }
  static const char* const kFonts[] = {"mathsf", "mathrm", "text",   "rm",    "sf",
                                       "mathbf", "textsf", "mathit", "textrm"};
  if (toks.size() == 2 && toks[0]->kind == LTok::Cmd && toks[1]->kind == LTok::Letter &&
      toks[1]->text == "T")
    for (const char* f : kFonts)
      if (toks[0]->text == f) return true;
  return false;
}

LatexParser::Script LatexParser::superscript() {
  LToken caret = next();
  if (at_end()) latex_fail("'^' needs a superscript after it", caret.span);
  const LToken& t = peek();
  if (t.kind == LTok::Open) {
    std::size_t a = pos_ + 1, b = match_[pos_];
    Span span{caret.span.begin, t_[b].span.end};
    auto is_one = [&](std::size_t i) {
      return i + 1 == b && t_[i].kind == LTok::Number && t_[i].text == "1";
    };
    if (transpose_mark(a, b)) {
      pos_ = b + 1;
      return {ScriptKind::Transpose, nullptr, span};
    }
    if (a < b && t_[a].kind == LTok::Char && t_[a].text == "-" &&
        (is_one(a + 1) || transpose_mark(a + 1, b))) {
      pos_ = b + 1;
      return {is_one(a + 1) ? ScriptKind::Inverse : ScriptKind::InverseTranspose, nullptr, span};
    }
    bool hadamard = a < b && t_[a].kind == LTok::Cmd && t_[a].text == "circ";
    LNodePtr e = in_group([&] {
      if (hadamard) next();
      return sum();
    });
    return {hadamard ? ScriptKind::Hadamard : ScriptKind::Power, std::move(e), span};
  }
  if (transpose_mark(pos_, pos_ + 1)) {
    next();
    return {ScriptKind::Transpose, nullptr, {caret.span.begin, t.span.end}};
  }
  if (t.kind == LTok::Cmd && transpose_mark(pos_, std::min(pos_ + 2, limit()))) {
    pos_ += 2;
    return {ScriptKind::Transpose, nullptr, {caret.span.begin, t_[pos_ - 1].span.end}};
  }
  // x^\mathsf{T} A x: the font's group without braces around the whole superscript
  if (t.kind == LTok::Cmd && !at_end(1) && peek(1).kind == LTok::Open &&
      match_[pos_ + 1] < limit() && transpose_mark(pos_, match_[pos_ + 1] + 1)) {
    pos_ = match_[pos_ + 1] + 1;
    return {ScriptKind::Transpose, nullptr, {caret.span.begin, t_[pos_ - 1].span.end}};
  }
  if (t.kind == LTok::Char && t.text == "-" && !at_end(1)) {  // ^-1, ^-T as people type them
    const LToken& u = peek(1);
    if ((u.kind == LTok::Number && u.text == "1") || transpose_mark(pos_ + 1, pos_ + 2)) {
      pos_ += 2;
      return {u.kind == LTok::Number ? ScriptKind::Inverse : ScriptKind::InverseTranspose,
              nullptr,
              {caret.span.begin, u.span.end}};
    }
  }
  if (t.kind == LTok::Delim &&
      t.text == "(") {  // x^(2), A^(-1): a superscript as plain text writes it
    std::size_t at = pos_;
    bool inverse = at + 3 < t_.size() && t_[at + 1].kind == LTok::Char && t_[at + 1].text == "-" &&
                   t_[at + 2].kind == LTok::Number && t_[at + 2].text == "1" &&
                   t_[at + 3].kind == LTok::Delim && t_[at + 3].text == ")";
    LNodePtr e = primary();
    Span span{caret.span.begin, e->span.end};
    if (inverse) return {ScriptKind::Inverse, nullptr, span};
    return {ScriptKind::Power, std::move(e), span};
  }
  if (t.kind == LTok::Number || t.kind == LTok::Letter) {
    next();
    return {ScriptKind::Power,
            lnode(t.kind == LTok::Number ? LKind::Num : LKind::Name, t.span, t.text),
            {caret.span.begin, t.span.end}};
  }
  if (t.kind == LTok::Cmd && !operator_command(t.text)) {
    LNodePtr e = primary();
    Span span{caret.span.begin, e->span.end};
    return {ScriptKind::Power, std::move(e), span};
  }
  fail_here("'^' needs a superscript after it");
}

bool LatexParser::is_function_start() const {
  const LToken& t = peek();
  if (t.kind != LTok::Cmd) return false;
  static const char* const kNames[] = {"exp",          "log",  "ln",   "sin",    "cos",    "tan",
                                       "tanh",         "sinh", "cosh", "arcsin", "arccos", "arctan",
                                       "det",          "tr",   "Tr",   "trace",  "diag",   "sgn",
                                       "operatorname", "sqrt", "sum"};
  for (const char* n : kNames)
    if (t.text == n) return true;
  return false;
}

}  // namespace matcalc
