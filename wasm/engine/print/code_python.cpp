// The Python writer shared by NumPy and torch (the library is a PyLib table). Inside
// the function every vector is a column (a 2-D array, n x 1) and every matrix 2-D, so
// products are `@` exactly as in the IR; scalars are floats (0-d tensors for torch).
// The arguments are converted and their shapes checked on the way in, and vectors go
// back to 1-D on the way out.
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/structures.h"
#include "print/code.h"

namespace matcalc {

namespace {

const std::set<std::string>& python_reserved() {
  static const std::set<std::string> kWords = {"False",     "None",
                                               "True",      "and",
                                               "as",        "assert",
                                               "async",     "await",
                                               "break",     "class",
                                               "continue",  "def",
                                               "del",       "elif",
                                               "else",      "except",
                                               "finally",   "for",
                                               "from",      "global",
                                               "if",        "import",
                                               "in",        "is",
                                               "lambda",    "nonlocal",
                                               "not",       "or",
                                               "pass",      "raise",
                                               "return",    "try",
                                               "while",     "with",
                                               "yield",     "np",
                                               "math",      "torch",
                                               "float",     "dict",
                                               "max",       "abs",
                                               "range",     "f_and_grad",
                                               "f_and_vjp", "check_gradient",
                                               "vjp",       "directions",
                                               "eps",       "seed",
                                               "ValueError"};
  return kWords;
}

class PythonWriter : public CodeWriter {
 public:
  PythonWriter(Context& ctx, const CodePlan& plan, const PyLib& lib)
      : CodeWriter(ctx, plan), lib_(lib), m_(lib.mod) {}

  std::string module();

 private:
  std::string call(const std::string& f, const std::vector<Code>& args) {
    std::string out = f + "(";
    for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i].text;
    return out + ")";
  }
  // A constant-only scalar as a torch function's argument must be a tensor.
  Code tensor_arg(Expr e, const Code& c) {
    if (!lib_.torch || !e->shape.scalar() || e->has_var) return c;
    return {"torch.tensor(" + c.text + ", dtype=torch.float64)", kCodeAtom};
  }
  std::string dims(Shape s) { return dim(s.rows) + ", " + dim(s.cols); }
  std::string filled(const char* what, Shape s) {
    if (lib_.torch) return std::string("torch.") + what + "(" + dims(s) + ", dtype=torch.float64)";
    return std::string("np.") + what + "((" + dims(s) + "))";
  }

  Code mul(Expr e, const std::vector<Code>& k);
  Code node(Expr e, const std::vector<Code>& k) override;
  std::string convert_input(const CodeInput& in);
  std::string out(Shape s, const std::string& text);
  std::string check_gradient();

  const PyLib& lib_;
  std::string m_;
  std::set<std::string> helpers_;
};

Code PythonWriter::mul(Expr e, const std::vector<Code>& k) {
  std::vector<std::string> parts;
  double c = e->value;
  if (std::abs(c) != 1) parts.push_back(code_number(std::abs(c)));
  for (int i = 0; i < e->aux; ++i) parts.push_back(wrap(k[i], parts.empty() ? 2 : 3));
  std::string chain;
  int chained = 0;
  for (std::size_t i = e->aux; i < k.size(); ++i) {
    if (e->kids[i]->shape.scalar()) {  // a 1x1 factor of the chain is a scalar here
      parts.push_back(wrap(k[i], parts.empty() ? 2 : 3));
      continue;
    }
    chain += (chain.empty() ? "" : " @ ") + wrap(k[i], chain.empty() ? 2 : 3);
    ++chained;
  }
  if (!chain.empty()) {
    if (e->shape.scalar())
      chain = "(" + chain + ")[0, 0]";
    else if (chained > 1 && !parts.empty())
      chain = "(" + chain + ")";
    parts.push_back(chain);
  }
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : " * ") + p;
  if (text.empty()) text = "1.0";
  if (c < 0) return {"-" + text, kCodeProduct};
  return {text, parts.size() == 1 && chained <= 1 ? (k.empty() ? kCodeAtom : kCodeProduct)
                                                  : kCodeProduct};
}

