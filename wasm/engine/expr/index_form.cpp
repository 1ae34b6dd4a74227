// Operations on the index form: renaming with scopes, splicing terms, delta
// contraction, collecting like terms. See index_form.h for the IR.
#include "expr/index_form.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "expr/error.h"

namespace matcalc {

Factor tensor(Expr base, int row, int col) {
  Factor f;
  f.kind = FactorKind::Tensor;
  f.base = base;
  f.row = row;
  f.col = col;
  return f;
}

Factor delta(int row, int col) {
  Factor f;
  f.kind = FactorKind::Delta;
  f.row = row;
  f.col = col;
  return f;
}

Factor group(IndexSum arg, int row, int col) {
  Factor f;
  f.kind = FactorKind::Group;
  f.arg = std::make_shared<const IndexSum>(std::move(arg));
  f.row = row;
  f.col = col;
  return f;
}

namespace {

int renamed(int i, const std::vector<int>& from, const std::vector<int>& to) {
  for (std::size_t k = 0; k < from.size(); ++k)
    if (from[k] == i) return to[k];
  return i;
}

SumPtr renamed_arg(const SumPtr& arg, const std::vector<int>& from, const std::vector<int>& to) {
  IndexSum copy = *arg;
  for (Term& t : copy.terms) rename(t, from, to);
  return std::make_shared<const IndexSum>(std::move(copy));
}

}  // namespace

void rename(Factor& f, const std::vector<int>& from, const std::vector<int>& to) {
  if (f.arg) {
    // Inside the argument only its free indices (f.row, f.col) are the outer ones.
    std::vector<int> af, at;
    for (int i : {f.row, f.col})
      if (i >= 0 && renamed(i, from, to) != i) af.push_back(i), at.push_back(renamed(i, from, to));
    if (!af.empty()) f.arg = renamed_arg(f.arg, af, at);
  }
  f.row = f.row < 0 ? f.row : renamed(f.row, from, to);
  f.col = f.col < 0 ? f.col : renamed(f.col, from, to);
}

void rename(Term& t, const std::vector<int>& from, const std::vector<int>& to) {
  for (Factor& f : t.factors) rename(f, from, to);
}

std::set<int> term_indices(const Term& t) {
  std::set<int> out;
  for (const Factor& f : t.factors)
    for (int i : {f.row, f.col})
      if (i >= 0) out.insert(i);
  return out;
}

namespace {

// The indices with the parts of every combined one among them, and their parts' parts.
std::set<int> with_parts(const IndexSpace& space, std::set<int> ids) {
  std::vector<int> todo(ids.begin(), ids.end());
  while (!todo.empty()) {
    int i = todo.back();
    todo.pop_back();
    if (!space.is_split(i)) continue;
    for (int p : {space.parts(i).first, space.parts(i).second})
      if (ids.insert(p).second) todo.push_back(p);
  }
  return ids;
}

}  // namespace

void freshen(IndexSpace& space, Term& t, const std::set<int>& keep) {
  // A kept combined index keeps its parts (the term may hold them in its place).
  std::set<int> kept = with_parts(space, keep);
  // A renamed combined index is split into its renamed parts: the factors over its parts
  // (X_qj A_rk of kron(X, A)) and the one over the whole (v_i) stay the same entries. (Renamed
  // without its parts, the copy of a norm's or a group's entry summed v_i apart from them.)
  std::set<int> all = with_parts(space, term_indices(t));
  std::vector<int> from, to;
  for (int i : all)
    if (!kept.count(i)) from.push_back(i), to.push_back(space.fresh(space.dim(i)));
  for (std::size_t k = 0; k < from.size(); ++k)
    if (space.is_split(from[k])) {
      auto [s, f] = space.parts(from[k]);
      space.set_parts(to[k], renamed(s, from, to), renamed(f, from, to));
    }
  rename(t, from, to);
}

bool multiply_into(IndexSpace& space, Term& t, const IndexSum& s, int row, int col) {
  if (s.terms.empty()) return false;
  if (s.terms.size() > 1) {
    t.factors.push_back(group(s, row, col));
    return true;
  }
  Term one = s.terms[0];
  freshen(space, one, {row, col});
  t.coef *= one.coef;
  t.factors.insert(t.factors.end(), one.factors.begin(), one.factors.end());
  return true;
}

// ---- combined indices -----------------------------------------------------------------------

std::pair<int, int> IndexSpace::split(int i, Dim slow, Dim fast) {
  if (is_split(i)) {
    auto [s, f] = parts(i);
    if (dim(s) != slow || dim(f) != fast)
      throw UserError("unsupported",
                      "the index route cannot write these entries with plain indices: one "
                      "combined index (of a Kronecker product or a vec) is split over two "
                      "different pairs of ranges; the default route derives it");
    return {s, f};
  }
  int s = fresh(slow), f = fresh(fast);
  infos_[static_cast<std::size_t>(i)].slow = s;
  infos_[static_cast<std::size_t>(i)].fast = f;
  return {s, f};
}

std::vector<int> IndexSpace::leaves(int i) const {
  if (!is_split(i)) return {i};
  auto [s, f] = parts(i);
  std::vector<int> out = leaves(s), more = leaves(f);
  out.insert(out.end(), more.begin(), more.end());
  return out;
}

std::vector<int> leaves_of(const IndexSpace& space, std::initializer_list<int> ids) {
  std::vector<int> out;
  for (int i : ids)
    if (i >= 0)
      for (int l : space.leaves(i)) out.push_back(l);
  return out;
}

namespace {

[[noreturn]] void no_plain_form(const Factor& f) {
  std::string what = f.kind == FactorKind::Tensor
                         ? std::string("the matrix ") + kind_name(f.base->kind) +
                               (f.base->kind == Kind::Var ? " " + f.base->name : std::string())
                         : std::string("an element-wise function");
  throw UserError("unsupported",
                  "the index route has no plain-index form for " + what +
                      " on a combined (Kronecker or vec) index: its entries there are a 3- or "
                      "4-index object; the default route derives it");
}

bool resolve_once(Build& b, IndexSpace& sp, IndexSum& s);

bool resolve_arg(Build& b, IndexSpace& sp, SumPtr& arg) {
  if (!arg) return false;
  IndexSum copy = *arg;
  if (!resolve_once(b, sp, copy)) return false;
  arg = std::make_shared<const IndexSum>(std::move(copy));
  return true;
}

// One factor over a combined index rewritten in place; false when the factor must be
// multiplied out (a matrix group), which the caller does.
bool resolve_factor(Build& b, IndexSpace& sp, std::vector<Factor>& fs, std::size_t k) {
  Factor& f = fs[k];
  bool rs = sp.is_split(f.row);
  if (f.kind == FactorKind::Delta) {  // delta_{(p,q),(r,s)} = delta_{pr} delta_{qs}
    int one = rs ? f.row : f.col, other = rs ? f.col : f.row;
    auto [s1, f1] = sp.parts(one);
    auto [s2, f2] = sp.split(other, sp.dim(s1), sp.dim(f1));
    if (f.row != one) std::swap(s1, s2), std::swap(f1, f2);
    f = delta(s1, s2);
    fs.insert(fs.begin() + static_cast<std::ptrdiff_t>(k) + 1, delta(f1, f2));
    return true;
  }
  if (f.row >= 0 && f.col >= 0) {  // a matrix on a combined index
    if (f.kind == FactorKind::Group) return false;
    no_plain_form(f);
  }
  // A vector on a combined index: y_{(s,f)} = unvec(y)_{fs}.
  int i = rs ? f.row : f.col;
  auto [slow, fast] = sp.parts(i);
  if (f.kind == FactorKind::Tensor) {
    Expr v = f.base->shape.cols == kDimOne ? f.base : b.transpose(f.base);
    f.base = b.unvec(v, Shape{sp.dim(fast), sp.dim(slow)});
  }
  // (a group's or function's argument is over i's parts already: resolve_once ran inside)
  f.row = fast;
  f.col = slow;
  return true;
}

bool resolve_once(Build& b, IndexSpace& sp, IndexSum& s) {
  bool changed = false;
  std::vector<Term> out, todo(s.terms.rbegin(), s.terms.rend());
  while (!todo.empty()) {
    Term t = std::move(todo.back());
    todo.pop_back();
    bool expanded = false;
    for (std::size_t k = 0; k < t.factors.size() && !expanded; ++k) {
      Factor& f = t.factors[k];
      changed |= resolve_arg(b, sp, f.arg);
      changed |= resolve_arg(b, sp, f.exponent);
      if (!sp.is_split(f.row) && !sp.is_split(f.col)) continue;
      changed = true;
      if (resolve_factor(b, sp, t.factors, k)) continue;
      // A matrix group on a combined index: multiplied out, one term per term of it.
      Factor g = t.factors[k];
      for (auto it = g.arg->terms.rbegin(); it != g.arg->terms.rend(); ++it) {
        Term u = *it;
        freshen(sp, u, {g.row, g.col});
        Term n{t.coef * u.coef, {}};
        n.factors.assign(t.factors.begin(), t.factors.begin() + static_cast<std::ptrdiff_t>(k));
        n.factors.insert(n.factors.end(), u.factors.begin(), u.factors.end());
        n.factors.insert(n.factors.end(), t.factors.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                         t.factors.end());
        todo.push_back(std::move(n));
      }
      expanded = true;
    }
    if (!expanded) out.push_back(std::move(t));
  }
  s.terms = std::move(out);
  return changed;
}

}  // namespace

void resolve_splits(Build& b, IndexSpace& space, IndexSum& s) {
  while (resolve_once(b, space, s)) {
  }
}

// ---- delta contraction ----------------------------------------------------------------------

namespace {

SumPtr contracted(Build& b, IndexSpace& space, const SumPtr& arg, int row, int col) {
  IndexSum copy = *arg;
  std::set<int> free;
  for (int i : {row, col})
    if (i >= 0) free.insert(i);
  contract_deltas(b, space, copy, free);
  return std::make_shared<const IndexSum>(std::move(copy));
}

// One delta with a summed index contracted; false when there is none.
//   sum_p delta_{pq} T_{..p..} = T_{..q..};  delta_{pp} = 1 for each p;
//   a summed index that no factor holds any more counts its range: sum_q 1 = dim(q).
bool contract_one(Build& b, IndexSpace& space, Term& t, const std::set<int>& free) {
  for (std::size_t k = 0; k < t.factors.size(); ++k) {
    const Factor& d = t.factors[k];
    if (d.kind != FactorKind::Delta) continue;
    int p = d.row, q = d.col;
    if (p != q && free.count(p) && free.count(q)) continue;
    if (free.count(p)) std::swap(p, q);  // p is summed (or p == q)
    t.factors.erase(t.factors.begin() + static_cast<std::ptrdiff_t>(k));
    if (p != q) rename(t, {p}, {q});
    if (!free.count(q) && !term_indices(t).count(q))
      t.factors.push_back(tensor(b.trace(b.identity(space.dim(q))), -1, -1));
    return true;
  }
  return false;
}

}  // namespace

void contract_deltas(Build& b, IndexSpace& space, IndexSum& s, const std::set<int>& free) {
  for (Term& t : s.terms) {
    for (Factor& f : t.factors) {
      if (f.arg) f.arg = contracted(b, space, f.arg, f.row, f.col);
      if (f.exponent) f.exponent = contracted(b, space, f.exponent, -1, -1);
    }
    while (contract_one(b, space, t, free)) {
    }
  }
}

// ---- like terms -----------------------------------------------------------------------------

namespace {

using Labels = std::map<int, std::string>;

std::string sum_key(const IndexSum& s, const Labels& labels, bool with_coef);

// A factor's key; ids without a label are "?" (counter null) or numbered as they appear.
std::string factor_key(const Factor& f, Labels& labels, int* counter) {
  auto label = [&](int i) -> std::string {
    if (i < 0) return "-";
    auto it = labels.find(i);
    if (it != labels.end()) return it->second;
    if (!counter) return "?";
    return labels[i] = "s" + std::to_string((*counter)++);
  };
  std::string out = std::to_string(static_cast<int>(f.kind)) + ":";
  if (f.base) out += std::to_string(f.base->id);
  if (f.kind == FactorKind::Func) out += "f" + std::to_string(static_cast<int>(f.fn));
  std::string r = label(f.row), c = label(f.col);
  out += "[" + r + "," + c + "]";
  Labels inner;
  if (f.row >= 0) inner[f.row] = "R";
  if (f.col >= 0) inner[f.col] = "C";
  if (f.arg) out += "(" + sum_key(*f.arg, inner, true) + ")";
  if (f.exponent) out += "^(" + sum_key(*f.exponent, {}, true) + ")";
  return out;
}

std::string term_key(const Term& t, const Labels& labels) {
  std::vector<std::pair<std::string, const Factor*>> fs;
  for (const Factor& f : t.factors) {
    Labels copy = labels;
    fs.emplace_back(factor_key(f, copy, nullptr), &f);
  }
  std::stable_sort(fs.begin(), fs.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  Labels lab = labels;
  int counter = 0;
  std::string out;
  for (const auto& [k, f] : fs) out += factor_key(*f, lab, &counter) + "|";
  return out;
}

std::string sum_key(const IndexSum& s, const Labels& labels, bool with_coef) {
  std::vector<std::string> keys;
  for (const Term& t : s.terms)
    keys.push_back((with_coef ? std::to_string(t.coef) + "*" : "") + term_key(t, labels));
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const std::string& k : keys) out += k + " + ";
  return out;
}

}  // namespace

namespace {

// A constant exponent's value (a sum of one term without factors), or false.
bool constant_exponent(const Factor& f, double* value) {
  if (!f.exponent) return false;
  if (f.exponent->terms.empty()) return *value = 0, true;
  if (f.exponent->terms.size() != 1 || !f.exponent->terms[0].factors.empty()) return false;
  *value = f.exponent->terms[0].coef;
  return true;
}

// Powers of the same scalar in one term multiply as one: (x_i x_i)^0.5 (x_i x_i)^-0.5 is 1,
// as the norm's entries give it (‖x‖² by x_j was 2 (x_i x_i)^0.5 (x_i x_i)^-0.5 x_j).
void merge_powers(Term& t, const Labels& labels) {
  for (std::size_t a = 0; a < t.factors.size(); ++a) {
    double pa;
    Factor& fa = t.factors[a];
    if (fa.kind != FactorKind::Pow || fa.row >= 0 || fa.col >= 0 || !constant_exponent(fa, &pa))
      continue;
    Factor base = fa;
    base.exponent = nullptr;
    Labels la = labels;
    std::string key = factor_key(base, la, nullptr);
    for (std::size_t b = a + 1; b < t.factors.size(); ++b) {
      double pb;
      const Factor& fb = t.factors[b];
      if (fb.kind != FactorKind::Pow || fb.row >= 0 || fb.col >= 0 || !constant_exponent(fb, &pb))
        continue;
      Factor other = fb;
      other.exponent = nullptr;
      Labels lb = labels;
      if (factor_key(other, lb, nullptr) != key) continue;
      pa += pb;
      t.factors.erase(t.factors.begin() + static_cast<std::ptrdiff_t>(b));
      --b;
    }
    if (std::abs(pa) < 1e-12) {
      t.factors.erase(t.factors.begin() + static_cast<std::ptrdiff_t>(a));
      --a;
    } else {
      t.factors[a].exponent = std::make_shared<const IndexSum>(IndexSum{{Term{pa, {}}}});
    }
  }
}

}  // namespace

void collect_terms(IndexSum& s, const std::set<int>& free) {
  Labels labels;
  for (int i : free) labels[i] = "F" + std::to_string(i);
  std::map<std::string, std::size_t> seen;
  std::vector<Term> out;
  for (Term& t : s.terms) merge_powers(t, labels);
  for (Term& t : s.terms) {
    std::string key = term_key(t, labels);
    auto it = seen.find(key);
    if (it == seen.end()) {
      seen[key] = out.size();
      out.push_back(std::move(t));
    } else {
      out[it->second].coef += t.coef;
    }
  }
  std::erase_if(out, [](const Term& t) { return std::abs(t.coef) < 1e-12; });
  s.terms = std::move(out);
}

std::size_t count_factors(const IndexSum& s) {
  std::size_t n = 0;
  for (const Term& t : s.terms)
    for (const Factor& f : t.factors) {
      ++n;
      if (f.arg) n += count_factors(*f.arg);
      if (f.exponent) n += count_factors(*f.exponent);
    }
  return n;
}

}  // namespace matcalc
