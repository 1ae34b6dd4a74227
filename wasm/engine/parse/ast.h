// The syntax tree the parser produces: what the user wrote, with source spans, before
// shapes are known. Sums and products are n-ary lists so a long input never builds a
// deep tree.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace matcalc {

struct Span {
  int begin = 0;  // byte offsets, end exclusive
  int end = 0;
};

enum class AstKind { Num, Ident, Call, Neg, Transpose, Sum, Product, Power };

struct Ast {
  AstKind kind;
  Span span;
  double number = 0;                       // Num
  std::string name;                        // Ident, Call
  Span name_span;                          // Call: the function name
  std::vector<std::unique_ptr<Ast>> kids;  // operands / arguments
  std::vector<std::string> ops;            // Sum: "+"/"-" per kid; Product: op before kid i
  std::vector<Span> op_spans;              // span of each op
};

using AstPtr = std::unique_ptr<Ast>;

}  // namespace matcalc
