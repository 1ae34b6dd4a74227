// Identities a textbook uses that the canonical forms do not already give: Kronecker
// products (Magnus & Neudecker ch. 2), scalars equal to their transposes, the logistic
// and ReLU functions, diag of products, softmax and log-sum-exp. Each row returns its
// input unchanged when it does not apply; each is an identity the step check verifies.
#include <algorithm>
#include <cmath>

#include "expr/functions.h"
#include "expr/order.h"
#include "print/text.h"
#include "simplify/simplify.h"

namespace matcalc {

// Roth's column lemma: (B kron A) vec(Y) = vec(A Y B'), and vec(Y)' (B kron A) =
// vec(A' Y B)'. The position in a product's chain where it applies, or -1.
int kron_vec_position(Expr e) {
  if (e->kind != Kind::Mul) return -1;
  for (std::size_t i = e->aux; i + 1 < e->kids.size(); ++i) {
    Expr k = e->kids[i], v = e->kids[i + 1];
    bool after = k->kind == Kind::Kron && v->kind == Kind::Vec;
    bool before =
        v->kind == Kind::Kron && k->kind == Kind::Transpose && k->kids[0]->kind == Kind::Vec;
    if (!after && !before) continue;
    Expr kr = after ? k : v, y = after ? v->kids[0] : k->kids[0]->kids[0];
    Shape a = kr->kids[1]->shape, b = kr->kids[0]->shape;
    if (y->shape == (after ? Shape{a.cols, b.cols} : Shape{a.rows, b.rows}))
      return static_cast<int>(i);
  }
  return -1;
}

Expr kron_vec(Build& b, Expr e) {
  int i = kron_vec_position(e);
  if (i < 0) return e;
  std::vector<Expr> kids = e->kids;
  Expr k = kids[i];
  bool after = k->kind == Kind::Kron;
  Expr kr = after ? k : kids[i + 1], y = after ? kids[i + 1]->kids[0] : k->kids[0]->kids[0];
  Expr bm = kr->kids[0], am = kr->kids[1];
  kids[i] = after ? b.vec(b.mul({am, y, b.transpose(bm)}))
                  : b.transpose(b.vec(b.mul({b.transpose(am), y, bm})));
  kids.erase(kids.begin() + i + 1);
  kids.insert(kids.begin(), b.num(e->value));
  return b.mul(kids);
}

namespace {

bool is_fn(Expr e, Fn f) { return e->kind == Kind::Func && e->fn() == f; }

// Whether e is written with a leading minus (-W*x, -z - o).
bool leading_minus(Expr e) {
  if (e->kind == Kind::Add) e = e->kids[0];
  return e->kind == Kind::Mul && e->value < 0;
}

// Whether a = -b: their sum is zero (-(z + o) is written -z - o, not -1 times the sum).
bool opposite(Build& b, Expr x, Expr y) { return b.add(x, y)->kind == Kind::Zero; }

// Whether a sigmoid is among e's factors, or its sums' terms' factors (no node built).
bool has_sigmoid_factor(Expr e, int depth = 3) {
  if (is_fn(e, Fn::Sigmoid)) return true;
  if (depth == 0 || (e->kind != Kind::Mul && e->kind != Kind::Hadamard && e->kind != Kind::Add))
    return false;
  return std::any_of(e->kids.begin(), e->kids.end(),
                     [&](Expr k) { return has_sigmoid_factor(k, depth - 1); });
}

// tr(A kron B) = tr(A) tr(B) for square A, B.
Expr trace_kron(Build& b, Expr e) {
  if (e->kind != Kind::Trace || e->kids[0]->kind != Kind::Kron) return e;
  Expr k = e->kids[0];
  if (!k->kids[0]->shape.square() || !k->kids[1]->shape.square()) return e;
  return b.mul(b.trace(k->kids[0]), b.trace(k->kids[1]));
}

// The rows that rewrite two neighbours of a matrix chain as one: `pair` gives their
// product rewritten, or null; applied left to right, as often as it applies.
Expr merge_adjacent(Build& b, Expr e, Expr (*pair)(Build&, Expr, Expr)) {
  if (e->kind != Kind::Mul) return e;
  std::vector<Expr> kids = e->kids;
  bool changed = false;
  for (std::size_t i = e->aux; i + 1 < kids.size();) {
    Expr merged = pair(b, kids[i], kids[i + 1]);
    if (!merged) {
      ++i;
      continue;
    }
    kids[i] = merged;
    kids.erase(kids.begin() + static_cast<long>(i) + 1);
    changed = true;
  }
  if (!changed) return e;
  kids.insert(kids.begin(), b.num(e->value));
  return b.mul(kids);
}

// (A kron B)(C kron D) = (AC) kron (BD) where the products conform.
Expr kron_mixed(Build& b, Expr e) {
  return merge_adjacent(b, e, [](Build& bb, Expr l, Expr r) -> Expr {
    if (l->kind != Kind::Kron || r->kind != Kind::Kron) return nullptr;
    if (l->kids[0]->shape.cols != r->kids[0]->shape.rows ||
        l->kids[1]->shape.cols != r->kids[1]->shape.rows)
      return nullptr;
    return bb.kron(bb.mul(l->kids[0], r->kids[0]), bb.mul(l->kids[1], r->kids[1]));
  });
}

// sinh(A) ./ cosh(A) = tanh(A), among the factors of an element-wise or scalar product.
Expr hyperbolic_tangent(Build& b, Expr e) {
  bool hadamard = e->kind == Kind::Hadamard;
  if (!hadamard && !(e->kind == Kind::Mul && e->aux > 1)) return e;
  int end = hadamard ? static_cast<int>(e->kids.size()) : e->aux;
  for (int i = 0; i < end; ++i) {
    Expr s = e->kids[i];
    if (!is_fn(s, Fn::Sinh)) continue;
    Expr over = b.pow(b.func(Fn::Cosh, s->kids[0]), b.num(-1));
    auto it = std::find(e->kids.begin(), e->kids.begin() + end, over);
    if (it == e->kids.begin() + end) continue;
    std::vector<Expr> kids;
    for (int k = 0; k < static_cast<int>(e->kids.size()); ++k)
      if (k != i && e->kids.begin() + k != it) kids.push_back(e->kids[k]);
    kids.push_back(b.func(Fn::Tanh, s->kids[0]));
    if (hadamard) return b.hadamard(kids);
    kids.insert(kids.begin(), b.num(e->value));
    return b.mul(kids);
  }
  return e;
}

// v .* s - s s' v = (diag(s) - s s') v for s = softmax(z): the softmax Jacobian folded
// back, where that prints shorter (v written once).
Expr softmax_jacobian(Build& b, Expr e) {
  if (e->kind != Kind::Add || e->kids.size() != 2) return e;
  for (int i = 0; i < 2; ++i) {
    auto [c1, h] = b.split_coef(e->kids[i]);
    auto [c2, t] = b.split_coef(e->kids[1 - i]);
    if (c2 != -c1 || h->kind != Kind::Hadamard || h->kids.size() != 2 || t->kind != Kind::Mul ||
        t->aux != 0 || t->kids.size() < 3)
      continue;
    for (int k = 0; k < 2; ++k) {
      Expr sm = h->kids[k], v = h->kids[1 - k];
      if (!is_fn(sm, Fn::Softmax) || t->kids[0] != sm || t->kids[1] != b.transpose(sm)) continue;
      if (b.mul(std::vector<Expr>(t->kids.begin() + 2, t->kids.end())) != v) continue;
      Expr jacobian = b.sub(b.diag_mat(sm), b.mul(sm, b.transpose(sm)));
      Expr folded = b.scale(c1, b.mul(jacobian, v));
      if (prints_shorter(b.ctx(), folded, e)) return folded;
    }
  }
  return e;
}

// 1 * (1 ./ r) = 1 ./ (1 * r) for a row r (and (1 ./ c) * 1' for a column c): the
// reciprocal of a row repeated down the columns is the reciprocal of the repeated row,
// so exp(Z) ./ (ones(k,k)*exp(Z)) reads as a column-wise softmax.
Expr broadcast_reciprocal(Build& b, Expr e) {
  return merge_adjacent(b, e, [](Build& bb, Expr l, Expr r) -> Expr {
    auto reciprocal = [](Expr f) {
      return f->kind == Kind::Pow && f->kids[1]->is_const(-1) ? f->kids[0] : nullptr;
    };
    if (l->kind == Kind::Ones && l->shape.cols == kDimOne && reciprocal(r) &&
        r->shape.rows == kDimOne)
      return bb.pow(bb.mul(l, reciprocal(r)), bb.num(-1));
    if (r->kind == Kind::Ones && r->shape.rows == kDimOne && reciprocal(l) &&
        l->shape.cols == kDimOne)
      return bb.pow(bb.mul(reciprocal(l), r), bb.num(-1));
    return nullptr;
  });
}

// M (a kron I) = a kron M for a row a, and (a kron I) M = a kron M for a column a: the
// mixed product with kron(1, M) = M (a layer's Jacobian diag(g) kron(x', I)).
Expr kron_absorb(Build& b, Expr e) {
  return merge_adjacent(b, e, [](Build& bb, Expr l, Expr r) -> Expr {
    if (r->kind == Kind::Kron && r->kids[1]->kind == Kind::Identity &&
        r->kids[0]->shape.rows == kDimOne && l->shape.square() &&
        l->shape.rows == r->kids[1]->shape.rows)
      return bb.kron(r->kids[0], l);
    if (l->kind == Kind::Kron && l->kids[1]->kind == Kind::Identity &&
        l->kids[0]->shape.cols == kDimOne && r->shape.square() &&
        r->shape.rows == l->kids[1]->shape.rows)
      return bb.kron(l->kids[0], r);
    return nullptr;
  });
}

// kron(u', v) = v u' and kron(u, v') = u v': the Kronecker product of a row and a column
// is their outer product (the form the adj rows and the rank-one rows recognise).
Expr kron_outer(Build& b, Expr e) {
  if (e->kind != Kind::Kron) return e;
  Expr l = e->kids[0], r = e->kids[1];
  if (l->shape.rows == kDimOne && r->shape.cols == kDimOne) return b.mul(r, l);
  if (l->shape.cols == kDimOne && r->shape.rows == kDimOne) return b.mul(l, r);
  return e;
}

// kron(A, B) + c kron(A, C) = kron(A, B + c C), and the same with the right factor
// shared: the Kronecker product is bilinear.
Expr kron_factor(Build& b, Expr e) {
  if (e->kind != Kind::Add) return e;
  for (int side = 0; side < 2; ++side) {
    Expr shared = nullptr;
    std::vector<Expr> rests;
    bool all = true;
    for (Expr t : e->kids) {
      auto [c, k] = b.split_coef(t);
      if (k->kind != Kind::Kron || (shared && k->kids[side] != shared)) {
        all = false;
        break;
      }
      shared = k->kids[side];
      rests.push_back(b.scale(c, k->kids[1 - side]));
    }
    if (!all) continue;
    Expr sum = b.add(rests);
    Expr r = side == 0 ? b.kron(shared, sum) : b.kron(sum, shared);
    if (prints_shorter(b.ctx(), r, e)) return r;
  }
  return e;
}

// ||A kron B|| = ||A|| ||B||.
Expr norm_kron(Build& b, Expr e) {
  if (e->kind != Kind::Norm2 || e->kids[0]->kind != Kind::Kron) return e;
  return b.mul(b.norm2(e->kids[0]->kids[0]), b.norm2(e->kids[0]->kids[1]));
}

// The chain of a scalar product read backwards and transposed: v'u for u'v (the
// factories keep a 1x1 expression as it is under transpose, so this spells it out).
Expr reversed_chain(Build& b, Expr t) {
  if (t->kind != Kind::Mul || t->kids.size() - t->aux < 2) return nullptr;
  std::vector<Expr> f(t->kids.begin(), t->kids.begin() + t->aux);
  f.insert(f.begin(), b.num(t->value));
  for (auto it = t->kids.rbegin(); it != t->kids.rend() - t->aux; ++it)
    f.push_back(b.transpose(*it));
  return b.mul(f);
}

// u'v + v'u = 2 u'v: a scalar is its own transpose, so terms that are each other's
// transposes are like terms.
Expr scalar_transpose(Build& b, Expr e) {
  if (e->kind != Kind::Add || !e->shape.scalar()) return e;
  int chains = 0;  // at least two terms with a chain of two or more factors
  for (Expr t : e->kids)
    if (t->kind == Kind::Mul && t->kids.size() - t->aux >= 2) ++chains;
  if (chains < 2) return e;
  std::vector<std::pair<double, Expr>> terms;
  for (Expr t : e->kids) terms.push_back(b.split_coef(t));
  bool changed = false;
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (std::size_t j = i + 1; j < terms.size(); ++j) {
      if (!terms[i].second || !terms[j].second) continue;
      if (terms[j].second != terms[i].second &&
          terms[j].second == reversed_chain(b, terms[i].second)) {
        terms[i].first += terms[j].first;
        terms[j].second = nullptr;
        changed = true;
      }
    }
  if (!changed) return e;
  std::vector<Expr> out{b.num(0)};
  for (auto& [c, t] : terms)
    if (t) out.push_back(b.scale(c, t));
  return b.add(out);
}

// relu(A) .* step(A) = relu(A).
Expr relu_step(Build& b, Expr e) {
  if (e->kind != Kind::Hadamard) return e;
  std::vector<Expr> kids = e->kids;
  for (Expr k : e->kids)
    if (is_fn(k, Fn::Relu)) {
      auto step = std::find(kids.begin(), kids.end(), b.func(Fn::Step, k->kids[0]));
      if (step != kids.end()) {
        kids.erase(step);
        return kids.size() == 1 ? kids[0] : b.hadamard(kids);
      }
    }
  return e;
}

// c sigma(A) + c sigma(-A) = c: the logistic function is symmetric about 1/2.
Expr sigmoid_sum(Build& b, Expr e) {
  if (e->kind != Kind::Add || !has_sigmoid_factor(e, 2)) return e;
  std::vector<std::pair<double, Expr>> terms;
  for (Expr t : e->kids) terms.push_back(b.split_coef(t));
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (std::size_t j = i + 1; j < terms.size(); ++j) {
      auto [ci, ti] = terms[i];
      auto [cj, tj] = terms[j];
      if (!is_fn(ti, Fn::Sigmoid) || !is_fn(tj, Fn::Sigmoid)) continue;
      if (!opposite(b, tj->kids[0], ti->kids[0])) continue;
      // a s(z) + c s(-z) = c + (a - c) s(z), with z the argument written without a
      // leading minus: s(-Wx) - s(Wx) is 1 - 2 s(Wx).
      if (leading_minus(ti->kids[0])) {
        std::swap(ci, cj);
        std::swap(ti, tj);
      }
      auto one = [&](double c) {
        return e->shape.scalar() ? b.num(c) : b.scale(c, b.ones(e->shape));
      };
      std::vector<Expr> out{one(cj), b.scale(ci - cj, ti)};
      for (std::size_t k = 0; k < terms.size(); ++k)
        if (k != i && k != j) out.push_back(e->kids[k]);
      Expr r = b.add(out);
      if (ci == cj || prints_shorter(b.ctx(), r, e)) return r;
    }
  return e;
}

// The factors of a term as (coefficient, Hadamard factors); a sum among them is
// distributed: (1 - y) .* s -> s, -y .* s.
std::vector<std::pair<double, std::vector<Expr>>> distributed(Build& b, Expr t) {
  auto [c, rest] = b.split_coef(t);
  std::vector<Expr> f = rest->kind == Kind::Hadamard ? rest->kids : std::vector<Expr>{rest};
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i]->kind != Kind::Add || f[i]->shape.scalar()) continue;
    std::vector<std::pair<double, std::vector<Expr>>> out;
    for (Expr s : f[i]->kids) {
      auto [cs, rs] = b.split_coef(s);
      std::vector<Expr> g = f;
      g.erase(g.begin() + static_cast<long>(i));
      if (rs->kind != Kind::Ones) g.push_back(rs);
      out.push_back({c * cs, g});
    }
    return out;
  }
  return {{c, f}};
}