Code PythonWriter::node(Expr e, const std::vector<Code>& k) {
  bool scalar = e->shape.scalar();
  std::string la = m_ + ".linalg.";
  switch (e->kind) {
    case Kind::Const:
      return {code_number(e->value), e->value < 0 ? kCodeUnary : kCodeAtom};
    case Kind::Var:
      throw InternalError("code export: variable " + e->name + " is not an input");
    case Kind::Identity:
      if (scalar) return {"1.0", kCodeAtom};
      return {lib_.torch ? "torch.eye(" + dim(e->shape.rows) + ", dtype=torch.float64)"
                         : "np.eye(" + dim(e->shape.rows) + ")",
              kCodeAtom};
    case Kind::Ones:
      return {scalar ? "1.0" : filled("ones", e->shape), kCodeAtom};
    case Kind::Zero:
      return {scalar ? "0.0" : filled("zeros", e->shape), kCodeAtom};
    case Kind::Add: {
      std::string text;
      for (const Code& t : k) {
        bool minus = t.text[0] == '-' && t.level == kCodeProduct && !text.empty();
        if (minus)
          text += " - " + t.text.substr(1);
        else
          text += (text.empty() ? "" : " + ") + t.text;
      }
      return {text, kCodeSum};
    }
    case Kind::Mul:
      return mul(e, k);
    case Kind::Hadamard: {
      std::string text;
      for (const Code& f : k) text += (text.empty() ? "" : " * ") + wrap(f, text.empty() ? 2 : 3);
      return {text, kCodeProduct};
    }
    case Kind::Pow: {
      std::string p = e->kids[1]->kind == Kind::Const ? k[1].text : wrap(k[1], kCodeAtom);
      return {wrap(k[0], kCodeAtom) + " ** " + p, kCodePower};
    }
    case Kind::Func: {
      const FunctionRow& row = function_row(e->fn());
      std::vector<Code> args = k;
      args[0] = tensor_arg(e->kids[0], k[0]);
      return spelled(lib_.torch ? row.torch : row.numpy, args, e->kids[0]->shape.scalar());
    }
    case Kind::Transpose:
      return scalar ? k[0] : Code{wrap(k[0], kCodeAtom) + ".T", kCodeAtom};
    case Kind::Trace:
      return scalar && e->kids[0]->shape.scalar() ? k[0] : Code{call(m_ + ".trace", k)};
    case Kind::Det:
      return e->kids[0]->shape.scalar() ? k[0] : Code{call(la + "det", k)};
    case Kind::LogDet:
      if (e->kids[0]->shape.scalar())
        return {m_ + ".log(" + m_ + ".abs(" + tensor_arg(e->kids[0], k[0]).text + "))"};
      return {call(la + "slogdet", k) + "[1]"};
    case Kind::Inverse:
      if (e->kids[0]->shape.scalar()) return {"1.0 / " + wrap(k[0], kCodePower), kCodeProduct};
      return {call(la + "inv", k)};
    case Kind::Sum:
      return e->kids[0]->shape.scalar() ? k[0] : Code{call(m_ + ".sum", k)};
    case Kind::Norm1:
      if (e->kids[0]->shape.scalar())
        return {m_ + ".abs(" + tensor_arg(e->kids[0], k[0]).text + ")"};
      return {m_ + ".sum(" + m_ + ".abs(" + k[0].text + "))"};
    case Kind::Norm2:
      if (e->kids[0]->shape.scalar())
        return {m_ + ".abs(" + tensor_arg(e->kids[0], k[0]).text + ")"};
      return {call(la + "norm", k)};
    case Kind::DiagMat:
      return scalar ? k[0] : Code{m_ + ".diag(" + wrap(k[0], kCodeAtom) + "[:, 0])"};
    case Kind::DiagVec:
      if (scalar) return k[0];
      return {(lib_.torch ? "torch.diagonal(" : "np.diag(") + k[0].text + ").reshape(-1, 1)"};
    case Kind::Vec:
      return scalar ? k[0] : Code{wrap(k[0], kCodeAtom) + ".T.reshape(-1, 1)"};
    case Kind::Kron:
      if (e->kids[0]->shape.scalar() || e->kids[1]->shape.scalar())
        return {wrap(k[0], 2) + " * " + wrap(k[1], 3), kCodeProduct};
      return {call(m_ + ".kron", k)};
    case Kind::Commutation:
      if (scalar) return {"1.0"};
      helpers_.insert("_commutation");
      return {"_commutation(" + dim(e->aux) + ", " + dim(static_cast<Dim>(e->value)) + ")"};
    case Kind::Unvec:  // column-major: the columns of the result are consecutive slices
      if (scalar) return k[0];
      return {wrap(k[0], kCodeAtom) + ".reshape(" + dim(e->shape.cols) + ", " + dim(e->shape.rows) +
              ").T"};
    case Kind::Diff:
      throw InternalError("code export: a differential d(...) is not a value");
    case Kind::Inner:
      if (e->kids[0]->shape.scalar()) return {wrap(k[0], 2) + " * " + wrap(k[1], 3), kCodeProduct};
      return {m_ + ".sum(" + wrap(k[0], 2) + " * " + wrap(k[1], 3) + ")"};
  }
  throw InternalError("code export: unknown kind");
}

