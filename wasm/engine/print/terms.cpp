#include "print/terms.h"

namespace matcalc {

SumTerm sum_term(Build& b, Expr sum, Expr t) {
  SumTerm out;
  out.negative = t->kind == Kind::Mul ? t->value < 0 : (t->kind == Kind::Const && t->value < 0);
  out.shown = out.negative ? b.neg(t) : t;
  Expr s = out.shown;
  if (sum->shape.scalar()) return out;
  if (s->kind == Kind::Ones)
    out.broadcast = b.num(1);
  else if (s->kind == Kind::Mul && s->kids.back()->kind == Kind::Ones &&
           static_cast<int>(s->kids.size()) == s->aux + 1)
    out.broadcast = b.split_scalars(s).first;
  return out;
}

void append_term(std::string& out, bool negative, const std::string& body) {
  if (out.empty())
    out = negative ? "-" + body : body;
  else
    out += (negative ? " - " : " + ") + body;
}

}  // namespace matcalc
