// Union-find over dimension variables, with rigid names, constants and products.
#include "parse/dim_solver.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace matcalc {

namespace {
const char* const kPool[] = {"n", "m", "p", "q", "r", "k", "l", "s", "t", "u", "v", "w", "a",
                             "b", "c", "d", "e", "f", "g", "h", "i", "j", "o", "x", "y", "z"};
}

std::string DimSolver::unused_name() {
  auto taken = [&](const std::string& s) {
    return avoid_.count(s) || std::any_of(vars_.begin(), vars_.end(), [&](const Var& v) {
             return (v.sort == Sort::Named || v.sort == Sort::Free) && v.name == s;
           });
  };
  constexpr std::size_t kPoolSize = std::size(kPool);
  for (;; ++first_candidate_) {
    std::size_t i = first_candidate_;
    std::string name = i < kPoolSize ? kPool[i] : "n" + std::to_string(i - kPoolSize + 1);
    if (!taken(name)) return name;
  }
}

DimSolver::Id DimSolver::fresh(bool non_unit) {
  std::string name = unused_name();
  vars_.push_back({Sort::Free, static_cast<int>(vars_.size()), name});
  vars_.back().non_unit = non_unit;
  return static_cast<Id>(vars_.size() - 1);
}

bool DimSolver::has_named(const std::string& name) const {
  return std::any_of(vars_.begin(), vars_.end(),
                     [&](const Var& v) { return v.sort == Sort::Named && v.name == name; });
}

DimSolver::Id DimSolver::named(const std::string& name) {
  for (std::size_t i = 0; i < vars_.size(); ++i)
    if (vars_[i].sort == Sort::Named && vars_[i].name == name) return static_cast<Id>(i);
  // A free dimension that provisionally took this name gives it up.
  for (Var& v : vars_)
    if (v.sort == Sort::Free && v.name == name) v.name.clear(), first_candidate_ = 0;
  vars_.push_back({Sort::Named, static_cast<int>(vars_.size()), name});
  Id id = static_cast<Id>(vars_.size() - 1);
  for (Var& v : vars_)
    if (v.sort == Sort::Free && v.name.empty()) v.name = unused_name();
  return id;
}

DimSolver::Id DimSolver::constant(long long c) {
  for (std::size_t i = 0; i < vars_.size(); ++i)
    if (vars_[i].sort == Sort::Const && vars_[i].value == c) return static_cast<Id>(i);
  vars_.push_back({Sort::Const, static_cast<int>(vars_.size()), "", c});
  return static_cast<Id>(vars_.size() - 1);
}

DimSolver::Id DimSolver::product(Id a, Id b) {
  if (is_one(a)) return b;
  if (is_one(b)) return a;
  Var v{Sort::Product, static_cast<int>(vars_.size()), ""};
  v.a = a;
  v.b = b;
  vars_.push_back(v);
  return static_cast<Id>(vars_.size() - 1);
}

DimSolver::Id DimSolver::find(Id a) {
  while (vars_[a].parent != a) {
    vars_[a].parent = vars_[vars_[a].parent].parent;
    a = vars_[a].parent;
  }
  return a;
}

std::pair<long long, std::vector<DimSolver::Id>> DimSolver::flatten(Id a) {
  a = find(a);
  const Var& v = vars_[a];
  switch (v.sort) {
    case Sort::Const:
      return {v.value, {}};
    case Sort::Free:
    case Sort::Named:
      return {1, {a}};
    case Sort::Product: {
      auto [ca, sa] = flatten(v.a);
      auto [cb, sb] = flatten(v.b);
      sa.insert(sa.end(), sb.begin(), sb.end());
      std::sort(sa.begin(), sa.end());
      return {ca * cb, sa};
    }
  }
  return {1, {}};
}

