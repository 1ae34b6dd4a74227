// derive_any: the request's checks and the choice of derivation.
#include "derive/cost.h"
#include "derive/derive.h"
#include "expr/error.h"
#include "expr/structures.h"

namespace matcalc {

void refuse_unless_gradient(const Context& ctx, const std::string& wrt, bool hessian, bool scalar) {
  // On a constraint set only gradients are derived (SPEC 13): a Jacobian would need the
  // tangent space's coordinates, a Hessian the Riemannian connection.
  const VarInfo* x = ctx.var(wrt);
  const StructureRow* row = x ? structure_of(*x) : nullptr;
  if (row && !row->jacobian && (hessian || !scalar))
    throw UserError("unsupported",
                    std::string(hessian ? "the Hessian" : "a Jacobian") + " by " + wrt +
                        ", a structured variable (" + row->word + "), is not derived yet: " +
                        (hessian ? "the Riemannian Hessian on its set is left for later"
                                 : "on a constraint set only gradients of scalar expressions "
                                   "are derived") +
                        "; ask for the gradient of a scalar expression by " + wrt + " instead");
}

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
  refuse_unless_gradient(ctx, wrt, opt.hessian, f->shape.scalar());
  if (opt.hessian && !f->shape.scalar())  // (the span is the whole expression)
    throw UserError("unsupported",
                    "a Hessian needs a scalar expression, but this one is " +
                        ctx.shape_text(f->shape) + " (its first derivative is a Jacobian)",
                    Source::Expression, 0, 1 << 20);
  ProductRuleCost cost = product_rule_cost(ctx, f, wrt);
  if (cost.size > kMaxProductRuleSize)
    throw UserError("unsupported",
                    "the expression is too large to differentiate: by the product rule its "
                    "differential has about " +
                        std::to_string(static_cast<long long>(cost.size)) +
                        " factors (a product of " + std::to_string(cost.largest_factors) +
                        " factors, " + std::to_string(cost.largest_terms) + " of them with " + wrt +
                        ", gives " + std::to_string(cost.largest_terms) + " terms); the limit is " +
                        std::to_string(static_cast<long long>(kMaxProductRuleSize)));
  if (opt.hessian) return derive_hessian(ctx, f, wrt, opt);
  if (f->shape.scalar()) return derive_gradient(ctx, f, wrt, opt);
  return derive_jacobian(ctx, f, wrt, opt);
}

}  // namespace matcalc
