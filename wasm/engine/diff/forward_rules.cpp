// The differential rules: d pushed one level into each kind of node. Identities are
// the textbook ones (Magnus & Neudecker; Petersen & Pedersen, "The Matrix Cookbook",
// equation numbers in `source`).
#include <algorithm>

#include "diff/rules.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"
#include "print/text.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

Expr D(Build& b, Expr e, const std::string& wrt) { return differential_of(b, e, wrt); }

// Which term of e = M + s u v' (a column u, a row v', scalar factors s) is the outer
// product: its index, or -1.
int outer_term(Expr e) {
  if (e->kind != Kind::Add || e->kids.size() != 2) return -1;
  for (int i = 0; i < 2; ++i) {
    Expr t = e->kids[i];
    if (t->kind != Kind::Mul || t->kids.size() != 2u + t->aux) continue;
    if (t->kids[t->aux]->shape.cols == kDimOne && t->kids[t->aux + 1]->shape.rows == kDimOne)
      return i;
  }
  return -1;
}

// M of M + s u v', or null.
Expr rank_one_rest(Expr e) {
  int i = outer_term(e);
  return i < 0 ? nullptr : e->kids[1 - i];
}

// The parts of M + s u v' (false when e is not one).
bool rank_one_update(Build& b, Expr e, Expr* m, Expr* s, Expr* u, Expr* v) {
  int i = outer_term(e);
  if (i < 0) return false;
  Expr t = e->kids[i];
  *m = e->kids[1 - i];
  *s = b.split_scalars(t).first;
  *u = t->kids[t->aux];
  *v = t->kids[t->aux + 1];
  return true;
}
bool is(Expr e, Kind k) { return e->kind == k; }
Expr arg(Expr e) { return e->kids[0]; }

// A square product that passes through one column (x y', A x y' B), or the Kronecker
// product of a row and a column (kron(z', z) = z z'), has rank one: for n > 1 it is
// singular wherever it is defined.
bool rank_one(Expr a) {
  if (a->shape.rows == kDimOne) return false;
  if (a->kind == Kind::Kron) {
    Shape l = a->kids[0]->shape, r = a->kids[1]->shape;
    return (l.rows == kDimOne && r.cols == kDimOne) || (l.cols == kDimOne && r.rows == kDimOne);
  }
  if (a->kind != Kind::Mul) return false;
  for (int i = a->aux; i < static_cast<int>(a->kids.size()); ++i)
    if (a->kids[i]->shape.cols == kDimOne && i + 1 < static_cast<int>(a->kids.size())) return true;
  return false;
}

// log(softmax(a)), written so or as log(exp(a)/sum(exp(a))) for a vector a: returns a,
// else null.
Expr log_softmax_arg(Expr e) {
  if (e->kind != Kind::Func || e->fn() != Fn::Log) return nullptr;
  Expr s = e->kids[0];
  if (s->kind == Kind::Func && s->fn() == Fn::Softmax) return s->kids[0];
  if (s->kind != Kind::Mul || s->kids.size() != static_cast<std::size_t>(s->aux) + 1)
    return nullptr;
  Expr ex = s->kids.back();
  if (ex->kind != Kind::Func || ex->fn() != Fn::Exp || ex->shape.cols != kDimOne) return nullptr;
  for (int i = 0; i < s->aux; ++i) {
    Expr f = s->kids[i];
    if (f->kind == Kind::Pow && f->kids[1]->is_const(-1) && f->kids[0]->kind == Kind::Sum &&
        f->kids[0]->kids[0] == ex && s->aux == 1 && s->value == 1)
      return ex->kids[0];
  }
  return nullptr;
}

