// The rows of the index-calculus table (see index_rules.h) and the differentiation
// of index forms: the sum rule over terms, the product rule over factors, and for each
// factor the first row that matches. An opaque entry (inv(A)_{ij}, det(A)) differentiates
// its argument A entry-wise in its rule, so compound arguments need no rule of their own.
#include "diff/index_rules.h"

#include <algorithm>

#include "expr/error.h"
#include "expr/functions.h"
#include "expr/index_translate.h"
#include "expr/order.h"

namespace matcalc {

namespace {

using Keep = std::set<int>;

Keep keep_of(IndexDiff& d, const Factor& f) { return {f.row, f.col, d.a(), d.bb()}; }

bool is_tensor_of(const Factor& f, Kind k) {
  return f.kind == FactorKind::Tensor && f.base->kind == k;
}
bool is_tensor_fn(const Factor& f, Fn fn) {
  return is_tensor_of(f, Kind::Func) && f.base->fn() == fn;
}

// base * dA_{kl}/dX_{ab} for every term of the derivative of A's entry (k, l).
IndexSum times_entry(IndexDiff& d, const Term& base, Expr a, int k, int l, const Keep& keep,
                     const Factor* after = nullptr) {
  IndexSum out;
  for (const Term& u : d.entry(a, k, l).terms) {
    Term t = d.splice(base, u, keep);
    if (after) t.factors.push_back(*after);
    out.terms.push_back(std::move(t));
  }
  return out;
}

// dX_{ij}/dX_{ab} = delta_{ia} delta_{jb}
IndexSum d_var(IndexDiff& d, const Factor& f) {
  Term t;
  if (f.row >= 0) t.factors.push_back(delta(f.row, d.a()));
  if (f.col >= 0) t.factors.push_back(delta(f.col, d.bb()));
  return IndexSum{{t}};
}

IndexSum d_const(IndexDiff&, const Factor&) { return {}; }

// d inv(A)_{ij} = -inv(A)_{ik} dA_{kl} inv(A)_{lj}
IndexSum d_inverse(IndexDiff& d, const Factor& f) {
  Expr a = f.base->kids[0];
  int k = d.space().fresh(a->shape.rows), l = d.space().fresh(a->shape.rows);
  Keep keep = keep_of(d, f);
  keep.insert({k, l});
  Factor last = tensor(f.base, l, f.col);
  return times_entry(d, Term{-1, {tensor(f.base, f.row, k)}}, a, k, l, keep, &last);
}

// d det(A) = det(A) inv(A)_{lk} dA_{kl};  d logdet(A) = inv(A)_{lk} dA_{kl}
IndexSum d_det(IndexDiff& d, const Factor& f) {
  Expr a = f.base->kids[0];
  int k = d.space().fresh(a->shape.rows), l = d.space().fresh(a->shape.rows);
  Term base{1, {tensor(d.b().inverse(a), l, k)}};
  if (f.base->kind == Kind::Det) base.factors.insert(base.factors.begin(), f);
  return times_entry(d, base, a, k, l, {k, l, d.a(), d.bb()});
}

// d softmax(v)_i = s_i dv_i - s_i s_k dv_k
IndexSum d_softmax(IndexDiff& d, const Factor& f) {
  Expr v = f.base->kids[0];
  int k = d.space().fresh(v->shape.rows);
  Keep keep = keep_of(d, f);
  IndexSum out = times_entry(d, Term{1, {f}}, v, f.row, -1, keep);
  keep.insert(k);
  IndexSum two = times_entry(d, Term{-1, {f, tensor(f.base, k, -1)}}, v, k, -1, keep);
  out.terms.insert(out.terms.end(), two.terms.begin(), two.terms.end());
  return out;
}

// d logsumexp(v) = softmax(v)_k dv_k
IndexSum d_logsumexp(IndexDiff& d, const Factor& f) {
  Expr v = f.base->kids[0];
  int k = d.space().fresh(v->shape.rows);
  Term base{1, {tensor(d.b().func(Fn::Softmax, v), k, -1)}};
  return times_entry(d, base, v, k, -1, {k, d.a(), d.bb()});
}

// d unvec(v)_{kl} = dv_{(l,k)}: the combined index (l,k) of v, read through fresh parts
// (s, f) with delta_{ls} delta_{kf}. For v the variable x itself, dx_{(l,k)}/dx_a is
// delta_{(l,k),a}: a, split the same way, is written as its parts (a gradient over it is
// then read back as the vec of a matrix).
IndexSum d_unvec(IndexDiff& d, const Factor& f) {
  Expr v = f.base->kids[0];
  IndexSpace& sp = d.space();
  if (v->kind == Kind::Var && v->name == d.wrt()) {
    auto [as, af] = sp.split(d.a(), sp.dim(f.col), sp.dim(f.row));
    return IndexSum{{Term{1, {delta(f.col, as), delta(f.row, af)}}}};
  }
  int i = sp.fresh(v->shape.rows);
  auto [s, fast] = sp.split(i, sp.dim(f.col), sp.dim(f.row));
  Keep keep = keep_of(d, f);
  keep.insert({s, fast});
  return times_entry(d, Term{1, {delta(f.col, s), delta(f.row, fast)}}, v, i, -1, keep);
}

// d f(u_{ij}) = f'(u_{ij}) du_{ij}, f' from the function's own row (its differential
// with du = 1, the argument standing in as a placeholder).
IndexSum d_chain(IndexDiff& d, const Factor& f) {
  Build& b = d.b();
  VarInfo u_info;
  u_info.name = "#u";
  Expr u = b.var(u_info);
  Expr fprime = function_row(f.fn).differential(b, b.func(f.fn, u), b.num(1));
  Placeholder ph{u, f.arg.get(), f.row, f.col};
  Term base;
  if (!multiply_into(d.space(), base, to_index(b, d.space(), fprime, f.row, f.col, &ph), f.row,
                     f.col))
    return {};
  IndexSum out;
  for (const Term& du : d.sum(*f.arg, {f.row, f.col}).terms)
    out.terms.push_back(d.splice(base, du, keep_of(d, f)));
  return out;
}

// d u^p = p u^(p-1) du + u^p log(u) dp
IndexSum d_power(IndexDiff& d, const Factor& f) {
  IndexSum out;
  Keep keep = keep_of(d, f);
  IndexSum du = d.sum(*f.arg, {f.row, f.col});
  if (!du.terms.empty()) {
    Term t;
    multiply_into(d.space(), t, *f.exponent, -1, -1);
    IndexSum pm = *f.exponent;
    pm.terms.push_back(Term{-1, {}});
    collect_terms(pm, {});
    bool unit = pm.terms.size() == 1 && pm.terms[0].factors.empty() && pm.terms[0].coef == 1;
    if (unit) {
      multiply_into(d.space(), t, *f.arg, f.row, f.col);
    } else if (!pm.terms.empty()) {
      Factor q = f;
      q.exponent = std::make_shared<const IndexSum>(std::move(pm));
      t.factors.push_back(q);
    }
    for (const Term& v : du.terms) out.terms.push_back(d.splice(t, v, keep));
  }
  IndexSum dp = d.sum(*f.exponent, {});
  if (!dp.terms.empty()) {
    Factor lg = f;
    lg.kind = FactorKind::Func;
    lg.fn = Fn::Log;
    lg.exponent = nullptr;
    for (const Term& v : dp.terms) out.terms.push_back(d.splice(Term{1, {f, lg}}, v, keep));
  }
  return out;
}

// d (u)_{ij} = (du)_{ij}: a group is its terms.
IndexSum d_group(IndexDiff& d, const Factor& f) { return d.sum(*f.arg, {f.row, f.col}); }

const char* kRicci = "Ricci calculus (Laue, Mitterreiter, Giesen 2018)";

const std::vector<IndexRule> kRules = {
    {{"idx-var", R"(\frac{\partial X_{ij}}{\partial X_{ab}} = \delta_{ia}\,\delta_{jb})", kRicci,
      ""},
     [](const IndexDiff& d, const Factor& f) {
       return is_tensor_of(f, Kind::Var) && f.base->name == d.wrt();
     },
     d_var},
    {{"idx-const",
      R"(\frac{\partial C_{ij}}{\partial X_{ab}} = 0,\quad \frac{\partial \delta_{ij}}{\partial X_{ab}} = 0)",
      "C does not depend on X", ""},
     [](const IndexDiff& d, const Factor& f) { return !d.depends(f); },
     d_const},
    {{"idx-inverse",
      R"(\frac{\partial (A^{-1})_{ij}}{\partial X_{ab}} = -(A^{-1})_{ik}\,\frac{\partial A_{kl}}{\partial X_{ab}}\,(A^{-1})_{lj})",
      "Matrix Cookbook (59)", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_of(f, Kind::Inverse); },
     d_inverse},
    {{"idx-det",
      R"(\frac{\partial \det(A)}{\partial X_{ab}} = \det(A)\,(A^{-1})_{lk}\,\frac{\partial A_{kl}}{\partial X_{ab}})",
      "Jacobi's formula; Matrix Cookbook (49)", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_of(f, Kind::Det); },
     d_det},
    {{"idx-logdet",
      R"(\frac{\partial \log\det(A)}{\partial X_{ab}} = (A^{-1})_{lk}\,\frac{\partial A_{kl}}{\partial X_{ab}})",
      "Matrix Cookbook (57)", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_of(f, Kind::LogDet); },
     d_det},
    {{"idx-softmax",
      R"(\frac{\partial s_{i}}{\partial X_{ab}} = s_{i}\,\frac{\partial v_{i}}{\partial X_{ab}} - s_{i}\,s_{k}\,\frac{\partial v_{k}}{\partial X_{ab}},\quad s = \operatorname{softmax}(v))",
      "the Jacobian of softmax, diag(s) - s s^T", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_fn(f, Fn::Softmax); },
     d_softmax},
    {{"idx-logsumexp",
      R"(\frac{\partial \operatorname{logsumexp}(v)}{\partial X_{ab}} = \operatorname{softmax}(v)_{k}\,\frac{\partial v_{k}}{\partial X_{ab}})",
      "the gradient of logsumexp is softmax", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_fn(f, Fn::Logsumexp); },
     d_logsumexp},
    {{"idx-unvec",
      R"(\frac{\partial \operatorname{unvec}(v)_{kl}}{\partial X_{ab}} = \frac{\partial v_{(l,k)}}{\partial X_{ab}},\quad \frac{\partial x_{(l,k)}}{\partial x_{(d,c)}} = \delta_{ld}\,\delta_{kc})",
      "vec and unvec are inverses (column-major: (l,k) is l n + k)", ""},
     [](const IndexDiff&, const Factor& f) { return is_tensor_of(f, Kind::Unvec); },
     d_unvec},
    {{"idx-chain",
      R"(\frac{\partial f(u_{ij})}{\partial X_{ab}} = f'(u_{ij})\,\frac{\partial u_{ij}}{\partial X_{ab}})",
      "chain rule, entry by entry", ""},
     [](const IndexDiff&, const Factor& f) { return f.kind == FactorKind::Func; },
     d_chain},
    {{"idx-power",
      R"(\frac{\partial u^{p}}{\partial X_{ab}} = p\,u^{p-1}\,\frac{\partial u}{\partial X_{ab}} + u^{p}\log(u)\,\frac{\partial p}{\partial X_{ab}})",
      "power rule", ""},
     [](const IndexDiff&, const Factor& f) { return f.kind == FactorKind::Pow; },
     d_power},
    {{"idx-group",
      R"(\frac{\partial (u + v)_{ij}}{\partial X_{ab}} = \frac{\partial u_{ij}}{\partial X_{ab}} + \frac{\partial v_{ij}}{\partial X_{ab}})",
      "linearity", ""},
     [](const IndexDiff&, const Factor& f) { return f.kind == FactorKind::Group; },
     d_group},
    // Structural rules and the passes of the route.
    {{"idx-write",
      R"(x^{\top} W W^{\top} x = x_{i}\,W_{ij}\,W_{kj}\,x_{k}\ \text{(repeated indices summed)})",
      "Einstein summation; Ricci calculus", ""},
     nullptr,
     nullptr},
    {{"idx-sum",
      R"(\frac{\partial (u + v)}{\partial X_{ab}} = \frac{\partial u}{\partial X_{ab}} + \frac{\partial v}{\partial X_{ab}})",
      "linearity", ""},
     nullptr,
     nullptr},
    {{"idx-product",
      R"(\frac{\partial (u\,v)}{\partial X_{ab}} = \frac{\partial u}{\partial X_{ab}}\,v + u\,\frac{\partial v}{\partial X_{ab}})",
      "product rule", ""},
     nullptr,
     nullptr},
    {{"idx-kron-entry",
      R"((A \otimes B)_{(i,k),(j,l)} = A_{ij}\,B_{kl},\quad (i,k) = i\,r + k \text{ for } B \in \mathbb{R}^{r \times s})",
      "definition of the Kronecker product; Magnus & Neudecker", ""},
     nullptr,
     nullptr},
    {{"idx-vec-entry",
      R"(\operatorname{vec}(X)_{(j,i)} = X_{ij},\quad (j,i) = j\,m + i \text{ for } X \in \mathbb{R}^{m \times n})",
      "vec stacks the columns (column-major)", ""},
     nullptr,
     nullptr},
    {{"idx-commutation-entry",
      R"(K_{(p,q),(r,s)} = \delta_{ps}\,\delta_{qr},\quad K \operatorname{vec}(X) = \operatorname{vec}(X^{\top}))",
      "the commutation matrix; Magnus & Neudecker", ""},
     nullptr,
     nullptr},
    {{"idx-combined",
      R"(\sum_{(i,k)} = \sum_{i}\sum_{k},\quad \delta_{(i,k),(j,l)} = \delta_{ij}\,\delta_{kl},\quad y_{(i,k)} = \operatorname{unvec}(y)_{ki})",
      "a combined index is a pair of indices (the fast one varies first)", ""},
     nullptr,
     nullptr},
    {{"idx-delta", R"(\delta_{ka}\,T_{k} = T_{a},\quad \delta_{kk} = n)",
      "Kronecker delta contraction", ""},
     nullptr,
     nullptr},
    {{"idx-collect", R"(u_{a}\,v_{ka} + u_{a}\,v_{la} = 2\,u_{a}\,v_{ka})",
      "like terms, up to the names of summed indices", ""},
     nullptr,
     nullptr},
    {{"idx-to-matrix",
      R"(A_{ik}B_{kj} = (AB)_{ij},\ A_{ki}B_{kj} = (A^{\top}B)_{ij},\ A_{ij}B_{ij} = (A \odot B)_{ij},\ A_{kk} = \operatorname{tr}(A),\ x_{i}\,y_{j} = (x y^{\top})_{ij},\ x_{i} A_{ij} = (\operatorname{diag}(x) A)_{ij})",
      "Einstein summation read as matrix operations", ""},
     nullptr,
     nullptr},
    {{"idx-kron",
      R"(\frac{\partial F_{ij}}{\partial X_{ab}} = A_{ia}\,B_{jb} \iff \frac{\partial \operatorname{vec}F}{\partial \operatorname{vec}X} = B \otimes A;\ \ A_{ib}\,B_{ja} \iff (B \otimes A)\,K)",
      "Magnus & Neudecker, vec and Kronecker; K vec(X) = vec(X')", ""},
     nullptr,
     nullptr},
    {{"idx-backprop",
      R"(\frac{\partial \phi}{\partial X_{ab}} = G_{ij}\,\frac{\partial F_{ij}}{\partial X_{ab}},\quad G = \frac{\partial \phi}{\partial F})",
      "chain rule (backpropagation)", ""},
     nullptr,
     nullptr},
    {{"idx-diag-gradient", R"(\nabla_{D} f = \operatorname{Diag}(\operatorname{diag}(G)))",
      "gradient over diagonal matrices", ""},
     nullptr,
     nullptr},
    {{"idx-sym-gradient", R"(\nabla_{S} f = \tfrac{1}{2}\left(G + G^{\top}\right))",
      "gradient over symmetric matrices (SPEC section 3)", ""},
     nullptr,
     nullptr},
};

}  // namespace

const std::vector<IndexRule>& index_rules() { return kRules; }

const IndexRule* find_index_rule(const std::string& name) {
  for (const IndexRule& r : kRules)
    if (name == r.info.name) return &r;
  return nullptr;
}

void IndexDiff::fire(const std::string& rule) {
  if (std::find(fired_.begin(), fired_.end(), rule) == fired_.end()) fired_.push_back(rule);
}

bool IndexDiff::depends(const Factor& f) const {
  if (f.kind == FactorKind::Tensor) return depends_on(f.base, wrt_);
  if (f.kind == FactorKind::Delta) return false;
  for (const SumPtr& s : {f.arg, f.exponent})
    if (s)
      for (const Term& t : s->terms)
        for (const Factor& g : t.factors)
          if (depends(g)) return true;
  return false;
}

Term IndexDiff::splice(Term t, Term u, const std::set<int>& keep) {
  freshen(space_, u, keep);
  t.coef *= u.coef;
  t.factors.insert(t.factors.end(), u.factors.begin(), u.factors.end());
  return t;
}

IndexSum IndexDiff::entry(Expr e, int row, int col) {
  std::set<int> free;
  for (int i : {row, col})
    if (i >= 0) free.insert(i);
  return sum(to_index(b_, space_, e, row, col), free);
}

IndexSum IndexDiff::factor(const Factor& f) {
  for (const IndexRule& r : kRules)
    if (r.matches && r.matches(*this, f)) {
      fire(r.info.name);
      return r.apply(*this, f);
    }
  std::string what = f.base ? kind_name(f.base->kind) : "this factor";
  if (f.base && f.base->kind == Kind::Func) {
    const FunctionRow& row = function_row(f.base->fn());
    if (row.index_refusal)
      throw UserError("unsupported", std::string(row.name) + ": " + row.index_refusal);
    what = row.name;
  }
  throw UserError("unsupported", "the index route has no rule for the entries of " + what +
                                     " (the default route derives it)");
}

IndexSum IndexDiff::sum(const IndexSum& s, const std::set<int>& free) {
  (void)free;
  IndexSum out;
  if (s.terms.size() > 1) fire("idx-sum");
  for (const Term& t : s.terms) {
    std::size_t dependent = 0;
    for (const Factor& f : t.factors) dependent += depends(f) ? 1 : 0;
    if (dependent > 1 || (dependent == 1 && t.factors.size() > 1)) fire("idx-product");
    if (dependent == 0) fire("idx-const");  // a term that does not depend on X drops out
    for (std::size_t m = 0; m < t.factors.size(); ++m) {
      const Factor& f = t.factors[m];
      if (!depends(f)) continue;
      for (const Term& u0 : factor(f).terms) {
        Term u = u0;
        freshen(space_, u, keep_of(*this, f));
        Term n{t.coef * u.coef, {}};
        n.factors.assign(t.factors.begin(), t.factors.begin() + static_cast<std::ptrdiff_t>(m));
        n.factors.insert(n.factors.end(), u.factors.begin(), u.factors.end());
        n.factors.insert(n.factors.end(), t.factors.begin() + static_cast<std::ptrdiff_t>(m) + 1,
                         t.factors.end());
        out.terms.push_back(std::move(n));
      }
    }
  }
  return out;
}

}  // namespace matcalc
