// The parser: tokens to an Ast with spans; every failure is a UserError that points
// at the token where the input stopped making sense.
#include "parse/parser.h"

#include <algorithm>

#include "parse/lexer.h"

namespace matcalc {

namespace {

class Parser {
 public:
  // `t_is_variable`: T names a variable, so A^T is a power, not a transpose.
  // `scalars`: names declared scalars, so that c(x + y) is the product c*(x + y).
  explicit Parser(std::vector<Token> toks, bool t_is_variable = true,
                  const std::vector<std::string>* scalars = nullptr)
      : toks_(std::move(toks)), t_is_variable_(t_is_variable), scalars_(scalars) {}

  AstPtr parse_all() {
    if (peek().kind == Tok::End) fail("the expression is empty", peek().span);
    AstPtr e = sum();
    const Token& t = peek();
    if (t.kind != Tok::End) {
      if (is_op(")")) fail("unbalanced ')': no '(' opens it", t.span);
      if (t.kind == Tok::Ident || t.kind == Tok::Num || is_op("("))
        fail("missing operator before '" + t.text + "' (write * for products)", t.span);
      fail("unexpected '" + t.text + "'", t.span);
    }
    return e;
  }

 private:
  const Token& peek() const { return toks_[pos_]; }
  bool is_op(const char* op) const { return peek().kind == Tok::Op && peek().text == op; }
  const Token& next() { return toks_[pos_++]; }

  [[noreturn]] void fail(const std::string& msg, Span s) {
    throw UserError("parse", msg, Source::Expression, s.begin, std::max(s.end, s.begin + 1));
  }

  struct Depth {
    Depth(Parser& p, Span s) : p(p) {
      if (++p.depth_ > kMaxNesting)
        p.fail("the expression nests too deeply (more than " + std::to_string(kMaxNesting) +
                   " levels)",
               s);
    }
    ~Depth() { --p.depth_; }
    Parser& p;
  };

  static AstPtr node(AstKind k, Span s) {
    auto a = std::make_unique<Ast>();
    a->kind = k;
    a->span = s;
    return a;
  }

  AstPtr sum() {
    AstPtr first = product();
    if (!is_op("+") && !is_op("-")) return first;
    AstPtr s = node(AstKind::Sum, first->span);
    s->ops.push_back("+");
    s->op_spans.push_back(first->span);
    s->kids.push_back(std::move(first));
    while (is_op("+") || is_op("-")) {
      const Token& op = next();
      s->ops.push_back(op.text);
      s->op_spans.push_back(op.span);
      s->kids.push_back(operand(op));
      s->span.end = s->kids.back()->span.end;
    }
    return s;
  }

  AstPtr product() {
    AstPtr first = unary();
    if (!is_op("*") && !is_op("/") && !is_op(".*") && !is_op("./")) return first;
    AstPtr p = node(AstKind::Product, first->span);
    p->ops.push_back("");
    p->op_spans.push_back(first->span);
    p->kids.push_back(std::move(first));
    while (is_op("*") || is_op("/") || is_op(".*") || is_op("./")) {
      const Token& op = next();
      p->ops.push_back(op.text);
      p->op_spans.push_back(op.span);
      p->kids.push_back(operand_unary(op));  // a sign is allowed here: 2*-x
      p->span.end = p->kids.back()->span.end;
    }
    return p;
  }

  // The operand after a binary operator: reports a missing one at the operator.
  AstPtr operand(const Token& op) {
    expect_operand(op);
    return product();
  }
  AstPtr operand_unary(const Token& op) {
    expect_operand(op);
    return unary();
  }
  void expect_operand(const Token& op) {
    const Token& t = peek();
    if (t.kind == Tok::End) fail("'" + op.text + "' needs an operand after it", op.span);
    if (t.kind == Tok::Op && t.text != "(" && t.text != "-" && t.text != "+")
      fail("'" + op.text + "' is followed by '" + t.text + "', not an operand", t.span);
  }

  AstPtr unary() {
    if (is_op("-") || is_op("+")) {
      Depth guard(*this, peek().span);  // a run of signs nests; a plain operand does not
      Token op = next();
      expect_operand(op);
      AstPtr inner = unary();
      if (op.text == "+") return inner;
      AstPtr n = node(AstKind::Neg, {op.span.begin, inner->span.end});
      n->kids.push_back(std::move(inner));
      return n;
    }
    return power();
  }

  AstPtr power() {
    AstPtr base = postfix();
    if (!is_op("^") && !is_op(".^")) return base;
    Token op = next();
    expect_operand(op);
    AstPtr exponent = power_exponent();
    AstPtr p = node(AstKind::Power, {base->span.begin, exponent->span.end});
    p->ops.push_back(op.text);
    p->op_spans.push_back(op.span);
    p->kids.push_back(std::move(base));
    p->kids.push_back(std::move(exponent));
    return p;
  }

