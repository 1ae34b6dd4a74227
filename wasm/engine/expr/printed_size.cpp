#include "expr/printed_size.h"

namespace matcalc {

double printed_size_of(const Node& n) {
  double kids = 0;
  for (Expr k : n.kids) kids += k->printed;
  double count = static_cast<double>(n.kids.size()), size;
  switch (n.kind) {
    case Kind::Var:
    case Kind::Const:
    case Kind::Identity:
    case Kind::Ones:
    case Kind::Zero:
      size = 1;
      break;
    case Kind::Transpose:
    case Kind::Pow:
      size = kids + 1;
      break;
    case Kind::Add:
      size = kids + count - 1;
      break;
    case Kind::Mul:
    case Kind::Hadamard: {
      double parens = 0;
      for (Expr k : n.kids)
        if (k->kind == Kind::Add) parens += 2;
      double coef = n.kind == Kind::Mul && n.value != 1 ? 2 : 0;
      size = kids + count - 1 + parens + coef;
      break;
    }
    default:  // a call: name and parentheses (and commas)
      size = kids + 2 + count;
  }
  return size;
}

}  // namespace matcalc
