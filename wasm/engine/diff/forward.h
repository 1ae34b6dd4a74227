// Forward pass of a derivation: df with d pushed inward one level per pass, until
// only dX remains. Each pass reports the rules it used, so a lecture-style step can
// name them.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "expr/build.h"

namespace matcalc {

struct Pass {
  Expr expr;
  std::vector<std::string> rules;  // in table order, each once
  std::vector<std::string> notes;
};

// The passes from d(f) to a form linear in dX (the last pass's expr).
std::vector<Pass> differential_passes(Build& b, Expr f, const std::string& wrt);

}  // namespace matcalc
