// The parser: tokens to an Ast with spans; every failure is a UserError that points
// at the token where the input stopped making sense.
#include "parse/parser.h"

#include "parse/lexer.h"

namespace matcalc {

namespace {

class Parser {
 public:
  explicit Parser(std::vector<Token> toks) : toks_(std::move(toks)) {}

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

  AstPtr postfix() {
    AstPtr e = primary();
    while (is_op("'")) {
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
    return c;
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
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

AstPtr parse_expression(const std::string& src) {
  if (src.size() > kMaxInputLength)
    throw UserError("parse",
                    "the expression is too long (" + std::to_string(src.size()) +
                        " characters; the limit is " + std::to_string(kMaxInputLength) + ")",
                    Source::Expression, static_cast<int>(kMaxInputLength),
                    static_cast<int>(kMaxInputLength) + 1);
  return Parser(tokenize(src, Source::Expression, false)).parse_all();
}

}  // namespace matcalc
