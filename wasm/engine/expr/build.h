// Canonicalising factories: the only way to make nodes. Each returns the canonical
// form of what it is asked for (flattened, constants folded, identities dropped, like
// terms collected, transposes pushed to the leaves), so rule code that builds through
// them never creates a tree a reader would have to simplify by eye.
//
// Canonical forms:
//   Add       n-ary, >= 2 terms, no nested Add, no zeros, like terms collected
//             (coefficients added), a scalar added to a matrix broadcast as c*ones,
//             terms ordered by term_before().
//   Mul       value = numeric coefficient (!= 0); kids = scalar factors (1x1, sorted,
//             repeated bases collected into powers) then the matrix chain (order
//             kept, no identities, no nested Mul); aux = number of scalar factors.
//   Hadamard  n-ary, >= 2 non-scalar factors, sorted, repeated factors as powers;
//             scalar factors and coefficients are hoisted into a Mul outside.
//   Transpose only of a leaf-like node that transposes cannot be pushed into.
#pragma once

#include <vector>

#include "expr/context.h"
#include "expr/node.h"

namespace matcalc {

class Build {
 public:
  explicit Build(Context& ctx) : ctx_(ctx) {}
  Context& ctx() { return ctx_; }

  Expr num(double v);
  Expr var(const VarInfo& v);
  Expr identity(Dim n);
  Expr ones(Shape s);
  Expr zero(Shape s);  // Const 0 when s is 1x1

  Expr add(std::vector<Expr> terms);
  Expr add(Expr a, Expr b) { return add(std::vector<Expr>{a, b}); }
  Expr sub(Expr a, Expr b) { return add(a, neg(b)); }
  Expr neg(Expr a) { return scale(-1, a); }
  Expr scale(double c, Expr a) { return mul({num(c), a}); }

  // Product in the order given; a 1x1 factor anywhere scales.
  Expr mul(std::vector<Expr> factors);
  Expr mul(Expr a, Expr b) { return mul(std::vector<Expr>{a, b}); }
  Expr div(Expr a, Expr scalar) { return mul(a, pow(scalar, num(-1))); }

  Expr hadamard(std::vector<Expr> factors);
  Expr hadamard(Expr a, Expr b) { return hadamard(std::vector<Expr>{a, b}); }
  Expr hdiv(Expr a, Expr b) { return hadamard(a, pow(b, num(-1))); }

  Expr pow(Expr base, Expr exponent);  // element-wise; exponent 1x1
  Expr matpow(Expr base, int k);       // A^k for square A
  Expr func(Fn f, Expr arg);
  Expr func(Fn f, std::vector<Expr> args);  // a row of arity args.size()
  Expr transpose(Expr a);
  Expr trace(Expr a);
  Expr det(Expr a);
  Expr logdet(Expr a);
  Expr inverse(Expr a);
  Expr sum(Expr a);
  Expr norm1(Expr a);
  Expr norm2(Expr a);
  Expr diag_mat(Expr v);
  Expr diag_vec(Expr a);
  Expr vec(Expr a);
  Expr kron(Expr a, Expr b);
  Expr commutation(Dim m, Dim n);  // K with K vec(X) = vec(X') for X m x n
  Expr unvec(Expr v, Shape s);
  Expr diff(Expr a);
  // <G, L> kept as a pair (a derivation step shows it so); 1x1.
  Expr pairing(Expr g, Expr l);

  // Frobenius inner product <A, B> = sum(A .* B), written the way a reader would:
  // a' * b for vectors, a * b for scalars, tr(A' * B) for matrices.
  Expr inner(Expr a, Expr b);

  // Symmetric by its properties or by its form: its canonical transpose is itself
  // (E.*E', A + c*I + (A + c*I)', B*S*B'), or its terms are their transposes' terms.
  bool symmetric(Expr e);

  // Splits e into numeric coefficient and the rest: 2*x*y' -> (2, x*y').
  std::pair<double, Expr> split_coef(Expr e);
  // Splits a product into (scalar part, chain part): 2*c*A*B -> (2*c, A*B).
  std::pair<Expr, Expr> split_scalars(Expr e);

 private:
  bool square_sizes(Expr kron, long long* m, long long* n) const;
  Expr make(Kind k, Shape s, std::vector<Expr> kids, unsigned props = 0, double value = 0,
            int aux = 0, std::string name = {});
  Expr unary(Kind k, Shape s, Expr a, unsigned props = 0);
  // x * x^2 -> x^3, A .* A -> A.^2: repeated bases collected, result sorted.
  std::vector<Expr> collect_powers(const std::vector<Expr>& factors);
  Context& ctx_;
};

}  // namespace matcalc
