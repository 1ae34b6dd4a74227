#include "simplify/strategy.h"

#include "expr/rebuild.h"

namespace matcalc {

Rewrite chain(std::vector<Rewrite> rewrites) {
  return [rewrites = std::move(rewrites)](Build& b, Expr e) {
    for (const Rewrite& r : rewrites) e = r(b, e);
    return e;
  };
}

Rewrite do_one(std::vector<Rewrite> rewrites) {
  return [rewrites = std::move(rewrites)](Build& b, Expr e) {
    for (const Rewrite& r : rewrites) {
      Expr out = r(b, e);
      if (out != e) return out;
    }
    return e;
  };
}

Rewrite bottom_up(Rewrite rewrite) {
  return [rewrite = std::move(rewrite)](Build& b, Expr e) {
    return map_bottom_up(b, e, [&](Expr x) { return rewrite(b, x); });
  };
}

Exhausted exhaust(const Rewrite& rewrite, Build& b, Expr e, int budget) {
  Exhausted out{e, false, 0};
  while (out.passes < budget) {
    ++out.passes;
    Expr next = rewrite(b, out.expr);
    if (next == out.expr) {
      out.fixed_point = true;
      break;
    }
    out.expr = next;
  }
  return out;
}

}  // namespace matcalc
