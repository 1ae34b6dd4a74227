// Code export (issue 12, SPEC section 9), tested for real: every worked example
// (content/examples.json) and a few hundred random expressions (ExprGen, printed with
// to_text) are exported in every language and the code is run at random inputs — NumPy
// and torch in one python process (tests/export/run_python.py: value and derivative
// against the engine's evaluator, torch's gradient against torch.autograd), the Eigen
// headers compiled in drivers by g++ and clang++ (below), the MATLAB files run in one Octave
// session (tests/export/run_octave.m). A failure names the expression and the variable.
#include "api/export.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "derive/program.h"
#include "export_cases.h"
#include "expr/rebuild.h"
#include "json_cases.h"
#include "numeric/check.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

using matcalc::ExportRequest;

// Runs a command, returning its standard output (and the exit status in *status).
std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return *status = -1, out;
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  *status = pclose(pipe);
  return out;
}

// The lines "PASS <lang> <id>" / "FAIL <lang> <id> <why>" of a driver, by language and id.
std::map<std::string, std::map<std::string, std::string>> verdicts(const std::string& out) {
  std::map<std::string, std::map<std::string, std::string>> v;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    start = end + 1;
    std::size_t a = line.find(' '), b = line.find(' ', a + 1), c = line.find(' ', b + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    std::string status = line.substr(0, a), lang = line.substr(a + 1, b - a - 1);
    std::string id = line.substr(b + 1, c == std::string::npos ? std::string::npos : c - b - 1);
    if (status == "PASS") v[lang][id] = "";
    if (status == "FAIL") v[lang][id] = c == std::string::npos ? "failed" : line.substr(c + 1);
  }
  return v;
}

class Export : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(make_export_dir());
    cases_ = new std::vector<Prepared>(prepare_all(*dir_));
  }
  static void TearDownTestSuite() {
    if (!std::getenv("MATCALC_EXPORT_KEEP")) std::filesystem::remove_all(*dir_);  // to debug
    delete cases_;
    delete dir_;
  }

  // Checks the verdicts of one language: every prepared case passed. Prints the counts.
  // One group of the Eigen cases, compiled by `compiler` and run.
  static void eigen_part(EigenGroup group, const std::string& compiler) {
    EigenPart mine = write_eigen_driver(*cases_, *dir_, group);
    std::string exe = *dir_ + "/eigen_driver" + std::to_string(static_cast<int>(group));
    int status = 0;
    std::string out =
        run("cd " + *dir_ + " && " + compiler + " -std=c++17 -O0 -I/usr/include/eigen3 " +
                mine.path + " -o " + exe + " 2>&1 && " + exe + " 2>&1",
            &status);
    ASSERT_EQ(status, 0) << out.substr(0, 4000);
    expect_all_passed("eigen", verdicts(out)["eigen"], &mine.ids);
    if (group == EigenGroup::RandomExpressions) EXPECT_GT(mine.ids.size(), 150u);
    if (group == EigenGroup::WorkedExamples) EXPECT_GT(mine.ids.size(), 10u);
  }

  // `only`: the cases a part of the run holds (null: every case of the language).
  static void expect_all_passed(const std::string& lang,
                                const std::map<std::string, std::string>& got,
                                const std::set<std::string>* only = nullptr) {
    int passed[2] = {0, 0}, total[2] = {0, 0}, shown = 0;
    for (const Prepared& p : *cases_) {
      if (!p.skip.empty() || (lang == "eigen" && !compiled_for_eigen(p))) continue;
      if (only && !only->count(p.id)) continue;
      int k = p.example ? 0 : 1;
      ++total[k];
      auto it = got.find(p.id);
      std::string why = it == got.end() ? "no verdict (the driver did not reach it)" : it->second;
      auto error = p.code.find(lang + "_error");
      if (error != p.code.end()) why = "export failed: " + error->second;
      if (why.empty()) {
        ++passed[k];
        continue;
      }
      if (++shown <= 25)
        ADD_FAILURE() << lang << ": " << p.expr << " --wrt " << p.wrt << ": " << why;
    }
    std::printf("%s: worked examples %d/%d passed, random expressions %d/%d passed\n", lang.c_str(),
                passed[0], total[0], passed[1], total[1]);
    // (Eigen's groups count their own cases: eigen_part)
    if (!only) EXPECT_GT(total[1], 200);
  }

  static std::string* dir_;
  static std::vector<Prepared>* cases_;
};

std::string* Export::dir_ = nullptr;
std::vector<Prepared>* Export::cases_ = nullptr;

TEST_F(Export, NumPyAndTorchAgreeWithTheEngineAndAutograd) {
  int status = 0;
  ASSERT_EQ(std::system("/usr/bin/python3 -c 'import numpy, torch' 2>/dev/null"), 0)
      << "python3-numpy and python3-torch are needed: run scripts/setup.sh";
  std::string manifest = write_python_manifest(*cases_, *dir_);
  std::string out = run("/usr/bin/python3 " + std::string(MATCALC_SOURCE_DIR) +
                            "/tests/export/run_python.py " + manifest + " 2>&1",
                        &status);
  ASSERT_EQ(status, 0) << out.substr(0, 2000);
  auto v = verdicts(out);
  expect_all_passed("numpy", v["numpy"]);
  expect_all_passed("torch", v["torch"]);
}

TEST_F(Export, MatlabFilesRunInOctave) {
  int status = 0;
  ASSERT_EQ(std::system("command -v octave >/dev/null 2>&1"), 0)
      << "GNU Octave is needed: run scripts/setup.sh";
  std::string script = write_octave_driver(*cases_, *dir_);
  std::string out =
      run("cd " + *dir_ + " && octave --no-gui --quiet --no-window-system " + script + " 2>&1",
          &status);
  ASSERT_EQ(status, 0) << out.substr(0, 2000);
  expect_all_passed("matlab", verdicts(out)["matlab"]);
}

// The Eigen headers compiled and run, in three tests (each compile takes a minute or more at
// -O0 on a loaded machine, and ctest's limit is per test), by both compilers users have: the
// worked examples by g++; the random expressions and the cases that use Eigen's
// MatrixFunctions by clang++, which compiles this template-heavy code 2.5-3 times faster
// (31 s against 77 s for 105 cases; 22 s against 63 s for the MatrixFunctions group).
TEST_F(Export, EigenHeadersWorkedExamplesCompileWithGxxAndRun) {
  eigen_part(EigenGroup::WorkedExamples, "g++");
}
TEST_F(Export, EigenHeadersRandomExpressionsCompileWithClangAndRun) {
  eigen_part(EigenGroup::RandomExpressions, "clang++-14");
}
TEST_F(Export, EigenHeadersWithMatrixFunctionsCompileWithClangAndRun) {
  eigen_part(EigenGroup::MatrixFunctions, "clang++-14");
}

TEST_F(Export, EveryWorkedExampleExports) {
  int examples = 0;
  for (const Prepared& p : *cases_)
    if (p.example) {
      ++examples;
      EXPECT_EQ(p.skip, "") << p.expr;
    }
  EXPECT_GT(examples, 10);
}

}  // namespace
}  // namespace matcalc_test