// vec(X)' (B kron A) vec(X) with X a matrix: returns X, else null.
Expr vec_quadratic(Expr e) {
  if (e->kind != Kind::Mul || e->kids.size() != static_cast<std::size_t>(e->aux) + 3)
    return nullptr;
  Expr l = e->kids[e->aux], k = e->kids[e->aux + 1], r = e->kids[e->aux + 2];
  if (l->kind != Kind::Transpose || l->kids[0] != r || r->kind != Kind::Vec ||
      k->kind != Kind::Kron)
    return nullptr;
  Expr x = r->kids[0];
  Expr a = k->kids[1], bm = k->kids[0];
  if (a->shape.rows != x->shape.rows || bm->shape.rows != x->shape.cols) return nullptr;
  return x;
}

// A product of square matrices and nothing else (X*X*X, A*inv(B)): det and logdet
// split over it.
bool square_chain(Expr a) {
  if (a->kind != Kind::Mul || a->aux != 0 || a->value != 1 || a->kids.size() < 2) return false;
  return std::all_of(a->kids.begin(), a->kids.end(), [](Expr f) { return f->shape.square(); });
}

// d(F1 F2 ... Fk) = sum_i F1 .. dFi .. Fk over the factors that depend on wrt.
Expr product_rule(Build& b, Expr e, const std::string& wrt, bool hadamard) {
  std::vector<Expr> terms;
  for (std::size_t i = 0; i < e->kids.size(); ++i) {
    if (!depends_on(e->kids[i], wrt)) continue;
    std::vector<Expr> f = e->kids;
    f[i] = D(b, f[i], wrt);
    if (hadamard) {
      terms.push_back(b.hadamard(f));
    } else {
      f.insert(f.begin(), b.num(e->value));
      terms.push_back(b.mul(f));
    }
  }
  return b.add(terms);
}

