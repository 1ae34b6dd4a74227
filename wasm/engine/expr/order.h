// A deterministic total order on nodes, by structure only (never by address or
// creation order), so canonical sums and products print the same in every run.
#pragma once

#include "expr/node.h"

namespace matcalc {

// <0, 0, >0 like strcmp; 0 only for the same node.
int structural_compare(Expr a, Expr b);

// Order of terms in a sum as a reader expects them (1 - w'w, MM' - I): positive
// before negative, terms with variables before constants, then structure.
bool term_before(Expr a, Expr b);

// Size in nodes of the tree (shared subtrees counted each time): a measure of how
// simple a printed answer is.
int tree_size(Expr e);
// The same, but stops counting past `cap` (a shared DAG can be huge written out).
int tree_size_capped(Expr e, int cap);

// Whether the variable named `name` occurs in e.
bool depends_on(Expr e, const std::string& name);

}  // namespace matcalc
