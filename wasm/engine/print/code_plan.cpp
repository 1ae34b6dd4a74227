// The plan of an exported module, shared by every language: the inputs and the names
// they take in the code, the sizes read from their shapes and the checks on the others,
// and the lines in order — the user's definitions, a named temporary for every node the
// value and the derivative share (a node used by two parents of the DAG), the value, the
// derivative. Each node is printed once: a later use prints its name.
#include <algorithm>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/structures.h"
#include "print/code.h"
#include "util/number.h"

namespace matcalc {

bool code_lang_from_name(const std::string& name, CodeLang* out) {
  static const std::pair<const char*, CodeLang> kNames[] = {
      {"numpy", CodeLang::NumPy}, {"torch", CodeLang::Torch},   {"pytorch", CodeLang::Torch},
      {"eigen", CodeLang::Eigen}, {"matlab", CodeLang::Matlab}, {"octave", CodeLang::Matlab}};
  for (const auto& [n, l] : kNames)
    if (name == n) return *out = l, true;
  return false;
}

const char* code_lang_name(CodeLang lang) {
  switch (lang) {
    case CodeLang::NumPy:
      return "numpy";
    case CodeLang::Torch:
      return "torch";
    case CodeLang::Eigen:
      return "eigen";
    case CodeLang::Matlab:
      return "matlab";
  }
  return "";
}

std::string code_number(double v) {
  std::string s = format_number(v);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

namespace {

bool trivial(Expr e) {
  switch (e->kind) {
    case Kind::Const:
    case Kind::Var:
    case Kind::Identity:
    case Kind::Ones:
    case Kind::Zero:
      return true;
    case Kind::Transpose:
      return e->kids[0]->kind == Kind::Var;
    default:
      return false;
  }
}

std::string declaration(const Context& ctx, const VarInfo& v) {
  Shape s = v.shape;
  if (s.scalar()) return "scalar";
  std::string r = ctx.dim_text(s.rows), c = ctx.dim_text(s.cols);
  const StructureRow* row = structure_of(v);
  if (row && row->shape == StructShape::Tall)
    return std::string(row->word) + "(" + r + ", " + c + ")";
  if (row) return std::string(row->word) + "(" + r + ")";
  if (s.cols == kDimOne) return "vector(" + r + ")";
  return "matrix(" + r + ", " + c + ")";
}

// A conventions line in code comments, in ASCII: <G, dX> for ⟨G, dX⟩, Omega, Delta.
std::string ascii_math(std::string text) {
  const std::pair<const char*, const char*> kSigns[] = {
      {"⟨", "<"}, {"⟩", ">"}, {"Ω", "Omega"}, {"Δ", "Delta"}};
  for (const auto& [from, to] : kSigns)
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at))
      text.replace(at, std::string(from).size(), to);
  return text;
}

class Planner {
 public:
  Planner(Context& ctx, const CodeRequest& req, const std::set<std::string>& reserved)
      : ctx_(ctx), b_(ctx), reserved_(reserved) {
    p_.req = req;
  }

  CodePlan run() {
    const CodeRequest& req = p_.req;
    p_.vjp = !req.value->shape.scalar();
    p_.value_shape = req.value->shape;
    p_.wrt_shape = ctx_.var(req.wrt)->shape;
    for (const std::string& name : req.inputs) add_input(*ctx_.var(name));
    for (const auto& [name, e] : req.definitions) taken_.insert(name);
    sizes();
    std::string temp_prefix = "t";
    for (const std::string& n : taken_)
      if (n.size() > 1 && n[0] == 't' && std::all_of(n.begin() + 1, n.end(), ::isdigit))
        temp_prefix = "tmp";
    temp_prefix_ = temp_prefix;
    p_.value_name = fresh(req.function_name.empty() ? "f" : req.function_name, "value");
    p_.derivative_name = fresh("grad_" + req.wrt, "grad");
    if (p_.vjp) p_.upstream_local = fresh(req.upstream, "G_upstream");
    if (p_.vjp) p_.names[b_.var(*ctx_.var(req.upstream))] = p_.upstream_local;
    lines();
    convention();
    return p_;
  }

