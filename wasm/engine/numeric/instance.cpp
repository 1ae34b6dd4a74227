// Random instances for evaluation and for the numeric check.
#include "numeric/instance.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"
#include "expr/structures.h"

namespace matcalc {

std::uint64_t Rng::next() {
  // splitmix64: small, fast, the same everywhere.
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Rng::uniform(double lo, double hi) {
  return lo + (hi - lo) * static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);
}

namespace {

// Variables that occur under log, sqrt, a fractional or negative power (want
// positive entries), and under inv, det, logdet or a matrix power (want a
// well-conditioned matrix).
// Variables under asin or acos (want |entries| < 1) get small values.
// Variables under logm or sqrtm (want a spectrum well inside the right half-plane) are
// shifted further.
struct Needs {
  std::set<std::string> positive, conditioned, small, principal;
};

// Each node once per combination of the three flags: a derivative is a DAG whose
// written-out tree can be exponentially larger (a nest of kron products), so the walk
// remembers what it has seen.
void scan(Expr e, bool under_domain, bool under_inverse, bool under_unit, bool under_principal,
          Needs& needs, std::set<std::pair<Expr, int>>& seen) {
  if (!seen.insert({e, under_domain * 8 + under_inverse * 4 + under_unit * 2 + under_principal})
           .second)
    return;
  if (e->kind == Kind::Var) {
    if (under_domain) needs.positive.insert(e->name);
    if (under_inverse) needs.conditioned.insert(e->name);
    if (under_unit) needs.small.insert(e->name);
    if (under_principal) needs.principal.insert(e->name);
    return;
  }
  bool dom = under_domain, inv = under_inverse, unit = under_unit, principal = under_principal;
  if (e->kind == Kind::Func) {
    FnDomain need = function_row(e->fn()).domain;
    if (need == FnDomain::Positive) dom = true;
    if (need == FnDomain::Invertible) inv = true;
    if (need == FnDomain::Unit) unit = true;
    if (need == FnDomain::Principal) principal = true;
  }
  if (e->kind == Kind::Pow) {
    Expr p = e->kids[1];
    // A power that is not a whole number needs positive inputs (std::trunc, not a cast: an
    // exponent beyond long long's range, 3.9e59, is whole and has no integer value).
    if (p->kind != Kind::Const || p->value < 0 || p->value != std::trunc(p->value)) dom = true;
  }
  if (e->kind == Kind::Inverse || e->kind == Kind::Det || e->kind == Kind::LogDet) inv = true;
  for (Expr k : e->kids) scan(k, dom, inv, unit, principal, needs, seen);
}

const int kSizes[] = {3, 4, 2, 5, 6, 7, 8, 9, 10, 11, 12, 13};

// The symbols f's sizes are made of (through the definitions of the names it uses).
void used_symbols(const Context& ctx, Expr e, std::set<Expr>& seen, std::vector<bool>& used) {
  if (!seen.insert(e).second) return;
  for (Dim d : {e->shape.rows, e->shape.cols})
    for (int sym : ctx.monomial(d).syms) used[sym] = true;
  if (e->kind == Kind::Var)
    if (const VarInfo* v = ctx.var(e->name); v && v->definition)
      used_symbols(ctx, v->definition, seen, used);
  for (Expr k : e->kids) used_symbols(ctx, k, seen, used);
}

// Distinct sizes for the symbols f uses, in the order of the symbols (so that with every
// declared size used they are 3, 4, 2, 5, ...); 2 for a size only unused declarations have,
// so that a thousand unused vectors cost nothing.
std::vector<int> symbol_sizes(const Context& ctx, Expr f) {
  std::vector<bool> used(ctx.num_symbols(), false);
  std::set<Expr> seen;
  used_symbols(ctx, f, seen, used);
  std::vector<int> sizes;
  int rank = 0;  // among the used symbols
  for (int s = 0; s < ctx.num_symbols(); ++s) {
    if (used[s]) ++rank;
    sizes.push_back(!used[s] ? 2 : rank <= 12 ? kSizes[rank - 1] : 1 + rank);
  }
  return sizes;
}

}  // namespace

Instance sized_instance(const Context& ctx, Expr f, int size_order) {
  Instance in;
  in.sizes = symbol_sizes(ctx, f);
  if (size_order == 1) std::sort(in.sizes.rbegin(), in.sizes.rend());
  if (size_order == 2) std::sort(in.sizes.begin(), in.sizes.end());
  return in;
}

double largest_node(const Context& ctx, const Instance& in, Expr e) {
  double largest = 0;
  std::vector<Expr> stack{e};
  std::set<Expr> seen;
  while (!stack.empty()) {
    Expr n = stack.back();
    stack.pop_back();
    if (!n || !seen.insert(n).second) continue;
    largest = std::max(largest, static_cast<double>(dim_value(ctx, in, n->shape.rows)) *
                                    static_cast<double>(dim_value(ctx, in, n->shape.cols)));
    for (Expr k : n->kids) stack.push_back(k);
  }
  return largest;
}

Instance random_instance(const Context& ctx, Expr f, std::uint32_t seed, Domain domain,
                         int size_order) {
  Instance in = sized_instance(ctx, f, size_order);
  Needs needs;
  std::set<std::pair<Expr, int>> seen;
  scan(f, false, false, false, false, needs, seen);
  const std::set<std::string>& positive = needs.positive;
  const std::set<std::string>& conditioned = needs.conditioned;
  Rng rng(seed);
  for (const VarInfo& v : ctx.vars()) {
    int r = dim_value(ctx, in, v.shape.rows), c = dim_value(ctx, in, v.shape.cols);
    bool pos = domain == Domain::AllPositive || domain == Domain::Spread ||
               (domain == Domain::Positive && positive.count(v.name));
    const double kScales[] = {0.05, 1, 4};
    double scale = 1;
    if (domain == Domain::Spread) {
      scale = kScales[rng.next() % 3];
      if (rng.next() % 4 == 0) scale = -scale;  // log(-x), log(y - x) with x < 0
    }
    Matrix m(r, c);
    for (int j = 0; j < c; ++j)
      for (int i = 0; i < r; ++i)
        m(i, j) = pos ? scale * rng.uniform(0.5, 1.5) : rng.uniform(-1, 1);
    if (!pos && needs.small.count(v.name)) m *= 0.5;
    if (const StructureRow* row = structure_of(v)) {
      // A point of the variable's set (empty when its sizes allow none: see
      // structures_fit).
      m = row->point(m, conditioned.count(v.name) > 0);
    } else if (r == c && r > 1 && conditioned.count(v.name)) {
      m += Matrix::Identity(r, r) * (pos ? r : 2.0);  // keep inv/det well-conditioned
    }
    // Under logm or sqrtm: diagonally dominant, so every eigenvalue has a positive real
    // part (Gershgorin) and the principal branch is well inside its domain.
    // (Only where adding a multiple of I keeps the point in its set.)
    const StructureRow* row = structure_of(v);
    bool shifts = !row || (row->props & (kSymmetric | kLower | kUpper));
    if (needs.principal.count(v.name) && r == c && r > 1 && !(v.props & kPosDef) && shifts)
      m += Matrix::Identity(r, r) * (m.cwiseAbs().rowwise().sum().maxCoeff() + 0.5);
    in.values[v.name] = m;
  }
  return in;
}

Matrix random_direction(const Context& ctx, const Instance& in, const std::string& name, Rng& rng) {
  const VarInfo* v = ctx.var(name);
  const Matrix& x = in.values.at(name);
  Matrix h(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < h.cols(); ++j)
    for (Eigen::Index i = 0; i < h.rows(); ++i) h(i, j) = rng.uniform(-1, 1);
  if (const StructureRow* row = v ? structure_of(*v) : nullptr) h = row->project(x, h);
  return h;
}

bool structures_fit(const Context& ctx, const Instance& in) {
  for (const VarInfo& v : ctx.vars()) {
    auto value = in.values.find(v.name);
    if (structure_of(v) && value != in.values.end() && value->second.size() == 0) return false;
  }
  return true;
}

std::string sizes_text(const Context& ctx, const Instance& in) {
  std::string out;
  // An instance never made (no usable inputs) has no sizes.
  for (int s = 0; s < ctx.num_symbols() && s < static_cast<int>(in.sizes.size()); ++s)
    out += (out.empty() ? "" : ", ") + ctx.symbol_name(s) + "=" + std::to_string(in.sizes[s]);
  return out;
}

bool well_defined(const Context& ctx, const Instance& in, Expr f, std::string* why) {
  Evaluator ev(ctx, in);
  try {
    std::vector<Expr> stack{f};
    std::set<Expr> seen;
    while (!stack.empty()) {
      Expr e = stack.back();
      stack.pop_back();
      if (!seen.insert(e).second) continue;
      if (!ev.eval(e).allFinite()) return false;
      // (det is defined at singular matrices; its gradient there is adj(A)', not det(A) inv(A)')
      if (e->kind == Kind::Inverse || e->kind == Kind::LogDet) {
        Eigen::PartialPivLU<Matrix> lu(ev.eval(e->kids[0]));
        if (!(lu.rcond() > 1e-8)) return false;
      }
      // Where a function's derivative does not exist (a repeated eigenvalue, a rank-deficient
      // argument of norm_nuc, a logm off its principal domain), the check draws again.
      if (e->kind == Kind::Func)
        if (auto undefined = function_row(e->fn()).undefined_at) {
          std::string reason = undefined(ev.eval(e->kids[0]));
          if (!reason.empty()) {
            if (why) *why = std::string(function_row(e->fn()).name) + ": " + reason;
            return false;
          }
        }
      for (Expr k : e->kids) stack.push_back(k);
    }
  } catch (const UserError& error) {  // a value that does not exist here (logm, eigvec_max)
    if (why) *why = error.what();
    return false;
  }
  return true;
}

}  // namespace matcalc
