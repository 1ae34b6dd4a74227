#include "simplify/regroup.h"

#include <algorithm>

#include "print/text.h"
#include "simplify/factor.h"
#include "simplify/run.h"

namespace matcalc {

namespace {

// Sums larger than this (in printed tokens) are left alone: the lookahead simplifies a
// whole copy of the sum, and large results are shared and named, not regrouped.
constexpr double kMaxSize = 120;

constexpr int kMaxDepth = 2;  // lookaheads inside lookaheads: distribute, then cancel

// One product distributed over its first sum factor: (A + B) C = A C + B C, also a
// transposed one.
Expr distribute(Build& b, Expr t) {
  if (t->kind != Kind::Mul && t->kind != Kind::Hadamard) return t;
  for (std::size_t i = 0; i < t->kids.size(); ++i) {
    Expr k = t->kids[i];
    bool transposed = k->kind == Kind::Transpose && k->kids[0]->kind == Kind::Add;
    if (k->kind != Kind::Add && !transposed) continue;
    std::vector<Expr> terms;
    for (Expr s : (transposed ? k->kids[0] : k)->kids) {  // (A + B)' = A' + B'
      std::vector<Expr> kids = t->kids;
      kids[i] = transposed ? b.transpose(s) : s;
      if (t->kind == Kind::Hadamard) {
        terms.push_back(b.hadamard(kids));
      } else {
        kids.insert(kids.begin(), b.num(t->value));
        terms.push_back(b.mul(kids));
      }
    }
    return b.add(terms);
  }
  return t;
}

// The 1x1 parts inside a matrix chain as scalar factors: M x x' M x = (x' M x) M x.
Expr pull_scalars(Build& b, Expr t) {
  if (t->kind != Kind::Mul) return t;
  std::vector<Expr> chain(t->kids.begin() + t->aux, t->kids.end());
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (chain[i]->shape.rows != kDimOne) continue;
    for (std::size_t j = i + 1; j < chain.size(); ++j) {
      if (chain[j]->shape.cols != kDimOne) continue;
      if (i == 0 && j + 1 == chain.size()) break;  // the whole chain
      std::vector<Expr> kids{b.num(t->value)};
      kids.insert(kids.end(), t->kids.begin(), t->kids.begin() + t->aux);
      kids.push_back(b.mul(std::vector<Expr>(chain.begin() + i, chain.begin() + j + 1)));
      kids.insert(kids.end(), chain.begin(), chain.begin() + i);
      kids.insert(kids.end(), chain.begin() + j + 1, chain.end());
      return b.mul(kids);
    }
  }
  return t;
}

// sum(A) + c sum(B) = sum(A + c B) for A, B of one shape: the entries of both sums in
// one, where the identities can meet (sum((1-y).*s) - sum(y.*(1-s)) = sum(s - y)).
Expr merge_sums(Build& b, Expr e) {
  if (e->kind != Kind::Add) return e;
  std::vector<Expr> inside, others;
  Shape shape;
  for (Expr t : e->kids) {
    auto [c, rest] = b.split_coef(t);
    if (rest->kind == Kind::Sum && (inside.empty() || rest->kids[0]->shape == shape)) {
      shape = rest->kids[0]->shape;
      inside.push_back(b.scale(c, rest->kids[0]));
    } else {
      others.push_back(t);
    }
  }
  if (inside.size() < 2) return e;
  others.push_back(b.sum(b.add(inside)));
  return b.add(others);
}

// 1/d * 1/(q/d + 1) = 1/(q + d): two reciprocals among a product's scalar factors, one of
// a sum, made one reciprocal of the product distributed over the sum.
Expr merge_denominators(Build& b, Expr e) {
  if (e->kind != Kind::Mul) return e;
  auto reciprocal_of = [](Expr f) {
    return f->kind == Kind::Pow && f->kids[1]->is_const(-1) ? f->kids[0] : nullptr;
  };
  for (int i = 0; i < e->aux; ++i) {
    Expr sum = reciprocal_of(e->kids[i]);
    if (!sum || sum->kind != Kind::Add) continue;
    for (int j = 0; j < e->aux; ++j) {
      Expr other = j == i ? nullptr : reciprocal_of(e->kids[j]);
      if (!other) continue;
      std::vector<Expr> terms;
      for (Expr t : sum->kids) terms.push_back(b.mul(other, t));
      std::vector<Expr> kids{b.num(e->value), b.pow(b.add(terms), b.num(-1))};
      for (int k = 0; k < static_cast<int>(e->kids.size()); ++k)
        if (k != i && k != j) kids.push_back(e->kids[k]);
      return b.mul(kids);
    }
  }
  return e;
}

Expr each_term(Build& b, Expr sum, Expr (*f)(Build&, Expr)) {
  std::vector<Expr> terms;
  for (Expr t : sum->kids) terms.push_back(f(b, t));
  return b.add(terms);
}

// The printed length in tokens, as a reader counts it.
double printed(Build& b, Expr e) { return static_cast<double>(token_count(to_text(b.ctx(), e))); }

// sum(A + B) = sum(A) + sum(B): the entries of a sum summed term by term, where a
// term's sum is known (sum(c*ones(4)) = 4c) or cancels another.
Expr split_sum(Build& b, Expr e) {
  if (e->kind != Kind::Sum || e->kids[0]->kind != Kind::Add) return e;
  std::vector<Expr> parts;
  for (Expr t : e->kids[0]->kids) parts.push_back(b.sum(t));
  return b.add(parts);
}

}  // namespace

// Also a sum factor transposed, or under a reciprocal: 1/(q/d + 1).
bool may_regroup(Expr e) {
  if (e->kind == Kind::Add) return true;
  if (e->kind == Kind::Sum) return e->kids[0]->kind == Kind::Add;
  if (e->kind != Kind::Mul && e->kind != Kind::Hadamard) return false;
  return std::any_of(e->kids.begin(), e->kids.end(), [](Expr k) {
    if (k->kind == Kind::Pow || k->kind == Kind::Transpose) k = k->kids[0];
    return k->kind == Kind::Add;
  });
}

std::vector<Expr> regroup_alternatives(Build& b, Expr e) {
  std::vector<Expr> out;
  auto other = [&](Expr x) {
    if (x != e) out.push_back(x);
  };
  if (e->kind == Kind::Add) {
    other(each_term(b, e, distribute));
    other(each_term(b, e, pull_scalars));
    other(merge_sums(b, e));
  } else if (e->kind == Kind::Sum) {
    other(split_sum(b, e));
  } else {
    other(distribute(b, e));
    other(merge_denominators(b, e));
  }
  return out;
}

// The run's memo is keyed by (node, depth): its passes meet the same nodes again.
Expr SimplifyRun::regroup(Expr e) {
  if (regroup_off_ || depth_ >= kMaxDepth || !may_regroup(e)) return e;
  if (printed_size(e) > kMaxSize) return e;  // the estimate first: it costs no printing
  auto key = std::make_pair(e, depth_);
  if (auto hit = memo_.find(key); hit != memo_.end()) return hit->second;
  Expr best = e;
  double best_size = printed(b_, e);
  for (Expr x : regroup_alternatives(b_, e)) {
    ++depth_;
    Expr y = rows(x).expr;  // a throw leaves depth_ raised, but the run dies with it
    --depth_;
    double size = printed(b_, y);
    if (size < best_size) best = y, best_size = size;
  }
  memo_[key] = best;
  return best;
}

}  // namespace matcalc
