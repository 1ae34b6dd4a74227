#include "parse/ast_build.h"

#include <algorithm>

namespace matcalc {

namespace {

Span cover(Span a, Span b) { return {std::min(a.begin, b.begin), std::max(a.end, b.end)}; }

// A product whose operators are all * (the first operand has none).
bool plain_product(const Ast& a) {
  return a.kind == AstKind::Product && std::all_of(a.ops.begin() + 1, a.ops.end(),
                                                   [](const std::string& op) { return op == "*"; });
}

void append_factor(Ast& p, const Ast& f) {
  if (plain_product(f)) {
    for (const AstPtr& k : f.kids) append_factor(p, *k);
    return;
  }
  p.ops.push_back(p.kids.empty() ? "" : "*");
  p.op_spans.push_back(f.span);
  p.kids.push_back(clone(f));
  p.span = p.kids.size() == 1 ? f.span : cover(p.span, f.span);
}

}  // namespace

AstPtr make_ast(AstKind kind, Span span) {
  auto a = std::make_unique<Ast>();
  a->kind = kind;
  a->span = span;
  return a;
}

AstPtr clone(const Ast& a) {
  auto c = std::make_unique<Ast>();
  c->kind = a.kind;
  c->span = a.span;
  c->number = a.number;
  c->name = a.name;
  c->name_span = a.name_span;
  c->ops = a.ops;
  c->op_spans = a.op_spans;
  for (const AstPtr& k : a.kids) c->kids.push_back(clone(*k));
  return c;
}

Tree leaf(const std::string& name, Span span) {
  AstPtr a = make_ast(AstKind::Ident, span);
  a->name = name;
  return a;
}

Tree number(double value, Span span) {
  AstPtr a = make_ast(AstKind::Num, span);
  a->number = value;
  return a;
}

Tree call(const std::string& fn, Span name_span, const std::vector<Tree>& args) {
  AstPtr a = make_ast(AstKind::Call, name_span);
  a->name = fn;
  a->name_span = name_span;
  for (const Tree& t : args) {
    a->span = cover(a->span, t->span);
    a->kids.push_back(clone(*t));
  }
  return a;
}

Tree negated(const Tree& t) {
  AstPtr a = make_ast(AstKind::Neg, t->span);
  a->kids.push_back(clone(*t));
  return a;
}

Tree transposed(const Tree& t) {
  AstPtr a = make_ast(AstKind::Transpose, t->span);
  a->kids.push_back(clone(*t));
  return a;
}

Tree power(const Tree& base, const Tree& exponent) {
  AstPtr a = make_ast(AstKind::Power, cover(base->span, exponent->span));
  a->ops = {".^"};
  a->op_spans = {exponent->span};
  a->kids.push_back(clone(*base));
  a->kids.push_back(clone(*exponent));
  return a;
}

Tree binary(const std::string& op, const Tree& l, const Tree& r) {
  AstPtr a = make_ast(AstKind::Product, cover(l->span, r->span));
  a->ops = {"", op};
  a->op_spans = {l->span, r->span};
  a->kids.push_back(clone(*l));
  a->kids.push_back(clone(*r));
  return a;
}

Tree times(const Tree& l, const Tree& r) {
  if (!l) return r;
  if (!r) return l;
  AstPtr a = make_ast(AstKind::Product, l->span);
  append_factor(*a, *l);
  append_factor(*a, *r);
  return a;
}

Tree sum_of(const std::vector<std::pair<std::string, Tree>>& terms) {
  if (terms.size() == 1) return terms[0].first == "-" ? negated(terms[0].second) : terms[0].second;
  AstPtr a = make_ast(AstKind::Sum, terms[0].second->span);
  for (std::size_t i = 0; i < terms.size(); ++i) {
    Tree t = i == 0 && terms[i].first == "-" ? negated(terms[i].second) : terms[i].second;
    a->ops.push_back(i == 0 ? "+" : terms[i].first);
    a->op_spans.push_back(t->span);
    a->span = cover(a->span, t->span);
    a->kids.push_back(clone(*t));
  }
  return a;
}

bool is_name(const Tree& a, const std::string& name) {
  return a && a->kind == AstKind::Ident && a->name == name;
}

}  // namespace matcalc
