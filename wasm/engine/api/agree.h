// Whether two values agree, entry by entry, relative to the larger of 1 and the reference's
// largest entry: how check my answer and the notes that test a form numerically compare.
#pragma once

#include <algorithm>

#include "numeric/eval.h"

namespace matcalc {

inline bool agree(const Matrix& a, const Matrix& reference, double rel = 1e-7) {
  if (a.rows() != reference.rows() || a.cols() != reference.cols()) return false;
  double scale = std::max(1.0, reference.cwiseAbs().maxCoeff());
  return (a - reference).cwiseAbs().maxCoeff() <= rel * scale;
}

}  // namespace matcalc
