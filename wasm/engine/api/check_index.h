// Check my answer for an answer written entry by entry (SPEC 14: δ_{ix} m_{jy} + m_{iy}
// δ_{jx} for ∂(Σₖ m_ik m_jk)/∂m_xy): graded against the derivation numerically, entry by
// entry, with the question's index letters saying which index is which.
#pragma once

#include <optional>
#include <string>

#include "expr/derivation.h"
#include "numeric/instance.h"
#include "parse/latex_reader.h"

namespace matcalc {

struct IndexGrade {
  bool correct = false;
  std::string kind, message;  // a verdict of api/verdicts.h and what it says
};

// `f` the function differentiated (definitions written out), `d` its derivation (result in
// its native layout), `asked` the question's index letters, `in` and `second` the draws
// (second may be null). Throws UserError (Source::Answer) for an answer whose indices
// cannot stand for this derivative.
IndexGrade grade_index_answer(Context& ctx, Expr f, const Derivation& d, const AskedEntries& asked,
                              const IndexTensor& answer, const Instance& in,
                              const Instance* second);

}  // namespace matcalc
