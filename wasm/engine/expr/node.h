// The IR: immutable, hash-consed expression nodes. Structurally equal nodes are the
// same object, so equality is a pointer compare. Nodes are created only by the
// factories in build.h, which canonicalise; a non-canonical tree cannot exist.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "expr/kind.h"

namespace matcalc {

// A dimension: an id into the Context's table of interned monomials
// (coefficient times a product of symbolic sizes), e.g. 1, 3, n, n*m.
using Dim = int;
inline constexpr Dim kDimOne = 0;  // every Context interns the monomial 1 first

struct Shape {
  Dim rows = kDimOne;
  Dim cols = kDimOne;
  bool operator==(const Shape&) const = default;
  bool scalar() const { return rows == kDimOne && cols == kDimOne; }
  bool col_vector() const { return cols == kDimOne && rows != kDimOne; }
  bool square() const { return rows == cols; }
};

// Facts known about a node's value. A structured variable (expr/structures.h) carries
// the facts of its structure; the factories and the simplifier's fact rows use them.
enum Prop : unsigned {
  kSymmetric = 1u << 0,
  kPosDef = 1u << 1,  // symmetric positive definite
  kDiagonal = 1u << 2,
  kLower = 1u << 3,            // lower triangular (diagonal included)
  kUpper = 1u << 4,            // upper triangular
  kSkew = 1u << 5,             // X' = -X
  kOrthonormalCols = 1u << 6,  // X'*X = I (a unit vector: x'*x = 1)
  kOrthonormalRows = 1u << 7,  // X*X' = I
};

struct Node;
using Expr = const Node*;

struct Node {
  Kind kind;
  Shape shape;
  std::vector<Expr> kids;
  double value = 0;    // Const: the number; Mul: the numeric coefficient
  int aux = 0;         // Func: Fn id; Mul: number of leading scalar factors in kids
  std::string name;    // Var: its name
  unsigned props = 0;  // Prop bits
  std::size_t hash = 0;
  int id = 0;                         // creation order within its Context
  bool has_diff = false;              // contains a Diff node
  bool has_var = false;               // contains a Var node
  double printed = 0;                 // tokens it prints as (expr/printed_size.h)
  mutable Expr transposed = nullptr;  // cache for transpose()

  bool is(Kind k) const { return kind == k; }
  bool symmetric() const { return props & kSymmetric; }
  bool is_const(double v) const { return kind == Kind::Const && value == v; }
  Fn fn() const { return static_cast<Fn>(aux); }
};

}  // namespace matcalc
