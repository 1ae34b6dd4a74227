// Declarations (SPEC section 2): `x: vector(n); W: matrix(n,m); S: symmetric(n); c: scalar`.
// Separators: ";", "," or a newline. Kinds: scalar, vector, matrix, and the word of each
// structure row (symmetric, spd, diagonal, lower, upper, skew, orthogonal, stiefel(n,p),
// unit); dimensions are names or positive integers and may be left out.
#pragma once

#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

struct DimSpec {
  std::string name;     // empty for a number
  long long value = 0;  // > 0 for a number
  Span span;
};

struct Decl {
  std::string name;
  Span span;         // the whole declaration
  std::string kind;  // scalar, vector, matrix, symmetric, spd, diagonal
  std::vector<DimSpec> dims;
  unsigned props = 0;
};

std::vector<Decl> parse_declarations(const std::string& src);

// The declared names, and those declared scalars: what a reader needs to parse (a declared T
// makes A^T a power; a declared scalar c multiplies in c(x + y)).
std::vector<std::string> names_of(const std::vector<Decl>& decls);
std::vector<std::string> scalar_names(const std::vector<Decl>& decls);

}  // namespace matcalc
