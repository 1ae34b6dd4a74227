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

// How LaTeX wrote a node, where the reading depends on it once the question's names are
// known (resolve_by_kinds, resolve_calls).
enum class Notation {
  Plain,
  Letter,   // a plain italic letter: e^{x} is exp(x)
  Bold,     // a bold name: a vector (lower case) or a matrix (capital)
  Bars,     // |X|: the determinant of a matrix, abs of a scalar or a vector
  EPower,   // e^{A}: expm of a matrix, exp otherwise
  Norm2,    // \|A\|_2: the spectral norm of a matrix, the Euclidean norm of a vector
  Unknown,  // f(v) of a name no row knows: a product if f is declared, else an error
};

// What a name or an expression is, by its names (NameKind::Unknown where they do not say).
enum class NameKind { Unknown, Scalar, Vector, Matrix };

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
  std::shared_ptr<const Ast> formed;    // Name: a part already in matrix form (the matrix
                                        // statement an entry-by-entry one stands for)
  Notation notation = Notation::Plain;  // how LaTeX wrote it, where that matters
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
// `kind_of` says what a name is, and products, sums, transposes and functions combine
// them (x^T x a scalar, AXB and \lambda I - A matrices, Ax a vector).
void resolve_by_kinds(LNodePtr& n, const std::function<NameKind(const std::string&)>& kind_of);
// What `n` is by its names, in the same terms (Unknown when they do not say, or for a row).
NameKind kind_by_names(const LNode& n, const std::function<NameKind(const std::string&)>& kind_of);
// The declaration's word for a kind: "scalar", "vector", "matrix" ("" for Unknown).
const char* kind_word(NameKind k);

}  // namespace matcalc
