// Factories for leaves, sums, products and powers: where like terms are collected
// and products flattened. See build.h for the canonical forms.
#include <algorithm>
#include <cmath>
#include <map>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"

namespace matcalc {

Expr Build::make(Kind k, Shape s, std::vector<Expr> kids, unsigned props, double value, int aux,
                 std::string name) {
  Node n;
  n.kind = k;
  n.shape = s;
  n.kids = std::move(kids);
  n.props = props;
  n.value = value;
  n.aux = aux;
  n.name = std::move(name);
  return ctx_.intern(std::move(n));
}

Expr Build::unary(Kind k, Shape s, Expr a, unsigned props) { return make(k, s, {a}, props); }

Expr Build::num(double v) {
  if (v == 0) v = 0;  // one zero: -0 and 0 are the same constant
  return make(Kind::Const, Shape{}, {}, kSymmetric | kDiagonal, v);
}

Expr Build::var(const VarInfo& v) {
  unsigned props = v.props;
  if (v.shape.scalar()) props |= kSymmetric | kDiagonal;
  return make(Kind::Var, v.shape, {}, props, 0, 0, v.name);
}

Expr Build::identity(Dim n) {
  if (n == kDimOne) return num(1);
  return make(Kind::Identity, Shape{n, n}, {}, kSymmetric | kPosDef | kDiagonal);
}

Expr Build::ones(Shape s) {
  if (s.scalar()) return num(1);
  return make(Kind::Ones, s, {}, s.square() ? kSymmetric : 0u);
}

Expr Build::zero(Shape s) {
  if (s.scalar()) return num(0);
  return make(Kind::Zero, s, {}, s.square() ? (kSymmetric | kDiagonal) : 0u);
}

std::pair<double, Expr> Build::split_coef(Expr e) {
  if (e->kind == Kind::Const) return {e->value, num(1)};
  if (e->kind != Kind::Mul || e->value == 1) return {1.0, e};
  if (e->kids.size() == 1) return {e->value, e->kids[0]};
  return {e->value, make(Kind::Mul, e->shape, e->kids, e->props, 1.0, e->aux)};
}

std::pair<Expr, Expr> Build::split_scalars(Expr e) {
  if (e->shape.scalar()) return {e, num(1)};
  if (e->kind != Kind::Mul) return {num(1), e};
  std::vector<Expr> scalars(e->kids.begin(), e->kids.begin() + e->aux);
  std::vector<Expr> chain(e->kids.begin() + e->aux, e->kids.end());
  scalars.push_back(num(e->value));
  return {mul(scalars), mul(chain)};
}

Expr Build::add(std::vector<Expr> terms) {
  // Flatten nested sums; find the shape (a scalar term broadcasts).
  std::vector<Expr> flat;
  Shape shape;
  for (Expr t : terms) {
    if (t->kind == Kind::Add)
      flat.insert(flat.end(), t->kids.begin(), t->kids.end());
    else
      flat.push_back(t);
    if (!t->shape.scalar()) shape = t->shape;
  }
  // Collect like terms: rest -> coefficient, in order of first appearance.
  std::vector<std::pair<Expr, double>> collected;
  for (Expr t : flat) {
    if (t->kind == Kind::Zero) continue;
    if (t->shape != shape) {
      if (!t->shape.scalar()) throw InternalError("add: terms of different shapes");
      t = mul(t, ones(shape));  // scalar broadcast: c + A = c*ones + A
    }
    auto [c, rest_] = split_coef(t);
    Expr rest = rest_;  // lambdas may not capture structured bindings (C++17 clang)
    if (c == 0) continue;
    auto it = std::find_if(collected.begin(), collected.end(),
                           [&](const auto& p) { return p.first == rest; });
    if (it == collected.end())
      collected.emplace_back(rest, c);
    else
      it->second += c;
  }
  std::vector<Expr> out;
  bool rewritten = false;
  for (auto& [rest, c] : collected)
    if (c != 0) {
      out.push_back(mul(num(c), rest));
      // Scaling may rewrite the term itself (sqrt(s)^2 is s, a sum or a constant): then
      // it may flatten or be like another term, so the sum is collected once more.
      rewritten = rewritten || split_coef(out.back()).second != rest;
    }
  if (rewritten) return add(out);
  if (out.empty()) return zero(shape);
  if (out.size() == 1) return out[0];
  std::sort(out.begin(), out.end(), term_before);
  // Symmetric when every term is, or the terms pair up with their transposes (A + A').
  bool sym = shape.square();
  for (Expr t : out) {
    if (!sym) break;
    if (t->symmetric()) continue;
    Expr tt = transpose(t);
    sym = std::find(out.begin(), out.end(), tt) != out.end();
  }
  return make(Kind::Add, shape, std::move(out), sym ? kSymmetric : 0u);
}

std::vector<Expr> Build::collect_powers(const std::vector<Expr>& factors) {
  std::vector<std::pair<Expr, std::vector<Expr>>> bases;
  for (Expr f : factors) {
    Expr base = f, exponent = num(1);
    if (f->kind == Kind::Pow) base = f->kids[0], exponent = f->kids[1];
    // A scalar square root is the power 1/2 of its argument, so d/sqrt(d) is sqrt(d).
    if (base->kind == Kind::Func && base->fn() == Fn::Sqrt && base->shape.scalar() &&
        exponent->kind == Kind::Const) {
      exponent = num(exponent->value / 2);
      base = base->kids[0];
    }
    auto it =
        std::find_if(bases.begin(), bases.end(), [&](const auto& p) { return p.first == base; });
    if (it == bases.end())
      bases.push_back({base, {exponent}});
    else
      it->second.push_back(exponent);
  }
  std::vector<Expr> out;
  for (auto& [base, exps] : bases) {
    // One exponent is already canonical: adding it to nothing would re-collect every
    // term of a long exponent sum at each product that mentions the power.
    Expr exponent = exps.size() == 1 ? exps[0] : add(exps);
    Expr e = exponent->is_const(1) ? base : pow(base, exponent);
    if (e->is_const(1) || e->kind == Kind::Ones) continue;
    out.push_back(e);
  }
  // Differentials last, as a lecture writes det(A) tr(A^{-1} dA); then by structure.
  std::sort(out.begin(), out.end(), [](Expr a, Expr b) {
    if (a->has_diff != b->has_diff) return b->has_diff;
    return structural_compare(a, b) < 0;
  });
  return out;
}

namespace {

bool all_symmetric(const std::vector<Expr>& xs) {
  return std::all_of(xs.begin(), xs.end(), [](Expr x) { return x->symmetric(); });
}

}  // namespace

// Whether a * b is I: b = inv(a) or a = inv(b), or the same under transposes.
static bool inverse_pair(Expr a, Expr b) {
  auto inverse_of = [](Expr x, Expr y) {  // x = inv(y)?
    if (x->kind == Kind::Inverse) return x->kids[0] == y;
    return x->kind == Kind::Transpose && y->kind == Kind::Transpose &&
           x->kids[0]->kind == Kind::Inverse && x->kids[0]->kids[0] == y->kids[0];
  };
  return a->shape.square() && (inverse_of(a, b) || inverse_of(b, a));
}

Expr Build::mul(std::vector<Expr> factors) {
  double coef = 1;
  std::vector<Expr> scalars, chain, scalar_chains;
  bool zero_seen = false;
  for (Expr f : factors) {
    if (f->kind == Kind::Const) {
      coef *= f->value;
    } else if (f->kind == Kind::Mul) {
      coef *= f->value;
      scalars.insert(scalars.end(), f->kids.begin(), f->kids.begin() + f->aux);
      std::vector<Expr> sub(f->kids.begin() + f->aux, f->kids.end());
      if (f->shape.scalar() && !sub.empty())  // (x'*y) used as a scalar stays one factor
        scalar_chains.push_back(sub.size() == 1 ? sub[0] : mul(sub));
      else
        chain.insert(chain.end(), sub.begin(), sub.end());
    } else if (f->shape.scalar()) {
      scalars.push_back(f);
    } else {
      zero_seen = zero_seen || f->kind == Kind::Zero;
      chain.push_back(f);
    }
  }
  // One scalar-valued chain in an otherwise scalar product is the product's chain:
  // (y'/c)*x and (y'*x)/c are the same node. Several, or beside a matrix chain, they
  // are scalar factors.
  if (chain.empty() && scalar_chains.size() == 1 && scalar_chains[0]->kind == Kind::Mul)
    chain = scalar_chains[0]->kids;
  else
    scalars.insert(scalars.end(), scalar_chains.begin(), scalar_chains.end());
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    if (chain[i]->shape.cols != chain[i + 1]->shape.rows)
      throw InternalError("mul: factors do not conform");
  Shape shape =
      chain.empty() ? Shape{} : Shape{chain.front()->shape.rows, chain.back()->shape.cols};
  if (zero_seen || coef == 0) return zero(shape);
  // An identity in a chain of other factors changes nothing.
  std::vector<Expr> kept;
  for (Expr f : chain)
    if (f->kind != Kind::Identity) kept.push_back(f);
  if (kept.empty() && !chain.empty()) kept.push_back(chain[0]);
  chain = std::move(kept);
  // diag(x) times a column is their element-wise product: diag(x)*b = x.*b (so
  // A*diag(x)*b differentiates by x to A*diag(b)).
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    if (chain[i]->kind == Kind::DiagMat && chain[i + 1]->shape.cols == kDimOne &&
        chain[i + 1]->kind != Kind::Ones) {
      std::vector<Expr> again{num(coef)};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.insert(again.end(), chain.begin(), chain.begin() + static_cast<long>(i));
      again.push_back(hadamard(chain[i]->kids[0], chain[i + 1]));
      again.insert(again.end(), chain.begin() + static_cast<long>(i) + 2, chain.end());
      return mul(again);
    }
  // An inner product of ones is the length when it is a number: ones(1,4)*ones(4) = 4.
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    if (chain[i]->kind == Kind::Ones && chain[i + 1]->kind == Kind::Ones &&
        chain[i]->shape.rows == kDimOne && chain[i + 1]->shape.cols == kDimOne) {
      const Monomial& n = ctx_.monomial(chain[i]->shape.cols);
      if (!n.syms.empty()) continue;
      std::vector<Expr> again{num(coef * static_cast<double>(n.coef))};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.insert(again.end(), chain.begin(), chain.begin() + static_cast<long>(i));
      again.insert(again.end(), chain.begin() + static_cast<long>(i) + 2, chain.end());
      return mul(again);
    }
  // An outer product of ones is ones: ones(n,1)*ones(1,m) = ones(n,m).
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    if (chain[i]->kind == Kind::Ones && chain[i + 1]->kind == Kind::Ones &&
        chain[i]->shape.cols == kDimOne) {
      chain[i] = ones(Shape{chain[i]->shape.rows, chain[i + 1]->shape.cols});
      chain.erase(chain.begin() + static_cast<long>(i) + 1);
      --i;
    }
  // The inverse of a product beside that product's factors: inv(X'*X)*X'*X = I, and
  // for a square end factor inv(L*M)*L = inv(M), M*inv(L*M) = inv(L).
  for (std::size_t i = 0; i < chain.size(); ++i) {
    Expr inv = chain[i];
    if (inv->kind != Kind::Inverse || inv->kids[0]->kind != Kind::Mul) continue;
    Expr p = inv->kids[0];
    if (p->value != 1 || p->aux != 0) continue;
    const std::vector<Expr>& pk = p->kids;
    std::size_t k = pk.size();
    auto rebuild_with = [&](std::size_t from, std::size_t to, std::vector<Expr> middle) {
      std::vector<Expr> again{num(coef)};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.insert(again.end(), chain.begin(), chain.begin() + static_cast<long>(from));
      again.insert(again.end(), middle.begin(), middle.end());
      again.insert(again.end(), chain.begin() + static_cast<long>(to), chain.end());
      return mul(again);
    };
    // Whole product after (or before) its inverse.
    if (i + k < chain.size() && std::equal(pk.begin(), pk.end(), chain.begin() + i + 1))
      return rebuild_with(i, i + 1 + k, {identity(inv->shape.rows)});
    if (i >= k && std::equal(pk.begin(), pk.end(), chain.begin() + static_cast<long>(i - k)))
      return rebuild_with(i - k, i + 1, {identity(inv->shape.rows)});
    // A square end factor peeled off.
    if (i + 1 < chain.size() && chain[i + 1] == pk.front() && pk.front()->shape.square())
      return rebuild_with(i, i + 2, {inverse(mul(std::vector<Expr>(pk.begin() + 1, pk.end())))});
    if (i >= 1 && chain[i - 1] == pk.back() && pk.back()->shape.square())
      return rebuild_with(i - 1, i + 1,
                          {inverse(mul(std::vector<Expr>(pk.begin(), pk.end() - 1)))});
  }
  // A factor beside its inverse cancels: X inv(X) = inv(X) X = I (also transposed).
  for (std::size_t i = 0; i + 1 < chain.size(); ++i)
    if (inverse_pair(chain[i], chain[i + 1])) {
      std::vector<Expr> again{num(coef)};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.insert(again.end(), chain.begin(), chain.begin() + static_cast<long>(i));
      if (chain.size() == 2) again.push_back(identity(chain[i]->shape.rows));
      again.insert(again.end(), chain.begin() + static_cast<long>(i) + 2, chain.end());
      return mul(again);
    }
  // A leading part of the chain whose product is 1x1 (u'*v in u'*v*w') is a scalar
  // factor, as the parser, reading left to right, makes it: so printed text reads back
  // as the same node.
  for (std::size_t j = 1; j + 1 < chain.size(); ++j)
    if (chain[0]->shape.rows == kDimOne && chain[j]->shape.cols == kDimOne) {
      std::vector<Expr> again{num(coef)};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.push_back(mul(std::vector<Expr>(chain.begin(), chain.begin() + j + 1)));
      again.insert(again.end(), chain.begin() + j + 1, chain.end());
      return mul(again);
    }
  scalars = collect_powers(scalars);
  // A power may fold to a constant or pull out a coefficient ((2x)^2 = 4x^2):
  // multiply those in once more.
  for (Expr s : scalars)
    if (s->kind == Kind::Const || (s->kind == Kind::Mul && s->aux > 0)) {
      std::vector<Expr> again{num(coef)};
      again.insert(again.end(), scalars.begin(), scalars.end());
      again.insert(again.end(), chain.begin(), chain.end());
      return mul(again);
    }
  if (coef == 0) return zero(shape);
  if (scalars.empty() && chain.empty()) return num(coef);
  if (coef == 1 && scalars.size() + chain.size() == 1)
    return scalars.empty() ? chain[0] : scalars[0];
  // Symmetric when the chain reads the same transposed: A*A', B'*S*B.
  bool sym = shape.square();
  for (std::size_t i = 0, k = chain.size(); sym && i < (k + 1) / 2; ++i)
    sym = (i == k - 1 - i) ? chain[i]->symmetric() : chain[i] == transpose(chain[k - 1 - i]);
  int nscalars = static_cast<int>(scalars.size());
  std::vector<Expr> kids = std::move(scalars);
  kids.insert(kids.end(), chain.begin(), chain.end());
  return make(Kind::Mul, shape, std::move(kids), sym ? kSymmetric : 0u, coef, nscalars);
}

Expr Build::hadamard(std::vector<Expr> factors) {
  std::vector<Expr> outside{num(1)}, inside;
  Shape shape;
  bool zero_seen = false;
  for (Expr f : factors) {
    std::vector<Expr> parts = f->kind == Kind::Hadamard ? f->kids : std::vector<Expr>{f};
    for (Expr p : parts) {
      auto [s, rest] = split_scalars(p);
      outside.push_back(s);
      if (rest->is_const(1) || rest->kind == Kind::Ones) {
        if (rest->kind == Kind::Ones) shape = rest->shape;
        continue;
      }
      shape = rest->shape;
      zero_seen = zero_seen || rest->kind == Kind::Zero;
      if (rest->kind == Kind::Hadamard)  // 2*(x.*y) .* z = 2*(x.*y.*z)
        inside.insert(inside.end(), rest->kids.begin(), rest->kids.end());
      else
        inside.push_back(rest);
    }
  }
  for (Expr f : inside)
    if (f->shape != shape) throw InternalError("hadamard: factors of different shapes");
  if (zero_seen) return zero(shape);
  inside = collect_powers(inside);
  Expr scalar = mul(outside);
  if (inside.empty()) return mul(scalar, ones(shape));
  if (inside.size() == 1) return mul(scalar, inside[0]);
  unsigned props = all_symmetric(inside) ? kSymmetric : 0u;
  for (Expr f : inside)
    if (f->props & kDiagonal) props |= kDiagonal;
  return mul(scalar, make(Kind::Hadamard, shape, std::move(inside), props));
}

Expr Build::pow(Expr base, Expr exponent) {
  if (!exponent->shape.scalar()) throw InternalError("pow: exponent must be a scalar");
  if (exponent->is_const(0)) return ones(base->shape);
  if (exponent->is_const(1)) return base;
  if (base->kind == Kind::Ones || base->is_const(1)) return base;
  if (base->kind == Kind::Zero && exponent->kind == Kind::Const && exponent->value > 0) return base;
  if (exponent->kind == Kind::Const) {
    double p = exponent->value;
    if (base->kind == Kind::Const) {
      double v = std::pow(base->value, p);
      if (std::isfinite(v) && v == std::round(v * 1e6) / 1e6) return num(v);
    }
    bool integral = p == std::round(p);
    // step(A) takes the values 0 and 1: its positive powers are itself.
    if (base->kind == Kind::Func && base->fn() == Fn::Step && p > 0) return base;
    if (base->kind == Kind::Pow && base->kids[1]->kind == Kind::Const && integral)
      return pow(base->kids[0], num(base->kids[1]->value * p));
    // A scalar to a half-integer power is written with sqrt: a^0.5 = sqrt(a),
    // a^-1.5 = sqrt(a)^-3 (the form collecting powers of sqrt(a) gives back).
    if (base->shape.scalar() && !integral && 2 * p == std::round(2 * p) &&
        base->kind != Kind::Const)
      return pow(func(Fn::Sqrt, base), num(2 * p));
    // (c*X).^k = c^k * X.^k for a numeric coefficient and integer k.
    if (base->kind == Kind::Mul && base->value != 1 && integral) {
      auto [c, rest] = split_coef(base);
      return mul(num(std::pow(c, p)), pow(rest, exponent));
    }
    // Integer powers distribute over element-wise and scalar products, (a.*b).^k =
    // a.^k.*b.^k and (a b)^k = a^k b^k, so that like bases meet and cancel: x./y./(x./y)
    // is 1, and 1/(|x| |y|)^2 / |x| is |x|^-3 |y|^-2.
    if (integral && base->kind == Kind::Hadamard) {
      std::vector<Expr> parts;
      for (Expr k : base->kids) parts.push_back(pow(k, exponent));
      return hadamard(parts);
    }
    if (integral && base->kind == Kind::Mul && base->aux == static_cast<int>(base->kids.size())) {
      std::vector<Expr> parts{num(std::pow(base->value, p))};
      for (Expr k : base->kids) parts.push_back(pow(k, exponent));
      return mul(parts);
    }
  }
  unsigned props = base->symmetric() ? kSymmetric : 0u;
  return make(Kind::Pow, base->shape, {base, exponent}, props);
}

Expr Build::matpow(Expr base, int k) {
  if (base->shape.scalar()) return pow(base, num(k));
  if (k == 0) return identity(base->shape.rows);
  Expr b = k < 0 ? inverse(base) : base;
  std::vector<Expr> chain(static_cast<std::size_t>(k < 0 ? -k : k), b);
  return mul(chain);
}

}  // namespace matcalc
