// Operations on the index form: renaming with scopes, splicing terms, delta
// contraction, collecting like terms. See index_form.h for the IR.
#include "expr/index_form.h"

#include <algorithm>
#include <cmath>
#include <map>

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

void freshen(IndexSpace& space, Term& t, const std::set<int>& keep) {
  std::vector<int> from, to;
  for (int i : term_indices(t))
    if (!keep.count(i)) from.push_back(i), to.push_back(space.fresh(space.dim(i)));
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

void collect_terms(IndexSum& s, const std::set<int>& free) {
  Labels labels;
  for (int i : free) labels[i] = "F" + std::to_string(i);
  std::map<std::string, std::size_t> seen;
  std::vector<Term> out;
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
