// The index route's derivation (SPEC section 10): the matrix-form Derivation every
// printer and check already reads (its steps the ones in matrix form: the translation
// back and the simplification), and beside it the steps in index notation, as data.
// A step is either an index form (f_{..} written out, its derivative with respect to one
// entry X_{ab}, deltas contracted, like terms collected, contracted with an upstream G)
// or a matrix-form expression (the translation back, the Kronecker form, simplified).
#pragma once

#include <string>
#include <vector>

#include "expr/derivation.h"
#include "expr/index_form.h"

namespace matcalc {

struct IndexStep {
  std::vector<std::string> rules;  // idx-... rule names (and simp-... for simplification)
  std::string title;               // what the step does, in words
  // The left-hand side: of_name with of_idx (f, F_{ij}, phi), differentiated by wrt_idx of
  // wrt when wrt is not empty (\partial F_{ij} / \partial X_{ab}).
  std::string of_name;
  std::vector<int> of_idx;
  std::string wrt;
  std::vector<int> wrt_idx;
  IndexForm form;         // the right-hand side in index notation ...
  Expr matrix = nullptr;  // ... or in matrix form (then `form` is empty)
  Form matrix_form = Form::Gradient;
};

struct IndexDerivation {
  Derivation matrix;  // kind, f, wrt, result, backprop, checks: as the default route's
  std::vector<IndexStep> steps;
  IndexForm f_index;         // f (or F_{ij}) in index notation
  IndexForm result_index;    // df/dX_{ab} (or dF_{ij}/dX_{ab}) with the deltas contracted
  IndexForm backprop_index;  // Jacobians: G_{ij} dF_{ij}/dX_{ab}, contracted
  IndexSpace space;          // the indices the forms use
};

}  // namespace matcalc
