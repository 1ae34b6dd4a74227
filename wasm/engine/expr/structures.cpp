// The rows of the structure registry (see structures.h). The gradient on a constraint
// set is the Frobenius projection of the unconstrained gradient G onto the tangent space
// (SPEC 13): Absil, Mahony & Sepulchre, "Optimization Algorithms on Matrix Manifolds"
// (2008), (3.37) and Section 3.6.1 (Riemannian submanifolds), with the tangent spaces of
// Edelman, Arias & Smith (1998) in the embedded metric.
#include "expr/structures.h"

#include "expr/context.h"
#include "expr/error.h"
#include "expr/functions.h"

namespace matcalc {

namespace {

using Matrix = Eigen::MatrixXd;

// Orthonormal columns spanning m's column space, with positive diagonal of R (so the
// point is a function of m alone): a random point of O(n) or St(n,p).
Matrix orthonormal_columns(const Matrix& m) {
  Eigen::HouseholderQR<Matrix> qr(m);
  Matrix q = qr.householderQ() * Matrix::Identity(m.rows(), m.cols());
  Matrix r = qr.matrixQR().topRows(m.cols()).triangularView<Eigen::Upper>();
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    if (r(j, j) < 0) q.col(j) = -q.col(j);
  return q;
}

// A triangular factor with a positive diagonal away from 0, as a Cholesky factor has:
// its inverse, determinant and log-determinant are defined.
Matrix with_positive_diagonal(Matrix t) {
  for (Eigen::Index i = 0; i < t.rows(); ++i) t(i, i) = std::abs(t(i, i)) + 0.5;
  return t;
}

Matrix symmetric_part(const Matrix& g) { return (g + g.transpose()) / 2; }
// The map of the symmetric and spd rows (the same tangent space), numeric and symbolic.
Matrix project_symmetric(const Matrix&, const Matrix& g) { return symmetric_part(g); }
Expr symmetric_gradient(Build& b, Expr, Expr g) { return b.scale(0.5, b.add(g, b.transpose(g))); }

const char* const kSymmetricConvention =
    "@ is symmetric: the gradient shown is the symmetric G with df = ⟨G, d@⟩ for every "
    "symmetric d@ (the symmetric part of the unconstrained gradient). The Matrix Cookbook's "
    "derivative with respect to the independent entries is 2G - diag(diag(G)).";

const std::vector<StructureRow> kRows = {
    {.id = Structure::Symmetric,
     .word = "symmetric",
     .meaning = "symmetric n×n matrix: S' = S",
     .shape = StructShape::Square,
     .props = kSymmetric,
     .in_space = kSymmetric,
     .point = [](Matrix m, bool conditioned) -> Matrix {
       Matrix s = symmetric_part(m);
       if (conditioned) s += Matrix::Identity(m.rows(), m.rows()) * m.rows();
       return s;
     },
     .project = project_symmetric,
     .gradient = symmetric_gradient,
     .rule =
         {"sym-gradient",
          R"(\langle G, \mathrm{d}S\rangle = \langle \tfrac{1}{2}(G + G^\top), \mathrm{d}S\rangle \text{ for symmetric } \mathrm{d}S)",
          "symmetric variables", ""},
     .step_title = "symmetric variable: keep the symmetric part",
     .convention = kSymmetricConvention,
     .ambient_correct = true,
     .ambient_verdict = "correct as a gradient on symmetric matrices: its symmetric part is the "
                        "answer (@ is symmetric, so only the symmetric part matters).",
     .cookbook_convention = true,
     .jacobian = true,
     .latex_sets = {"S"},
     .words = {"symmetric"},
     .tangent_python = "(# + #.T) / 2",
     .index_rule = "idx-sym-gradient"},
    {.id = Structure::Spd,
     .word = "spd",
     .meaning = "symmetric positive definite n×n matrix",
     .shape = StructShape::Square,
     .props = kSymmetric | kPosDef,
     .in_space = kSymmetric,
     .point = [](Matrix m, bool) -> Matrix {
       const Eigen::Index r = m.rows();
       return m * m.transpose() / static_cast<double>(r) + Matrix::Identity(r, r);
     },
     .project = project_symmetric,
     .gradient = symmetric_gradient,
     .rule = {"sym-gradient", "", "", ""},  // the symmetric row's rule
     .step_title = "symmetric variable: keep the symmetric part",
     .convention = kSymmetricConvention,
     .ambient_correct = true,
     .ambient_verdict = "correct as a gradient on symmetric matrices: its symmetric part is the "
                        "answer (@ is symmetric, so only the symmetric part matters).",
     .cookbook_convention = true,
     .jacobian = true,
     .latex_sets = {"S"},
     .words = {"positive definite", "spd"},
     // S \succ 0 (and \succeq 0: the derivative on the interior is the same)
     .relations = {"succ", "succeq"},
     .tangent_python = "(# + #.T) / 2",
     .index_rule = "idx-sym-gradient"},
    {.id = Structure::Diagonal,
     .word = "diagonal",
     .meaning = "diagonal n×n matrix",
     .shape = StructShape::Square,
     .props = kSymmetric | kDiagonal | kLower | kUpper,
     .in_space = kDiagonal,
     .point = [](Matrix m, bool) -> Matrix { return Matrix(m.diagonal().asDiagonal()); },
     .project = [](const Matrix&, const Matrix& g) -> Matrix {
       return Matrix(g.diagonal().asDiagonal());
     },
     .gradient = [](Build& b, Expr, Expr g) { return b.diag_mat(b.diag_vec(g)); },
     .rule =
         {"diag-gradient",
          R"(\langle G, \mathrm{d}D\rangle = \langle \operatorname{Diag}(\operatorname{diag}(G)), \mathrm{d}D\rangle \text{ for diagonal } \mathrm{d}D)",
          "diagonal variables; Cookbook 2.8", ""},
     .step_title = "diagonal variable: keep the diagonal",
     .convention = kSymmetricConvention,
     .ambient_correct = true,
     .ambient_verdict = "correct as a gradient on diagonal matrices: its diagonal is the answer "
                        "(@ is diagonal, so only the diagonal matters).",
     .jacobian = true,
     .words = {"diagonal"},
     .tangent_python = "$.diag($.diag(#))",
     .index_rule = "idx-diag-gradient"},
    {.id = Structure::Lower,
     .word = "lower",
     .meaning = "lower triangular n×n matrix (a Cholesky factor)",
     .shape = StructShape::Square,
     .props = kLower,
     .in_space = kLower,
     .point = [](Matrix m, bool) -> Matrix {
       return with_positive_diagonal(m.triangularView<Eigen::Lower>());
     },
     .project = [](const Matrix&, const Matrix& g) -> Matrix {
       return g.triangularView<Eigen::Lower>();
     },
     .gradient = [](Build& b, Expr, Expr g) { return b.func(Fn::Tril, g); },
     .rule =
         {"tril-gradient",
          R"(\langle G, \mathrm{d}L\rangle = \langle \operatorname{tril}(G), \mathrm{d}L\rangle \text{ for lower triangular } \mathrm{d}L)",
          "triangular variables: only the entries on and below the diagonal vary", ""},
     .step_title = "lower triangular variable: keep the lower triangular part",
     .convention = "@ is lower triangular: the gradient shown is the lower triangular R with df "
                   "= ⟨R, d@⟩ for every lower triangular d@ (tril of the unconstrained "
                   "gradient G, diagonal included).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient G: @ is lower triangular, so its gradient is the "
         "lower triangular part tril(G) (the entries above the diagonal do not vary).",
     .latex_sets = {"L"},
     .words = {"lower triangular", "lower-triangular", "lower"},
     .tangent_python = "$.tril(#)"},
    {.id = Structure::Upper,
     .word = "upper",
     .meaning = "upper triangular n×n matrix",
     .shape = StructShape::Square,
     .props = kUpper,
     .in_space = kUpper,
     .point = [](Matrix m, bool) -> Matrix {
       return with_positive_diagonal(m.triangularView<Eigen::Upper>());
     },
     .project = [](const Matrix&, const Matrix& g) -> Matrix {
       return g.triangularView<Eigen::Upper>();
     },
     .gradient = [](Build& b, Expr, Expr g) { return b.func(Fn::Triu, g); },
     .rule =
         {"triu-gradient",
          R"(\langle G, \mathrm{d}U\rangle = \langle \operatorname{triu}(G), \mathrm{d}U\rangle \text{ for upper triangular } \mathrm{d}U)",
          "triangular variables: only the entries on and above the diagonal vary", ""},
     .step_title = "upper triangular variable: keep the upper triangular part",
     .convention = "@ is upper triangular: the gradient shown is the upper triangular R with df "
                   "= ⟨R, d@⟩ for every upper triangular d@ (triu of the unconstrained "
                   "gradient G, diagonal included).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient G: @ is upper triangular, so its gradient is the "
         "upper triangular part triu(G) (the entries below the diagonal do not vary).",
     .latex_sets = {"U"},
     .words = {"upper triangular", "upper-triangular", "upper"},
     .tangent_python = "$.triu(#)"},
    {.id = Structure::Skew,
     .word = "skew",
     .meaning = "skew-symmetric n×n matrix: X' = -X",
     .shape = StructShape::Square,
     .props = kSkew,
     .in_space = kSkew,
     .point = [](Matrix m, bool) -> Matrix { return (m - m.transpose()) / 2; },
     .project = [](const Matrix&, const Matrix& g) -> Matrix { return (g - g.transpose()) / 2; },
     .gradient = [](Build& b, Expr, Expr g) { return b.scale(0.5, b.sub(g, b.transpose(g))); },
     .rule =
         {"skew-gradient",
          R"(\langle G, \mathrm{d}K\rangle = \langle \tfrac{1}{2}(G - G^\top), \mathrm{d}K\rangle \text{ for skew-symmetric } \mathrm{d}K)",
          "skew-symmetric variables: the symmetric part of G meets no skew dK", ""},
     .step_title = "skew-symmetric variable: keep the skew-symmetric part",
     .convention = "@ is skew-symmetric (@' = -@): the gradient shown is the skew-symmetric R with "
                   "df = ⟨R, d@⟩ for every skew-symmetric d@ (the skew part (G - G')/2 of the "
                   "unconstrained gradient G).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient G: @ is skew-symmetric, so its gradient is the skew "
         "part (G - G')/2.",
     .latex_sets = {"so"},
     .words = {"skew-symmetric", "skew symmetric", "antisymmetric", "skew"},
     .tangent_python = "(# - #.T) / 2"},
    {.id = Structure::Orthogonal,
     .word = "orthogonal",
     .meaning = "orthogonal n×n matrix: X'*X = X*X' = I",
     .shape = StructShape::Square,
     .props = kOrthonormalCols | kOrthonormalRows,
     .in_space = 0,
     .point = [](Matrix m, bool) -> Matrix { return orthonormal_columns(m); },
     .project = [](const Matrix& x, const Matrix& g) -> Matrix {
       return (g - x * g.transpose() * x) / 2;
     },
     .gradient =
         [](Build& b, Expr x, Expr g) {
           return b.scale(0.5, b.sub(g, b.mul({x, b.transpose(g), x})));
         },
     .rule =
         {"orthogonal-gradient",
          R"(R = X \operatorname{skew}(X^\top G) = \tfrac{1}{2}\left(G - X G^\top X\right),\; T_X = \{X\Omega : \Omega^\top = -\Omega\})",
          "the projection onto the tangent space of O(n); Absil, Mahony & Sepulchre (2008), "
          "(3.37) and Example 3.6.2",
          ""},
     .step_title = "@'@ = I: project G onto the tangent space {@Ω : Ω' = -Ω}",
     .convention = "@ is orthogonal (@'@ = I): the gradient shown is the Riemannian gradient R, "
                   "in the tangent space {@Ω : Ω' = -Ω}, with df = ⟨R, d@⟩ for every tangent d@ "
                   "(the projection (G - @G'@)/2 of the unconstrained gradient G; the embedded, "
                   "Frobenius metric).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient G: @ is orthogonal, so its gradient is the "
         "projection onto the tangent space, (G - @*G'*@)/2.",
     .latex_sets = {"O", "SO"},
     .words = {"orthogonal"},
     .tangent_python = "(# - % @ #.T @ %) / 2"},
    {.id = Structure::Stiefel,
     .word = "stiefel",
     .meaning = "n×p matrix with orthonormal columns (p <= n): X'*X = I",
     .shape = StructShape::Tall,
     .props = kOrthonormalCols,
     .in_space = 0,
     .point = [](Matrix m, bool) -> Matrix {
       return m.rows() < m.cols() ? Matrix() : orthonormal_columns(m);
     },
     .project = [](const Matrix& x, const Matrix& g) -> Matrix {
       Matrix xg = x.transpose() * g;
       return g - x * (xg + xg.transpose()) / 2;
     },
     .gradient =
         [](Build& b, Expr x, Expr g) {
           Expr xg = b.mul(b.transpose(x), g);
           return b.sub(g, b.scale(0.5, b.mul(x, b.add(xg, b.transpose(xg)))));
         },
     .rule =
         {"stiefel-gradient",
          R"(R = G - X \operatorname{sym}(X^\top G) = G - \tfrac{1}{2} X\left(X^\top G + G^\top X\right),\; T_X = \{\Delta : X^\top \Delta + \Delta^\top X = 0\})",
          "the projection onto the tangent space of the Stiefel manifold; Absil, Mahony & "
          "Sepulchre (2008), (3.35); Edelman, Arias & Smith (1998), 2.2",
          ""},
     .step_title = "@'@ = I: project G onto the tangent space {Δ : @'Δ + Δ'@ = 0}",
     .convention = "@ has orthonormal columns (@'@ = I, the Stiefel manifold): the gradient shown "
                   "is the Riemannian gradient R, in the tangent space {Δ : @'Δ + Δ'@ = 0}, with "
                   "df = ⟨R, d@⟩ for every tangent d@ (G - @(@'G + G'@)/2 of the unconstrained "
                   "gradient G; the embedded, Frobenius metric).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient G: @ has orthonormal columns, so its gradient is the "
         "projection onto the tangent space, G - @*(@'*G + G'*@)/2.",
     .latex_sets = {"St", "V"},
     .words = {"orthonormal columns", "stiefel"},
     .tangent_python = "# - % @ (%.T @ # + #.T @ %) / 2"},
    {.id = Structure::Unit,
     .word = "unit",
     .meaning = "unit vector of length n: x'*x = 1",
     .shape = StructShape::Vector,
     .props = kOrthonormalCols,
     .in_space = 0,
     .point = [](Matrix m, bool) -> Matrix { return m / m.norm(); },
     .project = [](const Matrix& x, const Matrix& g) -> Matrix {
       return g - x * (x.transpose() * g);
     },
     .gradient =
         [](Build& b, Expr x, Expr g) {
           Expr i = b.identity(x->shape.rows);
           return b.mul(b.sub(i, b.mul(x, b.transpose(x))), g);
         },
     .rule = {"sphere-gradient", R"(R = (I - x x^\top)\, g,\; T_x = \{h : x^\top h = 0\})",
              "the projection onto the tangent space of the unit sphere; Absil, Mahony & "
              "Sepulchre (2008), Example 3.6.1",
              ""},
     .step_title = "@'@ = 1: project g onto the tangent space {h : @'h = 0}",
     .convention = "@ is a unit vector (@'@ = 1): the gradient shown is the Riemannian gradient "
                   "R = (I - @@')g, orthogonal to @, with df = ⟨R, d@⟩ for every tangent d@ "
                   "(@'d@ = 0; g the unconstrained gradient).",
     .ambient_correct = false,
     .ambient_verdict =
         "this is the unconstrained gradient g: @ is a unit vector, so its gradient is the "
         "projection onto the tangent space, (I - @*@')*g.",
     .latex_sets = {"S"},  // S^{n-1}: read by the LaTeX declaration reader
     .words = {"unit", "unit vector"},
     .tangent_python = "# - % * $.sum(% * #)"},
};

}  // namespace

const std::vector<StructureRow>& structure_rows() { return kRows; }

const StructureRow& structure_row(Structure s) {
  for (const StructureRow& r : kRows)
    if (r.id == s) return r;
  throw InternalError("a structure without a row");
}

const StructureRow* find_structure(const std::string& word) {
  for (const StructureRow& r : kRows)
    if (word == r.word) return &r;
  return nullptr;
}

const StructureRow* find_structure_by_relation(const std::string& command) {
  for (const StructureRow& r : kRows)
    for (const char* w : r.relations)
      if (w && command == w) return &r;
  return nullptr;
}

const StructureRow* structure_of(const VarInfo& v) {
  // A defined name symmetric by its definition (P = M*M') is kept symmetric.
  if (v.definition) return v.props & kSymmetric ? &structure_row(Structure::Symmetric) : nullptr;
  return find_structure(v.kind);
}

std::string with_name(const char* text, const std::string& name) {
  std::string out;
  for (const char* c = text; *c; ++c)
    if (*c == '@')
      out += name;
    else
      out += *c;
  return out;
}

std::string declaration_words() {
  std::string out = "scalar, vector, matrix";
  for (const StructureRow& r : kRows)
    out += std::string(&r == &kRows.back() ? " or " : ", ") + r.word;
  return out;
}

}  // namespace matcalc
