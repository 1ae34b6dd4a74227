// The facts of structured variables (SPEC 13) as simplification rows: a node carries its
// structure's facts as Prop bits (expr/structures.h), and each fact is one row here,
// so a structure with orthonormal columns gets X'X = I whatever its name. (X' = -X of a
// skew X and S' = S of a symmetric S are canonical forms of the factories instead.)
// They hold on the set only, which is where the steps and results are checked.
#include "simplify/simplify.h"

namespace matcalc {

namespace {

bool has(Expr e, unsigned prop) { return (e->props & prop) != 0; }

// X'X = I for orthonormal columns, XX' = I for orthonormal rows, x'x = 1 for a unit x:
// neighbours of a product's chain.
Expr orthonormal_pairs(Build& b, Expr e) {
  if (e->kind != Kind::Mul) return e;
  std::vector<Expr> kids(e->kids.begin(), e->kids.end());
  bool changed = false;
  for (std::size_t i = e->aux; i + 1 < kids.size();) {
    Expr l = kids[i], r = kids[i + 1];
    bool cols = l->kind == Kind::Transpose && l->kids[0] == r && has(r, kOrthonormalCols);
    bool rows = r->kind == Kind::Transpose && r->kids[0] == l && has(l, kOrthonormalRows);
    if (!cols && !rows) {
      ++i;
      continue;
    }
    Dim n = cols ? r->shape.cols : l->shape.rows;
    kids[i] = n == kDimOne ? b.num(1) : b.identity(n);
    kids.erase(kids.begin() + static_cast<long>(i) + 1);
    changed = true;
  }
  if (!changed) return e;
  kids.insert(kids.begin(), b.num(e->value));
  return b.mul(kids);
}

// ||x|| = 1 for a unit vector.
Expr unit_norm(Build& b, Expr e) {
  if (e->kind != Kind::Norm2) return e;
  Expr x = e->kids[0];
  if (x->shape.cols != kDimOne || !has(x, kOrthonormalCols)) return e;
  return b.num(1);
}

// inv(X) = X' for an orthogonal X.
Expr orthogonal_inverse(Build& b, Expr e) {
  if (e->kind != Kind::Inverse) return e;
  Expr x = e->kids[0];
  if (!has(x, kOrthonormalCols) || !has(x, kOrthonormalRows)) return e;
  return b.transpose(x);
}

// diag(inv(T)) = 1 ./ diag(T) for a triangular T (its inverse is triangular, with the
// reciprocals on the diagonal).
Expr triangular_inverse_diagonal(Build& b, Expr e) {
  if (e->kind != Kind::DiagVec) return e;
  Expr inv = e->kids[0];
  if (inv->kind == Kind::Transpose) inv = inv->kids[0];
  if (inv->kind != Kind::Inverse || !has(inv->kids[0], kLower | kUpper)) return e;
  return b.pow(b.diag_vec(inv->kids[0]), b.num(-1));
}

const std::vector<SimplifyRule> kFacts = {
    {{"simp-orthonormal",
      R"(X^\top X = I \text{ (orthonormal columns)},\; X X^\top = I \text{ (orthogonal)})",
      "the constraint of the orthogonal group and the Stiefel manifold", ""},
     orthonormal_pairs},
    {{"simp-unit-norm", R"(\|x\| = 1 \text{ for a unit vector } x)", "the constraint of the sphere",
      ""},
     unit_norm},
    {{"simp-orthogonal-inverse", R"(X^{-1} = X^\top \text{ for an orthogonal } X)", "X'X = XX' = I",
      ""},
     orthogonal_inverse},
    {{"simp-triangular-inverse-diagonal",
      R"(\operatorname{diag}(T^{-1}) = \mathbf{1} \oslash \operatorname{diag}(T) \text{ for a triangular } T)",
      "the inverse of a triangular matrix is triangular, with the reciprocal diagonal", ""},
     triangular_inverse_diagonal},
};

}  // namespace

const std::vector<SimplifyRule>& structure_fact_rules() { return kFacts; }

}  // namespace matcalc
