#include "derive/cost.h"

#include <unordered_map>
#include <vector>

namespace matcalc {

namespace {

class Estimate {
 public:
  Estimate(const Context& ctx, const std::string& wrt) : ctx_(ctx), wrt_(wrt) {}

  // Whether e depends on the variable (through definitions too); each node once.
  bool depends(Expr e) {
    if (!e->has_var) return false;
    auto it = depends_.find(e);
    if (it != depends_.end()) return it->second;
    bool d = false;
    if (e->kind == Kind::Var) {
      const VarInfo* v = ctx_.var(e->name);
      d = e->name == wrt_ || (v && v->definition && depends(v->definition));
    }
    for (Expr k : e->kids) d = depends(k) || d;
    return depends_[e] = d;
  }

  // Adds the product rule's size for every product under e (each node once).
  void visit(Expr e, ProductRuleCost& cost) {
    if (!seen_.emplace(e, true).second || !depends(e)) return;
    if (e->kind == Kind::Mul || e->kind == Kind::Hadamard) {
      int m = 0;
      for (Expr k : e->kids) m += depends(k) ? 1 : 0;
      int k = static_cast<int>(e->kids.size());
      cost.size += static_cast<double>(m) * k;
      if (static_cast<double>(m) * k >
          static_cast<double>(cost.largest_terms) * cost.largest_factors)
        cost.largest_terms = m, cost.largest_factors = k;
    }
    if (e->kind == Kind::Var)
      if (const VarInfo* v = ctx_.var(e->name); v && v->definition && e->name != wrt_)
        visit(v->definition, cost);
    for (Expr k : e->kids) visit(k, cost);
  }

 private:
  const Context& ctx_;
  const std::string& wrt_;
  std::unordered_map<Expr, bool> depends_, seen_;
};

}  // namespace

ProductRuleCost product_rule_cost(const Context& ctx, Expr f, const std::string& wrt) {
  ProductRuleCost cost;
  Estimate(ctx, wrt).visit(f, cost);
  return cost;
}

}  // namespace matcalc
