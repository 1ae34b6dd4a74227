// The vectorisation rules that turn dF = L(dX) into d vec(F) = J d vec(X): each is a
// Kronecker-product identity (Magnus & Neudecker ch. 2; Cookbook section 10.2).
#include "diff/rules.h"
#include "expr/error.h"

namespace matcalc {

namespace {

bool is(Expr e, Kind k) { return e->kind == k; }
Expr arg(Expr e) { return e->kids[0]; }

Dim vec_size(Build& b, Expr e) { return b.ctx().dim_product(e->shape.rows, e->shape.cols); }

// P = I_n kron K_{q,m} kron I_p, with vec(A kron B) = P (vec A kron vec B) for A m x n,
// B p x q (Magnus & Neudecker, Theorem 3.10).
Expr kron_permutation(Build& b, Expr a, Expr c) {
  return b.kron(b.kron(b.identity(a->shape.cols), b.commutation(c->shape.cols, a->shape.rows)),
                b.identity(c->shape.rows));
}

const std::vector<VecRule> kRules = {
    {{"jac-sum", R"(\operatorname{vec}(A + B) = \operatorname{vec}A + \operatorname{vec}B)",
      "linearity", ""},
     [](Expr, Expr l) { return is(l, Kind::Add); },
     [](Build&, Expr m, Expr l) {
       Pairs out;
       for (Expr t : l->kids)
         if (t->has_diff) out.push_back({m, t});
       return out;
     }},
    {{"jac-scalar",
      R"(\operatorname{vec}(s\,B) = \operatorname{vec}(B)\,s \text{ for a scalar } s)", "linearity",
      ""},
     [](Expr, Expr l) {
       return is(l, Kind::Mul) && differential_factor(l) >= 0 && differential_factor(l) < l->aux;
     },
     [](Build& b, Expr m, Expr l) {
       int i = differential_factor(l);
       std::vector<Expr> rest{b.num(l->value)};
       for (int k = 0; k < static_cast<int>(l->kids.size()); ++k)
         if (k != i) rest.push_back(l->kids[k]);
       return Pairs{{b.mul(m, b.vec(b.mul(rest))), l->kids[i]}};
     }},
    {{"jac-matmul",
      R"(\operatorname{vec}(A\,\mathrm{d}X\,B) = (B^\top \otimes A)\operatorname{vec}(\mathrm{d}X))",
      "Magnus & Neudecker (2.11); Cookbook (520)", ""},
     [](Expr, Expr l) { return is(l, Kind::Mul) && differential_factor(l) >= l->aux; },
     [](Build& b, Expr m, Expr l) {
       int i = differential_factor(l);
       Expr inner = l->kids[i];
       std::vector<Expr> left(l->kids.begin(), l->kids.begin() + l->aux);
       left.push_back(b.num(l->value));
       left.insert(left.end(), l->kids.begin() + l->aux, l->kids.begin() + i);
       left.push_back(b.identity(inner->shape.rows));  // keeps the size when A is scalar
       std::vector<Expr> right{b.identity(inner->shape.cols)};
       right.insert(right.end(), l->kids.begin() + i + 1, l->kids.end());
       return Pairs{{b.mul(m, b.kron(b.transpose(b.mul(right)), b.mul(left))), inner}};
     }},
    {{"jac-transpose",
      R"(\operatorname{vec}(\mathrm{d}X^\top) = K_{m,n}\operatorname{vec}(\mathrm{d}X))",
      "commutation matrix, Magnus & Neudecker (3.2)", ""},
     [](Expr, Expr l) { return is(l, Kind::Transpose); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.commutation(inner->shape.rows, inner->shape.cols)), inner}};
     }},
    {{"jac-hadamard",
      R"(\operatorname{vec}(A \odot \mathrm{d}X) = \operatorname{diag}(\operatorname{vec}A)\operatorname{vec}(\mathrm{d}X))",
      "Cookbook (523)", ""},
     [](Expr, Expr l) { return is(l, Kind::Hadamard) && differential_factor(l) >= 0; },
     [](Build& b, Expr m, Expr l) {
       int i = differential_factor(l);
       std::vector<Expr> f;
       for (int k = 0; k < static_cast<int>(l->kids.size()); ++k)
         if (k != i) f.push_back(l->kids[k]);
       return Pairs{{b.mul(m, b.diag_mat(b.vec(b.hadamard(f)))), l->kids[i]}};
     }},
    {{"jac-trace",
      R"(\operatorname{tr}(\mathrm{d}X) = \operatorname{vec}(I)^\top \operatorname{vec}(\mathrm{d}X))",
      "Magnus & Neudecker (2.4)", ""},
     [](Expr, Expr l) { return is(l, Kind::Trace); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.transpose(b.vec(b.identity(inner->shape.rows)))), inner}};
     }},
    {{"jac-sum-entries",
      R"(\operatorname{sum}(\mathrm{d}X) = \mathbf{1}^\top \operatorname{vec}(\mathrm{d}X))",
      "linearity", ""},
     [](Expr, Expr l) { return is(l, Kind::Sum); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.ones(Shape{kDimOne, vec_size(b, inner)})), inner}};
     }},
    {{"jac-diag",
      R"(\operatorname{vec}(\operatorname{diag}(\mathrm{d}x)) = \operatorname{diag}(\operatorname{vec}I)\,(\mathbf{1} \otimes I)\,\mathrm{d}x,\;\; \operatorname{diag}(\mathrm{d}X) = (\mathbf{1}^\top \otimes I)\operatorname{diag}(\operatorname{vec}I)\operatorname{vec}(\mathrm{d}X))",
      "diag(x) = I .* (x 1'), diag(X) = (I .* X) 1", ""},
     [](Expr, Expr l) { return is(l, Kind::DiagMat) || is(l, Kind::DiagVec); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       Dim n = l->shape.rows;
       Expr mask = b.diag_mat(b.vec(b.identity(n)));
       if (is(l, Kind::DiagMat)) {
         Expr spread = b.kron(b.ones(Shape{n, kDimOne}), b.identity(n));
         return Pairs{{b.mul({m, mask, spread}), inner}};
       }
       Expr gather = b.kron(b.ones(Shape{kDimOne, n}), b.identity(n));
       return Pairs{{b.mul({m, gather, mask}), inner}};
     }},
    {{"jac-kron",
      R"(\operatorname{vec}(A \otimes \mathrm{d}B) = P(\operatorname{vec}A \otimes I)\operatorname{vec}(\mathrm{d}B),\; P = I_n \otimes K_{q,m} \otimes I_p)",
      "Magnus & Neudecker, Theorem 3.10", ""},
     [](Expr, Expr l) { return is(l, Kind::Kron); },
     [](Build& b, Expr m, Expr l) {
       Expr a = l->kids[0], c = l->kids[1];
       Expr perm = kron_permutation(b, a, c);
       Context& ctx = b.ctx();
       if (c->has_diff) {
         Expr sel = b.kron(b.vec(a), b.identity(ctx.dim_product(c->shape.rows, c->shape.cols)));
         return Pairs{{b.mul({m, perm, sel}), c}};
       }
       Expr sel = b.kron(b.identity(ctx.dim_product(a->shape.rows, a->shape.cols)), b.vec(c));
       return Pairs{{b.mul({m, perm, sel}), a}};
     }},
    {{"jac-vec",
      R"(\operatorname{vec}(\operatorname{vec}(\mathrm{d}X)) = \operatorname{vec}(\mathrm{d}X))",
      "definition of vec", ""},
     [](Expr, Expr l) { return is(l, Kind::Vec) || is(l, Kind::Unvec); },
     [](Build&, Expr m, Expr l) {
       return Pairs{{m, arg(l)}};
     }},
};

}  // namespace

const std::vector<VecRule>& vec_rules() { return kRules; }

}  // namespace matcalc