 private:
  std::string safe(const std::string& name) {
    std::string s = name;
    while (reserved_.count(s) || taken_.count(s)) s += "_";
    return s;
  }
  std::string fresh(const std::string& want, const std::string& fallback) {
    std::string s = reserved_.count(want) || taken_.count(want) ? safe(fallback) : want;
    taken_.insert(s);
    return s;
  }

  void add_input(const VarInfo& v) {
    CodeInput in{
        v.name,         safe(v.name), v.shape, (v.props & kSymmetric) != 0, declaration(ctx_, v),
        structure_of(v)};
    taken_.insert(in.local);
    p_.names[b_.var(v)] = in.local;
    p_.inputs.push_back(in);
  }

  // Each symbol is read from the first input axis that is exactly it; every other axis
  // is checked against its size.
  void sizes() {
    std::vector<std::pair<std::string, int>> first;
    for (const CodeInput& in : p_.inputs) {
      Dim axes[2] = {in.shape.rows, in.shape.cols};
      int n = in.shape.scalar() ? 0 : in.shape.cols == kDimOne ? 1 : 2;
      for (int axis = 0; axis < n; ++axis) {
        const Monomial& m = ctx_.monomial(axes[axis]);
        if (m.coef == 1 && m.syms.size() == 1 && !p_.size_names.count(m.syms[0])) {
          std::string local = safe(ctx_.symbol_name(m.syms[0]));
          taken_.insert(local);
          p_.size_names[m.syms[0]] = local;
          p_.bindings.push_back({local, in.local, axis});
        } else {
          p_.checks.push_back({in.local, axis, axes[axis]});
        }
      }
    }
  }

  // Sizes the code needs that no input's shape gives (a value like ones(1,n)) are
  // parameters of the function.
  void size_parameters(std::vector<Expr> roots) {
    std::set<Expr> seen;
    auto need = [&](Dim d) {
      for (int s : ctx_.monomial(d).syms)
        if (!p_.size_names.count(s)) {
          p_.size_names[s] = safe(ctx_.symbol_name(s));
          taken_.insert(p_.size_names[s]);
          p_.size_params.push_back(p_.size_names[s]);
        }
    };
    while (!roots.empty()) {
      Expr e = roots.back();
      roots.pop_back();
      if (!seen.insert(e).second) continue;
      need(e->shape.rows), need(e->shape.cols);
      if (e->kind == Kind::Commutation) need(e->aux), need(static_cast<Dim>(e->value));
      roots.insert(roots.end(), e->kids.begin(), e->kids.end());
    }
  }

  // Uses of each node by distinct parents, not looking inside named nodes.
  void count(Expr e, bool root) {
    if (!root && p_.names.count(e)) return;
    if (!seen_.insert(e).second) return;
    for (Expr k : e->kids) {
      ++uses_[k];
      count(k, false);
    }
  }

  void emit(Expr e, bool in_vjp) {
    if (p_.names.count(e) || trivial(e)) return;
    visited_.insert(e);
    for (Expr k : e->kids) emit(k, in_vjp);
    if (uses_[e] < 2) return;
    std::string name = temp_prefix_ + std::to_string(++temps_);
    while (taken_.count(name) || reserved_.count(name))
      name = temp_prefix_ + std::to_string(++temps_);
    p_.names[e] = name;
    p_.lines.push_back({CodeLine::Temp, name, e, in_vjp});
  }

  void root(CodeLine::Role role, const std::string& name, Expr e, bool in_vjp) {
    if (!p_.names.count(e))
      for (Expr k : e->kids) emit(k, in_vjp);
    p_.lines.push_back({role, name, e, in_vjp});
    if (!p_.names.count(e) && !trivial(e) && !visited_.count(e)) p_.names[e] = name;
    visited_.insert(e);
  }

