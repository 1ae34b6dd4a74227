// The export request (SPEC section 9): the derivative as code that runs, in NumPy,
// PyTorch, Eigen or MATLAB/Octave. api.h includes it: part of the engine's public face.
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
  std::string syntax;  // "plain", "latex" or "" (LaTeX when it looks like LaTeX)
};

// out.text is the code; out.json {ok, lang, code, function, kind, wrt, variables}.
Outcome export_code(const ExportRequest& req);

}  // namespace matcalc