// c u .* sigma(z) + c u .* sigma(-z) = c u, after distributing: the gradient of the
// logistic loss with 0/1 labels, y .* sigma(-z) - (1 - y) .* sigma(z), is y - sigma(z).
// Kept only when the result is shorter.
Expr logistic_pairs(Build& b, Expr e) {
  if (e->kind != Kind::Add || !has_sigmoid_factor(e)) return e;
  std::vector<std::pair<double, std::vector<Expr>>> terms;
  for (Expr t : e->kids)
    for (auto& d : distributed(b, t)) terms.push_back(d);
  auto sigmoid_of = [&](const std::vector<Expr>& f, Expr* z, std::vector<Expr>* rest) {
    for (std::size_t k = 0; k < f.size(); ++k)
      if (is_fn(f[k], Fn::Sigmoid)) {
        *z = f[k]->kids[0];
        *rest = f;
        rest->erase(rest->begin() + static_cast<long>(k));
        std::sort(rest->begin(), rest->end());
        return true;
      }
    return false;
  };
  bool changed = false;
  for (std::size_t i = 0; i < terms.size(); ++i)
    for (std::size_t j = i + 1; j < terms.size(); ++j) {
      Expr zi, zj;
      std::vector<Expr> ri, rj;
      if (terms[i].second.empty() || terms[j].second.empty() || terms[i].first != terms[j].first)
        continue;
      if (!sigmoid_of(terms[i].second, &zi, &ri) || !sigmoid_of(terms[j].second, &zj, &rj))
        continue;
      if (ri != rj || !opposite(b, zj, zi)) continue;
      terms[i].second = ri.empty() ? std::vector<Expr>{b.ones(e->shape)} : ri;
      terms[j].second.clear();
      changed = true;
    }
  if (!changed) return e;
  std::vector<Expr> out{b.zero(e->shape)};
  for (auto& [c, f] : terms)
    if (!f.empty()) out.push_back(b.scale(c, f.size() == 1 ? f[0] : b.hadamard(f)));
  Expr r = b.add(out);
  return tree_size_capped(r, 1000) < tree_size_capped(e, 1000) ? r : e;
}