  void lines() {
    const CodeRequest& req = p_.req;
    Expr derivative = p_.vjp ? req.backprop : req.gradient;
    // The definitions the value and the derivative need, and their names in the code.
    std::map<std::string, std::string> def_local;
    std::set<std::string> needed;
    std::function<void(Expr)> uses = [&](Expr e) {
      if (e->kind == Kind::Var && ctx_.var(e->name) && ctx_.var(e->name)->definition)
        needed.insert(e->name);
      for (const auto& [node, name] : req.aliases)
        if (node == e) needed.insert(name);
      for (Expr k : e->kids) uses(k);
    };
    uses(req.value);
    uses(derivative);
    for (auto it = req.definitions.rbegin(); it != req.definitions.rend(); ++it)
      if (needed.count(it->first)) uses(it->second);
    for (const auto& [name, e] : req.definitions) {
      if (!needed.count(name) || name == req.wrt) continue;
      def_local[name] = safe(name);
      taken_.insert(def_local[name]);
      p_.names[b_.var(*ctx_.var(name))] = def_local[name];
    }
    // A root counts as a use: a root that is also inside an earlier line is a temporary.
    for (const auto& [name, e] : req.definitions)
      if (def_local.count(name)) count(e, true), ++uses_[e];
    count(req.value, true), ++uses_[req.value];
    count(derivative, true), ++uses_[derivative];
    // (the definitions the code computes: not the variable's own, P = M*M' by P, whose
    // sizes of M are no input's)
    std::vector<Expr> roots{req.value, derivative};
    for (const auto& [name, e] : req.definitions)
      if (def_local.count(name)) roots.push_back(e);
    size_parameters(roots);
    for (const auto& [name, e] : req.definitions) {
      if (!def_local.count(name)) continue;
      root(CodeLine::Definition, def_local[name], e, false);
      // (A node an earlier line printed in place keeps printing so.)
      for (const auto& [node, alias] : req.aliases)
        if (alias == name && !trivial(node) && !p_.names.count(node) && !visited_.count(node))
          p_.names[node] = def_local[name];
    }
    root(CodeLine::Value, p_.value_name, req.value, false);
    root(CodeLine::Derivative, p_.derivative_name, derivative, p_.vjp);
  }

  void convention() {
    const CodeRequest& req = p_.req;
    const VarInfo* w = ctx_.var(req.wrt);
    std::string f = p_.value_name, x = req.wrt;
    if (!p_.vjp)
      p_.convention = "Returns (" + f + ", " + p_.derivative_name +
                      "): the value and the gradient d" + f + "/d" + x + ", shaped like " + x +
                      " (denominator layout: d" + f + " = sum(" + p_.derivative_name + " .* d" + x +
                      ")).";
    else
      p_.convention = "Returns (" + f + ", vjp): the value (shaped like " + f +
                      ") and vjp(G), the backprop form: for a scalar phi with upstream gradient "
                      "G = dphi/d" +
                      f + " (shaped like " + f + "), vjp(G) = dphi/d" + x + ", shaped like " + x +
                      ". The Jacobian is never formed.";
    if (const StructureRow* row = structure_of(*w))
      p_.convention += " " + ascii_math(with_name(row->convention, x));
  }

  Context& ctx_;
  Build b_;
  const std::set<std::string>& reserved_;
  CodePlan p_;
  std::set<std::string> taken_;
  std::unordered_map<Expr, int> uses_;
  std::unordered_set<Expr> seen_, visited_;
  std::string temp_prefix_;
  int temps_ = 0;
};

}  // namespace

CodePlan plan_code(Context& ctx, const CodeRequest& req, const std::set<std::string>& reserved) {
  return Planner(ctx, req, reserved).run();
}

Code CodeWriter::spelled(const CodeSpelling& s, const std::vector<Code>& args, bool scalar_arg) {
  const char* form = scalar_arg && s.scalar_call ? s.scalar_call : s.call;
  if (!form) throw InternalError("a function row without its code spelling");
  std::string text = form;
  // An argument between '(' or ', ' and ')' or ',' is delimited; elsewhere (-#, # > 0)
  // it is parenthesised unless it is an atom.
  auto put = [&](const std::string& slot, const Code& with) {
    for (std::size_t at = 0; (at = text.find(slot, at)) != std::string::npos;) {
      std::size_t end = at + slot.size();
      bool open = at > 0 && (text[at - 1] == '(' || (at > 1 && text.compare(at - 2, 2, ", ") == 0));
      bool close = end < text.size() && (text[end] == ')' || text[end] == ',');
      std::string arg = open && close ? with.text : wrap(with, kCodeAtom);
      text.replace(at, slot.size(), arg);
      at += arg.size();
    }
  };
  for (std::size_t i = 0; i < args.size(); ++i) put("#" + std::to_string(i + 1), args[i]);
  put("#", args[0]);
  for (const CodeHelper& h : s.helpers) {
    if (!h.name || form != s.call) continue;  // (a scalar form needs no helper)
    bool known = false;
    for (const auto& [name, def] : row_helpers_) known = known || name == h.name;
    if (!known) row_helpers_.push_back({h.name, h.text});
  }
  if (*s.import) row_imports_.insert(s.import);
  // "#" alone (logsumexp of a 1x1 argument) is the argument itself, at its own level
  if (std::string(form) == "#") return args[0];
  return {text, s.level};
}

