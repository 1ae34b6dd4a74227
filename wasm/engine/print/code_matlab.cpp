// The matlab writer (in progress).
#include "expr/error.h"
#include "print/code.h"

namespace matcalc {

std::string print_matlab(Context&, const CodeRequest&) {
  throw UserError("unsupported", "code export: matlab is not written yet");
}

}  // namespace matcalc
