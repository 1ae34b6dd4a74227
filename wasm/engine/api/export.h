// The export request (SPEC section 9): the derivative as code that runs, in NumPy,
// PyTorch, Eigen or MATLAB/Octave. Until api.h declares it, callers include this file.
#pragma once

#include <cstdint>
#include <string>

#include "api/outcome.h"

namespace matcalc {

struct ExportRequest {
  std::string expr;  // an expression or a program (SPEC section 5)
  std::string wrt;
  std::string decls;
  std::string lang;  // numpy, torch, eigen or matlab
  std::uint32_t seed = 1;
};

// out.text is the code; out.json {ok, lang, code, function, kind, wrt, variables}.
Outcome export_code(const ExportRequest& req);

}  // namespace matcalc
