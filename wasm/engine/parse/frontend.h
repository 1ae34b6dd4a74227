// Text to IR: parse the expression and the declarations, infer every shape, and
// build the canonical expression. Fills the Context's variables (kind and shape).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "expr/context.h"
#include "expr/node.h"
#include "parse/ast.h"
#include "parse/parser.h"
#include "parse/typed_source.h"
#include "parse/typer.h"

namespace matcalc {

// `expected`, when given, is the shape the expression should have (an answer to
// check): dimensions that the expression leaves free, as in a bare I or ones, take it.
// `differentials` reads d(A) as the differential of A, as the steps of a derivation
// write it (SPEC section 8); elsewhere d is an ordinary name.
Expr build_expression(Context& ctx, const std::string& expr, const std::string& decls,
                      const Shape* expected = nullptr, bool differentials = false);

// A right-hand side as the user typed it (issue 13: the first step of a derivation shows
// it, not the canonical form the factories build): its source text with each run of
// whitespace made one space, and its syntax tree with the shape of every expression
// node, from which print/typed_latex.h writes its LaTeX. For LaTeX input, the reading.
struct AsTyped {
  std::string text;
  std::shared_ptr<const Ast> ast;  // null when not known (an Expr built another way)
  std::unordered_map<const Ast*, Shape> shapes;
};

// A program (SPEC section 5): the definitions in order, each a variable of the Context
// whose VarInfo holds its definition, and the last statement, what is differentiated.
struct Definition {
  std::string name;
  Span name_span;  // in the source, for messages
  Expr var;        // the defined name as a variable
  Expr expr;       // its definition (in terms of variables and earlier names)
  AsTyped typed;   // its right-hand side as typed
};
struct Program {
  std::vector<ConventionNote> notes;  // SPEC section 7
  std::vector<Definition> definitions;
  Expr objective = nullptr;
  std::string objective_name;  // "f" for `f = ...`, "" for a bare expression
  AsTyped typed;               // the objective (its right-hand side) as typed
};
// The definitions the objective uses, directly or through another definition it uses (a
// definition typed but unused is said in a note and has no part in the derivation).
std::set<std::string> used_definitions(const Program& p);
// The program of plain text `src` (parsed here).
Program build_program(Context& ctx, const std::string& src, const std::string& decls);
// The program of statements a reader gave (plain or written mathematics, and from any
// field: their spans point into `src`). `expected`: the objective's shape, for an answer
// to check (as build_expression's).
Program build_program(Context& ctx, std::vector<Statement> statements, const TypedSource& src,
                      const std::string& decls, const Shape* expected = nullptr);

// Dimension names the user gave in declarations are rigid; this parses just the
// declarations into the context (for a --wrt variable that is declared but unused).
}  // namespace matcalc