  // Right-associative, and a sign is allowed: A^-1, x.^-2, 2^3^2 = 2^(3^2).
  AstPtr power_exponent() {
    Depth guard(*this, peek().span);
    if (is_op("-")) {
      Token op = next();
      expect_operand(op);
      AstPtr inner = power_exponent();
      AstPtr n = node(AstKind::Neg, {op.span.begin, inner->span.end});
      n->kids.push_back(std::move(inner));
      return n;
    }
    return power();
  }

  // A^T (and A^{T}, as people type it) is the transpose where T is not a variable.
  bool at_caret_t() const {
    if (t_is_variable_ || !is_op("^") || pos_ + 1 >= toks_.size()) return false;
    const Token& t = toks_[pos_ + 1];
    if (t.kind != Tok::Ident || t.text != "T") return false;
    const Token& after = toks_[std::min(pos_ + 2, toks_.size() - 1)];
    return !(after.kind == Tok::Op && after.text == "(");
  }

  AstPtr postfix() {
    AstPtr e = primary();
    while (is_op("'") || at_caret_t()) {
      if (!is_op("'")) next();  // the ^ of ^T
      const Token& t = next();
      AstPtr n = node(AstKind::Transpose, {e->span.begin, t.span.end});
      n->kids.push_back(std::move(e));
      e = std::move(n);
    }
    return e;
  }

  AstPtr primary() {
    Depth guard(*this, peek().span);
    const Token& t = peek();
    if (t.kind == Tok::Num) {
      next();
      AstPtr n = node(AstKind::Num, t.span);
      n->number = t.number;
      return n;
    }
    if (t.kind == Tok::Ident) {
      next();
      if (!is_op("(")) {
        AstPtr n = node(AstKind::Ident, t.span);
        n->name = t.text;
        return n;
      }
      return call(t);
    }
    if (is_op("(")) {
      Token open = next();
      if (is_op(")")) fail("empty parentheses", {open.span.begin, peek().span.end});
      AstPtr inner = sum();
      if (!is_op(")")) unclosed(open);
      const Token& close = next();
      inner->span = {open.span.begin, close.span.end};  // carets underline the parentheses too
      return inner;
    }
    if (t.kind == Tok::End) fail("the expression ends where an operand was expected", t.span);
    if (is_op(")")) fail("unexpected ')': an operand was expected", t.span);
    fail("unexpected '" + t.text + "': an operand was expected", t.span);
  }

  AstPtr call(const Token& name) {
    Token open = next();
    AstPtr c = node(AstKind::Call, name.span);
    c->name = name.text;
    c->name_span = name.span;
    if (!is_op(")")) {
      while (true) {
        c->kids.push_back(sum());
        if (!is_op(",")) break;
        next();
      }
    }
    if (!is_op(")")) unclosed(open);
    c->span.end = next().span.end;
    bool scalar =
        scalars_ && std::find(scalars_->begin(), scalars_->end(), c->name) != scalars_->end();
    if (!scalar || c->kids.size() != 1) return c;
    // A declared scalar before a parenthesis multiplies it: c(x + y) is c*(x + y).
    AstPtr p = node(AstKind::Product, c->span);
    AstPtr factor = node(AstKind::Ident, name.span);
    factor->name = name.text;
    c->kids[0]->span = {open.span.begin, c->span.end};
    p->ops = {"", "*"};
    p->op_spans = {name.span, open.span};
    p->kids.push_back(std::move(factor));
    p->kids.push_back(std::move(c->kids[0]));
    return p;
  }

  [[noreturn]] void unclosed(const Token& open) {
    const Token& t = peek();
    if (t.kind == Tok::End) fail("unbalanced '(': it is never closed", open.span);
    if (t.kind == Tok::Ident || t.kind == Tok::Num || is_op("("))
      fail("missing operator before '" + t.text + "' (write * for products)", t.span);
    fail("expected ')' to close the '(' at column " + std::to_string(open.span.begin + 1) +
             ", found '" + t.text + "'",
         t.span);
  }

