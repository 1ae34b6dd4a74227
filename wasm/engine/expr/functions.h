// The registry of function constructs: every named function of the language that is
// not structural (element-wise functions, softmax, logsumexp, the adjugate) is one row
// — KaTeX's defineFunction on top of the X-macro list of kinds. A row holds its
// spelling, its shape rule, its LaTeX, its value, an exact value for constant folding,
// what its argument's random values must respect, and its differential rule with the
// identity and the source. The parser and typer, both printers, the evaluator, the
// random instances, the differential pass and the rule reference all read the row, so
// a new function is one row (functions.cpp), one id below, and its line in the README.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "expr/build.h"
#include "expr/rule_info.h"

namespace matcalc {

// One id per row, in any order (rows are looked up by id).
enum class Fn {
  Exp,
  Log,
  Sin,
  Cos,
  Tan,
  Tanh,
  Sqrt,
  Abs,
  Sigmoid,
  Relu,
  Softplus,
  Sign,
  Step,
  Erf,
  Sinh,
  Cosh,
  Asin,
  Acos,
  Atan,
  Log1p,
  Softmax,
  Logsumexp,
  Adj,
};

enum class FnShape {
  Elementwise,     // each entry on its own; the argument's shape
  VectorToVector,  // a (column) vector to one of the same length
  VectorToScalar,  // a vector to a scalar
  SquareToSame,    // a square matrix to one of the same size
};

// What random values of the variables under the function must respect.
enum class FnDomain {
  Any,
  Positive,    // entries in [0.5, 1.5] (log, sqrt, log1p)
  Unit,        // entries in [-0.5, 0.5] (asin, acos: |x| < 1)
  Invertible,  // a well-conditioned matrix (the adjugate's rule uses the inverse)
};

struct FunctionRow {
  Fn id;
  const char* name;     // spelling in the input language (and the text printer)
  const char* meaning;  // a few words for the page's syntax table
  const char* latex;    // '#' stands for the argument: "\\exp\\left(#\\right)"
  FnShape shape;
  FnDomain domain;
  double (*scalar)(double);                          // the value of an entry (Elementwise rows)
  Eigen::MatrixXd (*whole)(const Eigen::MatrixXd&);  // the value (other rows)
  bool (*exact)(double x, double* out);              // an exact value at a constant, else false
  RuleInfo rule;                                     // the differential rule
  // d f(A), given e = f(A) and dA (the argument's differential).
  Expr (*differential)(Build& b, Expr e, Expr da);
};

const std::vector<FunctionRow>& function_rows();
const FunctionRow& function_row(Fn f);
const FunctionRow* find_function_row(const std::string& name);  // null when none

}  // namespace matcalc