Code CodeWriter::render(Expr e) {
  auto it = plan_.names.find(e);
  if (it != plan_.names.end()) {
    if (used_) used_->insert(it->second);
    return {it->second, kCodeAtom};
  }
  std::vector<Code> kids;
  for (Expr k : e->kids) kids.push_back(render(k));
  return node(e, kids);
}

Code CodeWriter::render_line(const CodeLine& line) {
  auto it = plan_.names.find(line.expr);
  if (it != plan_.names.end() && it->second != line.name) return render(line.expr);
  std::vector<Code> kids;
  for (Expr k : line.expr->kids) kids.push_back(render(k));
  return node(line.expr, kids);
}

std::set<std::string> CodeWriter::names_used(bool vjp_section) {
  std::set<std::string> used;
  used_ = &used;
  for (const CodeLine& line : plan_.lines)
    if (line.in_vjp == vjp_section) render_line(line);
  used_ = nullptr;
  return used;
}

std::string CodeWriter::dim(Dim d) const {
  const Monomial& m = ctx_.monomial(d);
  std::string out = m.coef != 1 || m.syms.empty() ? std::to_string(m.coef) : "";
  for (int s : m.syms) {
    auto it = plan_.size_names.find(s);
    if (it == plan_.size_names.end())
      throw UserError("unsupported", "code export: the size " + ctx_.symbol_name(s) +
                                         " cannot be read from the shape of an input");
    out += (out.empty() ? "" : " * ") + it->second;
  }
  return out;
}

std::vector<std::string> code_header(Context& ctx, const CodePlan& plan, CodeLang lang) {
  (void)ctx;
  const CodeRequest& req = plan.req;
  std::vector<std::string> out;
  out.push_back("Exported by matcalc (" + std::string(code_lang_name(lang)) + "): the " +
                (plan.vjp ? "backprop form (vjp)" : "gradient") + " of " + plan.value_name +
                " with respect to " + req.wrt + ", where");
  std::string src = req.source;
  std::size_t start = 0;
  while (start <= src.size()) {
    std::size_t end = src.find('\n', start);
    if (end == std::string::npos) end = src.size();
    std::string line = src.substr(start, end - start);
    if (!line.empty()) out.push_back("    " + line);
    start = end + 1;
  }
  out.push_back("Inputs:");
  for (const CodeInput& in : plan.inputs)
    out.push_back("    " + in.name + ": " + in.description +
                  (in.local != in.name ? " (called " + in.local + " in this code)" : ""));
  std::string conv = plan.convention;
  while (!conv.empty()) {  // wrapped at about 88 columns
    std::size_t cut = conv.size() <= 84 ? conv.size() : conv.rfind(' ', 84);
    if (cut == std::string::npos || cut == 0) cut = std::min<std::size_t>(84, conv.size());
    out.push_back(conv.substr(0, cut));
    conv = cut < conv.size() ? conv.substr(cut + 1) : "";
  }
  return out;
}

std::string CodePlan::parameter_names() const {
  std::string out;
  for (const CodeInput& in : inputs) out += (out.empty() ? "" : ", ") + in.local;
  for (const std::string& n : size_params) out += ", " + n;
  return out;
}

CodeExport exported(const CodePlan& plan, std::string code) {
  return {std::move(code), plan.function(), plan.size_params};
}

CodeExport print_code(Context& ctx, const CodeRequest& req, CodeLang lang) {
  switch (lang) {
    case CodeLang::NumPy:
      return print_numpy(ctx, req);
    case CodeLang::Torch:
      return print_torch(ctx, req);
    case CodeLang::Eigen:
      return print_eigen(ctx, req);
    case CodeLang::Matlab:
      return print_matlab(ctx, req);
  }
  throw InternalError("print_code: unknown language");
}

}  // namespace matcalc
