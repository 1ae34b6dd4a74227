// Pass 1 of the front end: shape inference with unification (see typer.h).
#include "parse/typer.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "expr/error.h"
#include "expr/functions.h"
#include "expr/kind.h"
#include "expr/node.h"
#include "expr/structures.h"
#include "parse/ast_text.h"

namespace matcalc {

namespace {

enum class Rule {
  SquareToScalar,
  SquareToSame,
  SquareToColumn,  // eigvals, eigvec_max: n x n to n x 1
  Frechet,         // dexpm(A, E): A square, E of its shape
  AnyToScalar,
  Elementwise,
  VectorToVector,
  VectorToScalar,
  Diag,
  Vec,
  Unvec,
  Kron,
  Sized
};

struct FunctionInfo {
  const char* name;
  int min_args, max_args;
  Rule rule;
};

constexpr FunctionInfo kFunctions[] = {
    {"tr", 1, 1, Rule::SquareToScalar},  {"trace", 1, 1, Rule::SquareToScalar},
    {"det", 1, 1, Rule::SquareToScalar}, {"logdet", 1, 1, Rule::SquareToScalar},
    {"inv", 1, 1, Rule::SquareToSame},   {"sum", 1, 1, Rule::AnyToScalar},
    {"norm1", 1, 1, Rule::AnyToScalar},  {"norm2", 1, 1, Rule::AnyToScalar},
    {"diag", 1, 1, Rule::Diag},          {"vec", 1, 1, Rule::Vec},
    {"kron", 2, 2, Rule::Kron},          {"eye", 0, 1, Rule::Sized},
    {"ones", 0, 2, Rule::Sized},         {"commutation", 2, 2, Rule::Sized},
    {"unvec", 2, 2, Rule::Unvec},
};

const FunctionInfo* find_function(const std::string& name) {
  for (const FunctionInfo& f : kFunctions)
    if (name == f.name) return &f;
  // The registry's functions (expr/functions.h), by their row's shape rule.
  static const FunctionInfo by_shape[] = {
      {"", 1, 1, Rule::Elementwise},    {"", 1, 1, Rule::VectorToVector},
      {"", 1, 1, Rule::VectorToScalar}, {"", 1, 1, Rule::SquareToSame},
      {"", 1, 1, Rule::SquareToColumn}, {"", 1, 1, Rule::SquareToScalar},
      {"", 1, 1, Rule::AnyToScalar},    {"", 2, 2, Rule::Frechet}};
  if (const FunctionRow* row = find_function_row(name)) switch (row->shape) {
      case FnShape::Elementwise:
        return &by_shape[0];
      case FnShape::VectorToVector:
        return &by_shape[1];
      case FnShape::VectorToScalar:
        return &by_shape[2];
      case FnShape::SquareToSame:
        return &by_shape[3];
      case FnShape::SquareToVector:
        return &by_shape[4];
      case FnShape::SquareToScalar:
        return &by_shape[5];
      case FnShape::MatrixToScalar:
        return &by_shape[6];
      case FnShape::Frechet:
        return &by_shape[7];
    }
  return nullptr;
}

int edit_distance(const std::string& a, const std::string& b) {
  std::vector<int> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    int diag = row[0];
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      int up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

// A known function close to an unknown name: what people type from other tools first
// (norm, inverse, ln), then a name it begins (sigm), then one a typo away (sigmiod).
std::string did_you_mean(const std::string& name) {
  static const std::pair<const char*, const char*> kAliases[] = {
      {"norm", "norm2"},      {"inverse", "inv"},
      {"ln", "log"},          {"determinant", "det"},
      {"transpose", "A'"},    {"logistic", "sigmoid"},
      {"frobenius", "norm2"}, {"vecnorm", "norm2"},
      {"sig", "sigmoid"},     {"diagonal", "diag"},
      {"Tr", "tr"},           {"sigma", "sigmoid"},
      {"trace", "tr"},        {"max", "relu(z) for max(0, z)"}};
  for (auto [alias, known] : kAliases)
    if (name == alias) return std::string(" (did you mean ") + known + "?)";
  std::vector<std::string> known;
  for (const FunctionInfo& f : kFunctions) known.push_back(f.name);
  for (const FunctionRow& r : function_rows())
    if (r.id != Fn::Sign && r.id != Fn::Step) known.push_back(r.name);
  for (const std::string& k : known)
    if (name.size() >= 3 && k.size() > name.size() && k.compare(0, name.size(), name) == 0)
      return " (did you mean " + k + "?)";
  std::string best;
  int best_d = name.size() >= 6 ? 3 : 2;
  for (const std::string& k : known) {
    int d = edit_distance(name, k);
    if (d < best_d) best = k, best_d = d;
  }
  return best.empty() ? "" : " (did you mean " + best + "?)";
}

// SPEC 2's naming convention, with SPEC 6's rule for Greek names in plain input too:
// lower-case Greek (lambda, mu, sigma_1) a scalar, capital Greek (Sigma, Lambda) a matrix.
std::string convention_kind(const std::string& name) {
  if (std::string g = greek_case(name); !g.empty()) return g == "lower" ? "scalar" : "matrix";
  char c = name[0];
  if (c >= 'a' && c <= 'g') return "scalar";
  if (c >= 'h' && c <= 'z') return "vector";
  return "matrix";
}

// Why the convention made a name a scalar, for its note.
std::string convention_reason(const std::string& name) {
  return greek_case(name).empty() ? "names a to g are scalars"
                                  : "lower-case Greek names are scalars";
}

std::string plural(int n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string suggest_function(const std::string& name) { return did_you_mean(name); }

std::string greek_case(const std::string& name) {
  static const char* const kGreek[] = {"alpha",   "beta",  "gamma", "delta", "epsilon", "zeta",
                                       "eta",     "theta", "iota",  "kappa", "lambda",  "mu",
                                       "nu",      "xi",    "pi",    "rho",   "sigma",   "tau",
                                       "upsilon", "phi",   "chi",   "psi",   "omega"};
  std::string base = name.substr(0, name.find_first_of("_0123456789"));
  if (base.empty()) return "";
  std::string lower = base;
  lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  for (const char* g : kGreek)
    if (lower == g) return base[0] == lower[0] ? "lower" : "upper";
  return "";
}

std::string unknown_function_message(const std::string& name, bool latex) {
  std::string hint = did_you_mean(name);
  if (!hint.empty()) return "unknown function '" + name + "'" + hint;
  std::string out = "unknown function '" + name +
                    "': write one matcalc knows (exp, log, tanh, sigmoid, relu, softplus, "
                    "softmax, tr, det, logdet, inv, norm2, ...)";
  // A one-letter or Greek name may be a number someone multiplies by: c(x + y).
  if (name.size() == 1 || !greek_case(name).empty())
    out += ", or, if " + name + " is a number that multiplies, declare " + name +
           ": scalar and write " + (latex ? name + " \\cdot (...)" : name + "*(...)");
  return out;
}

bool is_builtin_name(const std::string& name) {
  return name == "I" || find_function(name) != nullptr;
}

Typer::Typer(const TypedSource& src, const std::vector<Decl>& decls) : src_(src) {
  for (const Decl& d : decls) {
    VarDraft v;
    v.name = d.name;
    v.props = d.props;
    v.kind = d.kind;
    v.declared = true;
    auto dim = [&](std::size_t i) {
      if (i >= d.dims.size()) return dims_.fresh(true);
      const DimSpec& s = d.dims[i];
      return s.name.empty() ? dims_.constant(s.value) : dims_.named(s.name);
    };
    if (d.kind == "scalar") {
      v.type = {dims_.one(), dims_.one()};
    } else if (d.kind == "vector") {
      v.type = {dim(0), dims_.one()};
    } else if (d.kind == "matrix" && d.dims.size() == 2) {
      v.type = {dim(0), dim(1)};
    } else if (d.kind == "matrix" && d.dims.empty()) {
      v.type = {dims_.fresh(true), dims_.fresh(true)};
    } else if (const StructureRow* row = find_structure(d.kind);
               row && row->shape == StructShape::Vector) {  // unit(n)
      v.type = {dim(0), dims_.one()};
    } else if (row && row->shape == StructShape::Tall) {  // stiefel(n,p)
      v.type = {dim(0), dim(1)};
    } else {  // square: matrix(n), symmetric, spd, diagonal, lower, skew, orthogonal, ...
      DimSolver::Id n = dim(0);
      v.type = {n, n};
    }
    vars_.push_back(v);
  }
}

const VarDraft* Typer::var_of(const Ast& a) const {
  auto it = var_index_.find(&a);
  return it == var_index_.end() ? nullptr : &vars_[it->second];
}

namespace {

std::string shortened(const std::string& text) {
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

}  // namespace

std::string Typer::quote(const Ast& a) const {
  return shortened(src_.field(a.span.begin).plain ? src_.text(a.span) : plain_text(a));
}

std::string Typer::quote_prefix(const Ast& a, std::size_t count) const {
  Span s{a.kids[0]->span.begin, a.kids[count - 1]->span.end};
  return src_.field(s.begin).plain ? src_.text(s) : plain_text_prefix(a, count);
}

void Typer::fail(const char* code, const std::string& msg, Span s) const {
  std::string text = msg;
  if (std::string(code) == "shape" && msg.find("did you mean") == std::string::npos)
    text += convention_hint(s);
  throw UserError(code, text, Source::Expression, s.begin, std::max(s.end, s.begin + 1));
}

// A shape error among names that have their shape only by the naming convention says
// so, with the declaration that changes it: t*B for a number t reads as a vector t.
std::string Typer::convention_hint(Span s) const {
  std::vector<const VarDraft*> named;
  for (const auto& [ast, index] : var_index_) {
    const VarDraft& v = vars_[index];
    if (ast->span.begin < s.begin || ast->span.end > s.end || v.declared || v.defined) continue;
    if (std::find(named.begin(), named.end(), &v) == named.end()) named.push_back(&v);
  }
  if (named.empty() || named.size() > 2) return "";
  std::string out;
  for (const VarDraft* v : named) {
    std::string other = v->kind == "vector" ? "scalar" : v->kind == "scalar" ? "vector" : "";
    if (other.empty()) continue;
    out += std::string(out.empty() ? " (" : "; ") + v->name + " is a " + v->kind +
           " only by the naming convention: if it is a " +
           (other == "scalar" ? "number" : "vector") + ", declare " + v->name + ": " + other;
  }
  return out.empty() ? "" : out + ")";
}

void Typer::require_scalar(Type t, const Ast& a, const std::string& why) {
  std::string was = shape(t);
  if (!dims_.unify(t.rows, dims_.one()) || !dims_.unify(t.cols, dims_.one()))
    fail("shape", why + ", but " + quote(a) + " is " + was, a.span);
}

void Typer::require_square(Type t, const Ast& a, const std::string& fn) {
  std::string was = shape(t);
  if (!dims_.unify(t.rows, t.cols))
    fail("shape", fn + " needs a square matrix, but " + quote(a) + " is " + was, a.span);
}

void Typer::require_vector(Type t, const Ast& a, const std::string& fn) {
  std::string was = shape(t);
  if (!dims_.unify(t.cols, dims_.one()))
    fail("shape", fn + " needs a vector, but " + quote(a) + " is " + was, a.span);
}

Type Typer::infer(const Ast& a) {
  switch (a.kind) {
    case AstKind::Num:
      return remember(a, {dims_.one(), dims_.one()});
    case AstKind::Ident:
      return remember(a, infer_ident(a));
    case AstKind::Call:
      return remember(a, infer_call(a));
    case AstKind::Neg:
      return remember(a, infer(*a.kids[0]));
    case AstKind::Transpose: {
      greek_vector(*a.kids[0]);  // theta'*x: a transposed Greek name is a vector (SPEC 6)
      Type t = infer(*a.kids[0]);
      note_convention(*a.kids[0], "it is transposed here");
      return remember(a, {t.cols, t.rows});
    }
    case AstKind::Sum:
      return remember(a, infer_sum(a));
    case AstKind::Product:
      return remember(a, infer_product(a));
    case AstKind::Power:
      return remember(a, infer_power(a));
  }
  throw InternalError("unknown ast kind");
}

void Typer::note_convention(const Ast& operand, const std::string& how) {
  if (operand.kind != AstKind::Ident) return;
  const VarDraft* v = var_of(operand);
  if (!v || v->declared || v->defined || v->kind != "scalar") return;
  for (const ConventionNote& n : notes_)
    if (n.variable == v->name) return;
  notes_.push_back({v->name,
                    v->name + " is a scalar by the naming convention (" +
                        convention_reason(v->name) + "), but " + how +
                        ": it was derived as a scalar. If " + v->name +
                        " is a vector, declare it: " + v->name + ": vector",
                    v->name + ": vector"});
}

// 1/n*norm2(X*w - y)^2, x'*y/m: a name the naming convention makes a vector or a matrix,
// met first as a divisor, is the number it must be there (a count), with a note saying
// so (SPEC 7 the other way round). A name typed already keeps its type.
void Typer::scalar_divisor(const Ast& a) {
  if (a.kind != AstKind::Ident || pending_.count(a.name) || is_builtin_name(a.name) ||
      a.name == "ones" || a.name == "eye" || dims_.has_named(a.name))
    return;
  std::string kind = convention_kind(a.name);
  // (A capital stays a matrix: A/B is refused, as MATLAB's A*inv(B) is not read.)
  if (kind != "vector") return;
  for (const VarDraft& v : vars_)
    if (v.name == a.name) return;
  VarDraft v;
  v.name = a.name;
  v.kind = "scalar";
  v.type = {dims_.one(), dims_.one()};
  vars_.push_back(v);
  notes_.push_back(
      {a.name,
       a.name + " is a " + kind + " by the naming convention, but it divides here, " +
           "where only a number can: it was read as a scalar. To make that explicit, " +
           "declare it: " + a.name + ": scalar",
       a.name + ": scalar"});
}

void Typer::greek_vector(const Ast& a) {
  if (a.kind != AstKind::Ident || greek_case(a.name) != "lower" || pending_.count(a.name)) return;
  for (const VarDraft& v : vars_)
    if (v.name == a.name) return;  // typed already: its first use decided
  VarDraft v;
  v.name = a.name;
  v.kind = "vector";
  v.type = {dims_.fresh(true), dims_.one()};
  vars_.push_back(v);
}

void Typer::define(const std::string& name, Type t) {
  pending_.erase(name);
  VarDraft v;
  v.name = name;
  v.type = t;
  v.kind = "defined";
  v.defined = true;
  v.used = true;
  vars_.push_back(v);
}

Type Typer::infer_ident(const Ast& a) {
  auto later = pending_.find(a.name);
  if (later != pending_.end() && later->second.begin < a.span.begin)  // this statement's name
    fail("parse", "'" + a.name + "' is defined in terms of itself (a cycle): use another name",
         a.span);
  if (later != pending_.end())
    fail("parse",
         "'" + a.name + "' is used before it is defined (its definition is at " +
             src_.position(later->second.begin) + ")",
         a.span);
  for (std::size_t i = 0; i < vars_.size(); ++i)
    if (vars_[i].name == a.name) {
      vars_[i].used = true;
      var_index_[&a] = static_cast<int>(i);
      return vars_[i].type;
    }
  if (a.name == "I" || a.name == "eye") {
    DimSolver::Id n = dims_.fresh();
    return {n, n};
  }
  if (a.name == "ones") return {dims_.fresh(), dims_.fresh()};
  if (find_function(a.name))
    fail("parse", "'" + a.name + "' is a function: write " + a.name + "(...)", a.span);
  // A size the declarations named (X: matrix(n)) read by the naming convention would be
  // a new vector of another size, and the shape error that follows would not say why.
  if (dims_.has_named(a.name))
    fail("parse",
         "'" + a.name +
             "' is a size in the declarations, not a variable: to use it as a number, "
             "declare it (" +
             a.name + ": scalar)",
         a.span);
  VarDraft v;
  v.name = a.name;
  v.kind = convention_kind(a.name);
  v.used = true;
  if (v.kind == "scalar")
    v.type = {dims_.one(), dims_.one()};
  else if (v.kind == "vector")
    v.type = {dims_.fresh(true), dims_.one()};
  else
    v.type = {dims_.fresh(true), dims_.fresh(true)};
  vars_.push_back(v);
  var_index_[&a] = static_cast<int>(vars_.size() - 1);
  return v.type;
}

DimSolver::Id Typer::dim_arg(const Ast& a) {
  if (a.kind == AstKind::Ident) return dims_.named(a.name);
  if (a.kind == AstKind::Product && std::all_of(a.ops.begin() + 1, a.ops.end(),
                                                [](const std::string& op) { return op == "*"; })) {
    DimSolver::Id id = dims_.one();
    for (const auto& k : a.kids) id = dims_.product(id, dim_arg(*k));
    return id;
  }
  if (a.kind == AstKind::Num && a.number >= 1 && a.number == std::floor(a.number) &&
      a.number <= 1e6)
    return dims_.constant(static_cast<long long>(a.number));
  fail("parse", "a size is a name, a positive integer or a product of those", a.span);
}

Type Typer::infer_call(const Ast& a) {
  if (differentials_ && a.name == "d" && a.kids.size() == 1) return infer(*a.kids[0]);
  for (const VarDraft& v : vars_)
    if (v.name == a.name)
      fail("parse", "'" + a.name + "' is a variable, not a function (indexing is not supported)",
           a.name_span);
  const FunctionInfo* f = find_function(a.name);
  if (!f) fail("unknown-symbol", unknown_function_message(a.name, false), a.name_span);
  int n = static_cast<int>(a.kids.size());
  if (n < f->min_args || n > f->max_args) {
    std::string want = f->min_args == f->max_args ? plural(f->min_args, "argument")
                                                  : std::to_string(f->min_args) + " to " +
                                                        std::to_string(f->max_args) + " arguments";
    fail("parse", a.name + " takes " + want + ", not " + std::to_string(n), a.span);
  }
  if (f->rule == Rule::Sized) {
    if (a.name == "eye") {
      DimSolver::Id d = n == 1 ? dim_arg(*a.kids[0]) : dims_.fresh();
      return {d, d};
    }
    if (a.name == "commutation") {  // K(m,n) vec(X) = vec(X') for X m x n
      DimSolver::Id mn = dims_.product(dim_arg(*a.kids[0]), dim_arg(*a.kids[1]));
      return {mn, mn};
    }
    if (n == 0) return {dims_.fresh(), dims_.fresh()};
    DimSolver::Id r = dim_arg(*a.kids[0]);
    return {r, n == 2 ? dim_arg(*a.kids[1]) : dims_.one()};
  }
  std::vector<Type> args;
  for (const auto& k : a.kids) {
    if (f->rule == Rule::Unvec && &k != &a.kids[0]) break;  // a size, not an expression
    args.push_back(infer(*k));
  }
  const Ast& arg = *a.kids[0];
  Type t = args[0];
  switch (f->rule) {
    case Rule::SquareToScalar:
      require_square(t, arg, a.name);
      return {dims_.one(), dims_.one()};
    case Rule::SquareToSame:
      require_square(t, arg, a.name);
      return t;
    case Rule::SquareToColumn:
      require_square(t, arg, a.name);
      return {t.rows, dims_.one()};
    case Rule::Frechet: {  // f(A, E): E a direction of A's shape
      require_square(t, arg, a.name);
      std::string want = shape(t), got = shape(args[1]);
      if (!dims_.unify(t.rows, args[1].rows) || !dims_.unify(t.cols, args[1].cols))
        fail("shape",
             a.name + "(A, E) needs a direction E of A's shape " + want + ", but " +
                 quote(*a.kids[1]) + " is " + got,
             a.kids[1]->span);
      return t;
    }
    case Rule::AnyToScalar:
      return {dims_.one(), dims_.one()};
    case Rule::Elementwise:
      return t;
    case Rule::VectorToVector:
      require_vector(t, arg, a.name);
      return t;
    case Rule::VectorToScalar:
      require_vector(t, arg, a.name);
      return {dims_.one(), dims_.one()};
    case Rule::Diag:
      if (dims_.is_one(t.cols)) return {t.rows, t.rows};  // vector -> diagonal matrix
      require_square(t, arg, "diag of a matrix");
      return {t.rows, dims_.one()};
    case Rule::Vec:
      return {dims_.product(t.rows, t.cols), dims_.one()};
    case Rule::Unvec: {  // unvec(v, r): the r-row matrix whose vec is v
      DimSolver::Id r = dim_arg(*a.kids[1]), c = dims_.fresh();
      std::string was = shape(t);
      if (!dims_.unify(t.cols, dims_.one()) || !dims_.unify(t.rows, dims_.product(r, c)))
        fail("shape",
             "unvec needs a vector whose length is a multiple of " + dims_.text(r) + ", but " +
                 quote(arg) + " is " + was,
             a.span);
      return {r, c};
    }
    case Rule::Kron:
      return {dims_.product(t.rows, args[1].rows), dims_.product(t.cols, args[1].cols)};
    case Rule::Sized:
      break;
  }
  throw InternalError("unhandled function rule");
}

Type Typer::elementwise(Type l, Type r, Span whole, const Ast& a, std::size_t count,
                        const Describe& what) {
  bool ls = is_scalar(l), rs = is_scalar(r);
  if (ls && !rs) return r;  // a scalar broadcasts
  if (rs) return l;
  std::string lt = shape(l), rt = shape(r);
  if (!dims_.unify(l.rows, r.rows) || !dims_.unify(l.cols, r.cols))
    fail("shape", shortened(quote_prefix(a, count)) + ": cannot " + what(lt, rt), whole);
  return l;
}

Type Typer::infer_sum(const Ast& a) {
  Type acc = infer(*a.kids[0]);
  for (std::size_t i = 1; i < a.kids.size(); ++i) {
    Type t = infer(*a.kids[i]);
    // A convention scalar added to a vector or matrix: b in A*x - b.
    if (is_scalar(t) && !is_scalar(acc))
      note_convention(*a.kids[i], "it is added to every entry of the " + shape(acc) + " " +
                                      (dims_.is_one(acc.cols) ? "vector" : "matrix") + " here");
    if (i == 1 && is_scalar(acc) && !is_scalar(t))
      note_convention(*a.kids[0], "it is added to every entry of the " + shape(t) + " " +
                                      (dims_.is_one(t.cols) ? "vector" : "matrix") + " here");
    bool minus = a.ops[i] == "-";
    acc =
        elementwise(acc, t, {a.span.begin, a.kids[i]->span.end}, a, i + 1,
                    [&](const std::string& lt, const std::string& rt) {
                      return minus ? "subtract " + rt + " from " + lt : "add " + lt + " and " + rt;
                    });
  }
  return acc;
}

// Whether text is one parenthesised group: "(a'*x)", not "(a'*x)*(y)".
static bool one_group(const std::string& text) {
  if (text.empty() || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
    if (depth == 0 && i + 1 < text.size()) return false;
  }
  return true;
}

// Whether a is the bare name `ones` (sized from context), not a variable.
bool Typer::bare_ones(const Ast& a) const {
  return a.kind == AstKind::Ident && a.name == "ones" && !var_of(a);
}

Type Typer::infer_product(const Ast& a) {
  Type acc = infer(*a.kids[0]);
  // ones'*A*ones: a bare ones transposed at the front of a product is the row 1', one at
  // its end the column 1 (as people write a sum of entries), not a matrix of ones.
  // (Beside a scalar, 2*ones, it keeps its size from the context.)
  const Ast& first = *a.kids[0];
  auto ones_transposed = [&](const Ast& f) {
    return f.kind == AstKind::Transpose && bare_ones(*f.kids[0]);
  };
  bool ones_row = ones_transposed(first);
  std::size_t ones_at = 0;  // where: after scalars only (2*ones'*x, lambda*ones'*x) it leads too
  // Whether a product's later operators are all divisions (x'*mu/2 ends with mu).
  auto ends = [&](std::size_t i) {
    for (std::size_t j = i + 1; j < a.kids.size(); ++j)
      if (a.ops[j] != "/") return false;
    return true;
  };
  for (std::size_t i = 1; i < a.kids.size(); ++i) {
    const Ast& rhs = *a.kids[i];
    if (is_scalar(acc) && a.ops[i] == "*" && ones_transposed(rhs)) ones_row = true, ones_at = i;
    // X*theta: a Greek name right after a matrix is the vector it multiplies (SPEC 6); after
    // a row, x'*mu, where it ends the product (x'*lambda*x keeps a scalar lambda).
    if (a.ops[i] == "*" && !is_scalar(acc) && !dims_.is_one(acc.cols) &&
        (!dims_.is_one(acc.rows) || ends(i)))
      greek_vector(rhs);
    if (a.ops[i] == "/") scalar_divisor(rhs);
    Type t = infer(rhs);
    // X'*a: a name the convention makes a scalar, multiplying a matrix from the right, where
    // a vector would stand (a scalar is written on the left, 2*A, c*X): SPEC 7's note.
    if (a.ops[i] == "*" && !is_scalar(acc) && !dims_.is_one(acc.cols) && !dims_.is_one(acc.rows))
      note_convention(rhs, "it multiplies a matrix from the right, where a vector would stand");
    // x'*g: one that ends a product after a row, where a vector would make it a scalar.
    if (a.ops[i] == "*" && !is_scalar(acc) && !dims_.is_one(acc.cols) && dims_.is_one(acc.rows) &&
        ends(i))
      note_convention(rhs,
                      "it multiplies a row vector from the right, where a vector would make "
                      "the product a scalar");
    if (i == ones_at + 1 && ones_row && a.ops[i] == "*" && !is_scalar(t))
      dims_.unify(acc.rows, dims_.one());
    if (i + 1 == a.kids.size() && bare_ones(rhs) && a.ops[i] == "*" && !is_scalar(acc))
      dims_.unify(t.cols, dims_.one());
    // ones*ones' is the outer product of two vectors of ones (the all-ones matrix).
    if (a.ops[i] == "*" && rhs.kind == AstKind::Transpose && bare_ones(*rhs.kids[0]) &&
        bare_ones(*a.kids[i - 1])) {
      dims_.unify(t.rows, dims_.one());
      dims_.unify(acc.cols, dims_.one());
    }
    const std::string& op = a.ops[i];
    // From the first factor (the product's own span may include parentheses around it).
    Span whole{a.kids[0]->span.begin, rhs.span.end};
    if (op == "/") {
      require_scalar(t, rhs, "'/' divides by a scalar (use ./ or inv() for matrices)");
    } else if (op == "*") {
      if (is_scalar(acc)) {
        acc = t;
      } else if (!is_scalar(t)) {
        std::string lt = shape(acc), rt = shape(t);
        if (!dims_.unify(acc.cols, t.rows)) {
          // Two column vectors: the product people mean is one of three.
          std::string hint;
          if (dims_.is_one(acc.cols) && dims_.is_one(t.cols)) {
            auto operand = [&](const std::string& text) {
              bool bare = std::all_of(text.begin(), text.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
              });
              return bare || one_group(text) ? text : "(" + text + ")";
            };
            std::string l = operand(quote_prefix(a, i));
            std::string r =
                operand(src_.field(rhs.span.begin).plain ? src_.text(rhs.span) : plain_text(rhs));
            hint = " (did you mean " + l + "'*" + r + ", " + l + "*" + r + "' or " + l + ".*" + r +
                   "?)";
          }
          fail("shape",
               shortened(quote_prefix(a, i + 1)) + ": cannot multiply " + lt + " by " + rt + hint,
               whole);
        }
        acc = {acc.rows, t.cols};
      }
    } else {
      const std::string verb = op == ".*" ? "multiply element-wise " : "divide element-wise ";
      acc = elementwise(acc, t, whole, a, i + 1, [&](const std::string& lt, const std::string& rt) {
        return verb + lt + " by " + rt;
      });
    }
  }
  return acc;
}

bool constant_value(const Ast& a, double* out) {
  double l, r;
  switch (a.kind) {
    case AstKind::Num:
      *out = a.number;
      return true;
    case AstKind::Neg:
      return constant_value(*a.kids[0], &l) && (*out = -l, true);
    case AstKind::Product:
      if (!constant_value(*a.kids[0], out)) return false;
      for (std::size_t i = 1; i < a.kids.size(); ++i) {
        if (!constant_value(*a.kids[i], &r)) return false;
        if (a.ops[i] == "*" || a.ops[i] == ".*")
          *out *= r;
        else if (r != 0)
          *out /= r;
        else
          return false;
      }
      return true;
    default:
      return false;
  }
}

Type Typer::infer_power(const Ast& a) {
  Type base = infer(*a.kids[0]);
  Type exponent = infer(*a.kids[1]);
  require_scalar(exponent, *a.kids[1], "an exponent must be a scalar");
  if (a.ops[0] == ".^" || is_scalar(base)) return base;
  // A^k: a matrix power needs a square matrix and an integer constant; S^p with a
  // constant non-integer p is the principal power of an spd S (SPEC 12, checked when the
  // base is built).
  double k;
  if (!constant_value(*a.kids[1], &k) || (k == std::floor(k) && std::fabs(k) > 64))
    fail("unsupported",
         "a matrix power A^k needs an integer constant k (|k| <= 64), or a constant p for "
         "the principal power S^p of an spd S; use .^ for element-wise powers",
         a.kids[1]->span);
  std::string was = shape(base);
  if (!dims_.unify(base.rows, base.cols))
    fail("shape",
         "^ is the matrix power and needs a square matrix, but " + quote(*a.kids[0]) + " is " +
             was + "; use .^ for element-wise powers",
         a.span);
  return base;
}

}  // namespace matcalc