// diag(diag(x) M) = x .* diag(M) and diag(M diag(x)) = diag(M) .* x.
Expr diag_of_diag_product(Build& b, Expr e) {
  if (e->kind == Kind::DiagVec && e->kids[0]->kind == Kind::Add) {
    // diag is linear: split the sum when that lets a term simplify.
    std::vector<Expr> terms;
    bool changed = false;
    for (Expr t : e->kids[0]->kids) {
      Expr d = b.diag_vec(t), s = diag_of_diag_product(b, d);
      changed = changed || s != d;
      terms.push_back(s);
    }
    return changed ? b.add(terms) : e;
  }
  if (e->kind != Kind::DiagVec || e->kids[0]->kind != Kind::Mul) return e;
  Expr m = e->kids[0];
  int first = m->aux, last = static_cast<int>(m->kids.size()) - 1;
  if (last - first < 1) return e;
  std::vector<Expr> scalars(m->kids.begin(), m->kids.begin() + m->aux);
  scalars.insert(scalars.begin(), b.num(m->value));
  std::vector<Expr> chain(m->kids.begin() + first, m->kids.end());
  Expr x;
  if (chain.front()->shape.cols == kDimOne) {  // diag(u w) = u .* w' for a column u, row w
    Expr u = chain.front();
    chain.erase(chain.begin());
    scalars.push_back(b.hadamard(u, b.transpose(b.mul(chain))));
    return b.mul(scalars);
  }
  if (chain.front()->kind == Kind::DiagMat) {
    x = chain.front()->kids[0];
    chain.erase(chain.begin());
  } else if (chain.back()->kind == Kind::DiagMat) {
    x = chain.back()->kids[0];
    chain.pop_back();
  } else {
    return e;
  }
  Expr rest = b.mul(chain);
  if (!rest->shape.square()) return e;
  scalars.push_back(b.hadamard(x, b.diag_vec(rest)));
  return b.mul(scalars);
}

