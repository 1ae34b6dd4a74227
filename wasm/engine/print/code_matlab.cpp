// MATLAB / GNU Octave: a function file `[f, grad_x] = f_and_grad(...)` (or
// `[F, vjp] = f_and_vjp(...)`, vjp a handle to a local function) that runs in both.
// Vectors are columns, scalars 1x1, so every node is one operator or call; the helpers
// some function rows need are local functions after the main one.
#include "expr/error.h"
#include "expr/functions.h"
#include "print/code.h"

namespace matcalc {

namespace {

const std::set<std::string>& matlab_reserved() {
  static const std::set<std::string> kWords = {
      "break", "case",     "catch",  "classdef", "continue",   "else",      "elseif",     "end",
      "for",   "function", "global", "if",       "otherwise",  "parfor",    "persistent", "return",
      "spmd",  "switch",   "try",    "while",    "f_and_grad", "f_and_vjp", "vjp",        "eye",
      "ones",  "zeros",    "size",   "error",    "i",          "j",         "pi",         "eps",
      "inv",   "det",      "kron",   "reshape",  "sum",        "norm"};
  return kWords;
}

class MatlabWriter : public CodeWriter {
 public:
  MatlabWriter(Context& ctx, const CodePlan& plan) : CodeWriter(ctx, plan) {}
  std::string module();

