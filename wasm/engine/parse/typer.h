// Shape inference over the Ast (pass 1 of the front end): assigns every node a
// rows x cols pair of dimension variables, unifying as operators require, and
// reports the first conflict with both operands and their shapes.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "parse/ast.h"
#include "parse/decls.h"
#include "parse/dim_solver.h"
#include "parse/typed_source.h"

namespace matcalc {

struct Type {
  DimSolver::Id rows, cols;
};

// SPEC section 7: a name the naming convention made a scalar, used as only a vector
// could be (transposed, or added to every entry of a vector or matrix).
// Also a reading the question's reader took where a paste could be read two ways
// (kind "reading"): its other reading is `expression`, typed so that it is read that way.
struct ConventionNote {
  std::string variable;
  std::string message;
  std::string declaration;  // what would change it, e.g. "b: vector" or "a: vector; b: vector"
  std::string kind = "convention";     // or "reading"
  std::vector<std::string> variables;  // every name it is about (empty: just `variable`)
  std::string expression;              // reading: the input that gives the other reading
};

// A known function close to an unknown name, as " (did you mean sigmoid?)", or "".
std::string suggest_function(const std::string& name);

// "lower" or "upper" when name is a Greek letter's name (lambda, Sigma, sigma_1, mu2),
// else "". Lower-case Greek names are scalars and capital ones matrices (SPEC 6).
std::string greek_case(const std::string& name);

// The message for a call of a function no row knows (f(v), g(Wx), \phi(z)): what to
// write instead, and how to write a product by a number named so. `latex`: in LaTeX terms.
std::string unknown_function_message(const std::string& name, bool latex);

struct VarDraft {
  std::string name;
  Type type;
  unsigned props = 0;
  std::string kind;
  bool declared = false;
  bool used = false;
  bool defined = false;  // a name a definition gives (SPEC section 5)
};

class Typer {
 public:
  Typer(const TypedSource& src, const std::vector<Decl>& decls);
  Type infer(const Ast& a);
  // Reads d(A), the differential of A (the text of a derivation's steps, SPEC 8).
  void allow_differentials() { differentials_ = true; }
  // Definitions (SPEC section 5): names a later statement defines cannot be used yet;
  // once its statement is typed, a defined name is a variable of that statement's type.
  void will_define(const std::string& name, Span name_span) { pending_[name] = name_span; }
  void define(const std::string& name, Type t);
  const std::vector<ConventionNote>& notes() const { return notes_; }

  DimSolver& dims() { return dims_; }
  const std::vector<VarDraft>& vars() const { return vars_; }
  Type type_of(const Ast& a) const { return types_.at(&a); }
  // For identifiers: the variable it names, or null for a builtin (I, ones).
  const VarDraft* var_of(const Ast& a) const;
  // A size argument (eye(n), ones(n,m), commutation(m,n)): a name, a positive
  // integer, or a product of those (eye(n*m)).
  DimSolver::Id dim_arg(const Ast& a);
  // A user error at a span of the source typed (for the lowering pass: a fact that only
  // the built node knows, such as an argument that is not symmetric).
  [[noreturn]] void fail(const char* code, const std::string& msg, Span s) const;
  // How a message quotes an operand: as typed where the plain language was typed, in the
  // plain language where written mathematics was (the reading's own words).
  std::string quote(const Ast& a) const;
  // The first `count` operands of a sum or a product (x'*A of x'*A*y).
  std::string quote_prefix(const Ast& a, std::size_t count) const;

 private:
  // A lower-case Greek name not typed yet becomes a vector where it is transposed or
  // multiplies a matrix from the right, as the LaTeX reader reads \theta^T x and X\beta.
  void greek_vector(const Ast& a);
  // A name the convention makes a vector or a matrix, first met dividing: a scalar.
  void scalar_divisor(const Ast& a);
  // Notes `operand` when it is a name that is a scalar only by the naming convention.
  void note_convention(const Ast& operand, const std::string& how);
  std::vector<ConventionNote> notes_;
  bool differentials_ = false;
  std::map<std::string, Span> pending_;  // defined by this or a later statement
  Type infer_ident(const Ast& a);
  Type infer_call(const Ast& a);
  Type infer_sum(const Ast& a);
  Type infer_product(const Ast& a);
  bool bare_ones(const Ast& a) const;
  std::string convention_hint(Span s) const;
  Type infer_power(const Ast& a);
  // Shapes of an element-wise operation (+ - .* ./), a scalar broadcasting; `what`
  // words the conflict from the two shapes ("add n×1 and m×1").
  using Describe = std::function<std::string(const std::string&, const std::string&)>;
  Type elementwise(Type l, Type r, Span whole, const Ast& a, std::size_t count,
                   const Describe& what);
  void require_scalar(Type t, const Ast& a, const std::string& why);
  void require_square(Type t, const Ast& a, const std::string& fn);
  void require_vector(Type t, const Ast& a, const std::string& fn);
  bool is_scalar(Type t) { return dims_.is_one(t.rows) && dims_.is_one(t.cols); }
  std::string shape(Type t) { return dims_.text(t.rows) + "\u00d7" + dims_.text(t.cols); }
  Type remember(const Ast& a, Type t) { return types_[&a] = t; }

  const TypedSource& src_;
  DimSolver dims_;
  std::vector<VarDraft> vars_;
  std::map<const Ast*, Type> types_;
  std::map<const Ast*, int> var_index_;
};

// The value of a constant expression (2, -1/2, (1/3)); false for anything else.
bool constant_value(const Ast& a, double* out);

// Names the language gives meaning to: functions and the constants I, eye, ones.
bool is_builtin_name(const std::string& name);

}  // namespace matcalc