// 1' diag(v) = v' and diag(v) 1 = v: ones beside a diagonal matrix in a product.
Expr ones_diag(Build& b, Expr e) {
  if (e->kind != Kind::Mul) return e;
  std::vector<Expr> kids = e->kids;
  for (std::size_t i = e->aux; i + 1 < kids.size(); ++i) {
    Expr l = kids[i], r = kids[i + 1];
    Expr v = nullptr;
    if (l->kind == Kind::Ones && l->shape.rows == kDimOne && r->kind == Kind::DiagMat)
      v = b.transpose(r->kids[0]);
    else if (l->kind == Kind::DiagMat && r->kind == Kind::Ones && r->shape.cols == kDimOne)
      v = l->kids[0];
    else if (l->kind == Kind::DiagMat && e->shape.col_vector() &&
             i == static_cast<std::size_t>(e->aux)) {
      // diag(v) Y = v .* Y where the rest of the chain is a column: diag(y) X w = y .* (X w)
      std::vector<Expr> rest(kids.begin() + static_cast<long>(i) + 1, kids.end());
      std::vector<Expr> out(kids.begin(), kids.begin() + static_cast<long>(i));
      out.insert(out.begin(), b.num(e->value));
      out.push_back(b.hadamard(l->kids[0], b.mul(rest)));
      return b.mul(out);
    }
    if (!v) continue;
    kids[i] = v;
    kids.erase(kids.begin() + static_cast<long>(i) + 1);
    kids.insert(kids.begin(), b.num(e->value));
    return b.mul(kids);
  }
  return e;
}