const std::vector<DiffRule> kRules = {
    // Rewrites before the generic rows: a form whose derivative the textbook reads off
    // after an identity (first matching row wins).
    {{"d-trace-kron",
      R"(\mathrm{d}\operatorname{tr}(A \otimes B) = \mathrm{d}\left(\operatorname{tr}(A)\operatorname{tr}(B)\right))",
      "Magnus & Neudecker, ch. 2, (15)", ""},
     [](Expr e, const std::string&) {
       return is(e, Kind::Trace) && is(arg(e), Kind::Kron) && arg(e)->kids[0]->shape.square() &&
              arg(e)->kids[1]->shape.square();
     },
     [](Build& b, Expr e, const std::string& w) {
       return D(b, b.mul(b.trace(arg(e)->kids[0]), b.trace(arg(e)->kids[1])), w);
     }},
    {{"d-norm-kron", R"(\mathrm{d}\|A \otimes B\| = \mathrm{d}\left(\|A\|\,\|B\|\right))",
      "Frobenius norm of a Kronecker product", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Norm2) && is(arg(e), Kind::Kron); },
     [](Build& b, Expr e, const std::string& w) {
       return D(b, b.mul(b.norm2(arg(e)->kids[0]), b.norm2(arg(e)->kids[1])), w);
     }},
    {{"d-vec-quadratic",
      R"(\mathrm{d}\left(\operatorname{vec}(X)^\top (B \otimes A) \operatorname{vec}(X)\right) = \mathrm{d}\operatorname{tr}(X^\top A X B^\top))",
      "Magnus & Neudecker, ch. 2, Theorem 3", ""},
     [](Expr e, const std::string&) { return vec_quadratic(e) != nullptr; },
     [](Build& b, Expr e, const std::string& w) {
       Expr x = vec_quadratic(e), k = e->kids[e->aux + 1];
       Expr a = k->kids[1], bm = k->kids[0];
       std::vector<Expr> f(e->kids.begin(), e->kids.begin() + e->aux);
       f.insert(f.begin(), b.num(e->value));
       f.push_back(b.trace(b.mul({b.transpose(x), a, x, b.transpose(bm)})));
       return D(b, b.mul(f), w);
     }},
    {{"d-kron-vec",
      R"(\mathrm{d}\left((B \otimes A)\operatorname{vec}(Y)\right) = \mathrm{d}\operatorname{vec}(A Y B^\top))",
      "Roth's column lemma; Magnus & Neudecker, Theorem 2.2", ""},
     [](Expr e, const std::string&) { return kron_vec_position(e) >= 0; },
     [](Build& b, Expr e, const std::string& w) { return D(b, kron_vec(b, e), w); }},
    {{"d-sum", R"(\mathrm{d}(A + B) = \mathrm{d}A + \mathrm{d}B)", "Cookbook (34)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Add); },
     [](Build& b, Expr e, const std::string& w) {
       std::vector<Expr> t;
       for (Expr k : e->kids) t.push_back(D(b, k, w));
       return b.add(t);
     }},
    {{"d-product", R"(\mathrm{d}(AB) = \mathrm{d}A\,B + A\,\mathrm{d}B)", "Cookbook (37)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Mul); },
     [](Build& b, Expr e, const std::string& w) { return product_rule(b, e, w, false); }},
    {{"d-hadamard", R"(\mathrm{d}(A \odot B) = \mathrm{d}A \odot B + A \odot \mathrm{d}B)",
      "Cookbook (38)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Hadamard); },
     [](Build& b, Expr e, const std::string& w) { return product_rule(b, e, w, true); }},
    {{"d-norm2-squared", R"(\mathrm{d}\|A\|^2 = 2\langle A, \mathrm{d}A\rangle)", "Cookbook (130)",
      ""},
     [](Expr e, const std::string&) {
       return is(e, Kind::Pow) && is(arg(e), Kind::Norm2) && e->kids[1]->is_const(2);
     },
     [](Build& b, Expr e, const std::string& w) {
       Expr a = arg(arg(e));
       return b.scale(2, b.inner(a, D(b, a, w)));
     }},
    {{"d-power", R"(\mathrm{d}(A^{\circ p}) = p\,A^{\circ (p-1)} \odot \mathrm{d}A)",
      "Cookbook (233)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Pow) && !e->kids[1]->has_var; },
     [](Build& b, Expr e, const std::string& w) {
       Expr p = e->kids[1];
       return b.hadamard(b.mul(p, b.pow(arg(e), b.sub(p, b.num(1)))), D(b, arg(e), w));
     }},
    {{"d-power-general",
      R"(\mathrm{d}(A^{\circ b}) = A^{\circ b} \odot \log A\,\mathrm{d}b + b\,A^{\circ (b-1)} \odot \mathrm{d}A)",
      "logarithmic differentiation", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Pow); },
     [](Build& b, Expr e, const std::string& w) {
       Expr a = arg(e), p = e->kids[1];
       return b.add(b.hadamard(e, b.mul(b.func(Fn::Log, a), D(b, p, w))),
                    b.hadamard(b.mul(p, b.pow(a, b.sub(p, b.num(1)))), D(b, a, w)));
     }},
    {{"d-transpose", R"(\mathrm{d}(A^\top) = (\mathrm{d}A)^\top)", "Cookbook (35)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Transpose); },
     [](Build& b, Expr e, const std::string& w) { return b.transpose(D(b, arg(e), w)); }},
    {{"d-trace", R"(\mathrm{d}\operatorname{tr}(A) = \operatorname{tr}(\mathrm{d}A))",
      "Cookbook (36)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Trace); },
     [](Build& b, Expr e, const std::string& w) { return b.trace(D(b, arg(e), w)); }},
    {{"d-log-softmax",
      R"(\mathrm{d}\log\operatorname{softmax}(a) = \mathrm{d}\left(a - \mathbf{1}\operatorname{logsumexp}(a)\right))",
      "log softmax(a) = a - logsumexp(a)", ""},
     [](Expr e, const std::string&) { return log_softmax_arg(e) != nullptr; },
     [](Build& b, Expr e, const std::string& w) {
       Expr a = log_softmax_arg(e);
       return D(b, b.sub(a, b.mul(b.ones(a->shape), b.func(Fn::Logsumexp, a))), w);
     }},
    {{"d-det-product",
      R"(\mathrm{d}\det(A_1 \cdots A_k) = \det(A_1 \cdots A_k) \sum_i \operatorname{tr}(A_i^{-1}\mathrm{d}A_i) \text{ for square } A_i)",
      "Cookbook (18) and (41): det(AB) = det(A) det(B), Jacobi's formula; so (43) "
      "det(AXB) inv(X)' and (47) k det(X^k) inv(X)'",
      ""},
     [](Expr e, const std::string&) { return is(e, Kind::Det) && square_chain(arg(e)); },
     [](Build& b, Expr e, const std::string& w) {
       // det of the product kept whole, as the Cookbook writes it; each factor's own
       // inverse (X^-1 A^-1 never appears, so a singular constant factor is harmless).
       std::vector<Expr> terms;
       for (Expr f : arg(e)->kids) {
         Expr df = D(b, f, w);  // a constant factor's term is zero and drops out
         if (df->kind != Kind::Zero) terms.push_back(b.trace(b.mul(b.inverse(f), df)));
       }
       return b.mul(e, b.add(terms));
     }},
    {{"d-logdet-product",
      R"(\mathrm{d}\log|\det(AB)| = \mathrm{d}\log|\det A| + \mathrm{d}\log|\det B| \text{ for square } A, B)",
      "Cookbook (18)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::LogDet) && square_chain(arg(e)); },
     [](Build& b, Expr e, const std::string& w) {
       std::vector<Expr> logdets;
       for (Expr f : arg(e)->kids) logdets.push_back(b.logdet(f));
       return D(b, b.add(logdets), w);
     }},
    {{"d-det-rank-one",
      R"(\det(M + u v^\top) = \det(M)\,(1 + v^\top M^{-1} u) \text{ for a variable in } u, v \text{ only})",
      "the matrix determinant lemma; Cookbook (24)", ""},
     [](Expr e, const std::string& w) {
       Expr m = is(e, Kind::Det) ? rank_one_rest(arg(e)) : nullptr;
       return m && !depends_on(m, w);
     },
     [](Build& b, Expr e, const std::string& w) {
       Expr m = nullptr, s = nullptr, u = nullptr, v = nullptr;
       if (!rank_one_update(b, arg(e), &m, &s, &u, &v)) throw InternalError("d-det-rank-one");
       return D(b, b.mul(b.det(m), b.add(b.num(1), b.mul({s, v, b.inverse(m), u}))), w);
     }},
    {{"d-det-adjugate",
      R"(\mathrm{d}\det(A) = \operatorname{tr}(\operatorname{adj}(A)\,\mathrm{d}A))",
      "Jacobi's formula; Magnus & Neudecker ch. 8",
      "A is a product through a single column (rank one), so it is singular: det(A) inv(A) "
      "does not exist, the adjugate does."},
     [](Expr e, const std::string&) { return is(e, Kind::Det) && rank_one(arg(e)); },
     [](Build& b, Expr e, const std::string& w) {
       return b.trace(b.mul(b.func(Fn::Adj, arg(e)), D(b, arg(e), w)));
     }},
    {{"d-det", R"(\mathrm{d}\det(A) = \det(A)\,\operatorname{tr}(A^{-1}\mathrm{d}A))",
      "Cookbook (41)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Det); },
     [](Build& b, Expr e, const std::string& w) {
       return b.mul(e, b.trace(b.mul(b.inverse(arg(e)), D(b, arg(e), w))));
     }},
    {{"d-logdet", R"(\mathrm{d}\log|\det(A)| = \operatorname{tr}(A^{-1}\mathrm{d}A))",
      "Cookbook (43)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::LogDet); },
     [](Build& b, Expr e, const std::string& w) {
       // log|det(A)| of a rank-one A is -inf everywhere: no derivative, and no inverse to
       // build one on (det of it goes to d-det-adjugate instead).
       if (rank_one(arg(e)))
         throw UserError("unsupported", "logdet(" + to_text(b.ctx(), arg(e)) +
                                            ") is -inf everywhere: its argument has rank one, "
                                            "so it is singular (its determinant is 0)");
       return b.trace(b.mul(b.inverse(arg(e)), D(b, arg(e), w)));
     }},
    {{"d-inverse", R"(\mathrm{d}(A^{-1}) = -A^{-1}\,\mathrm{d}A\,A^{-1})", "Cookbook (40)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Inverse); },
     [](Build& b, Expr e, const std::string& w) {
       return b.neg(b.mul({e, D(b, arg(e), w), e}));
     }},
    {{"d-sum-entries", R"(\mathrm{d}\operatorname{sum}(A) = \operatorname{sum}(\mathrm{d}A))",
      "linearity", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Sum); },
     [](Build& b, Expr e, const std::string& w) { return b.sum(D(b, arg(e), w)); }},
    {{"d-norm1",
      R"(\mathrm{d}\|A\|_1 = \operatorname{sum}(\operatorname{sign}(A) \odot \mathrm{d}A))",
      "chain rule",
      "the 1-norm has no derivative where an entry is 0; sign(0) = 0 is the usual subgradient."},
     [](Expr e, const std::string&) { return is(e, Kind::Norm1); },
     [](Build& b, Expr e, const std::string& w) {
       return b.sum(b.hadamard(b.func(Fn::Sign, arg(e)), D(b, arg(e), w)));
     }},
    {{"d-norm2", R"(\mathrm{d}\|A\| = \frac{\langle A, \mathrm{d}A\rangle}{\|A\|})",
      "Cookbook (129)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Norm2); },
     [](Build& b, Expr e, const std::string& w) {
       return b.div(b.inner(arg(e), D(b, arg(e), w)), e);
     }},
    {{"d-diag", R"(\mathrm{d}\operatorname{diag}(A) = \operatorname{diag}(\mathrm{d}A))",
      "linearity", ""},
     [](Expr e, const std::string&) { return is(e, Kind::DiagMat) || is(e, Kind::DiagVec); },
     [](Build& b, Expr e, const std::string& w) {
       Expr d = D(b, arg(e), w);
       return is(e, Kind::DiagMat) ? b.diag_mat(d) : b.diag_vec(d);
     }},
    {{"d-vec", R"(\mathrm{d}\operatorname{vec}(A) = \operatorname{vec}(\mathrm{d}A))", "linearity",
      ""},
     [](Expr e, const std::string&) { return is(e, Kind::Vec) || is(e, Kind::Unvec); },
     [](Build& b, Expr e, const std::string& w) {
       Expr d = D(b, arg(e), w);
       return is(e, Kind::Vec) ? b.vec(d) : b.unvec(d, e->shape);
     }},
    {{"d-kron", R"(\mathrm{d}(A \otimes B) = \mathrm{d}A \otimes B + A \otimes \mathrm{d}B)",
      "Cookbook (39)", ""},
     [](Expr e, const std::string&) { return is(e, Kind::Kron); },
     [](Build& b, Expr e, const std::string& w) {
       Expr x = e->kids[0], y = e->kids[1];
       return b.add(b.kron(D(b, x, w), y), b.kron(x, D(b, y, w)));
     }},
};

}  // namespace

const std::vector<DiffRule>& diff_rules() { return kRules; }

const DiffRule* find_diff_rule(Expr e, const std::string& wrt) {
  for (const DiffRule& r : kRules)
    if (r.matches(e, wrt)) return &r;
  return nullptr;
}

Expr differential_of(Build& b, Expr e, const std::string& wrt) {
  if (!depends_on(e, wrt)) return b.zero(e->shape);
  return b.diff(e);
}

}  // namespace matcalc
