// The cases of the code export test (export_test.cpp): each worked example and each
// random expression, derived by the engine, evaluated at random inputs, and exported in
// every language into a directory the drivers read.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "numeric/eval.h"

namespace matcalc_test {

struct ExportInput {
  std::string name;
  std::string kind;  // scalar, vector, matrix
  matcalc::Matrix value;
};

struct Prepared {
  std::string id, expr, wrt, decls;
  bool example = false;
  std::string skip;      // why the case is not run (e.g. the engine does not derive it)
  std::string function;  // f_and_grad or f_and_vjp
  std::vector<ExportInput> inputs;
  matcalc::Matrix value, derivative, upstream;  // upstream: empty for a scalar value
  std::string value_kind, wrt_kind;
  bool symmetric = false;
  // The variable's projection onto its tangent space in Python (SPEC 13), or "": autograd's
  // unconstrained gradient is compared after it.
  std::string tangent;
  bool eigen = true;  // compiled for Eigen too (see compiled_for_eigen)
  std::map<std::string, int> sizes;
  std::vector<std::string> size_params;  // the sizes the function takes (after the inputs) // every
                                         // size symbol (a function may take some)
  std::map<std::string, std::string> code;  // by language
};

std::string make_export_dir();
std::vector<Prepared> prepare_all(const std::string& dir);
// One Octave script that runs every case's MATLAB file and prints a verdict per case.
std::string write_octave_driver(const std::vector<Prepared>& cases, const std::string& dir);
// The C++ drivers of the Eigen headers: `parts` files that include them (each inside a
// namespace of its own) and run each case; the first file has main().
// Whether g++ compiles the case's Eigen header. Of the SPEC 12 cases (mf*) four are: every
// case is its own namespace, so each further one compiles another copy of Eigen's
// MatrixFunctions templates, and the test would pass ctest's 300 s limit on a loaded
// machine. NumPy, torch and Octave run them all.
bool compiled_for_eigen(const Prepared& p);

// The Eigen cases in standalone programs (each its own main and helpers), one per group, so
// that each is compiled and run by a test of its own, within ctest's time limit on a loaded
// machine: the path of each and the ids of its cases. The cases that use Eigen's
// MatrixFunctions (slow to compile) are a group of their own; the others are the worked
// examples and the random expressions.
enum class EigenGroup { WorkedExamples, RandomExpressions, MatrixFunctions };
struct EigenPart {
  std::string path;
  std::set<std::string> ids;
};
EigenPart write_eigen_driver(const std::vector<Prepared>& cases, const std::string& dir,
                             EigenGroup group);
std::string write_python_manifest(const std::vector<Prepared>& cases, const std::string& dir);
// A number with every digit, as every language here reads it.
std::string full(double v);

}  // namespace matcalc_test