// u'(v ./ u) = sum(v), and generally u' h = sum(u .* h) where the Hadamard product h
// holds 1 ./ u, so the division cancels.
Expr inner_hadamard(Build& b, Expr e) {
  return merge_adjacent(b, e, [](Build& bb, Expr l, Expr h) -> Expr {
    if (l->kind != Kind::Transpose || h->kind != Kind::Hadamard || h->shape.cols != kDimOne)
      return nullptr;
    Expr u = l->kids[0];
    if (std::find(h->kids.begin(), h->kids.end(), bb.pow(u, bb.num(-1))) == h->kids.end())
      return nullptr;
    return bb.sum(bb.hadamard(u, h));  // a scalar in the chain: the product hoists it
  });
}

// v' 1 = 1' v = sum(v): a product with a vector of ones is a sum of entries.
Expr ones_product(Build& b, Expr e) {
  return merge_adjacent(b, e, [](Build& bb, Expr l, Expr r) -> Expr {
    if (l->shape.rows != kDimOne || r->shape.cols != kDimOne) return nullptr;  // row times column
    Expr v = r->kind == Kind::Ones ? bb.transpose(l) : l->kind == Kind::Ones ? r : nullptr;
    return !v || v->kind == Kind::Ones ? nullptr : bb.sum(v);
  });
}

