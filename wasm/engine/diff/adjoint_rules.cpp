// The adjoint (trace-trick) rules: <G, L(dX)> = <L*(G), dX>, one linear map at a
// time. Each is the matrix form of a vector-Jacobian product, and together they are
// exactly the textbook's "move dX to the right with tr(ABC) = tr(CAB)".
#include "diff/rules.h"
#include "expr/functions.h"

namespace matcalc {

namespace {

bool is(Expr e, Kind k) { return e->kind == k; }
Expr arg(Expr e) { return e->kids[0]; }

// The Kronecker product in G = s (P kron Q) for a scalar s, or null.
Expr kron_part(Expr g) {
  if (g->kind == Kind::Mul && g->kids.size() == 1u + g->aux) g = g->kids.back();
  return g->kind == Kind::Kron ? g : nullptr;
}

// vec(A kron B) = P (vec A kron vec B) with P = I_n kron K_{q,m} kron I_p for A m x n,
// B p x q; so <G, A kron dB> = <unvec((vec A kron I)' P' vec G), dB> and
// <G, dA kron B> = <unvec((I kron vec B)' P' vec G), dA>.
Pairs kron_adjoint(Build& b, Expr g, Expr l) {
  Context& ctx = b.ctx();
  Expr a = l->kids[0], c = l->kids[1];
  Dim m = a->shape.rows, n = a->shape.cols, p = c->shape.rows, q = c->shape.cols;
  Expr perm = b.kron(b.kron(b.identity(n), b.commutation(q, m)), b.identity(p));  // see jac-kron
  Expr back = b.mul(b.transpose(perm), b.vec(g));
  Expr vec_a = b.vec(a), vec_c = b.vec(c);
  if (c->has_diff) {
    Expr sel = b.kron(vec_a, b.identity(ctx.dim_product(p, q)));
    return {{b.unvec(b.mul(b.transpose(sel), back), c->shape), c}};
  }
  Expr sel = b.kron(b.identity(ctx.dim_product(m, n)), vec_c);
  return {{b.unvec(b.mul(b.transpose(sel), back), a->shape), a}};
}

const std::vector<AdjointRule> kRules = {
    {{"adj-sum", R"(\langle G, A + B\rangle = \langle G, A\rangle + \langle G, B\rangle)",
      "linearity", ""},
     [](Expr, Expr l) { return is(l, Kind::Add); },
     [](Build&, Expr g, Expr l) {
       Pairs out;
       for (Expr t : l->kids)
         if (t->has_diff) out.push_back({g, t});
       return out;
     }},
    {{"adj-scalar",
      R"(\langle G, s\,B\rangle = \langle \langle G, B\rangle, s\rangle \text{ for a scalar } s)",
      "bilinearity", ""},
     [](Expr, Expr l) {
       return is(l, Kind::Mul) && differential_factor(l) >= 0 && differential_factor(l) < l->aux;
     },
     [](Build& b, Expr g, Expr l) {
       int i = differential_factor(l);
       std::vector<Expr> rest{b.num(l->value)};
       for (int k = 0; k < static_cast<int>(l->kids.size()); ++k)
         if (k != i) rest.push_back(l->kids[k]);
       return Pairs{{b.inner(g, b.mul(rest)), l->kids[i]}};
     }},
    {{"adj-matmul",
      R"(\langle G, A\,\mathrm{d}X\,B\rangle = \langle A^\top G B^\top, \mathrm{d}X\rangle)",
      "cyclic trace: tr(G' A dX B) = tr(B G' A dX); Cookbook (16)", ""},
     [](Expr, Expr l) { return is(l, Kind::Mul) && differential_factor(l) >= l->aux; },
     [](Build& b, Expr g, Expr l) {
       int i = differential_factor(l);
       std::vector<Expr> left(l->kids.begin(), l->kids.begin() + l->aux);
       left.push_back(b.num(l->value));
       left.insert(left.end(), l->kids.begin() + l->aux, l->kids.begin() + i);
       std::vector<Expr> right(l->kids.begin() + i + 1, l->kids.end());
       Expr a = b.mul(left), c = right.empty() ? b.num(1) : b.mul(right);
       return Pairs{{b.mul({b.transpose(a), g, b.transpose(c)}), l->kids[i]}};
     }},
    {{"adj-transpose", R"(\langle G, \mathrm{d}X^\top\rangle = \langle G^\top, \mathrm{d}X\rangle)",
      "tr(A') = tr(A); Cookbook (13)", ""},
     [](Expr, Expr l) { return is(l, Kind::Transpose); },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{b.transpose(g), arg(l)}};
     }},
    {{"adj-hadamard",
      R"(\langle G, A \odot \mathrm{d}X\rangle = \langle G \odot A, \mathrm{d}X\rangle)",
      "A : (B .* C) = (A .* B) : C, both sum(A .* B .* C)", ""},
     [](Expr, Expr l) { return is(l, Kind::Hadamard) && differential_factor(l) >= 0; },
     [](Build& b, Expr g, Expr l) {
       int i = differential_factor(l);
       std::vector<Expr> f{g};
       for (int k = 0; k < static_cast<int>(l->kids.size()); ++k)
         if (k != i) f.push_back(l->kids[k]);
       return Pairs{{b.hadamard(f), l->kids[i]}};
     }},
    {{"adj-trace",
      R"(\langle g, \operatorname{tr}(\mathrm{d}X)\rangle = \langle g\,I, \mathrm{d}X\rangle)",
      "tr(A) = <I, A>", ""},
     [](Expr, Expr l) { return is(l, Kind::Trace); },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{b.mul(g, b.identity(arg(l)->shape.rows)), arg(l)}};
     }},
    {{"adj-sum-entries",
      R"(\langle g, \operatorname{sum}(\mathrm{d}X)\rangle = \langle g\,\mathbf{1}\mathbf{1}^\top, \mathrm{d}X\rangle)",
      "sum(A) = <ones, A>", ""},
     [](Expr, Expr l) { return is(l, Kind::Sum); },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{b.mul(g, b.ones(arg(l)->shape)), arg(l)}};
     }},
    {{"adj-diag",
      R"(\langle G, \operatorname{diag}(\mathrm{d}x)\rangle = \langle \operatorname{diag}(G), \mathrm{d}x\rangle)",
      "only the diagonal of G meets diag(dx)", ""},
     [](Expr, Expr l) { return is(l, Kind::DiagMat) || is(l, Kind::DiagVec); },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{is(l, Kind::DiagMat) ? b.diag_vec(g) : b.diag_mat(g), arg(l)}};
     }},
    {{"adj-vec",
      R"(\langle g, \operatorname{vec}(\mathrm{d}X)\rangle = \langle \operatorname{unvec}(g), \mathrm{d}X\rangle)",
      "vec is an isometry", ""},
     [](Expr, Expr l) { return is(l, Kind::Vec) || is(l, Kind::Unvec); },
     [](Build& b, Expr g, Expr l) {
       Expr back = is(l, Kind::Vec) ? b.unvec(g, arg(l)->shape) : b.vec(g);
       return Pairs{{back, arg(l)}};
     }},
    {{"adj-projection",
      R"(\langle G, P(\mathrm{d}X)\rangle = \langle P(G), \mathrm{d}X\rangle,\; P = \operatorname{tril}, \operatorname{triu}, \operatorname{sym}, \operatorname{skew})",
      "an orthogonal projection is self-adjoint in the Frobenius inner product", ""},
     [](Expr, Expr l) { return is(l, Kind::Func) && function_row(l->fn()).self_adjoint; },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{b.func(l->fn(), g), arg(l)}};
     }},
    {{"adj-frechet",
      R"(\langle G, L_f(A, \mathrm{d}X)\rangle = \langle L_f(A^\top, G), \mathrm{d}X\rangle)",
      "the adjoint of a Fréchet derivative of a function with real Taylor coefficients is "
      "the Fréchet derivative at A'; Higham, Functions of Matrices, Thm 3.6 and (3.6)",
      ""},
     [](Expr, Expr l) { return is(l, Kind::Func) && function_row(l->fn()).adjoint; },
     [](Build& b, Expr g, Expr l) {
       return Pairs{{function_row(l->fn()).adjoint(b, g, l), l->kids.back()}};
     }},
    {{"adj-kron-pair",
      R"(\langle P \otimes Q, A \otimes \mathrm{d}B\rangle = \langle P, A\rangle\,\langle Q, \mathrm{d}B\rangle)",
      "the Frobenius product of Kronecker products factors (mixed-product property)", ""},
     [](Expr g, Expr l) {
       Expr k = kron_part(g);
       return is(l, Kind::Kron) && k && k->kids[0]->shape == l->kids[0]->shape &&
              k->kids[1]->shape == l->kids[1]->shape;
     },
     [](Build& b, Expr g, Expr l) {
       auto [scale, k] = b.split_scalars(g);
       int d = l->kids[1]->has_diff ? 1 : 0;  // the side holding the differential
       Expr weight = b.inner(k->kids[1 - d], l->kids[1 - d]);
       return Pairs{{b.mul({scale, weight, k->kids[d]}), l->kids[d]}};
     }},
    {{"adj-kron",
      R"(\langle G, A \otimes \mathrm{d}B\rangle = \langle (\operatorname{vec}A \otimes I)^\top P^\top \operatorname{vec}G, \operatorname{vec}\mathrm{d}B\rangle,\; P = I_n \otimes K_{q,m} \otimes I_p)",
      "Magnus & Neudecker, Theorem 3.10", ""},
     [](Expr, Expr l) { return is(l, Kind::Kron); },
     [](Build& b, Expr g, Expr l) { return kron_adjoint(b, g, l); }},
};

}  // namespace

const std::vector<AdjointRule>& adjoint_rules() { return kRules; }

}  // namespace matcalc
