// The LaTeX reader's tree written in the plain language. Levels follow the plain grammar
// (parse/parser.h): sum < product < unary minus < power < postfix ' < atom; a kid whose
// level is below what its place needs is parenthesised. A Kronecker product, an infix
// operator in LaTeX, is a call in the plain language: a left fold A \otimes B C \otimes D
// is written kron(kron(A, B)*C, D).
#include <algorithm>

#include "parse/latex_ast.h"

namespace matcalc {

namespace {

enum Level { kSum = 1, kProduct = 2, kUnary = 3, kPower = 4, kPostfix = 5, kAtom = 6 };

int level(const LNode& n) {
  switch (n.kind) {
    case LKind::Sum:
      return kSum;
    case LKind::Product:
      return kProduct;
    case LKind::Neg:
      return kUnary;
    case LKind::Power:
      return kPower;
    case LKind::Transpose:
      return kPostfix;
    case LKind::Num:
    case LKind::Name:
    case LKind::Call:
    case LKind::Paren:
      return kAtom;
  }
  return kAtom;
}

void print(const LNode& n, int need, PlainOut& out);

void product(const LNode& n, PlainOut& out) {
  for (const std::string& op : n.ops)
    if (op == "kron") out.put("kron(", n.span);
  print(*n.kids[0], kProduct, out);
  for (std::size_t i = 1; i < n.kids.size(); ++i) {
    if (n.ops[i] == "kron") {
      out.put(", ", n.op_spans[i]);
      print(*n.kids[i], kSum, out);
      out.put(")", n.span);
    } else {
      out.put(n.ops[i] == "cdot" ? "*" : n.ops[i], n.op_spans[i]);  // (resolve_by_kinds decides)
      print(*n.kids[i], kUnary, out);
    }
  }
}

void power(const LNode& n, PlainOut& out) {
  print(*n.kids[0], kPostfix, out);
  out.put(n.ops[0], n.op_spans[0]);
  const LNode& e = *n.kids[1];
  if (e.kind == LKind::Neg) {  // A^-1, x.^-2: the plain exponent takes a sign
    out.put("-", e.span);
    print(*e.kids[0], kPower, out);
  } else {
    print(e, kPower, out);
  }
}

void raw(const LNode& n, PlainOut& out) {
  switch (n.kind) {
    case LKind::Num:
    case LKind::Name:
      out.put(n.text, n.span);
      return;
    case LKind::Call:
      out.put(n.text + "(", n.text_span);
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        if (i) out.put(", ", n.span);
        print(*n.kids[i], kSum, out);
      }
      out.put(")", n.span);
      return;
    case LKind::Neg:
      out.put("-", n.span);
      print(*n.kids[0], kUnary, out);
      return;
    case LKind::Sum:
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        if (i) out.put(" " + n.ops[i] + " ", n.op_spans[i]);
        print(*n.kids[i], kProduct, out);
      }
      return;
    case LKind::Product:
      return product(n, out);
    case LKind::Power:
      return power(n, out);
    case LKind::Transpose:
      print(*n.kids[0], kPostfix, out);
      out.put("'", n.text_span);
      return;
    case LKind::Paren:
      out.put("(", n.span);
      print(*n.kids[0], kSum, out);
      out.put(")", n.span);
      return;
  }
}

void print(const LNode& n, int need, PlainOut& out) {
  if (level(n) >= need) return raw(n, out);
  out.put("(", n.span);
  raw(n, out);
  out.put(")", n.span);
}

}  // namespace

LNodePtr lnode(LKind kind, Span span, std::string text) {
  auto n = std::make_unique<LNode>();
  n->kind = kind;
  n->span = span;
  n->text = std::move(text);
  n->text_span = span;
  return n;
}

LNodePtr lcall(const std::string& fn, Span name_span, Span span, LNodePtr arg) {
  LNodePtr c = lnode(LKind::Call, span, fn);
  c->text_span = name_span;
  if (arg) c->kids.push_back(std::move(arg));
  return c;
}

void print_plain(const LNode& n, PlainOut& out) { print(n, kSum, out); }

void collect_names(const LNode& n, std::vector<std::string>& out) {
  if (n.kind == LKind::Name && std::find(out.begin(), out.end(), n.text) == out.end())
    out.push_back(n.text);
  for (const LNodePtr& k : n.kids) collect_names(*k, out);
}

}  // namespace matcalc
