// Index form back to matrix form (see index_translate.h): each term's factors become
// pieces, matrices whose rows and columns carry indices, and the pieces are combined
// one reading at a time until only the free indices are left.
#include <algorithm>
#include <optional>

#include "expr/index_translate.h"

namespace matcalc {

namespace {

struct Piece {
  Expr m;
  int row = -1, col = -1;
  bool has(int i) const { return i >= 0 && (row == i || col == i); }
  bool vector_of(int i) const { return has(i) && (row < 0 || col < 0); }
};

class Assembler {
 public:
  Assembler(Build& b, const IndexSpace& space) : b_(b), sp_(space) {}

  Expr sum(const IndexSum& s, int row, int col) {
    Expr out = b_.zero(shape(row, col));
    for (const Term& t : s.terms) {
      std::vector<Piece> ps;
      Expr scalar = b_.num(t.coef);
      if (!pieces(t, ps) || !reduce(ps, scalar, {row, col})) return nullptr;
      Expr m = assemble(ps, row, col);
      if (!m) return nullptr;
      out = b_.add(out, b_.mul(scalar, m));
    }
    return out;
  }

  Expr jacobian(const IndexSum& s, int i, int j, int a, int bb, Shape xs) {
    Expr out = nullptr;
    for (const Term& t : s.terms) {
      std::vector<Piece> ps;
      Expr scalar = b_.num(t.coef);
      if (!pieces(t, ps)) return nullptr;
      // P_{ij} times the rest: diag(vec(P)) times the rest's Jacobian (F = P .* G(X)).
      Expr diag = nullptr;
      for (std::size_t k = 0; i >= 0 && j >= 0 && k < ps.size();)
        if (std::minmax(ps[k].row, ps[k].col) == std::minmax(i, j)) {
          Expr p = row_at(ps[k], i).m;
          diag = diag ? b_.hadamard(diag, p) : p;
          ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
          ++k;
        }
      if (!reduce(ps, scalar, {i, j, a, bb})) return nullptr;
      Expr m = kron_form(ps, i, j, a, bb, xs);
      if (!m) return nullptr;
      if (diag) m = b_.mul(b_.diag_mat(b_.vec(diag)), m);
      m = b_.mul(scalar, m);
      out = out ? b_.add(out, m) : m;
    }
    return out;
  }

 private:
  Shape shape(int row, int col) const {
    return Shape{row < 0 ? kDimOne : sp_.dim(row), col < 0 ? kDimOne : sp_.dim(col)};
  }
  Piece t(const Piece& p) { return Piece{b_.transpose(p.m), p.col, p.row}; }
  // p with index i as its row (as a column vector when p has only i).
  Piece row_at(const Piece& p, int i) { return p.row == i ? p : t(p); }
  Piece col_at(const Piece& p, int i) { return p.col == i ? p : t(p); }

  bool pieces(const Term& term, std::vector<Piece>& ps) {
    for (const Factor& f : term.factors) {
      std::optional<Piece> p = piece(f);
      if (!p) return false;
      ps.push_back(*p);
    }
    return true;
  }

  std::optional<Piece> piece(const Factor& f) {
    switch (f.kind) {
      case FactorKind::Tensor:
        return Piece{f.base, f.row, f.col};
      case FactorKind::Delta:
        return Piece{b_.identity(sp_.dim(f.row)), f.row, f.col};
      case FactorKind::Group:
      case FactorKind::Func:
      case FactorKind::Pow: {
        // An argument whose two indices are one (a diagonal) is a vector over it.
        bool diagonal = f.row >= 0 && f.row == f.col;
        int col = diagonal ? -1 : f.col;
        Expr m = sum(*f.arg, f.row, col);
        if (!m) return std::nullopt;
        if (f.kind == FactorKind::Func) m = b_.func(f.fn, m);
        if (f.kind == FactorKind::Pow) {
          Expr e = sum(*f.exponent, -1, -1);
          if (!e) return std::nullopt;
          m = b_.pow(m, e);
        }
        return Piece{m, f.row, col};
      }
    }
    return std::nullopt;
  }

  std::vector<std::size_t> holding(const std::vector<Piece>& ps, int i) {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < ps.size(); ++k)
      if (ps[k].has(i)) out.push_back(k);
    return out;
  }

  // v_i P_{i..} = (diag(v) P)_{i..}: the vector at ps[v] folded into ps[p].
  void fold(std::vector<Piece>& ps, std::size_t v, std::size_t p, int i) {
    Piece vec = row_at(ps[v], i), mat = row_at(ps[p], i);
    ps[p] = Piece{b_.mul(b_.diag_mat(vec.m), mat.m), i, mat.col};
    ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(v));
  }

