// What the LaTeX parser builds (internal to parse/latex_*.cpp): a small tree in the
// terms of the plain language, with what LaTeX adds to them (an entry's indices, how a
// name was written, parentheses kept for the readings that depend on them), every node
// with the span of the LaTeX it came from; to_ast makes it the parse tree both readers
// give.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

enum class LKind { Num, Name, Call, Neg, Sum, Product, Power, Transpose, Paren };

struct LNode;
using LNodePtr = std::unique_ptr<LNode>;

struct LNode {
  LKind kind;
  Span span;
  std::string text;  // Num: the number; Name: the plain name; Call: the plain function
  std::vector<LNodePtr> kids;
  std::vector<std::string> ops;  // Sum: "+"/"-" per kid; Product: the op before kid i ("" for
                                 // the first; "*", "/", ".*", "./", "kron", or "cdot" for a
                                 // written \cdot, a dot product between two vectors, which
                                 // resolve_by_kinds decides); Power: "^" or ".^"
  std::vector<Span> op_spans;
  Span text_span;       // Name, Call: the span of the name or command itself
  std::string indices;  // Name: the index letters of an entry (m_{ik}: "ik", x_i: "i",
                        // X_{k,g}: "kg"), kept even where a \sum drops them from the name
  std::shared_ptr<const Ast> formed;  // Name: a part already in matrix form (the matrix
                                      // statement an entry-by-entry one stands for)
  std::string notation;               // how LaTeX wrote it, where that matters: "bars" for |X| (the
                         // determinant of a matrix, resolve_by_kinds decides), "bold" for a
                         // bold name, "letter" for a plain italic letter (e^{x} is exp(x))
};

LNodePtr lnode(LKind kind, Span span, std::string text = "");
LNodePtr lcall(const std::string& fn, Span name_span, Span span, LNodePtr arg);

// The parse tree both readers give (parse/ast.h), its spans in the LaTeX
// (latex_to_ast.cpp).
AstPtr to_ast(const LNode& n);
// The same in the plain language (a part the index reader writes in matrix form).
std::string latex_plain_text(const LNode& n);

// Every name the tree mentions (for ordering definitions before their uses).
void collect_names(const LNode& n, std::vector<std::string>& out);

// The readings that depend on what the names are, made once the whole question is read
// (a declaration may follow the formula): |A| of a matrix is det(A) and \log|A| is
// logdet(A), of a scalar or a vector abs (|x|, |a - b|); a \cdot between two vectors is
// the dot product a'*x, otherwise a product. What an operand is comes from its names:
// `kind_of` gives "scalar", "vector", "matrix" or "" (unknown) for a name, and products,
// sums, transposes and functions combine them (x^T x a scalar, AXB and \lambda I - A
// matrices, Ax a vector).
void resolve_by_kinds(LNodePtr& n, const std::function<std::string(const std::string&)>& kind_of);
// What `n` is by its names, in the same terms ("" when they do not say, or for a row).
std::string kind_by_names(const LNode& n,
                          const std::function<std::string(const std::string&)>& kind_of);

}  // namespace matcalc