// exp(x) / sum(exp(x)) = softmax(x) for a vector x.
Expr softmax(Build& b, Expr e) {
  if (e->kind != Kind::Mul || e->shape.cols != kDimOne || e->shape.scalar()) return e;
  int chain = static_cast<int>(e->kids.size()) - e->aux;
  if (chain != 1 || !is_fn(e->kids.back(), Fn::Exp)) return e;
  Expr x = e->kids.back()->kids[0];
  Expr over = b.pow(b.sum(e->kids.back()), b.num(-1));
  std::vector<Expr> kids(e->kids.begin(), e->kids.begin() + e->aux);
  auto it = std::find(kids.begin(), kids.end(), over);
  if (it == kids.end()) return e;
  kids.erase(it);
  kids.insert(kids.begin(), b.num(e->value));
  kids.push_back(b.func(Fn::Softmax, x));
  return b.mul(kids);
}

// log(sum(exp(x))) = logsumexp(x) for a vector x.
Expr logsumexp(Build& b, Expr e) {
  if (!is_fn(e, Fn::Log) || e->kids[0]->kind != Kind::Sum) return e;
  Expr ex = e->kids[0]->kids[0];
  if (!is_fn(ex, Fn::Exp) || ex->shape.cols != kDimOne) return e;
  return b.func(Fn::Logsumexp, ex->kids[0]);
}

