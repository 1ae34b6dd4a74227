// What the LaTeX parser builds (internal to parse/latex_*.cpp): a small tree in the
// terms of the plain language, so that the printer can insert exactly the parentheses
// the plain grammar needs, and every node keeps the span of the LaTeX it came from.
#pragma once

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
                                 // the first; "*", "/", ".*", "./", "kron"); Power: "^" or ".^"
  std::vector<Span> op_spans;
  Span text_span;        // Name, Call: the span of the name or command itself
  std::string notation;  // how LaTeX wrote it, where that matters: "bars" for |X| (\log|X| is
                         // log det X), "det" for \det, "bold" for a bold name, "letter" for a
                         // plain italic letter (e^{x} is exp(x))
};

LNodePtr lnode(LKind kind, Span span, std::string text = "");
LNodePtr lcall(const std::string& fn, Span name_span, Span span, LNodePtr arg);

// The plain text being written, with the LaTeX span of every byte.
struct PlainOut {
  std::string text;
  std::vector<Span> origin;
  void put(const std::string& s, Span from) {
    text += s;
    origin.insert(origin.end(), s.size(), from);
  }
};

// Writes `n` in the plain language, parenthesised only where the plain grammar needs it.
void print_plain(const LNode& n, PlainOut& out);

// Every name the tree mentions (for ordering definitions before their uses).
void collect_names(const LNode& n, std::vector<std::string>& out);

}  // namespace matcalc
