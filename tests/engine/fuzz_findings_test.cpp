// The inputs fuzzing found (tests/fuzz/findings/, one file each, in the fuzz target's
// format: tests/fuzz/fuzz_input.h) replayed through the public API: each returns, no
// exception escapes. The fuzz run replays them under ASan and UBSan too (they are among
// its seeds), where a memory error shows even when it does not crash here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "../fuzz/fuzz_input.h"

namespace matcalc_test {
namespace {

TEST(FuzzFindings, EveryInputFuzzingFoundReturnsThroughTheApi) {
  const std::filesystem::path dir =
      std::filesystem::path(MATCALC_SOURCE_DIR) / "tests" / "fuzz" / "findings";
  int replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream file(entry.path(), std::ios::binary);
    std::string input((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    SCOPED_TRACE(entry.path().filename().string());
    EXPECT_NO_THROW(matcalc_fuzz::run_input(input));
    ++replayed;
  }
  EXPECT_GE(replayed, 1);
}

}  // namespace
}  // namespace matcalc_test