  std::vector<Token> toks_;
  bool t_is_variable_ = true;
  const std::vector<std::string>* scalars_ = nullptr;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

bool is_op(const Token& t, const char* op) { return t.kind == Tok::Op && t.text == op; }

// T is a variable when it is declared, or used anywhere but right after ^.
bool t_is_variable(const std::vector<Token>& toks, const std::vector<std::string>& declared) {
  if (std::find(declared.begin(), declared.end(), "T") != declared.end()) return true;
  for (std::size_t i = 0; i < toks.size(); ++i)
    if (toks[i].kind == Tok::Ident && toks[i].text == "T" && !(i > 0 && is_op(toks[i - 1], "^")))
      return true;
  return false;
}

// A newline separates statements unless it is inside parentheses or the line so far
// ends with an operator (the expression goes on) or nothing (a blank line).
bool separates(const std::string& src, const std::vector<Token>& toks, std::size_t i, int depth) {
  const Token& t = toks[i];
  if (!is_op(t, ";")) return false;
  if (src[t.span.begin] != '\n') return depth == 0;
  if (depth > 0 || i == 0) return false;
  const Token& prev = toks[i - 1];
  return !(prev.kind == Tok::Op &&
           std::string("+-*/^=,(:").find(prev.text.back()) != std::string::npos &&
           prev.text != "'");
}

}  // namespace

namespace {

void check_length(const std::string& src) {
  if (src.size() > kMaxInputLength)
    throw UserError("parse",
                    "the expression is too long (" + std::to_string(src.size()) +
                        " characters; the limit is " + std::to_string(kMaxInputLength) + ")",
                    Source::Expression, static_cast<int>(kMaxInputLength),
                    static_cast<int>(kMaxInputLength) + 1);
}

}  // namespace

std::string typed_text(const std::string& src, Span span) {
  std::string out;
  for (int i = span.begin; i < span.end && i < static_cast<int>(src.size()); ++i) {
    char c = src[static_cast<std::size_t>(i)];
    bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (!space)
      out += c;
    else if (!out.empty() && out.back() != ' ')
      out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void move_spans(Ast& a, const std::function<Span(Span)>& to) {
  a.span = to(a.span);
  a.name_span = to(a.name_span);
  for (Span& s : a.op_spans) s = to(s);
  for (AstPtr& k : a.kids) move_spans(*k, to);
}

AstPtr parse_expression(const std::string& src, const std::vector<std::string>& declared) {
  check_length(src);
  std::vector<Token> toks = tokenize(src, Source::Expression, false);
  bool t_var = t_is_variable(toks, declared);
  return Parser(std::move(toks), t_var).parse_all();
}

std::vector<Statement> parse_program(const std::string& src,
                                     const std::vector<std::string>& declared,
                                     const std::vector<std::string>& scalars) {
  check_length(src);
  std::vector<Token> toks = tokenize(src, Source::Expression, true);
  bool t_var = t_is_variable(toks, declared);
  std::vector<Statement> out;
  std::vector<Token> current;
  int depth = 0;
  auto finish = [&](Span at) {
    if (current.empty()) return;
    Statement s;
    std::size_t start = 0;
    if (current.size() >= 2 && current[0].kind == Tok::Ident &&
        (is_op(current[1], "=") ||
         (current.size() >= 3 && is_op(current[1], ":") && is_op(current[2], "=")))) {
      s.name = current[0].text;
      s.name_span = current[0].span;
      start = is_op(current[1], "=") ? 2 : 3;
      if (start == current.size())
        throw UserError("parse", "the definition of " + s.name + " has no expression after '='",
                        Source::Expression, current[start - 1].span.begin,
                        current[start - 1].span.end);
    }
    std::vector<Token> body(current.begin() + static_cast<long>(start), current.end());
    for (const Token& t : body)
      if (is_op(t, "=") || is_op(t, ":"))
        throw UserError("parse",
                        is_op(t, "=") ? "unexpected '=': a definition is NAME = EXPR, one a "
                                        "line or separated by ';'"
                                      : "unexpected ':' (declarations go in the declarations)",
                        Source::Expression, t.span.begin, t.span.end);
    s.span = {current.front().span.begin, current.back().span.end};
    body.push_back({Tok::End, "", 0, at});
    s.expr = Parser(std::move(body), t_var, &scalars).parse_all();
    s.text = typed_text(src, s.expr->span);
    out.push_back(std::move(s));
    current.clear();
  };
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind == Tok::End) {
      finish(t.span);
      break;
    }
    if (is_op(t, "(")) ++depth;
    if (is_op(t, ")")) --depth;
    if (is_op(t, ";")) {
      if (separates(src, toks, i, depth))
        finish(t.span);
      else if (src[t.span.begin] != '\n')
        current.push_back(t);  // a stray ';' reports itself
      continue;
    }
    current.push_back(t);
  }
  if (out.empty()) {
    int e = static_cast<int>(src.size());
    throw UserError("parse", "the expression is empty", Source::Expression, e, e + 1);
  }
  return out;
}

}  // namespace matcalc