 private:
  Code call(const std::string& f, const std::string& a) { return {f + "(" + a + ")"}; }
  Code helper(const std::string& name, const std::string& a) {
    helpers_.insert(name);
    return call(name, a);
  }
  Code node(Expr e, const std::vector<Code>& k) override;
  std::string inputs_and_checks(const std::string& fn);
  std::string helper_text(const std::string& name);
  std::set<std::string> helpers_;
};

Code MatlabWriter::node(Expr e, const std::vector<Code>& k) {
  switch (e->kind) {
    case Kind::Const:
      return {code_number(e->value), e->value < 0 ? kCodeUnary : kCodeAtom};
    case Kind::Var:
      throw InternalError("code export: variable " + e->name + " is not an input");
    case Kind::Identity:
      return call("eye", dim(e->shape.rows));
    case Kind::Ones:
      return call("ones", dim(e->shape.rows) + ", " + dim(e->shape.cols));
    case Kind::Zero:
      return call("zeros", dim(e->shape.rows) + ", " + dim(e->shape.cols));
    case Kind::Add: {
      std::string text;
      for (const Code& t : k) {
        bool minus = t.text[0] == '-' && t.level == kCodeProduct && !text.empty();
        text += minus ? " - " + t.text.substr(1) : (text.empty() ? "" : " + ") + t.text;
      }
      return {text, kCodeSum};
    }
    case Kind::Mul: {
      double c = e->value;
      std::string text = std::abs(c) != 1 ? code_number(std::abs(c)) : "";
      for (const Code& f : k) text += (text.empty() ? "" : " * ") + wrap(f, text.empty() ? 2 : 3);
      if (text.empty()) text = "1";
      return {(c < 0 ? "-" : "") + text, kCodeProduct};
    }
    case Kind::Hadamard: {
      std::string text;
      for (const Code& f : k) text += (text.empty() ? "" : " .* ") + wrap(f, text.empty() ? 2 : 3);
      return {text, kCodeProduct};
    }
    case Kind::Pow:
      return {wrap(k[0], kCodeAtom) + ".^" + wrap(k[1], kCodeAtom), kCodePower};
    case Kind::Func:
      return spelled(function_row(e->fn()).matlab, k, e->kids[0]->shape.scalar());
    case Kind::Transpose:
      return {wrap(k[0], kCodeAtom) + ".'"};
    case Kind::Trace:
      return call("trace", k[0].text);
    case Kind::Det:
      return call("det", k[0].text);
    case Kind::LogDet:
      return helper("mc_logabsdet", k[0].text);
    case Kind::Inverse:
      return call("inv", k[0].text);
    case Kind::Sum:
      return call("sum", "sum(" + k[0].text + ")");
    case Kind::Norm1:
      return call("sum", "sum(abs(" + k[0].text + "))");
    case Kind::Norm2:
      return call("norm", k[0].text + ", 'fro'");
    case Kind::DiagMat:
    case Kind::DiagVec:
      return call("diag", k[0].text);
    case Kind::Vec:
      return call("reshape", k[0].text + ", [], 1");
    case Kind::Kron:
      return call("kron", k[0].text + ", " + k[1].text);
    case Kind::Commutation:
      return helper("mc_commutation", dim(e->aux) + ", " + dim(static_cast<Dim>(e->value)));
    case Kind::Unvec:
      return call("reshape", k[0].text + ", " + dim(e->shape.rows) + ", " + dim(e->shape.cols));
    case Kind::Diff:
      throw InternalError("code export: a differential d(...) is not a value");
    case Kind::Inner:
      return call("sum", "sum(" + wrap(k[0], 2) + " .* " + wrap(k[1], 3) + ")");
  }
  throw InternalError("code export: unknown kind");
}

std::string MatlabWriter::helper_text(const std::string& name) {
  if (name == "mc_logabsdet")
    return "function y = mc_logabsdet(a)\n  % log|det(a)| from the LU factors\n"
           "  [~, u] = lu(a);\n  y = sum(log(abs(diag(u))));\nend\n";
  return "function k = mc_commutation(m, n)\n  % K with K vec(X) = vec(X.') for X m x n\n"
         "  k = zeros(m * n);\n  for i = 1:m\n    for j = 1:n\n"
         "      k(j + (i - 1) * n, i + (j - 1) * m) = 1;\n    end\n  end\nend\n";
}

std::string MatlabWriter::inputs_and_checks(const std::string& fn) {
  std::string s;
  for (const CodeInput& in : plan_.inputs) {
    const std::string& x = in.local;
    if (in.shape.scalar())
      s += "  if ~isscalar(" + x + "), error('" + fn + ":shape', '" + in.name +
           " must be a scalar'); end\n";
    else if (in.shape.cols == kDimOne)
      s += "  if ~isvector(" + x + "), error('" + fn + ":shape', '" + in.name +
           " must be a vector'); end\n  " + x + " = " + x + "(:);\n";
    else
      s += "  if ~ismatrix(" + x + "), error('" + fn + ":shape', '" + in.name +
           " must be a matrix'); end\n";
    if (in.symmetric)
      s += "  if norm(" + x + " - " + x + ".', 'fro') > 1e-10 * max(1, norm(" + x +
           ", 'fro')), error('" + fn + ":shape', '" + in.name + " must be symmetric'); end\n";
  }
  for (const SizeBinding& b : plan_.bindings)
    s += "  " + b.local + " = size(" + b.input + ", " + std::to_string(b.axis + 1) + ");\n";
  for (const SizeCheck& c : plan_.checks)
    s += "  if size(" + c.input + ", " + std::to_string(c.axis + 1) + ") ~= " + dim(c.dim) +
         ", error('" + fn + ":shape', '" + c.input + ": dimension " + std::to_string(c.axis + 1) +
         " must be " + dim(c.dim) + "'); end\n";
  return s;
}

std::string MatlabWriter::module() {
  const CodePlan& p = plan_;
  std::string fn = p.function();
  std::string params = p.parameter_names();
  std::string text = "function [" + p.value_name + ", " +
                     (p.vjp ? std::string("vjp") : p.derivative_name) + "] = " + fn + "(" + params +
                     ")\n";
  for (const std::string& line : code_header(ctx_, p, CodeLang::Matlab)) text += "% " + line + "\n";
  text += inputs_and_checks(fn);
  std::string main, back;
  for (const CodeLine& line : p.lines)
    (line.in_vjp ? back : main) += "  " + line.name + " = " + render_line(line).text + ";\n";
  text += main;
  if (p.vjp) {
    // The backprop lines as a local function of the upstream gradient and the names
    // they use from above (inputs, sizes, definitions, temporaries).
    std::set<std::string> used = names_used(true);
    std::string args = p.upstream_local;
    for (const auto& [sym, local] : p.size_names) used.insert(local);
    for (const CodeLine& line : p.lines)
      if (line.in_vjp) used.erase(line.name);
    for (const std::string& n : used)
      if (n != p.upstream_local) args += ", " + n;
    text += "  vjp = @(" + p.upstream_local + ") " + fn + "_backprop(" + args + ");\nend\n\n";
    text += "function " + p.derivative_name + " = " + fn + "_backprop(" + args + ")\n";
    text += "  % dphi/d" + p.req.wrt + " for the upstream gradient " + p.upstream_local +
            " = dphi/d" + p.value_name + "\n";
    text += "  " + p.upstream_local + " = reshape(" + p.upstream_local + ", " +
            dim(p.value_shape.rows) + ", " + dim(p.value_shape.cols) + ");\n";
    text += back;
  }
  text += "end\n";
  for (const std::string& h : helpers_) text += "\n" + helper_text(h);
  for (const auto& [name, def] : row_helpers_) text += "\n" + std::string(def);
  return text;
}

}  // namespace

CodeExport print_matlab(Context& ctx, const CodeRequest& req) {
  CodePlan plan = plan_code(ctx, req, matlab_reserved());
  return exported(plan, MatlabWriter(ctx, plan).module());
}

}  // namespace matcalc
