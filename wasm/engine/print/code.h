// Code export (SPEC section 9): a derivative as NumPy, PyTorch, Eigen or MATLAB/Octave
// code that runs. The printer works on the IR, a hash-consed DAG, so a subexpression
// used twice is one node: the plan (code_plan.cpp) counts the uses of every node and
// gives each shared non-trivial one a named temporary, computed once, so the code of a
// deep composition is linear in its size where the inlined text is not. The user's
// definitions (SPEC section 5) become named lines; the input sizes are read from the
// arguments' shapes and checked. Each language (code_numpy.cpp, code_torch.cpp,
// code_eigen.cpp, code_matlab.cpp) is a writer: a per-kind switch with no default, a
// mapping of every function row, and the module around the lines.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "expr/context.h"
#include "expr/names.h"
#include "expr/node.h"

namespace matcalc {

struct StructureRow;

enum class CodeLang { NumPy, Torch, Eigen, Matlab };
struct CodeSpelling;  // expr/functions.h: how a function row is written in one language
bool code_lang_from_name(const std::string& name, CodeLang* out);
const char* code_lang_name(CodeLang lang);

// What is exported: the function, its inputs, and the derivative. For a scalar value,
// `gradient` (shaped like wrt); otherwise `backprop`, the vjp in the variable `upstream`.
struct CodeRequest {
  std::string source;         // the expression or program as the user wrote it
  std::string function_name;  // the objective's name ("f" when unnamed)
  std::string wrt;
  std::vector<std::string> inputs;                        // variables, in order
  std::vector<std::pair<std::string, Expr>> definitions;  // the user's names, in order
  Expr value = nullptr;                                   // may use the defined names
  Expr gradient = nullptr;
  Expr backprop = nullptr;
  std::string upstream;
  // Nodes that are the written-out form of a defined name (they print as the name).
  std::vector<std::pair<Expr, std::string>> aliases;
};

struct CodeExport {
  std::string code;
  std::string function;            // f_and_grad, or f_and_vjp for a vector or matrix value
  std::vector<std::string> sizes;  // sizes no input's shape gives: parameters after the inputs
};

CodeExport print_code(Context& ctx, const CodeRequest& req, CodeLang lang);

// ---- shared by the language writers --------------------------------------------------------

// Precedence of printed code, loosest first; an operand is parenthesised below its need.
enum CodeLevel { kCodeSum = 1, kCodeProduct = 2, kCodeUnary = 3, kCodePower = 4, kCodeAtom = 5 };

struct Code {
  std::string text;
  int level = kCodeAtom;
};

// A number as a floating-point literal of every language here: 2.0, 0.5, 1e-08.
std::string code_number(double v);

struct CodeLine {
  enum Role { Temp, Definition, Value, Derivative } role;
  std::string name;
  Expr expr;
  bool in_vjp = false;  // computed inside the backprop function (it needs the upstream)
};

struct CodeInput {
  std::string name;   // the user's name (keyword argument)
  std::string local;  // the name in the code (differs only for a reserved word)
  Shape shape;
  bool symmetric = false;
  std::string description;  // "vector(n)", "matrix(n×m)", ...
  // Its structure (SPEC 13), or null: the self-check's directions are its tangent ones.
  const StructureRow* structure = nullptr;
};

// The size of a symbolic dimension, read from an input: `local = input.shape[axis]`.
struct SizeBinding {
  std::string local;
  std::string input;
  int axis;
};
// Each axis of each input, against the size its declaration implies.
struct SizeCheck {
  std::string input;
  int axis;
  Dim dim;
};

struct CodePlan {
  CodeRequest req;
  bool vjp = false;  // a vector or matrix value: value and vjp(G)
  std::vector<CodeInput> inputs;
  std::vector<SizeBinding> bindings;
  std::vector<SizeCheck> checks;
  std::vector<CodeLine> lines;
  std::string value_name, derivative_name, upstream_local;
  Shape value_shape;
  Shape wrt_shape;
  std::map<int, std::string> size_names;  // symbol -> local name
  std::vector<std::string> size_params;   // sizes no input gives: parameters after them
  Names names;                            // nodes printed as a name
  std::string convention;                 // one or two sentences for the header

  // f_and_grad, or f_and_vjp for a vector or matrix value.
  std::string function() const { return vjp ? "f_and_vjp" : "f_and_grad"; }
  // The parameters as a language without types lists them: the inputs, then the sizes no
  // input gives.
  std::string parameter_names() const;
};

// Plans the module: names (the reserved words of the language avoided), temporaries,
// sizes. `reserved` are the words the language's names must not take.
CodePlan plan_code(Context& ctx, const CodeRequest& req, const std::set<std::string>& reserved);

// The base of every language writer: renders an expression, stopping at named nodes.
class CodeWriter {
 public:
  CodeWriter(Context& ctx, const CodePlan& plan) : ctx_(ctx), plan_(plan) {}
  virtual ~CodeWriter() = default;
  Code render(Expr e);  // a named node prints as its name
  Code render_line(const CodeLine& line);
  std::string dim(Dim d) const;  // a size as code: "n", "3", "n * m"
  static std::string wrap(const Code& c, int need) {
    return c.level < need ? "(" + c.text + ")" : c.text;
  }
  // Names the lines of one section use (inputs, definitions, temporaries).
  std::set<std::string> names_used(bool vjp_section);

 protected:
  virtual Code node(Expr e, const std::vector<Code>& kids) = 0;
  // A function row's spelling in this language (FunctionRow::numpy, torch, eigen, matlab)
  // with the arguments in place ('#1', '#2', '#'; parenthesised where the spelling does
  // not delimit them), its scalar form for a 1x1 argument; records the helpers (in
  // first-use order, so a helper precedes one that calls it) and the import it needs.
  Code spelled(const CodeSpelling& s, const std::vector<Code>& args, bool scalar_arg);
  std::vector<std::pair<std::string, std::string>> row_helpers_;
  std::set<std::string> row_imports_;
  Context& ctx_;
  const CodePlan& plan_;

 private:
  std::set<std::string>* used_ = nullptr;
};

// The header's lines (without a comment marker): expression, inputs, convention.
std::vector<std::string> code_header(Context& ctx, const CodePlan& plan, CodeLang lang);

// NumPy and torch share one writer (code_python.cpp); the library is a table: the
// module's name and the helpers of the structural kinds (the function rows carry their
// own spellings, FunctionRow::numpy and ::torch).
struct PyLib {
  bool torch;
  const char* mod;                                 // "np" or "torch"
  std::string (*helper)(const std::string& name);  // a structural helper's definition
};
// A writer's module with what its plan says about it (function name, size parameters):
// one plan per language, so the names reported are the ones the code uses.
CodeExport exported(const CodePlan& plan, std::string code);

CodeExport print_python(Context& ctx, const CodeRequest& req, const PyLib& lib);
CodeExport print_numpy(Context& ctx, const CodeRequest& req);
CodeExport print_torch(Context& ctx, const CodeRequest& req);
CodeExport print_eigen(Context& ctx, const CodeRequest& req);
CodeExport print_matlab(Context& ctx, const CodeRequest& req);

}  // namespace matcalc
