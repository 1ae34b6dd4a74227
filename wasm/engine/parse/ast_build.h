// Trees built rather than parsed: the matrix form a question written entry by entry stands
// for (latex_index.cpp composes it from the entries' factors). Each node's span covers
// those of its operands, so that a message about a part points at the entries it came from.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "parse/ast.h"

namespace matcalc {

using Tree = std::shared_ptr<const Ast>;

AstPtr make_ast(AstKind kind, Span span);
AstPtr clone(const Ast& a);

Tree leaf(const std::string& name, Span span);
Tree number(double value, Span span);
Tree call(const std::string& fn, Span name_span, const std::vector<Tree>& args);
Tree negated(const Tree& a);
Tree transposed(const Tree& a);
Tree power(const Tree& base, const Tree& exponent);  // element-wise, .^
// a op b for op * / .* ./
Tree binary(const std::string& op, const Tree& a, const Tree& b);
// a*b, either null for none; a product of plain * operands stays one list (a*b*c).
Tree times(const Tree& a, const Tree& b);
// Terms with their signs ("+" or "-" before each; the first's "-" negates it).
Tree sum_of(const std::vector<std::pair<std::string, Tree>>& terms);
bool is_name(const Tree& a, const std::string& name);

}  // namespace matcalc
