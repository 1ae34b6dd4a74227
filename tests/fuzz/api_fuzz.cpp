// libFuzzer target over the engine's whole public face (api.h): plain and LaTeX
// questions, programs, derive (gradient, Hessian, the index route, the other layout),
// check my answer, evaluate and code export (the input format: fuzz_input.h). Built with
// clang under ASan and UBSan by scripts/fuzz.sh (CMake option MATCALC_FUZZ); any crash,
// leak, sanitizer report or input slower than libFuzzer's -timeout fails the run. The API
// promises never to throw, so an exception out of it is a crash too (libFuzzer reports the
// abort). Inputs it found are kept in tests/fuzz/findings/: every run replays them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  matcalc_fuzz::run_input(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
