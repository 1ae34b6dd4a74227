#include "expr/rebuild.h"

#include <unordered_map>

#include "expr/error.h"

namespace matcalc {

Expr rebuild(Build& b, Expr e, const std::vector<Expr>& k) {
  if (k == e->kids) return e;
  switch (e->kind) {
    case Kind::Const:
    case Kind::Var:
    case Kind::Identity:
    case Kind::Ones:
    case Kind::Zero:
    case Kind::Commutation:
      return e;
    case Kind::Add:
      return b.add(k);
    case Kind::Mul: {
      std::vector<Expr> f{b.num(e->value)};
      f.insert(f.end(), k.begin(), k.end());
      return b.mul(f);
    }
    case Kind::Hadamard:
      return b.hadamard(k);
    case Kind::Pow:
      return b.pow(k[0], k[1]);
    case Kind::Func:
      return b.func(e->fn(), k);
    case Kind::Transpose:
      return b.transpose(k[0]);
    case Kind::Trace:
      return b.trace(k[0]);
    case Kind::Det:
      return b.det(k[0]);
    case Kind::LogDet:
      return b.logdet(k[0]);
    case Kind::Inverse:
      return b.inverse(k[0]);
    case Kind::Sum:
      return b.sum(k[0]);
    case Kind::Norm1:
      return b.norm1(k[0]);
    case Kind::Norm2:
      return b.norm2(k[0]);
    case Kind::DiagMat:
      return b.diag_mat(k[0]);
    case Kind::DiagVec:
      return b.diag_vec(k[0]);
    case Kind::Vec:
      return b.vec(k[0]);
    case Kind::Kron:
      return b.kron(k[0], k[1]);
    case Kind::Unvec:
      return b.unvec(k[0], e->shape);
    case Kind::Diff:
      return b.diff(k[0]);
    case Kind::Inner:
      return b.pairing(k[0], k[1]);
  }
  throw InternalError("rebuild: unknown kind");
}

Expr map_bottom_up(Build& b, Expr e, const std::function<Expr(Expr)>& f) {
  std::unordered_map<Expr, Expr> memo;
  std::function<Expr(Expr)> go = [&](Expr x) -> Expr {
    auto it = memo.find(x);
    if (it != memo.end()) return it->second;
    std::vector<Expr> kids;
    for (Expr k : x->kids) kids.push_back(go(k));
    Expr out = f(rebuild(b, x, kids));
    memo[x] = out;
    return out;
  };
  return go(e);
}

Expr inline_definitions(Build& b, Expr e, const std::set<std::string>& keep) {
  return map_bottom_up(b, e, [&](Expr x) {
    if (x->kind != Kind::Var || keep.count(x->name)) return x;
    const VarInfo* v = b.ctx().var(x->name);
    return v && v->definition ? inline_definitions(b, v->definition, keep) : x;
  });
}

}  // namespace matcalc