bool DimSolver::unify(Id a, Id b) {
  a = find(a);
  b = find(b);
  if (a == b) return true;
  if (vars_[a].sort == Sort::Free && vars_[b].sort == Sort::Free) {
    if (a < b) std::swap(a, b);
    vars_[a].parent = b;  // the older keeps its name
    vars_[b].non_unit = vars_[b].non_unit || vars_[a].non_unit;
    return true;
  }
  if (vars_[b].sort == Sort::Free) std::swap(a, b);
  if (vars_[a].sort == Sort::Free) {
    if (vars_[a].non_unit && is_one(b)) return false;
    // Occurs check: n = n*k holds only for k = 1 (x + kron(x,x) is a shape error, not
    // a cycle that would make flatten recurse forever).
    auto [coef, roots] = flatten(b);
    auto self = std::find(roots.begin(), roots.end(), a);
    if (self != roots.end()) {
      roots.erase(self);
      if (std::find(roots.begin(), roots.end(), a) != roots.end()) return false;
      Id rest = constant(coef);
      for (Id r : roots) rest = product(rest, r);
      return unify(rest, one());
    }
    vars_[a].parent = b;
    return true;
  }
  auto fa = flatten(a), fb = flatten(b);
  if (fa != fb) {
    // Products with free factors (kron(X', I) against n*p): cancel the common factors;
    // a single free factor left on one side is what the other side has left, which may
    // be a quotient of the constants (kron(y, z) of length 6 with y of length 2: z has 3).
    std::vector<Id> ra, rb;
    std::set_difference(fa.second.begin(), fa.second.end(), fb.second.begin(), fb.second.end(),
                        std::back_inserter(ra));
    std::set_difference(fb.second.begin(), fb.second.end(), fa.second.begin(), fa.second.end(),
                        std::back_inserter(rb));
    long long ca = fa.first, cb = fb.first;
    auto lone_free = [&](const std::vector<Id>& r) {
      return r.size() == 1 && vars_[r[0]].sort == Sort::Free;
    };
    if (!lone_free(ra) && lone_free(rb)) {
      std::swap(ra, rb);
      std::swap(ca, cb);
    }
    // n^k against a constant (kron(y, y) of length 4: y has 2): its integer root.
    auto power_of_one_free = [&](const std::vector<Id>& r) {
      return r.size() > 1 && vars_[r[0]].sort == Sort::Free &&
             std::all_of(r.begin(), r.end(), [&](Id x) { return x == r[0]; });
    };
    if (ra.empty() && power_of_one_free(rb)) {
      std::swap(ra, rb);
      std::swap(ca, cb);
    }
    if (rb.empty() && power_of_one_free(ra)) {
      if (ca == 0 || cb % ca != 0) return false;
      long long q = cb / ca, root = std::llround(std::pow(static_cast<double>(q), 1.0 / ra.size()));
      long long back = 1;
      for (std::size_t i = 0; i < ra.size(); ++i) back *= root;
      if (root < 1 || back != q || !unify(ra[0], constant(root))) return false;
    } else if (lone_free(ra)) {
      if (ca == 0 || cb % ca != 0) return false;
      Id rest = constant(cb / ca);
      for (Id r : rb) rest = product(rest, r);
      if (!unify(ra[0], rest)) return false;
    } else if (ca == cb && vars_[a].sort == Sort::Product && vars_[b].sort == Sort::Product) {
      // Several free factors (vec(X) against K(m,n)): match them in order.
      if (!unify(vars_[a].a, vars_[b].a) || !unify(vars_[a].b, vars_[b].b)) return false;
    } else {
      return false;
    }
    a = find(a);
    b = find(b);
    if (a == b) return true;
  }
  // Join the two classes so that neither's structure passes through the other (a
  // product must never become its own factor).
  if (reaches(b, a)) std::swap(a, b);
  vars_[a].parent = b;
  return true;
}

bool DimSolver::reaches(Id from, Id target) {
  from = find(from);
  if (from == target) return true;
  const Var& v = vars_[from];
  return v.sort == Sort::Product && (reaches(v.a, target) || reaches(v.b, target));
}

bool DimSolver::is_one(Id a) {
  auto [c, syms] = flatten(a);
  return c == 1 && syms.empty();
}

std::string DimSolver::text(Id a) {
  auto [c, syms] = flatten(a);
  std::string out = (c != 1 || syms.empty()) ? std::to_string(c) : "";
  for (Id s : syms) out += (out.empty() ? "" : "*") + vars_[s].name;
  return out;
}

void DimSolver::finish(Context& ctx, const std::set<std::string>& avoid) {
  // Rename surviving free roots compactly, in order of creation, and apart from the
  // variables' names (x'*x/n with a scalar n: x is n... would print ones(n)/n).
  avoid_ = avoid;
  for (Var& v : vars_)
    if (v.sort == Sort::Free) v.name.clear();
  first_candidate_ = 0;
  for (std::size_t i = 0; i < vars_.size(); ++i)
    if (vars_[i].sort == Sort::Free && find(static_cast<Id>(i)) == static_cast<Id>(i))
      vars_[i].name = unused_name();
  for (std::size_t i = 0; i < vars_.size(); ++i)
    if ((vars_[i].sort == Sort::Free || vars_[i].sort == Sort::Named) &&
        find(static_cast<Id>(i)) == static_cast<Id>(i))
      ctx.add_symbol(vars_[i].name);
}

Dim DimSolver::to_dim(Context& ctx, Id a) {
  auto [c, syms] = flatten(a);
  Monomial m{c, {}};
  for (Id s : syms) m.syms.push_back(ctx.find_symbol(vars_[s].name));
  std::sort(m.syms.begin(), m.syms.end());
  return ctx.dim(m);
}

}  // namespace matcalc
