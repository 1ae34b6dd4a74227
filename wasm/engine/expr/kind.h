// The one list of node kinds. Every per-kind table (printers, evaluator,
// differential rules, ordering) is a switch over Kind with no `default:`, so a new
// kind cannot be forgotten: -Werror=switch makes the compiler enforce it.
#pragma once

namespace matcalc {

#define MATCALC_KINDS(X)                                                        \
  X(Const)       /* real number, 1x1; value                                 */  \
  X(Var)         /* named variable; name, props                             */  \
  X(Identity)    /* I, square                                               */  \
  X(Ones)        /* all-ones matrix or vector                               */  \
  X(Zero)        /* all-zeros matrix or vector (never 1x1: that is Const 0) */  \
  X(Add)         /* n-ary sum of equal shapes, terms sorted                  */ \
  X(Mul)         /* coef * scalar factors * matrix chain (see node.h)       */  \
  X(Hadamard)    /* n-ary element-wise product, factors sorted              */  \
  X(Pow)         /* element-wise power base .^ exponent (scalar exponent)   */  \
  X(Func)        /* element-wise function, fn id in aux                     */  \
  X(Transpose)   /* A' of something transposes cannot be pushed into        */  \
  X(Trace)       /* tr(A)                                                   */  \
  X(Det)         /* det(A)                                                  */  \
  X(LogDet)      /* log|det(A)|                                             */  \
  X(Inverse)     /* inv(A)                                                  */  \
  X(Sum)         /* sum of all entries                                      */  \
  X(Norm1)       /* sum of absolute values                                  */  \
  X(Norm2)       /* Euclidean / Frobenius norm                              */  \
  X(DiagMat)     /* diag(v): vector -> diagonal matrix                      */  \
  X(DiagVec)     /* diag(A): matrix -> vector of its diagonal               */  \
  X(Vec)         /* vec(A): columns stacked                                 */  \
  X(Kron)        /* kron(A,B)                                               */  \
  X(Commutation) /* K(m,n): vec(X') = K vec(X) for X m x n                  */  \
  X(Unvec)       /* unvec(v, r): inverse of vec, r rows                     */  \
  X(Diff)        /* the differential d(A) during a derivation               */  \
  X(Inner)       /* <G, L> = sum(G .* L): a pair in a step of a derivation   */

enum class Kind {
#define MATCALC_KIND_ENUM(name) name,
  MATCALC_KINDS(MATCALC_KIND_ENUM)
#undef MATCALC_KIND_ENUM
};

const char* kind_name(Kind k);

// The functions of the language (expr/functions.h) are rows of a registry; a Func
// node's aux holds the row's Fn id.
enum class Fn;
const char* fn_name(Fn f);
bool fn_from_name(const char* name, Fn* out);

}  // namespace matcalc
