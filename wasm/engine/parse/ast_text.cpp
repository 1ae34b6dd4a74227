// The levels, loosest first, are the parser's (parse/parser.h): sum < product < unary
// minus < power < postfix ' < atom. An operand whose level is below what its place needs
// is parenthesised: the first operand of a product at product level (products associate
// to the left), the others at unary level (a*(b*c), a/(b*c), 2*-x).
#include "parse/ast_text.h"

#include "util/number.h"

namespace matcalc {

namespace {

enum Level { kSum = 1, kProduct = 2, kUnary = 3, kPower = 4, kPostfix = 5, kAtom = 6 };

int level(const Ast& a) {
  switch (a.kind) {
    case AstKind::Sum:
      return kSum;
    case AstKind::Product:
      return kProduct;
    case AstKind::Neg:
      return kUnary;
    case AstKind::Power:
      return kPower;
    case AstKind::Transpose:
      return kPostfix;
    case AstKind::Num:
      return a.number < 0 ? kUnary : kAtom;
    case AstKind::Ident:
    case AstKind::Call:
      return kAtom;
  }
  return kAtom;
}

void write(const Ast& a, int need, std::string& out);

void operands(const Ast& a, std::size_t count, std::string& out) {
  for (std::size_t i = 0; i < count && i < a.kids.size(); ++i) {
    if (a.kind == AstKind::Sum) {
      if (i) out += " " + a.ops[i] + " ";
      write(*a.kids[i], kProduct, out);
    } else {
      if (i) out += a.ops[i];
      write(*a.kids[i], i ? kUnary : kProduct, out);
    }
  }
}

void raw(const Ast& a, std::string& out) {
  switch (a.kind) {
    case AstKind::Num:
      out += format_number(a.number);
      return;
    case AstKind::Ident:
      out += a.name;
      return;
    case AstKind::Call:
      out += a.name + "(";
      for (std::size_t i = 0; i < a.kids.size(); ++i) {
        if (i) out += ", ";
        write(*a.kids[i], kSum, out);
      }
      out += ")";
      return;
    case AstKind::Neg:
      out += "-";
      write(*a.kids[0], kUnary, out);
      return;
    case AstKind::Sum:
    case AstKind::Product:
      operands(a, a.kids.size(), out);
      return;
    case AstKind::Power: {
      write(*a.kids[0], kPostfix, out);
      out += a.ops[0];
      const Ast& e = *a.kids[1];
      if (e.kind == AstKind::Neg) {  // A^-1, x.^-2: an exponent takes a sign
        out += "-";
        write(*e.kids[0], kPower, out);
      } else {
        write(e, kPower, out);
      }
      return;
    }
    case AstKind::Transpose:
      write(*a.kids[0], kPostfix, out);
      out += "'";
      return;
  }
}

void write(const Ast& a, int need, std::string& out) {
  if (level(a) >= need) return raw(a, out);
  out += "(";
  raw(a, out);
  out += ")";
}

}  // namespace

std::string plain_text(const Ast& a) {
  std::string out;
  write(a, kSum, out);
  return out;
}

std::string plain_text_prefix(const Ast& a, std::size_t count) {
  if (a.kind != AstKind::Sum && a.kind != AstKind::Product) return plain_text(a);
  std::string out;
  operands(a, count, out);
  return out;
}

}  // namespace matcalc
