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
#include <array>
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
  // Matrix functions (SPEC 12; rows in functions_matrix.cpp).
  Expm,
  Logm,
  Sqrtm,
  Dexpm,
  Dlogm,
  Dsqrtm,
  // Spectral functions (SPEC 12; rows in functions_spectral.cpp).
  Eigvals,
  Eigvecs,
  LambdaMax,
  LambdaMin,
  EigvecMax,
  EigvecMin,
  NormOp,
  NormNuc,
  // Parts of a matrix that structured gradients use (SPEC 13; rows in
  // functions_structure.cpp).
  Tril,
  Triu,
  Sym,
  Skew,
};

enum class FnShape {
  Elementwise,     // each entry on its own; the argument's shape
  VectorToVector,  // a (column) vector to one of the same length
  VectorToScalar,  // a vector to a scalar
  SquareToSame,    // a square matrix to one of the same size
  SquareToVector,  // a square matrix to a column of its size (eigvals, eigvec_max)
  SquareToScalar,  // a square matrix to a scalar (lambda_max)
  MatrixToScalar,  // any matrix or vector to a scalar (norm_op)
  Frechet,         // (A, E), E of A's shape, to a matrix of A's shape, linear in E
};

// What random values of the variables under the function must respect.
enum class FnDomain {
  Any,
  Positive,    // entries in [0.5, 1.5] (log, sqrt, log1p)
  Unit,        // entries in [-0.5, 0.5] (asin, acos: |x| < 1)
  Invertible,  // a well-conditioned matrix (the adjugate's rule uses the inverse)
  Principal,   // a spectrum well inside the right half-plane (logm, sqrtm)
};

// How a row is written in the code of one language (SPEC 9): `call` with '#' for the
// argument ('#1', '#2' for the arguments of a two-argument row), the helpers it needs
// (each emitted once, by name, before the code that uses it) and the module or header
// it imports (Python: "scipy.linalg"; C++: "unsupported/Eigen/MatrixFunctions").
struct CodeHelper {
  const char* name = nullptr;
  const char* text = "";
};
struct CodeSpelling {
  const char* call = nullptr;  // every row has one in every language (a test walks them)
  std::array<CodeHelper, 2> helpers{};
  const char* import = "";
  const char* scalar_call = nullptr;  // of a 1x1 argument, when it differs (softmax: 1)
  int level = 5;                      // the printed precedence (print/code.h): 5 an atom
};

// A spelling is needed only by the code writers, which the first visit's WebAssembly
// module leaves out (compiled with MATCALC_CORE_MODULE): there every spelling is empty, so
// the code and helper texts are not in that module's bytes.
#ifdef MATCALC_CORE_MODULE
#define MATCALC_CODE(...) \
  ::matcalc::CodeSpelling {}
#else
#define MATCALC_CODE(...) \
  ::matcalc::CodeSpelling { __VA_ARGS__ }
#endif

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
  // d f(A), given e = f(A) and dA (the argument's differential). Two-argument rows are
  // linear in their last argument E and take dE: d f(A, E) = f(A, dE) for A constant.
  Expr (*differential)(Build& b, Expr e, Expr da);

  // The rows of SPEC 12 need more than an element-wise function; the defaults below are
  // what the element-wise rows above them mean.
  int arity = 1;
  Eigen::MatrixXd (*whole2)(const Eigen::MatrixXd&, const Eigen::MatrixXd&) = nullptr;
  // <G, f(A, E)> = <adjoint(G), E>: the adjoint of a row linear in its last argument.
  Expr (*adjoint)(Build& b, Expr g, Expr e) = nullptr;
  // f(A, E) where E commutes with A: the closed form f'(A) E (Higham, Thm 3.6 and 3.8).
  Expr (*commuting)(Build& b, Expr a, Expr e) = nullptr;
  // Why the derivative does not exist at this argument (its first), or "".
  std::string (*undefined_at)(const Eigen::MatrixXd& arg) = nullptr;
  bool needs_symmetric = false;   // eigvals of a non-symmetric matrix is a user error
  bool keeps_symmetry = true;     // f(S) is symmetric for a symmetric S (not eigvecs)
  bool transposes_inward = true;  // f(A)' = f(A') (square rows)
  const char* refusal = nullptr;  // no derivative: why (eigenvectors), an error when asked
  const char* steps_note = "";    // the Daleckii–Krein form, shown with a symmetric argument
  // Its differential has a Kronecker (vec) form, so Jacobians through it exist; false for
  // the Fréchet derivatives of SPEC 12, whose Jacobians are refused with a message.
  bool jacobian = true;
  // Why the index route has no rule for its entries (a power series in the whole matrix,
  // a spectral quantity), or null where it has one; the message a refusal shows.
  const char* index_refusal = nullptr;
  // An orthogonal projection (tril, sym, ...): linear and self-adjoint, so
  // <G, f(dA)> = <f(G), dA> (the adjoint rule adj-projection).
  bool self_adjoint = false;
  unsigned fixes = 0;         // f(A) = A when A has one of these facts (tril(L) = L)
  unsigned vanishes_on = 0;   // f(A) = 0 when A has one of these facts (skew(S) = 0)
  unsigned diagonal_on = 0;   // f(A) = Diag(diag(A)) for these (tril of an upper U)
  unsigned result_props = 0;  // facts f(A) always has (tril(A) is lower triangular)
  CodeSpelling numpy, torch, eigen, matlab;
};

const std::vector<FunctionRow>& function_rows();
// The rows of SPEC 12, kept in files of their own and joined to the table above.
std::vector<FunctionRow> matrix_function_rows();
std::vector<FunctionRow> spectral_function_rows();
std::vector<FunctionRow> structure_function_rows();
const FunctionRow& function_row(Fn f);
const FunctionRow* find_function_row(const std::string& name);  // null when none

}  // namespace matcalc