// Whether e is a function of a alone that commutes with it: a itself, I, a matrix function
// of it (expm, logm, sqrtm), an inverse or a transpose of one (of a transposed a).
bool commutes_with(Expr e, Expr a) {
  if (e == a || e->kind == Kind::Identity) return true;
  if (e->kind == Kind::Inverse) return commutes_with(e->kids[0], a);
  if (e->kind == Kind::Transpose && a->kind == Kind::Transpose)
    return commutes_with(e->kids[0], a->kids[0]);
  if (e->kind == Kind::Transpose)
    return e->kids[0]->kind == Kind::Transpose && commutes_with(e->kids[0]->kids[0], a);
  return (is_fn(e, Fn::Expm) || is_fn(e, Fn::Logm) || is_fn(e, Fn::Sqrtm)) && e->kids[0] == a;
}

// The Fréchet derivative of a matrix function in a direction that commutes with its
// argument is the scalar derivative's: L_exp(A, E) = e^A E, L_log(A, E) = A^{-1} E,
// L_sqrt(A, E) = (1/2) A^{-1/2} E (logdet(expm(X)) by X was dexpm(X', inv(expm(X))'), which
// is I).
Expr frechet_commuting(Build& b, Expr e) {
  if (e->kind != Kind::Func || e->kids.size() != 2) return e;
  Expr a = e->kids[0], dir = e->kids[1];
  if (!commutes_with(dir, a)) return e;
  // L_f(A', E') = L_f(A, E)': worked untransposed, so that E f'(A) can cancel (e^{-A} e^A).
  bool transposed = a->kind == Kind::Transpose && dir->kind == Kind::Transpose;
  if (transposed) a = a->kids[0], dir = dir->kids[0];
  Expr out = e;
  if (is_fn(e, Fn::Dexpm)) out = b.mul(dir, b.func(Fn::Expm, a));
  if (is_fn(e, Fn::Dlogm)) out = b.mul(dir, b.inverse(a));
  if (is_fn(e, Fn::Dsqrtm)) out = b.mul({b.num(0.5), dir, b.inverse(b.func(Fn::Sqrtm, a))});
  return out == e || !transposed ? out : b.transpose(out);
}

// (sum(A.^2))^p = norm2(A)^(2p) for a half-integer p: the norm the entries wrote
// ((x_j x_j)^{1/2} by x_i was x/sqrt(sum(x.^2)); sum(x.^2) itself is left as it is).
Expr norm_of_squares(Build& b, Expr e) {
  double p = 0.5;  // sqrt(...)
  if (e->kind == Kind::Pow && e->kids[1]->kind == Kind::Const)
    p = e->kids[1]->value;
  else if (!is_fn(e, Fn::Sqrt))
    return e;
  if (2 * p != std::floor(2 * p) || p == std::floor(p)) return e;
  Expr s = e->kids[0];
  if (s->kind != Kind::Sum) return e;
  Expr sq = s->kids[0];
  Expr a = sq->kind == Kind::Pow && sq->kids[1]->kind == Kind::Const && sq->kids[1]->value == 2
               ? sq->kids[0]
           : sq->kind == Kind::Hadamard && sq->kids.size() == 2 && sq->kids[0] == sq->kids[1]
               ? sq->kids[0]
               : nullptr;
  if (!a) return e;
  return b.pow(b.norm2(a), b.num(2 * p));
}

