// The LaTeX reader's tree as the parse tree both readers give (parse/ast.h): no plain
// text in between, and every span still points into the LaTeX. What the plain grammar
// writes as a call or not at all is made here: a Kronecker product, an infix operator in
// LaTeX, is the call kron (a left fold: A \otimes B C \otimes D is kron(kron(A, B)*C, D));
// a written \cdot between what are not two vectors is a product; parentheses are the span
// of what they enclose, as the plain parser has them.
#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "expr/error.h"
#include "parse/ast_build.h"
#include "parse/ast_text.h"
#include "parse/latex_ast.h"
#include "parse/latex_lexer.h"
#include "parse/parser.h"

namespace matcalc {

namespace {

bool identifier(const std::string& s) {
  return !s.empty() && std::isalpha(static_cast<unsigned char>(s[0])) &&
         std::all_of(s.begin(), s.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

// A node of `kind` over n's span, its children converted in order (a call's arguments, the
// operand of - and ', a power's base and exponent).
AstPtr with_kids(AstKind kind, const LNode& n) {
  AstPtr a = make_ast(kind, n.span);
  for (const LNodePtr& k : n.kids) a->kids.push_back(to_ast(*k));
  return a;
}

AstPtr product(const LNode& n) {
  // Runs of * / .* ./ are one product; each kron closes the run and wraps it.
  AstPtr acc = to_ast(*n.kids[0]);
  AstPtr run;
  auto close_run = [&]() {
    if (run) acc = std::move(run);
  };
  for (std::size_t i = 1; i < n.kids.size(); ++i) {
    AstPtr right = to_ast(*n.kids[i]);
    if (n.ops[i] == "kron") {
      close_run();
      AstPtr k = make_ast(AstKind::Call, {acc->span.begin, right->span.end});
      k->name = "kron";
      k->name_span = n.op_spans[i];
      k->kids.push_back(std::move(acc));
      k->kids.push_back(std::move(right));
      acc = std::move(k);
      continue;
    }
    if (!run) {
      run = make_ast(AstKind::Product, acc->span);
      run->ops.push_back("");
      run->op_spans.push_back(acc->span);
      run->kids.push_back(std::move(acc));
    }
    run->ops.push_back(n.ops[i] == "cdot" ? "*" : n.ops[i]);  // (resolve_by_kinds decided)
    run->op_spans.push_back(n.op_spans[i]);
    run->span.end = right->span.end;
    run->kids.push_back(std::move(right));
  }
  close_run();
  acc->span = n.span;
  return acc;
}

}  // namespace

AstPtr to_ast(const LNode& n) {
  switch (n.kind) {
    case LKind::Num: {
      AstPtr a = make_ast(AstKind::Num, n.span);
      char* end = nullptr;
      a->number = std::strtod(n.text.c_str(), &end);
      if (n.text.empty() || *end != '\0') latex_fail("'" + n.text + "' is not a number", n.span);
      return a;
    }
    case LKind::Name: {
      if (n.formed) return clone(*n.formed);
      if (identifier(n.text)) {
        AstPtr a = make_ast(AstKind::Ident, n.span);
        a->name = n.text;
        return a;
      }
      latex_fail("'" + n.text + "' is not a name", n.span);
    }
    case LKind::Call: {
      AstPtr a = with_kids(AstKind::Call, n);
      a->name = n.text;
      a->name_span = n.text_span;
      return a;
    }
    case LKind::Neg:
      return with_kids(AstKind::Neg, n);
    case LKind::Sum: {
      AstPtr a = make_ast(AstKind::Sum, n.span);
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        AstPtr k = to_ast(*n.kids[i]);
        std::string op = i == 0 ? "+" : n.ops[i];
        if (i == 0 && n.ops[0] == "-") {  // a leading minus is the first term's sign
          AstPtr neg = make_ast(AstKind::Neg, {n.op_spans[0].begin, k->span.end});
          neg->kids.push_back(std::move(k));
          k = std::move(neg);
        }
        a->ops.push_back(op);
        a->op_spans.push_back(i == 0 ? k->span : n.op_spans[i]);
        a->kids.push_back(std::move(k));
      }
      return a;
    }
    case LKind::Product:
      return product(n);
    case LKind::Power: {
      AstPtr a = with_kids(AstKind::Power, n);
      a->ops.push_back(n.ops[0]);
      a->op_spans.push_back(n.op_spans[0]);
      return a;
    }
    case LKind::Transpose:
      return with_kids(AstKind::Transpose, n);
    case LKind::Paren: {
      AstPtr a = to_ast(*n.kids[0]);
      a->span = n.span;  // carets underline the parentheses too
      return a;
    }
  }
  throw InternalError("unknown LaTeX node");
}

std::string latex_plain_text(const LNode& n) { return plain_text(*to_ast(n)); }

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

namespace {

void tree_names(const Ast& a, std::vector<std::string>& out) {
  if (a.kind == AstKind::Ident && std::find(out.begin(), out.end(), a.name) == out.end())
    out.push_back(a.name);
  for (const AstPtr& k : a.kids) tree_names(*k, out);
}

}  // namespace

void collect_names(const LNode& n, std::vector<std::string>& out) {
  if (n.formed) return tree_names(*n.formed, out);
  if (n.kind == LKind::Name && std::find(out.begin(), out.end(), n.text) == out.end())
    out.push_back(n.text);
  for (const LNodePtr& k : n.kids) collect_names(*k, out);
}

}  // namespace matcalc
