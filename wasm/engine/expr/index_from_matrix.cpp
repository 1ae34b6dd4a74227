// Matrix form to index form: the (row, col) entry of an expression, node by node
// (see index_translate.h). Every product link and every sum gets an index of its own.
#include <stdexcept>

#include "expr/error.h"
#include "expr/index_translate.h"

namespace matcalc {

namespace {

class ToIndex {
 public:
  ToIndex(Build& b, IndexSpace& space, const Placeholder* ph) : b_(b), sp_(space), ph_(ph) {}

  IndexSum entry(Expr e, int row, int col) {
    if (ph_ && e == ph_->var) return *ph_->arg;
    switch (e->kind) {
      case Kind::Const:
        return one(Term{e->value, {}});
      case Kind::Var:
      case Kind::Ones:
      case Kind::Det:
      case Kind::LogDet:
      case Kind::Inverse:
      case Kind::Unvec:
        return opaque(e, row, col);
      case Kind::Vec: {  // vec(M)_{(j,i)} = M_{ij}
        Expr m = e->kids[0];
        if (row < 0) return opaque(e, row, col);
        auto [j, i] = split(row, m->shape.cols, m->shape.rows, e);
        return entry(m, i, j);
      }
      case Kind::Kron: {  // kron(A,B)_{(i,k),(j,l)} = A_{ij} B_{kl}
        Expr a = e->kids[0], c = e->kids[1];
        auto [i, k] = split(row, a->shape.rows, c->shape.rows, e);
        auto [j, l] = split(col, a->shape.cols, c->shape.cols, e);
        Term t;
        if (!multiply_into(sp_, t, entry(a, i, j), i, j)) return {};
        if (!multiply_into(sp_, t, entry(c, k, l), k, l)) return {};
        return one(std::move(t));
      }
      case Kind::Commutation: {  // K(m,n)_{(p,q),(r,s)} = delta_{ps} delta_{qr}
        Dim m = e->aux, n = static_cast<Dim>(e->value);
        if (row < 0 || col < 0) return opaque(e, row, col);
        auto [p, q] = split(row, m, n, e);
        auto [r, s] = split(col, n, m, e);
        return one(Term{1, {delta(p, s), delta(q, r)}});
      }
      case Kind::Identity:
        return one(Term{1, {delta(row, col)}});
      case Kind::Zero:
        return {};
      case Kind::Add: {
        IndexSum s;
        for (Expr k : e->kids) {
          IndexSum t = entry(k, row, col);
          s.terms.insert(s.terms.end(), t.terms.begin(), t.terms.end());
        }
        return s;
      }
      case Kind::Mul:
        return product(e, row, col);
      case Kind::Hadamard: {
        Term t;
        for (Expr k : e->kids)
          if (!multiply_into(sp_, t, entry(k, row, col), row, col)) return {};
        return one(std::move(t));
      }
      case Kind::Pow: {
        Factor f = wrapped(FactorKind::Pow, entry(e->kids[0], row, col), row, col);
        f.exponent = std::make_shared<const IndexSum>(entry(e->kids[1], -1, -1));
        return one(Term{1, {f}});
      }
      case Kind::Func: {
        if (function_row(e->fn()).shape != FnShape::Elementwise) return opaque(e, row, col);
        Factor f = wrapped(FactorKind::Func, entry(e->kids[0], row, col), row, col);
        f.fn = e->fn();
        return one(Term{1, {f}});
      }
      case Kind::Transpose:
        return entry(e->kids[0], col, row);
      case Kind::Trace: {
        int k = sp_.fresh_or_none(e->kids[0]->shape.rows);
        return entry(e->kids[0], k, k);
      }
      case Kind::Sum:
        return entry(e->kids[0], sp_.fresh_or_none(e->kids[0]->shape.rows),
                     sp_.fresh_or_none(e->kids[0]->shape.cols));
      case Kind::Norm1: {  // sum_{pq} |A_{pq}|
        Expr a = e->kids[0];
        int p = sp_.fresh_or_none(a->shape.rows), q = sp_.fresh_or_none(a->shape.cols);
        Factor f = wrapped(FactorKind::Func, entry(a, p, q), p, q);
        f.fn = Fn::Abs;
        return one(Term{1, {f}});
      }
      case Kind::Norm2: {  // (sum_{pq} A_{pq} A_{pq})^(1/2)
        Expr a = e->kids[0];
        int p = sp_.fresh_or_none(a->shape.rows), q = sp_.fresh_or_none(a->shape.cols);
        Term sq;
        if (!multiply_into(sp_, sq, entry(a, p, q), p, q)) return {};
        multiply_into(sp_, sq, entry(a, p, q), p, q);
        Factor f = wrapped(FactorKind::Pow, one(std::move(sq)), -1, -1);
        f.exponent = std::make_shared<const IndexSum>(one(Term{0.5, {}}));
        return one(Term{1, {f}});
      }
      case Kind::DiagMat: {  // diag(v)_{rc} = v_r delta_{rc}
        Term t{1, {delta(row, col)}};
        if (!multiply_into(sp_, t, entry(e->kids[0], row, -1), row, -1)) return {};
        return one(std::move(t));
      }
      case Kind::DiagVec:
        return entry(e->kids[0], row, row);
      case Kind::Diff:
      case Kind::Inner:
        throw InternalError("index form: a differential in the function");
    }
    throw InternalError("index form: unknown kind");
  }