std::string PythonWriter::convert_input(const CodeInput& in) {
  const std::string& x = in.local;
  std::string conv = lib_.torch ? "torch.as_tensor(" + x + ", dtype=torch.float64)"
                                : "np.asarray(" + x + ", dtype=float)";
  std::string ndim = lib_.torch ? x + ".dim()" : x + ".ndim";
  if (in.shape.scalar()) {
    if (!lib_.torch) return "    " + x + " = float(" + x + ")\n";
    return "    " + x + " = " + conv + "\n    if " + ndim + " != 0:\n        raise ValueError(\"" +
           in.name + " must be a scalar\")\n";
  }
  int n = in.shape.cols == kDimOne ? 1 : 2;
  std::string what = n == 1 ? "a 1-D array (a vector)" : "a 2-D array (a matrix)";
  std::string out = "    " + x + " = " + conv + "\n    if " + ndim + " != " + std::to_string(n) +
                    ":\n        raise ValueError(f\"" + in.name + " must be " + what +
                    ", got shape {tuple(" + x + ".shape)}\")\n";
  return out;
}

std::string PythonWriter::out(Shape s, const std::string& text) {
  if (s.scalar())
    return lib_.torch ? "torch.as_tensor(" + text + ", dtype=torch.float64)"
                      : "float(" + text + ")";
  if (s.cols == kDimOne) return text + ".reshape(-1)";
  return text;
}

std::string PythonWriter::module() {
  const CodePlan& p = plan_;
  std::string fn = p.function();
  std::string params = p.parameter_names();
  std::string body;
  for (const CodeInput& in : p.inputs) body += convert_input(in);
  for (const SizeBinding& b : p.bindings)
    body += "    " + b.local + " = " + b.input + ".shape[" + std::to_string(b.axis) + "]\n";
  for (const SizeCheck& c : p.checks)
    body += "    if " + c.input + ".shape[" + std::to_string(c.axis) + "] != " + dim(c.dim) +
            ":\n        raise ValueError(f\"" + c.input + ".shape[" + std::to_string(c.axis) +
            "] must be " + dim(c.dim) + " = {" + dim(c.dim) + "}, got {" + c.input + ".shape[" +
            std::to_string(c.axis) + "]}\")\n";
  for (const CodeInput& in : p.inputs) {
    if (in.symmetric)
      body += "    if not " + m_ + ".allclose(" + in.local + ", " + in.local +
              ".T):\n        raise ValueError(\"" + in.name + " must be symmetric\")\n";
    if (!in.shape.scalar() && in.shape.cols == kDimOne)
      body += "    " + in.local + " = " + in.local + ".reshape(-1, 1)\n";
  }
  std::string vjp_body;
  for (const CodeLine& line : p.lines) {
    std::string text = line.name + " = " + render_line(line).text + "\n";
    (line.in_vjp ? vjp_body : body) += (line.in_vjp ? "        " : "    ") + text;
  }
  if (!p.vjp) {
    body += "    return " + out(Shape{}, p.value_name) + ", " +
            out(p.wrt_shape, p.derivative_name) + "\n";
  } else {
    const std::string& g = p.upstream_local;
    std::string expect = p.value_shape.cols == kDimOne ? "(" + dim(p.value_shape.rows) + ",)"
                                                       : "(" + dims(p.value_shape) + ")";
    std::string head = "    def vjp(" + g + "):\n        \"\"\"dphi/d" + p.req.wrt +
                       " for the upstream gradient " + g + " = dphi/d" + p.value_name + ".\"\"\"\n";
    head += "        " + g + " = " +
            (lib_.torch ? "torch.as_tensor(" + g + ", dtype=torch.float64)"
                        : "np.asarray(" + g + ", dtype=float)") +
            "\n        if tuple(" + g + ".shape) != " + expect +
            ":\n            raise ValueError(f\"" + g + " must have shape " + expect +
            ", got {tuple(" + g + ".shape)}\")\n";
    head += "        " + g + " = " + g + ".reshape(" + dims(p.value_shape) + ")\n";
    body += head + vjp_body + "        return " + out(p.wrt_shape, p.derivative_name) + "\n\n";
    body += "    return " + out(p.value_shape, p.value_name) + ", vjp\n";
  }
  std::string text;
  for (const std::string& line :
       code_header(ctx_, plan_, lib_.torch ? CodeLang::Torch : CodeLang::NumPy))
    text += "# " + line + "\n";
  bool math = row_imports_.erase("math") > 0;
  text += std::string(math ? "import math\n\n" : "") +
          (lib_.torch ? "import torch\n" : "import numpy as np\n");
  for (const std::string& m : row_imports_) text += "import " + m + "\n";
  for (const std::string& h : helpers_) text += "\n\n" + lib_.helper(h);
  for (const auto& [name, def] : row_helpers_) text += "\n\n" + def;
  text += "\n\ndef " + fn + "(" + params + "):\n";
  text += "    \"\"\"" + std::string(p.vjp ? "The value and vjp" : "The value and the gradient") +
          " (see the header).\"\"\"\n";
  return text + body + "\n\n" + check_gradient();
}