const std::vector<SimplifyRule> kIdentities = {
    {{"simp-norm-of-squares", R"(\Big(\textstyle\sum_{ij} A_{ij}^2\Big)^{p} = \|A\|_F^{2p})",
      "definition of the Frobenius norm", ""},
     norm_of_squares},
    {{"simp-frechet-commuting",
      R"(L_f(A, E) = f'(A)\,E 	ext{ for } E 	ext{ a function of } A \;(e^A E,\; A^{-1}E,\; 	frac12 A^{-1/2} E))",
      "Higham, Functions of Matrices, Theorem 3.6 (commuting directions)", ""},
     frechet_commuting},
    {{"simp-trace-kron",
      R"(\operatorname{tr}(A \otimes B) = \operatorname{tr}(A)\operatorname{tr}(B))",
      "Magnus & Neudecker, ch. 2, (15)", ""},
     trace_kron},
    {{"simp-kron-mixed", R"((A \otimes B)(C \otimes D) = AC \otimes BD)",
      "the mixed-product property; Magnus & Neudecker, ch. 2, (8)", ""},
     kron_mixed},
    {{"simp-norm-kron", R"(\|A \otimes B\| = \|A\|\,\|B\|)",
      "Frobenius norm of a Kronecker product", ""},
     norm_kron},
    {{"simp-scalar-transpose", R"(u^\top v + v^\top u = 2\,u^\top v)",
      "a scalar equals its transpose", ""},
     scalar_transpose},
    {{"simp-kron-vec", R"((B \otimes A)\operatorname{vec}(Y) = \operatorname{vec}(A Y B^\top))",
      "Roth's column lemma; Magnus & Neudecker, Theorem 2.2", ""},
     kron_vec},
    {{"simp-softmax-jacobian",
      R"(v \odot s - s s^\top v = (\operatorname{diag}(s) - s s^\top)\,v,\; s = \operatorname{softmax}(z))",
      "the Jacobian of softmax, folded back where it is shorter", ""},
     softmax_jacobian},
    {{"simp-broadcast-reciprocal",
      R"(\mathbf{1}\,(\mathbf{1} \oslash r) = \mathbf{1} \oslash (\mathbf{1}\,r) \text{ for a row } r)",
      "a repeated row's reciprocal is the reciprocal of the repeated row", ""},
     broadcast_reciprocal},
    {{"simp-kron-absorb",
      R"(M\,(a^\top \otimes I) = a^\top \otimes M,\; (a \otimes I)\,M = a \otimes M)",
      "mixed-product property with M = kron(1, M); Magnus & Neudecker ch. 2", ""},
     kron_absorb},
    {{"simp-kron-outer", R"(u^\top \otimes v = v\,u^\top,\; u \otimes v^\top = u\,v^\top)",
      "definition of the Kronecker product: a row times a column", ""},
     kron_outer},
    {{"simp-kron-factor", R"(A \otimes B + A \otimes C = A \otimes (B + C))",
      "bilinearity of the Kronecker product", ""},
     kron_factor},
    {{"simp-tanh", R"(\sinh(A) \oslash \cosh(A) = \tanh(A))", "definition of tanh", ""},
     hyperbolic_tangent},
    {{"simp-relu-step",
      R"(\operatorname{relu}(A) \odot \operatorname{step}(A) = \operatorname{relu}(A))",
      "step(a) = 1 where relu(a) is not 0", ""},
     relu_step},
    {{"simp-sigmoid-sum", R"(a\,\sigma(A) + c\,\sigma(-A) = c\,\mathbf{1} + (a - c)\,\sigma(A))",
      "symmetry of the logistic function", ""},
     sigmoid_sum},
    {{"simp-logistic", R"(u \odot \sigma(z) + u \odot \sigma(-z) = u)",
      "symmetry of the logistic function, after distributing", ""},
     logistic_pairs},
    {{"simp-diag-product",
      R"(\operatorname{diag}(\operatorname{diag}(x)\,M) = x \odot \operatorname{diag}(M),\; \operatorname{diag}(u\,w^\top) = u \odot w)",
      "a diagonal factor scales the rows", ""},
     diag_of_diag_product},
    {{"simp-ones-diag",
      R"(\mathbf{1}^\top \operatorname{diag}(v) = v^\top,\; \operatorname{diag}(v)\,y = v \odot y)",
      "the column sums of a diagonal matrix", ""},
     ones_diag},
    {{"simp-inner-hadamard", R"(u^\top (v \oslash u) = \mathbf{1}^\top v)", "the division cancels",
      ""},
     inner_hadamard},
    {{"simp-ones-product", R"(v^\top \mathbf{1} = \mathbf{1}^\top v = \operatorname{sum}(v))",
      "definition of sum", ""},
     ones_product},
    {{"simp-softmax", R"(\exp(x) / \textstyle\sum_i \exp(x_i) = \operatorname{softmax}(x))",
      "definition of softmax", ""},
     softmax},
    {{"simp-logsumexp", R"(\log \textstyle\sum_i \exp(x_i) = \operatorname{logsumexp}(x))",
      "definition of log-sum-exp", ""},
     logsumexp},
};

}  // namespace

const std::vector<SimplifyRule>& identity_rules() { return kIdentities; }

}  // namespace matcalc
