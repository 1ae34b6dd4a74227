// DESIGN.md's layers, checked mechanically: a file of the engine includes only files of
// its own folder or of a lower layer, so there is no include from a lower layer to a
// higher one and no cycle between folders. The order, bottom to top:
//   util < expr < parse < print < numeric < simplify < diff < derive < api
// (api.h at the root is the api layer's public face).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>

namespace {

const std::map<std::string, int> kLayer = {
    {"util", 0},     {"expr", 1}, {"parse", 2},  {"print", 3}, {"numeric", 4},
    {"simplify", 5}, {"diff", 6}, {"derive", 7}, {"api", 8},   {"", 8},
};

// The folder of a path relative to wasm/engine ("" for the root).
std::string folder_of(const std::string& relative) {
  std::size_t slash = relative.find('/');
  return slash == std::string::npos ? "" : relative.substr(0, slash);
}

TEST(Layers, NoFileIncludesAHigherLayer) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(MATCALC_SOURCE_DIR) / "wasm" / "engine";
  const std::regex include_line("^#include \"([^\"]+)\"");
  int files = 0, includes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::string rel = fs::relative(entry.path(), root).generic_string();
    std::string from = folder_of(rel);
    ASSERT_TRUE(kLayer.count(from)) << rel << " is in a folder with no layer: " << from;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
      if (!std::regex_search(line, m, include_line)) continue;
      std::string to = folder_of(m[1]);
      ++includes;
      ASSERT_TRUE(kLayer.count(to)) << rel << " includes " << m[1] << " from no layer";
      EXPECT_LE(kLayer.at(to), kLayer.at(from))
          << rel << " (layer " << (from.empty() ? "api" : from) << ") includes " << m[1]
          << ", a higher layer";
    }
  }
  EXPECT_GT(files, 50);
  EXPECT_GT(includes, 150);
}

}  // namespace