// A row's projection onto the tangent space in NumPy or torch: '#' the direction _h, '%'
// the point _x, '$' the module.
std::string tangent_code(const char* text, const std::string& module) {
  std::string out;
  for (const char* c = text; *c; ++c)
    out += *c == '#'   ? std::string("_h")
           : *c == '%' ? std::string("_x")
           : *c == '$' ? module
                       : std::string(1, *c);
  return out;
}

// Central differences along random directions (symmetric for a symmetric variable)
// against <gradient, direction>: the largest relative error.
std::string PythonWriter::check_gradient() {
  const CodePlan& p = plan_;
  std::string x;
  const StructureRow* structure = nullptr;
  for (const CodeInput& in : p.inputs)
    if (in.name == p.req.wrt) x = in.local, structure = in.structure;
  std::string params, args;
  for (const CodeInput& in : p.inputs) {
    params += in.local + ", ";
    args += (args.empty() ? "" : ", ") + in.local + "=" + in.local;
  }
  for (const std::string& n : p.size_params) params += n + ", ", args += ", " + n + "=" + n;
  bool t = lib_.torch;
  std::string fn = p.function();
  std::string s;
  s += "def check_gradient(" + params + "directions=6, eps=1e-6, seed=0):\n";
  s += "    \"\"\"The largest relative error of the " + std::string(p.vjp ? "vjp" : "gradient") +
       " against central differences of " + fn + " along random directions.\"\"\"\n";
  s += "    _inputs = dict(" + args + ")\n";
  s += t ? "    _gen = torch.Generator().manual_seed(seed)\n"
           "    _randn = lambda shape: torch.randn(tuple(shape), generator=_gen, "
           "dtype=torch.float64)\n"
           "    _x = torch.as_tensor(" +
               x + ", dtype=torch.float64)\n"
         : "    _rng = np.random.default_rng(seed)\n    _randn = _rng.standard_normal\n"
           "    _x = np.asarray(" +
               x + ", dtype=float)\n";
  std::string sum = t ? "float(torch.sum(" : "float(np.sum(";
  if (p.vjp) {
    s += "    _value, _vjp = " + fn + "(**_inputs)\n    _up = _randn(_value.shape)\n";
    s += "    _grad = _vjp(_up)\n    _phi = lambda v: " + sum + "_up * v))\n";
  } else {
    s += "    _value, _grad = " + fn + "(**_inputs)\n    _phi = lambda v: float(v)\n";
  }
  s += "    _worst = 0.0\n    for _ in range(directions):\n        _h = _randn(_x.shape)\n";
  // A structured variable moves along its tangent directions only (SPEC 13).
  if (structure) s += "        _h = " + tangent_code(structure->tangent_python, m_) + "\n";
  s += "        _plus = _phi(" + fn + "(**dict(_inputs, " + x + "=_x + eps * _h))[0])\n";
  s += "        _minus = _phi(" + fn + "(**dict(_inputs, " + x + "=_x - eps * _h))[0])\n";
  s += "        _fd = (_plus - _minus) / (2 * eps)\n";
  s += "        _exact = " + sum + "_grad * _h))\n";
  s += "        _worst = max(_worst, abs(_fd - _exact) / max(1.0, abs(_fd), abs(_exact)))\n";
  s += "    return _worst\n";
  return s;
}

}  // namespace

CodeExport print_python(Context& ctx, const CodeRequest& req, const PyLib& lib) {
  CodePlan plan = plan_code(ctx, req, python_reserved());
  return exported(plan, PythonWriter(ctx, plan, lib).module());
}

}  // namespace matcalc