  // One reading applied; false when none applies.
  bool step(std::vector<Piece>& ps, Expr& scalar, const std::set<int>& free, bool& failed) {
    for (std::size_t k = 0; k < ps.size(); ++k) {
      Piece& p = ps[k];
      if (p.row < 0 && p.col < 0) {  // a scalar
        scalar = b_.mul(scalar, p.m);
        ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(k));
        return true;
      }
      if (p.row == p.col) {  // A_{kk}: tr(A) when summed here only, else diag(A)_k
        bool alone = holding(ps, p.row).size() == 1 && !free.count(p.row);
        p = alone ? Piece{b_.trace(p.m), -1, -1} : Piece{b_.diag_vec(p.m), p.row, -1};
        return true;
      }
    }
    for (std::size_t k = 0; k < ps.size(); ++k)  // the same indices: a Hadamard product
      for (std::size_t l = k + 1; l < ps.size(); ++l) {
        const Piece& p = ps[k];
        Piece q = ps[l];
        if (std::minmax(p.row, p.col) != std::minmax(q.row, q.col)) continue;
        if (q.row != p.row) q = t(q);
        ps[k] = Piece{b_.hadamard(p.m, q.m), p.row, p.col};
        ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(l));
        return true;
      }
    std::set<int> seen;
    for (const Piece& p : ps)
      for (int i : {p.row, p.col})
        if (i >= 0) seen.insert(i);
    for (int i : seen) {
      std::vector<std::size_t> h = holding(ps, i);
      bool summed = !free.count(i);
      if (summed && h.size() == 1) {  // sum_i P_{i..}: sum(v), or P' ones
        Piece p = row_at(ps[h[0]], i);
        ps[h[0]] = p.col < 0
                       ? Piece{b_.sum(p.m), -1, -1}
                       : Piece{b_.mul(t(p).m, b_.ones(Shape{sp_.dim(i), kDimOne})), p.col, -1};
        return true;
      }
      if (summed && h.size() == 2) {  // sum_i P_{.i} Q_{i.}: the product P Q
        Piece p = col_at(ps[h[0]], i), q = row_at(ps[h[1]], i);
        ps[h[0]] = Piece{b_.mul(p.m, q.m), p.row, q.col};
        ps.erase(ps.begin() + static_cast<std::ptrdiff_t>(h[1]));
        return true;
      }
      if (h.size() >= 2) {  // a vector sharing i with others: a diag() factor
        auto v =
            std::find_if(h.begin(), h.end(), [&](std::size_t k) { return ps[k].vector_of(i); });
        if (v == h.end()) {
          failed = true;
          return false;
        }
        fold(ps, *v, *v == h[0] ? h[1] : h[0], i);
        return true;
      }
    }
    return false;
  }

  bool reduce(std::vector<Piece>& ps, Expr& scalar, std::set<int> free) {
    free.erase(-1);
    bool failed = false;
    while (step(ps, scalar, free, failed)) {
    }
    return !failed;
  }

  // The pieces left (each index of {row, col} in at most one) as one matrix: the piece
  // holding both, or the outer product of the two vectors (ones for a missing one).
  Expr assemble(const std::vector<Piece>& ps, int row, int col) {
    std::optional<Piece> r, c;
    for (const Piece& p : ps) {
      bool hr = p.has(row), hc = p.has(col);
      if (hr && hc) return row_at(p, row).m;
      if (!hr && !hc) return nullptr;
      (hr ? r : c) = p;
    }
    Shape s = shape(row, col);
    Expr left = r ? row_at(*r, row).m : b_.ones(Shape{s.rows, kDimOne});
    Expr right = c ? t(row_at(*c, col)).m : b_.ones(Shape{kDimOne, s.cols});
    return b_.mul(left, right);
  }

  Expr kron_form(const std::vector<Piece>& ps, int i, int j, int a, int bb, Shape xs) {
    std::vector<Piece> right, left;  // the pieces of i (and a or b), of j
    std::vector<Piece> loose;        // pieces of a or b alone
    for (const Piece& p : ps) {
      if ((p.has(i) && p.has(j)) || (p.has(a) && p.has(bb))) return nullptr;
      (p.has(i) ? right : p.has(j) ? left : loose).push_back(p);
    }
    auto wrt_of = [&](const std::vector<Piece>& side) {
      for (const Piece& p : side)
        for (int w : {a, bb})
          if (p.has(w)) return w;
      return -1;
    };
    int rw = wrt_of(right), lw = wrt_of(left);
    bool commuted = bb >= 0 && (rw == bb || lw == a);
    int rcol = commuted ? bb : a, lcol = commuted ? a : bb;
    if (bb < 0 && rw < 0 && lw == a) rcol = -1, lcol = a;
    for (const Piece& p : loose) (p.has(rcol) ? right : left).push_back(p);
    Expr r = assemble(right, i, rcol), l = assemble(left, j, lcol);
    if (!r || !l) return nullptr;
    Expr k = b_.kron(l, r);
    return commuted ? b_.mul(k, b_.commutation(xs.rows, xs.cols)) : k;
  }

  Build& b_;
  const IndexSpace& sp_;
};

}  // namespace

Expr index_to_matrix(Build& b, const IndexSpace& space, const IndexSum& s, int row, int col) {
  return Assembler(b, space).sum(s, row, col);
}

Expr index_to_jacobian(Build& b, const IndexSpace& space, const IndexSum& s, int i, int j, int a,
                       int bb, Shape x_shape) {
  return Assembler(b, space).jacobian(s, i, j, a, bb, x_shape);
}

}  // namespace matcalc
