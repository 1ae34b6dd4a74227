// The vectorisation rules that turn dF = L(dX) into d vec(F) = J d vec(X): each is a
// Kronecker-product identity (Magnus & Neudecker ch. 2; Cookbook section 10.2).
#include "diff/rules.h"
#include "expr/error.h"

namespace matcalc {

namespace {

bool is(Expr e, Kind k) { return e->kind == k; }
Expr arg(Expr e) { return e->kids[0]; }

Dim vec_size(Build& b, Expr e) { return b.ctx().dim_product(e->shape.rows, e->shape.cols); }

const std::vector<VecRule> kRules = {
    {{"jac-sum", R"(\operatorname{vec}(A + B) = \operatorname{vec}A + \operatorname{vec}B)",
      "linearity", ""},
     [](Expr l) { return is(l, Kind::Add); },
     [](Build&, Expr m, Expr l) {
       Pairs out;
       for (Expr t : l->kids)
         if (t->has_diff) out.push_back({m, t});
       return out;
     }},
    {{"jac-scalar",
      R"(\operatorname{vec}(s\,B) = \operatorname{vec}(B)\,s \text{ for a scalar } s)", "linearity",
      ""},
     [](Expr l) {
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
     [](Expr l) { return is(l, Kind::Mul) && differential_factor(l) >= l->aux; },
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
     [](Expr l) { return is(l, Kind::Transpose); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.commutation(inner->shape.rows, inner->shape.cols)), inner}};
     }},
    {{"jac-hadamard",
      R"(\operatorname{vec}(A \odot \mathrm{d}X) = \operatorname{diag}(\operatorname{vec}A)\operatorname{vec}(\mathrm{d}X))",
      "Cookbook (523)", ""},
     [](Expr l) { return is(l, Kind::Hadamard) && differential_factor(l) >= 0; },
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
     [](Expr l) { return is(l, Kind::Trace); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.transpose(b.vec(b.identity(inner->shape.rows)))), inner}};
     }},
    {{"jac-sum-entries",
      R"(\operatorname{sum}(\mathrm{d}X) = \mathbf{1}^\top \operatorname{vec}(\mathrm{d}X))",
      "linearity", ""},
     [](Expr l) { return is(l, Kind::Sum); },
     [](Build& b, Expr m, Expr l) {
       Expr inner = arg(l);
       return Pairs{{b.mul(m, b.ones(Shape{kDimOne, vec_size(b, inner)})), inner}};
     }},
    {{"jac-vec",
      R"(\operatorname{vec}(\operatorname{vec}(\mathrm{d}X)) = \operatorname{vec}(\mathrm{d}X))",
      "definition of vec", ""},
     [](Expr l) { return is(l, Kind::Vec) || is(l, Kind::Unvec); },
     [](Build&, Expr m, Expr l) {
       return Pairs{{m, arg(l)}};
     }},
};

}  // namespace

const std::vector<VecRule>& vec_rules() { return kRules; }

const VecRule* find_vec_rule(Expr linear) {
  for (const VecRule& r : kRules)
    if (r.matches(linear)) return &r;
  return nullptr;
}

}  // namespace matcalc
