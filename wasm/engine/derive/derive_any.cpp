// derive_any: the request's checks and the choice of derivation.
#include "derive/derive.h"
#include "expr/error.h"

namespace matcalc {

Derivation derive_any(Context& ctx, Expr f, const std::string& wrt, const DeriveOptions& opt) {
  if (wrt.empty())
    throw UserError("parse",
                    "no variable to differentiate by: the question names none (name it with --wrt, "
                    "or ask \\frac{\\partial f}{\\partial X})");
  if (!ctx.var(wrt)) {
    std::string known;
    for (const VarInfo& v : ctx.vars()) known += (known.empty() ? "" : ", ") + v.name;
    throw UserError("unknown-symbol", "'" + wrt + "' does not occur in the expression" +
                                          (known.empty() ? "" : " (its variables: " + known + ")"));
  }
  if (opt.hessian && !f->shape.scalar())  // (the span is the whole expression)
    throw UserError("unsupported",
                    "a Hessian needs a scalar expression, but this one is " +
                        ctx.shape_text(f->shape) + " (its first derivative is a Jacobian)",
                    Source::Expression, 0, 1 << 20);
  if (opt.hessian) return derive_hessian(ctx, f, wrt, opt);
  if (f->shape.scalar()) return derive_gradient(ctx, f, wrt, opt);
  return derive_jacobian(ctx, f, wrt, opt);
}

}  // namespace matcalc
