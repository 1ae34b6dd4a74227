#include "simplify/factor.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "expr/order.h"

namespace matcalc {

namespace {

// A factor as base^exponent (a constant exponent), so x^-1 and x^-3 share x^-1.
std::pair<Expr, double> power_of(Expr f) {
  if (f->kind == Kind::Pow && f->kids[1]->kind == Kind::Const)
    return {f->kids[0], f->kids[1]->value};
  return {f, 1};
}

// The part of exponents a and b both contain: the one nearer zero, when of one sign.
double shared_exponent(double a, double b) {
  if (a > 0 && b > 0) return std::min(a, b);
  if (a < 0 && b < 0) return std::max(a, b);
  return 0;
}

// Removes base^e from a list of factors (that factor's exponent lowered by e).
void take_out(Build& b, std::vector<Expr>& factors, Expr base, double e) {
  for (auto it = factors.begin(); it != factors.end(); ++it) {
    auto [fb, fe] = power_of(*it);
    if (fb != base || shared_exponent(fe, e) == 0) continue;
    double left = fe - e;
    if (left == 0)
      factors.erase(it);
    else
      *it = b.pow(base, b.num(left));
    return;
  }
}

// A chain's factors in order (all shareable from the end they are shared at); the
// rest is the scalar part.
bool split_chain(Build& b, Expr t, Factors* out) {
  if (t->shape.scalar()) return false;
  if (t->kind != Kind::Mul) {
    *out = {{t}, nullptr};
    return true;
  }
  std::vector<Expr> scalars(t->kids.begin(), t->kids.begin() + t->aux);
  *out = {std::vector<Expr>(t->kids.begin() + t->aux, t->kids.end()),
          scalars.empty() ? nullptr : b.mul(scalars)};
  return !out->shared.empty();
}

// The scalar part, then the chain; a scalar alone in a sum of matrices is that scalar
// times I (never a broadcast) — the caller sizes it.
Expr multiply_chain(Build& b, const Factors& f) {
  std::vector<Expr> all;
  if (f.rest) all.push_back(f.rest);
  all.insert(all.end(), f.shared.begin(), f.shared.end());
  return all.empty() ? nullptr : b.mul(all);
}

bool split_scalars(Build& b, Expr t, Factors* out) {
  if (t->kind != Kind::Mul) {
    *out = t->shape.scalar() ? Factors{{t}, nullptr} : Factors{{}, t};
    return true;
  }
  std::vector<Expr> chain(t->kids.begin() + t->aux, t->kids.end());
  *out = {std::vector<Expr>(t->kids.begin(), t->kids.begin() + t->aux),
          chain.empty() ? nullptr : b.mul(chain)};
  return true;
}

Expr multiply_scalars(Build& b, const Factors& f, Shape) {
  std::vector<Expr> all = f.shared;
  if (f.rest) all.push_back(f.rest);
  return b.mul(all);
}

bool split_elementwise(Build&, Expr t, Factors* out) {
  if (t->shape.scalar()) return false;
  *out = {t->kind == Kind::Hadamard ? t->kids : std::vector<Expr>{t}, nullptr};
  return true;
}

Expr multiply_elementwise(Build& b, const Factors& f, Shape shape) {
  return f.shared.empty() ? b.ones(shape) : b.hadamard(f.shared);
}

// Factors every term shares (commutative products), with shared powers.
std::vector<Expr> shared_by_all(Build& b, const std::vector<Factors>& terms) {
  std::vector<std::pair<Expr, double>> common;
  for (Expr f : terms[0].shared) common.push_back(power_of(f));
  for (std::size_t i = 1; i < terms.size(); ++i) {
    std::vector<std::pair<Expr, double>> keep;
    std::vector<Expr> mine = terms[i].shared;
    for (auto [base, e] : common)
      for (auto it = mine.begin(); it != mine.end(); ++it) {
        auto [fb, fe] = power_of(*it);
        double s = fb == base ? shared_exponent(e, fe) : 0;
        if (s == 0) continue;
        keep.push_back({base, s});
        mine.erase(it);
        break;
      }
    common = keep;
  }
  std::vector<Expr> out;
  for (auto [base, e] : common) out.push_back(b.pow(base, b.num(e)));
  return out;
}

// The longest run of chain factors every member starts (first) or ends (last) with.
std::vector<Expr> shared_end(const std::vector<Factors>& members, bool first) {
  std::size_t n = members[0].shared.size();
  for (const Factors& m : members) n = std::min(n, m.shared.size());
  std::size_t k = 0;
  for (; k < n; ++k) {
    auto at = [&](const Factors& m) {
      return first ? m.shared[k] : m.shared[m.shared.size() - 1 - k];
    };
    Expr x = at(members[0]);
    if (!std::all_of(members.begin(), members.end(), [&](const Factors& m) { return at(m) == x; }))
      break;
  }
  // Leave each member something of its chain unless it is the whole common part.
  const std::vector<Expr>& f = members[0].shared;
  return first ? std::vector<Expr>(f.begin(), f.begin() + static_cast<long>(k))
               : std::vector<Expr>(f.end() - static_cast<long>(k), f.end());
}

}  // namespace

// Computed once per node when it is made (expr/printed_size.h).
double printed_size(Expr e) { return e->printed; }

namespace {

double size_of(Expr e) { return printed_size(e); }

}  // namespace

const Product kChainFirst = {
    Product::Sharing::First, split_chain,
    [](Build& b, const Factors& f, Shape) { return multiply_chain(b, f); }};
const Product kChainLast = {Product::Sharing::Last, split_chain,
                            [](Build& b, const Factors& f, Shape) { return multiply_chain(b, f); }};
const Product kScalars = {Product::Sharing::Any, split_scalars, multiply_scalars};
const Product kElementwise = {Product::Sharing::Any, split_elementwise, multiply_elementwise};

Expr factor_out(Build& b, Expr e, const Product& p) {
  if (e->kind != Kind::Add) return e;
  std::vector<double> coef;
  std::vector<Factors> terms;
  std::vector<bool> splits;
  for (Expr t : e->kids) {
    auto [c, rest] = b.split_coef(t);
    Factors f;
    bool ok = p.split(b, rest, &f);
    coef.push_back(c);
    terms.push_back(f);
    splits.push_back(ok);
  }
  // Groups of terms with one common part: all terms (commutative products), or the
  // terms sharing a chain's end factor.
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::size_t> alone;
  if (p.sharing == Product::Sharing::Any) {
    if (!std::all_of(splits.begin(), splits.end(), [](bool s) { return s; })) return e;
    groups.push_back({});
    for (std::size_t i = 0; i < terms.size(); ++i) groups[0].push_back(i);
  } else {
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (!splits[i]) {
        alone.push_back(i);
        continue;
      }
      auto end = [&](std::size_t k) {
        const std::vector<Expr>& f = terms[k].shared;
        return p.sharing == Product::Sharing::First ? f.front() : f.back();
      };
      auto g = std::find_if(groups.begin(), groups.end(),
                            [&](const auto& grp) { return end(grp[0]) == end(i); });
      if (g == groups.end())
        groups.push_back({i});
      else
        g->push_back(i);
    }
  }
  std::vector<Expr> out;
  for (std::size_t i : alone) out.push_back(e->kids[i]);
  for (const auto& group : groups) {
    std::vector<Factors> members;
    for (std::size_t i : group) members.push_back(terms[i]);
    bool chain = p.sharing != Product::Sharing::Any;
    std::vector<Expr> common;
    if (group.size() >= 2)  // a chain's group shares factors exactly (X.^2 is not X*X)
      common = chain ? shared_end(members, p.sharing == Product::Sharing::First)
                     : shared_by_all(b, members);
    if (common.empty()) {
      for (std::size_t i : group) out.push_back(e->kids[i]);
      continue;
    }
    std::vector<Expr> rests;
    for (std::size_t k = 0; k < group.size(); ++k) {
      Factors f = members[k];
      if (chain) {  // the chain without the shared end
        auto& c = f.shared;
        if (p.sharing == Product::Sharing::First)
          c.erase(c.begin(), c.begin() + static_cast<long>(common.size()));
        else
          c.erase(c.end() - static_cast<long>(common.size()), c.end());
      } else {
        for (Expr c : common) {
          auto [base, ex] = power_of(c);
          take_out(b, f.shared, base, ex);
        }
      }
      Expr r = p.multiply(b, f, e->shape);
      rests.push_back(b.scale(coef[group[k]], r ? r : b.num(1)));
    }
    // A X + c X = (A + c I) X: a scalar rest beside matrix ones is that scalar times I
    // (never a broadcast); when every rest is a scalar, X + c X = (1 + c) X.
    bool all_scalar =
        std::all_of(rests.begin(), rests.end(), [](Expr r) { return r->shape.scalar(); });
    if (chain && !all_scalar) {
      bool last = p.sharing == Product::Sharing::Last;
      Dim n = last ? common.front()->shape.rows : common.back()->shape.cols;
      for (Expr& r : rests)
        if (r->shape.scalar()) r = b.mul(r, b.identity(n));
    }
    Expr sum = b.add(rests);
    std::vector<Expr> product = common;
    product.insert(p.sharing == Product::Sharing::Last ? product.begin() : product.end(), sum);
    out.push_back(p.multiply(b, Factors{product, nullptr}, e->shape));
  }
  Expr factored = b.add(out);
  // Only where it is no longer: 2*S*w - 2*c*w stays as the textbook prints it, and
  // (G + G')*M is preferred to the equally long G*M + G'*M.
  return size_of(factored) <= size_of(e) ? factored : e;
}

double common_coefficient(Build& b, Expr sum) {
  std::vector<double> c;
  for (Expr t : sum->kids) c.push_back(b.split_coef(t).first);
  bool all_negative = std::all_of(c.begin(), c.end(), [](double v) { return v < 0; });
  bool integers = std::all_of(c.begin(), c.end(),
                              [](double v) { return v == std::round(v) && std::fabs(v) < 1e9; });
  double common = std::fabs(c[0]);
  if (integers) {
    long long g = 0;
    for (double v : c) g = std::gcd(g, static_cast<long long>(std::fabs(v)));
    common = static_cast<double>(g);
  } else if (!std::all_of(c.begin(), c.end(), [&](double v) { return std::fabs(v) == common; })) {
    common = 1;
  }
  return all_negative ? -common : common;
}

}  // namespace matcalc
