// The eigen writer (in progress).
#include "expr/error.h"
#include "print/code.h"

namespace matcalc {

std::string print_eigen(Context&, const CodeRequest&) {
  throw UserError("unsupported", "code export: eigen is not written yet");
}

}  // namespace matcalc
