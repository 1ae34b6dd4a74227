// Structural ordering and small structural queries.
#include "expr/order.h"

#include <cctype>
#include <set>
#include <string>

namespace matcalc {

namespace {

int rank(Kind k) {
  // Leaves before compound nodes; within those, the enum's order.
  switch (k) {
    case Kind::Var:
      return 0;
    case Kind::Const:
      return 1;
    case Kind::Identity:
      return 2;
    case Kind::Ones:
      return 3;
    case Kind::Zero:
      return 4;
    case Kind::Commutation:
      return 5;
    case Kind::Add:
    case Kind::Mul:
    case Kind::Hadamard:
    case Kind::Pow:
    case Kind::Func:
    case Kind::Transpose:
    case Kind::Trace:
    case Kind::Det:
    case Kind::LogDet:
    case Kind::Inverse:
    case Kind::Sum:
    case Kind::Norm1:
    case Kind::Norm2:
    case Kind::DiagMat:
    case Kind::DiagVec:
    case Kind::Vec:
    case Kind::Kron:
    case Kind::Unvec:
    case Kind::Diff:
    case Kind::Inner:
      return 10 + static_cast<int>(k);
  }
  return 99;
}

template <class T>
int cmp3(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

// The coefficient-free part of a term, for ordering.
double coef_of(Expr e) { return e->kind == Kind::Mul ? e->value : 1.0; }

// Names in natural order: runs of digits compare as numbers, so A2 comes before A10.
int natural_compare(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && std::isdigit(static_cast<unsigned char>(a[ie]))) ++ie;
      while (je < b.size() && std::isdigit(static_cast<unsigned char>(b[je]))) ++je;
      std::string na = a.substr(i, ie - i), nb = b.substr(j, je - j);
      na.erase(0, std::min(na.find_first_not_of('0'), na.size() - 1));
      nb.erase(0, std::min(nb.find_first_not_of('0'), nb.size() - 1));
      if (na.size() != nb.size()) return na.size() < nb.size() ? -1 : 1;
      if (int c = na.compare(nb)) return c < 0 ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
    ++i;
    ++j;
  }
  return cmp3(a.size() - i, b.size() - j);
}

}  // namespace

int structural_compare(Expr a, Expr b) {
  if (a == b) return 0;
  if (int c = cmp3(rank(a->kind), rank(b->kind))) return c;
  if (int c = natural_compare(a->name, b->name)) return c;
  // Compare children before numbers so 2*x and 3*x sort together by x.
  std::size_t n = std::min(a->kids.size(), b->kids.size());
  for (std::size_t i = 0; i < n; ++i)
    if (int c = structural_compare(a->kids[i], b->kids[i])) return c;
  if (int c = cmp3(a->kids.size(), b->kids.size())) return c;
  if (int c = cmp3(a->value, b->value)) return c;
  if (int c = cmp3(a->aux, b->aux)) return c;
  if (int c = cmp3(a->shape.rows, b->shape.rows)) return c;
  if (int c = cmp3(a->shape.cols, b->shape.cols)) return c;
  return cmp3(a->props, b->props);
}

bool term_before(Expr a, Expr b) {
  bool na = coef_of(a) < 0, nb = coef_of(b) < 0;
  if (na != nb) return !na;
  bool va = a->has_var, vb = b->has_var;
  if (va != vb) return va;
  return structural_compare(a, b) < 0;
}

int tree_size(Expr e) {
  int n = 1;
  for (Expr k : e->kids) n += tree_size(k);
  return n;
}

namespace {
void count_capped(Expr e, int cap, int& n) {
  if (++n > cap) return;
  for (Expr k : e->kids) {
    count_capped(k, cap, n);
    if (n > cap) return;
  }
}
}  // namespace

int tree_size_capped(Expr e, int cap) {
  int n = 0;
  count_capped(e, cap, n);
  return n;
}

namespace {
// Each shared node once: a derivative's DAG can be exponentially smaller than its tree.
bool depends_on(Expr e, const std::string& name, std::set<Expr>& seen) {
  if (!e->has_var || !seen.insert(e).second) return false;
  if (e->kind == Kind::Var) return e->name == name;
  for (Expr k : e->kids)
    if (depends_on(k, name, seen)) return true;
  return false;
}
}  // namespace

bool depends_on(Expr e, const std::string& name) {
  std::set<Expr> seen;
  return depends_on(e, name, seen);
}

}  // namespace matcalc