 private:
  static IndexSum one(Term t) { return IndexSum{{std::move(t)}}; }

  // A combined index over (slow, fast) as its two parts; a part over a range of 1 is not
  // written, and the index is then the other part itself.
  // Two factors that pair one index differently (vec(X) with X n x m pairs it as (m, n),
  // kron(B, A) with B n x n and A m x m as (n, m)) leave no plain-index form: refused.
  std::pair<int, int> split(int i, Dim slow, Dim fast, Expr e) {
    if (i < 0) return {-1, -1};
    if (slow == kDimOne) return {-1, i};
    if (fast == kDimOne) return {i, -1};
    if (sp_.is_split(i)) {
      auto [s, f] = sp_.parts(i);
      if (sp_.dim(s) != slow || sp_.dim(f) != fast) {
        Context& c = b_.ctx();
        auto pair = [&](Dim x, Dim y) { return "(" + c.dim_text(x) + ", " + c.dim_text(y) + ")"; };
        throw UserError(
            "unsupported",
            std::string("the index route has no plain-index form here: ") + kind_name(e->kind) +
                " pairs an index of length " + c.dim_text(sp_.dim(i)) + " as " + pair(slow, fast) +
                " (slow, fast), the factor beside it as " + pair(sp_.dim(s), sp_.dim(f)) +
                "; the entries do not match up index by index (the default "
                "route derives it; with sizes that pair alike, e.g. vec(X)'*kron(B, "
                "A)*vec(X) with A m x m for X m x n, the index route does too)");
      }
    }
    return sp_.split(i, slow, fast);
  }

  // A node with no entry formula: its entries as an opaque tensor. Under a placeholder
  // (entries of a scalar function of it), a scalar is a scalar.
  IndexSum opaque(Expr e, int row, int col) {
    if (e->shape.rows == kDimOne) row = -1;
    if (e->shape.cols == kDimOne) col = -1;
    return one(Term{1, {tensor(e, row, col)}});
  }

  Factor wrapped(FactorKind kind, IndexSum arg, int row, int col) {
    Factor f = group(std::move(arg), row, col);
    f.kind = kind;
    return f;
  }

  // coef * scalars * A_{r k1} B_{k1 k2} ... C_{k col}. Under a placeholder every factor is
  // a scalar function of it, taken at (row, col).
  IndexSum product(Expr e, int row, int col) {
    Term t{e->value, {}};
    const std::size_t ns = static_cast<std::size_t>(e->aux);
    for (std::size_t k = 0; k < ns; ++k) {
      int r = ph_ ? row : -1, c = ph_ ? col : -1;
      if (!multiply_into(sp_, t, entry(e->kids[k], r, c), r, c)) return {};
    }
    int link = row;
    for (std::size_t k = ns; k < e->kids.size(); ++k) {
      Expr m = e->kids[k];
      int next = k + 1 == e->kids.size() ? col : sp_.fresh_or_none(m->shape.cols);
      int r = m->shape.rows == kDimOne ? -1 : link;
      if (!multiply_into(sp_, t, entry(m, r, next), r, next)) return {};
      link = next;
    }
    return one(std::move(t));
  }

  Build& b_;
  IndexSpace& sp_;
  const Placeholder* ph_;
};

}  // namespace

IndexSum to_index(Build& b, IndexSpace& space, Expr e, int row, int col, const Placeholder* ph) {
  IndexSum s = ToIndex(b, space, ph).entry(e, row, col);
  resolve_splits(b, space, s);
  return s;
}

}  // namespace matcalc
