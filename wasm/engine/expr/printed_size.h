// About how many tokens a node prints as (names, operators, parentheses): what "shorter"
// means to a reader, unlike the node count (inv(S) is four tokens, a Mul none). The
// Context computes it once for each node it makes, from the node's kids (Node::printed),
// so asking it of a deep result costs nothing: a deep result is a tree far larger than
// its nodes, and the simplifier asks at every sum of every pass.
#pragma once

#include "expr/node.h"

namespace matcalc {

// n's printed size, from its kids' (which are already made).
double printed_size_of(const Node& n);

}  // namespace matcalc
