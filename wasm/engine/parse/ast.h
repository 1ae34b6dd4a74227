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

// A position in a message: "column 5", or "line 2, column 1" in multi-line input.
inline std::string position_text(const std::string& src, int byte) {
  int line = 1, column = 1;
  for (int i = 0; i < byte && i < static_cast<int>(src.size()); ++i) {
    if (src[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(src[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  bool lines = src.find('\n') != std::string::npos;
  return (lines ? "line " + std::to_string(line) + ", " : std::string()) + "column " +
         std::to_string(column);
}

}  // namespace matcalc
