// Factories for transposes, matrix functions, reductions and element-wise
// functions. Each states the identity it applies to stay canonical.
#include <algorithm>
#include <cmath>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"

namespace matcalc {

namespace {

Shape transposed(Shape s) { return Shape{s.cols, s.rows}; }

std::vector<Expr> transpose_all(Build& b, const std::vector<Expr>& xs) {
  std::vector<Expr> out;
  for (Expr x : xs) out.push_back(b.transpose(x));
  return out;
}

}  // namespace

// Transposes are pushed through products: (AB)' = B'A', (A.*B)' = A'.*B', A'' = A,
// S' = S for symmetric S, a' = a for 1x1 a. inv(A)' and (A+B)' stay as written.
namespace {

// The transpose of a lower triangular matrix is upper triangular, and back.
unsigned triangular_transposed(Expr a) {
  return (a->props & kLower ? kUpper : 0u) | (a->props & kUpper ? kLower : 0u);
}

}  // namespace

Expr Build::transpose(Expr a) {
  if (a->transposed) return a->transposed;
  if (a->shape.scalar() || a->symmetric()) return a;
  Expr t = nullptr;
  // A skew-symmetric node (a skew variable, its differential, skew(A)) transposes to its
  // negative, as a symmetric one transposes to itself.
  if (a->props & kSkew) {
    t = neg(a);
    a->transposed = t;
    if (!t->transposed) t->transposed = a;
    return t;
  }
  switch (a->kind) {
    case Kind::Transpose:
      t = a->kids[0];
      break;
    case Kind::Ones:
      t = ones(transposed(a->shape));
      break;
    case Kind::Zero:
      t = zero(transposed(a->shape));
      break;
    case Kind::Mul: {
      std::vector<Expr> f(a->kids.begin(), a->kids.begin() + a->aux);
      f.push_back(num(a->value));
      for (auto it = a->kids.rbegin(); it != a->kids.rend() - a->aux; ++it)
        f.push_back(transpose(*it));
      t = mul(f);
      break;
    }
    case Kind::Hadamard:
      t = hadamard(transpose_all(*this, a->kids));
      break;
    case Kind::Pow:
      t = pow(transpose(a->kids[0]), a->kids[1]);
      break;
    case Kind::Func: {  // f(A)' = f(A') for element-wise and matrix functions; softmax(x)' stays
      const FunctionRow& row = function_row(a->fn());
      if (row.shape == FnShape::VectorToVector || !row.transposes_inward) {
        t = make(Kind::Transpose, transposed(a->shape), {a}, triangular_transposed(a));
        break;
      }
      t = func(a->fn(), transpose_all(*this, a->kids));
      break;
    }
    case Kind::Kron:
      t = kron(transpose(a->kids[0]), transpose(a->kids[1]));
      break;
    case Kind::Commutation:  // K_{m,n}' = K_{n,m}
      t = commutation(static_cast<Dim>(a->value), a->aux);
      break;
    case Kind::Add: {
      // (A+B)' stays as written when that is shorter ((Xw - y)' reads better than
      // w'X' - y'), and becomes A' + B' when that is ((y' + z')' = y + z).
      std::vector<Expr> terms = transpose_all(*this, a->kids);
      int before = 0, after = 0;
      for (std::size_t i = 0; i < terms.size(); ++i)
        before += tree_size_capped(a->kids[i], 64), after += tree_size_capped(terms[i], 64);
      t = after < before
              ? add(terms)
              : make(Kind::Transpose, transposed(a->shape), {a}, triangular_transposed(a));
      break;
    }
    // (dA)' stays: d(A') is what the differential rules rewrite into it.
    case Kind::Diff:
    case Kind::Inner:
    case Kind::Const:
    case Kind::Var:
    case Kind::Identity:
    case Kind::Trace:
    case Kind::Det:
    case Kind::LogDet:
    case Kind::Inverse:
    case Kind::Sum:
    case Kind::Norm1:
    case Kind::Norm2:
    case Kind::DiagMat:
    case Kind::DiagVec:
    case Kind::Vec:
    case Kind::Unvec:
      t = make(Kind::Transpose, transposed(a->shape), {a}, triangular_transposed(a));
      break;
  }
  // Canonical forms transpose back to themselves, so the cache works both ways.
  a->transposed = t;
  if (!t->transposed) t->transposed = a;
  return t;
}

// dX keeps the linear facts of X (a symmetric, skew or triangular X moves in its space).
Expr Build::diff(Expr a) {
  return make(Kind::Diff, a->shape, {a}, a->props & (kSymmetric | kSkew | kLower | kUpper));
}

Expr Build::pairing(Expr g, Expr l) {
  if (g->is_const(1) && l->shape.scalar()) return l;
  return make(Kind::Inner, Shape{}, {g, l});
}

// tr(a) = a for 1x1; tr(cA) = c tr(A); tr(A') = tr(A).
Expr Build::trace(Expr a) {
  if (a->shape.scalar()) return a;
  if (!a->shape.square()) throw InternalError("trace of a non-square matrix");
  if (a->kind == Kind::Zero) return num(0);
  if (a->kind == Kind::Transpose) return trace(a->kids[0]);
  if (a->kind == Kind::Identity && ctx_.monomial(a->shape.rows).syms.empty())  // tr(I_3) = 3
    return num(static_cast<double>(ctx_.monomial(a->shape.rows).coef));
  auto [s, rest] = split_scalars(a);
  if (!s->is_const(1)) return mul(s, trace(rest));
  // tr(diag(x) A diag(y) B) = x'(A .* B')y, in any cyclic order of the four factors.
  if (a->kind == Kind::Mul && a->kids.size() == 4 && a->aux == 0)
    for (int r = 0; r < 4; ++r) {
      auto at = [&](int i) { return a->kids[(r + i) % 4]; };
      if (at(0)->kind == Kind::DiagMat && at(2)->kind == Kind::DiagMat &&
          at(1)->kind != Kind::DiagMat && at(3)->kind != Kind::DiagMat)
        return mul({transpose(at(0)->kids[0]), hadamard(at(1), transpose(at(3))), at(2)->kids[0]});
    }
  return unary(Kind::Trace, Shape{}, a);
}

// Whether a is A kron B with square A (m x m) and B (n x n) of numeric sizes m and n.
bool Build::square_sizes(Expr a, long long* m, long long* n) const {
  Shape sa = a->kids[0]->shape, sb = a->kids[1]->shape;
  if (!sa.square() || !sb.square()) return false;
  const Monomial &ma = ctx_.monomial(sa.rows), &mb = ctx_.monomial(sb.rows);
  if (!ma.syms.empty() || !mb.syms.empty()) return false;
  *m = ma.coef;
  *n = mb.coef;
  return true;
}

// det(a) = a for 1x1; det(I) = 1; det(A') = det(A); det(inv(A)) = 1/det(A).
Expr Build::det(Expr a) {
  if (a->shape.scalar()) return a;
  if (a->kind == Kind::Identity) return num(1);
  if (a->kind == Kind::Zero) return num(0);
  if (a->kind == Kind::Transpose) return det(a->kids[0]);
  if (a->kind == Kind::Inverse) return pow(det(a->kids[0]), num(-1));
  return unary(Kind::Det, Shape{}, a);
}

// logdet(I) = 0; logdet(A') = logdet(A); logdet(inv(A)) = -logdet(A).
Expr Build::logdet(Expr a) {
  if (a->shape.scalar()) return func(Fn::Log, func(Fn::Abs, a));
  if (a->kind == Kind::Identity) return num(0);
  if (a->kind == Kind::Transpose) return logdet(a->kids[0]);
  if (a->kind == Kind::Inverse) return neg(logdet(a->kids[0]));
  if (long long m, n; a->kind == Kind::Kron && square_sizes(a, &m, &n))
    return add(scale(static_cast<double>(n), logdet(a->kids[0])),
               scale(static_cast<double>(m), logdet(a->kids[1])));
  return unary(Kind::LogDet, Shape{}, a);
}

// inv(a) = a^-1 for 1x1; inv(inv(A)) = A; inv(I) = I; inv(A') = inv(A)';
// inv(cA) = inv(A)/c.
Expr Build::inverse(Expr a) {
  if (a->shape.scalar()) return pow(a, num(-1));
  if (!a->shape.square()) throw InternalError("inverse of a non-square matrix");
  if (a->kind == Kind::Inverse) return a->kids[0];
  if (a->kind == Kind::Identity) return a;
  // inv(A kron B) = inv(A) kron inv(B) for square A, B.
  if (a->kind == Kind::Kron && a->kids[0]->shape.square() && a->kids[1]->shape.square())
    return kron(inverse(a->kids[0]), inverse(a->kids[1]));
  if (a->kind == Kind::Transpose) return transpose(inverse(a->kids[0]));
  // inv(s X) = s^-1 inv(X) for any scalar factor s (det(cX) then differentiates to
  // det(cX) inv(X)', as the Cookbook writes it).
  auto [s, rest] = split_scalars(a);
  if (!s->is_const(1)) return mul(pow(s, num(-1)), inverse(rest));
  // (The inverse of a triangular matrix is triangular the same way.)
  unsigned props = a->props & (kSymmetric | kPosDef | kDiagonal | kLower | kUpper);
  return unary(Kind::Inverse, a->shape, a, props);
}

// sum(a) = a for 1x1; sum(cA) = c sum(A); sum(A') = sum(A).
Expr Build::sum(Expr a) {
  if (a->shape.scalar()) return a;
  if (a->kind == Kind::Zero) return num(0);
  if (a->kind == Kind::Transpose) return sum(a->kids[0]);
  if (a->kind == Kind::Func && a->fn() == Fn::Softmax) return num(1);  // a distribution
  // sum(ones(m,n)) = m n when the sizes are numbers.
  if (a->kind == Kind::Ones) {
    const Monomial &r = ctx_.monomial(a->shape.rows), &c = ctx_.monomial(a->shape.cols);
    if (r.syms.empty() && c.syms.empty()) return num(static_cast<double>(r.coef * c.coef));
  }
  // sum(diag(x) A diag(y)) = x'A y.
  if (a->kind == Kind::Mul && a->kids.size() >= 2u + a->aux &&
      a->kids[a->aux]->kind == Kind::DiagMat && a->kids.back()->kind == Kind::DiagMat) {
    std::vector<Expr> f(a->kids.begin(), a->kids.begin() + a->aux);
    f.insert(f.begin(), num(a->value));
    f.push_back(transpose(a->kids[a->aux]->kids[0]));
    f.insert(f.end(), a->kids.begin() + a->aux + 1, a->kids.end() - 1);
    f.push_back(a->kids.back()->kids[0]);
    return mul(f);
  }
  auto [s, rest] = split_scalars(a);
  if (!s->is_const(1)) return mul(s, sum(rest));
  return unary(Kind::Sum, Shape{}, a);
}

// norm(cA) = |c| norm(A); norm(A') = norm(A).
Expr Build::norm1(Expr a) {
  if (a->shape.scalar()) return func(Fn::Abs, a);
  if (a->kind == Kind::Zero) return num(0);
  if (a->kind == Kind::Transpose) return norm1(a->kids[0]);
  auto [c, rest] = split_coef(a);
  if (c != 1) return mul(num(std::fabs(c)), norm1(rest));
  return unary(Kind::Norm1, Shape{}, a);
}

Expr Build::norm2(Expr a) {
  if (a->shape.scalar()) return func(Fn::Abs, a);
  if (a->kind == Kind::Zero) return num(0);
  if (a->kind == Kind::Transpose || a->kind == Kind::Vec) return norm2(a->kids[0]);
  auto [c, rest] = split_coef(a);
  if (c != 1) return mul(num(std::fabs(c)), norm2(rest));
  return unary(Kind::Norm2, Shape{}, a);
}

// diag(v) of a vector is a diagonal matrix; diag(diag(v)) = v.
Expr Build::diag_mat(Expr v) {
  if (v->shape.scalar()) return v;
  if (!v->shape.col_vector()) throw InternalError("diag of a non-vector");
  if (v->kind == Kind::Ones) return identity(v->shape.rows);
  if (v->kind == Kind::Zero) return zero(Shape{v->shape.rows, v->shape.rows});
  if (v->kind == Kind::DiagVec && v->kids[0]->props & kDiagonal) return v->kids[0];
  return unary(Kind::DiagMat, Shape{v->shape.rows, v->shape.rows}, v,
               kSymmetric | kDiagonal | kLower | kUpper);  // (a diagonal matrix is triangular)
}

Expr Build::diag_vec(Expr a) {
  if (a->shape.scalar()) return a;
  if (!a->shape.square()) throw InternalError("diag of a non-square matrix");
  if (a->kind == Kind::DiagMat) return a->kids[0];
  Shape column{a->shape.rows, kDimOne};
  if (a->kind == Kind::Identity || a->kind == Kind::Ones) return ones(column);
  if (a->kind == Kind::Zero) return zero(column);
  if (a->kind == Kind::Transpose) return diag_vec(a->kids[0]);
  // diag(u v') = u .* v for vectors u, v.
  if (a->kind == Kind::Mul && a->kids.size() == static_cast<std::size_t>(a->aux) + 2) {
    Expr u = a->kids[a->aux], w = a->kids[a->aux + 1];
    if (u->shape.cols == kDimOne && w->shape.rows == kDimOne) {
      auto [s, rest] = split_scalars(a);
      return mul(s, hadamard(u, transpose(w)));
    }
  }
  auto [s, rest] = split_scalars(a);
  if (!s->is_const(1)) return mul(s, diag_vec(rest));
  return unary(Kind::DiagVec, Shape{a->shape.rows, kDimOne}, a);
}

// vec(v) = v for a column vector; vec(cA) = c vec(A); vec(unvec(v)) = v.
Expr Build::vec(Expr a) {
  if (a->shape.cols == kDimOne) return a;
  if (a->shape.rows == kDimOne) return transpose(a);  // vec(u') = u: a row's entries in order
  Shape column{ctx_.dim_product(a->shape.rows, a->shape.cols), kDimOne};
  if (a->kind == Kind::Ones) return ones(column);
  if (a->kind == Kind::Zero) return zero(column);
  if (a->kind == Kind::Unvec) return a->kids[0];
  auto [s, rest] = split_scalars(a);
  if (!s->is_const(1)) return mul(s, vec(rest));
  return unary(Kind::Vec, Shape{ctx_.dim_product(a->shape.rows, a->shape.cols), kDimOne}, a);
}

Expr Build::unvec(Expr v, Shape s) {
  if (s.cols == kDimOne) return v;
  if (s.rows == kDimOne) return transpose(v);  // a row: the entries in order
  if (v->kind == Kind::Ones) return ones(s);
  if (v->kind == Kind::Zero) return zero(s);
  if (v->kind == Kind::Vec && v->kids[0]->shape == s) return v->kids[0];
  auto [scalar, rest] = split_scalars(v);  // unvec(s v) = s unvec(v)
  if (!scalar->is_const(1)) return mul(scalar, unvec(rest, s));
  return make(Kind::Unvec, s, {v});
}

// kron(a, B) = aB for 1x1 a; coefficients move outside.
Expr Build::kron(Expr a, Expr b) {
  if (a->shape.scalar() || b->shape.scalar()) return mul(a, b);
  if (a->kind == Kind::Zero || b->kind == Kind::Zero)
    return zero(Shape{ctx_.dim_product(a->shape.rows, b->shape.rows),
                      ctx_.dim_product(a->shape.cols, b->shape.cols)});
  auto [sa, ra] = split_scalars(a);
  auto [sb, rb] = split_scalars(b);
  if (!sa->is_const(1) || !sb->is_const(1)) return mul({sa, sb, kron(ra, rb)});
  Shape s{ctx_.dim_product(a->shape.rows, b->shape.rows),
          ctx_.dim_product(a->shape.cols, b->shape.cols)};
  if (ra->kind == Kind::Identity && rb->kind == Kind::Identity) return identity(s.rows);
  unsigned props = (a->symmetric() && b->symmetric()) ? kSymmetric : 0u;
  return make(Kind::Kron, s, {a, b}, props);
}

Expr Build::commutation(Dim m, Dim n) {
  Dim mn = ctx_.dim_product(m, n);
  if (m == kDimOne || n == kDimOne) return identity(mn);
  // aux/value carry m and n so K(m,n) and K(n,m) stay distinct nodes.
  return make(Kind::Commutation, Shape{mn, mn}, {}, 0, static_cast<double>(n), m);
}

// <A, B> written as a reader would: a*b, a'*b, tr(A'*B).
Expr Build::inner(Expr a, Expr b) {
  if (a->shape.scalar()) return mul(a, b);
  if (a->shape.cols == kDimOne) return mul(transpose(a), b);
  if (a == b) return pow(norm2(a), num(2));  // <A, A> = ||A||_F^2, as textbooks write it
  return trace(mul(transpose(a), b));
}

// A function of the registry (expr/functions.h): folded where its row knows an exact
// value at a constant; shaped by its row's shape rule.
Expr Build::func(Fn f, Expr arg) { return func(f, std::vector<Expr>{arg}); }

namespace {

// The terms of a sum with every transposed sum opened ((A + B)' + C is A', B', C), each
// transposed when `flip`.
void open_terms(Build& b, Expr e, bool flip, std::vector<Expr>& out) {
  if (e->kind == Kind::Add) {
    for (Expr t : e->kids) open_terms(b, t, flip, out);
  } else if (e->kind == Kind::Transpose && e->kids[0]->kind == Kind::Add) {
    open_terms(b, e->kids[0], !flip, out);
  } else {
    out.push_back(flip ? b.transpose(e) : e);
  }
}

}  // namespace

bool Build::symmetric(Expr e) {
  if (e->symmetric()) return true;
  if (!e->shape.square()) return false;
  if (transpose(e) == e) return true;
  std::vector<Expr> terms, flipped;
  open_terms(*this, e, false, terms);
  open_terms(*this, e, true, flipped);
  auto by_id = [](Expr x, Expr y) { return x->id < y->id; };
  std::sort(terms.begin(), terms.end(), by_id);
  std::sort(flipped.begin(), flipped.end(), by_id);
  return terms == flipped;
}

namespace {

// A without its scalar factors (t*A is A): scalars commute with everything.
Expr matrix_part(Expr a) {
  if (a->kind == Kind::Mul && a->aux + 1 == static_cast<int>(a->kids.size())) return a->kids.back();
  return a;
}

// Whether E commutes with A by its form: a multiple of I, A itself (up to scalars), its
// inverse, a matrix function of A (a power series in A), sums and products of those.
// Enough for the closed forms of SPEC 12 (tr(expm(X)), tr(sqrtm(S))); anything else keeps
// its Fréchet derivative.
bool commutes_with(Expr a, Expr e) {
  if (e == a || e->shape.scalar() || e->kind == Kind::Identity) return true;
  if (matrix_part(e) == matrix_part(a)) return true;
  auto all = [&](Expr x) {
    return std::all_of(x->kids.begin(), x->kids.end(), [&](Expr k) { return commutes_with(a, k); });
  };
  if (e->kind == Kind::Mul || e->kind == Kind::Add) return all(e);  // scalars commute
  if (e->kind == Kind::Inverse) return commutes_with(a, e->kids[0]);
  if (e->kind != Kind::Func) return false;
  Fn f = e->fn();  // a power series in something that commutes with A
  return (f == Fn::Expm || f == Fn::Logm || f == Fn::Sqrtm || f == Fn::Adj) && all(e);
}

Shape function_shape(FnShape rule, Shape arg) {
  switch (rule) {
    case FnShape::Elementwise:
    case FnShape::VectorToVector:
    case FnShape::SquareToSame:
    case FnShape::Frechet:
      return arg;
    case FnShape::SquareToVector:
      return Shape{arg.rows, kDimOne};
    case FnShape::VectorToScalar:
    case FnShape::SquareToScalar:
    case FnShape::MatrixToScalar:
      return Shape{};
  }
  return arg;
}

}  // namespace

Expr Build::func(Fn f, std::vector<Expr> args) {
  const FunctionRow& row = function_row(f);
  if (static_cast<int>(args.size()) != row.arity)
    throw InternalError(std::string(row.name) + " built with the wrong number of arguments");
  Expr arg = args[0];
  double v;
  bool elementwise = row.shape == FnShape::Elementwise;
  if (elementwise && row.exact && arg->kind == Kind::Const && row.exact(arg->value, &v))
    return num(v);
  if (elementwise && row.exact && arg->kind == Kind::Zero && row.exact(0, &v))
    return mul(num(v), ones(arg->shape));
  if (f == Fn::Abs && arg->kind == Kind::Func &&
      (arg->fn() == Fn::Abs || arg->fn() == Fn::Exp || arg->fn() == Fn::Sigmoid))
    return arg;
  // A Fréchet derivative is linear in its direction: zero at zero, f'(A) E where E
  // commutes with A (Higham, Thm 3.8).
  if (row.shape == FnShape::Frechet) {
    Expr e = args.back();
    if (e->kind == Kind::Zero || e->is_const(0)) return e;
    if (row.commuting && commutes_with(arg, e)) return row.commuting(*this, arg, e);
    // Linear in E: a scalar factor of the direction comes out, L(A, s E) = s L(A, E) (so a
    // scalar variable's differential, dt, stands outside: d expm(t*A) = dt L(tA, A)).
    auto [s, rest] = split_scalars(e);
    if (!s->is_const(1) && rest != e) {
      std::vector<Expr> inner(args.begin(), args.end() - 1);
      inner.push_back(rest);
      return mul(s, func(f, inner));
    }
  }
  // The parts of a matrix (SPEC 13): tril(L) = L for a lower L, skew(S) = 0 for a
  // symmetric S.
  if (row.fixes && (arg->props & row.fixes)) return arg;
  if (row.vanishes_on && (arg->props & row.vanishes_on)) return zero(arg->shape);
  if (row.diagonal_on && (arg->props & row.diagonal_on)) return diag_mat(diag_vec(arg));
  // A projection is linear: scalar factors come out, tril(2*A) = 2*tril(A).
  if (row.self_adjoint) {
    auto [s, rest] = split_scalars(arg);
    if (!s->is_const(1) && rest != arg) return mul(s, func(f, rest));
  }
  // A matrix function of a 1x1 argument is the scalar function.
  if (arg->shape.scalar() && (f == Fn::Expm || f == Fn::Logm || f == Fn::Sqrtm))
    return func(f == Fn::Expm ? Fn::Exp : f == Fn::Logm ? Fn::Log : Fn::Sqrt, arg);
  // The spectral and nuclear norms of a vector are its Euclidean norm (SPEC 12).
  if ((f == Fn::NormOp || f == Fn::NormNuc) &&
      (arg->shape.rows == kDimOne || arg->shape.cols == kDimOne))
    return norm2(arg);
  Shape s = function_shape(row.shape, arg->shape);
  // Element-wise functions, the adjugate and the matrix functions keep a symmetric
  // argument symmetric; the exponential of a symmetric matrix and the square root of an
  // spd one are spd.
  bool all_symmetric = true;
  for (Expr a : args) all_symmetric = all_symmetric && symmetric(a);
  unsigned props =
      all_symmetric && row.keeps_symmetry && row.shape != FnShape::VectorToVector && s.square()
          ? kSymmetric
          : 0u;
  if ((f == Fn::Expm && arg->symmetric()) || (f == Fn::Sqrtm && (arg->props & kPosDef)))
    props |= kPosDef;
  props |= row.result_props;
  return make(Kind::Func, s, std::move(args), props, 0, static_cast<int>(f));
}

}  // namespace matcalc
