// Eigen: a header with a function template over the scalar type, returning the value and
// writing the gradient (or, for a vector or matrix value, writing vjp(G)). Vectors are
// Eigen column vectors, matrices dynamic Eigen matrices, scalars `Scalar`; every line is
// evaluated into a named `const Mat` or `const Scalar`, never an `auto` expression.
// The helpers some rows need live in a detail namespace of the header (Eigen only).
#include "expr/error.h"
#include "expr/functions.h"
#include "print/code.h"

namespace matcalc {

namespace {

const std::set<std::string>& eigen_reserved() {
  static const std::set<std::string> kWords = {
      "auto",     "bool",      "break",      "case",      "char",      "class",  "const",
      "continue", "default",   "delete",     "do",        "double",    "else",   "enum",
      "explicit", "extern",    "false",      "float",     "for",       "friend", "goto",
      "if",       "inline",    "int",        "long",      "namespace", "new",    "operator",
      "private",  "protected", "public",     "return",    "short",     "signed", "sizeof",
      "static",   "struct",    "switch",     "template",  "this",      "throw",  "true",
      "try",      "typedef",   "typename",   "union",     "unsigned",  "using",  "virtual",
      "void",     "volatile",  "while",      "Scalar",    "Mat",       "Vec",    "Eigen",
      "std",      "detail",    "f_and_grad", "f_and_vjp", "and",       "or",     "not",
      "xor"};
  return kWords;
}

class EigenWriter : public CodeWriter {
 public:
  EigenWriter(Context& ctx, const CodePlan& plan) : CodeWriter(ctx, plan) {}
  std::string module();

 private:
  Code method(const Code& a, const std::string& m) { return {wrap(a, kCodeAtom) + "." + m}; }
  Code helper(const std::string& name, const std::string& args) {
    helpers_.insert(name);
    return {"detail::" + name + "<Scalar>(" + args + ")"};
  }
  Code node(Expr e, const std::vector<Code>& k) override;
  std::string type(Shape s) { return s.scalar() ? "Scalar" : s.cols == kDimOne ? "Vec" : "Mat"; }
  std::string helper_text(const std::string& name);
  std::set<std::string> helpers_;
};

Code EigenWriter::node(Expr e, const std::vector<Code>& k) {
  bool scalar = e->shape.scalar();
  bool kid_scalar = !e->kids.empty() && e->kids[0]->shape.scalar();
  std::string rc = dim(e->shape.rows) + ", " + dim(e->shape.cols);
  switch (e->kind) {
    case Kind::Const:
      return {"Scalar(" + code_number(e->value) + ")"};
    case Kind::Var:
      throw InternalError("code export: variable " + e->name + " is not an input");
    case Kind::Identity:
      return {scalar ? "Scalar(1)" : "Mat::Identity(" + rc + ")"};
    case Kind::Ones:
      return {scalar ? "Scalar(1)" : "Mat::Ones(" + rc + ")"};
    case Kind::Zero:
      return {scalar ? "Scalar(0)" : "Mat::Zero(" + rc + ")"};
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
      std::vector<std::string> parts;
      if (std::abs(c) != 1) parts.push_back("Scalar(" + code_number(std::abs(c)) + ")");
      std::string chain;
      int chained = 0;
      for (std::size_t i = 0; i < k.size(); ++i) {
        if (static_cast<int>(i) < e->aux || e->kids[i]->shape.scalar()) {
          parts.push_back(wrap(k[i], parts.empty() ? 2 : 3));
          continue;
        }
        chain += (chain.empty() ? "" : " * ") + wrap(k[i], chain.empty() ? 2 : 3);
        ++chained;
      }
      if (!chain.empty()) {
        if (scalar)
          chain = "Mat(" + chain + ")(0, 0)";
        else if (chained > 1 && !parts.empty())
          chain = "(" + chain + ")";
        parts.push_back(chain);
      }
      std::string text;
      for (const std::string& p : parts) text += (text.empty() ? "" : " * ") + p;
      if (text.empty()) text = "Scalar(1)";
      return {(c < 0 ? "-" : "") + text, kCodeProduct};
    }
    case Kind::Hadamard: {
      if (scalar) {
        std::string text;
        for (const Code& f : k) text += (text.empty() ? "" : " * ") + wrap(f, text.empty() ? 2 : 3);
        return {text, kCodeProduct};
      }
      Code acc = k[0];
      for (std::size_t i = 1; i < k.size(); ++i)
        acc = method(acc, "cwiseProduct(" + k[i].text + ")");
      return acc;
    }
    case Kind::Pow:
      if (scalar) return {"std::pow(" + k[0].text + ", " + k[1].text + ")"};
      return method(k[0], "array().pow(" + k[1].text + ").matrix()");
    case Kind::Func: {
      // An element-wise row's spelling is the function of one entry, v: applied to each.
      const FunctionRow& row = function_row(e->fn());
      if (row.shape != FnShape::Elementwise || kid_scalar) return spelled(row.eigen, k, kid_scalar);
      Code entry = spelled(row.eigen, {Code{"v"}}, true);
      return method(k[0], "unaryExpr([](Scalar v) { return " + entry.text + "; })");
    }
    case Kind::Transpose:
      return scalar ? k[0] : method(k[0], "transpose()");
    case Kind::Trace:
      return kid_scalar ? k[0] : method(k[0], "trace()");
    case Kind::Det:
      return kid_scalar ? k[0] : method(k[0], "determinant()");
    case Kind::LogDet:
      return kid_scalar ? Code{"std::log(std::abs(" + k[0].text + "))"}
                        : helper("logabsdet", k[0].text);
    case Kind::Inverse:
      return kid_scalar ? Code{"Scalar(1) / " + wrap(k[0], kCodeAtom), kCodeProduct}
                        : method(k[0], "inverse()");
    case Kind::Sum:
      return kid_scalar ? k[0] : method(k[0], "sum()");
    case Kind::Norm1:
      return kid_scalar ? Code{"std::abs(" + k[0].text + ")"} : method(k[0], "cwiseAbs().sum()");
    case Kind::Norm2:
      return kid_scalar ? Code{"std::abs(" + k[0].text + ")"} : method(k[0], "norm()");
    case Kind::DiagMat:
      return scalar ? k[0] : Code{"Mat(Mat(" + k[0].text + ").col(0).asDiagonal())"};
    case Kind::DiagVec:
      return scalar ? k[0] : Code{"Mat(" + method(k[0], "diagonal()").text + ")"};
    case Kind::Vec:
      return scalar ? k[0] : Code{"Mat(Mat(" + k[0].text + ").reshaped())"};
    case Kind::Kron:
      if (kid_scalar || e->kids[1]->shape.scalar())
        return {wrap(k[0], 2) + " * " + wrap(k[1], 3), kCodeProduct};
      return helper("kron", k[0].text + ", " + k[1].text);
    case Kind::Commutation:
      if (scalar) return {"Scalar(1)"};
      return helper("commutation", dim(e->aux) + ", " + dim(static_cast<Dim>(e->value)));
    case Kind::Unvec:
      return scalar ? k[0] : Code{"Mat(Mat(" + k[0].text + ").reshaped(" + rc + "))"};
    case Kind::Diff:
      throw InternalError("code export: a differential d(...) is not a value");
    case Kind::Inner:
      if (kid_scalar) return {wrap(k[0], 2) + " * " + wrap(k[1], 3), kCodeProduct};
      return method(k[0], "cwiseProduct(" + k[1].text + ").sum()");
  }
  throw InternalError("code export: unknown kind");
}

std::string EigenWriter::helper_text(const std::string& name) {
  const std::string t = "template <typename S>\n";
  const std::string m = "Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>";
  if (name == "logabsdet")
    return t + "S logabsdet(const " + m + "& a) {  // log|det(a)| from the LU factors\n" +
           "  Eigen::PartialPivLU<" + m + "> lu(a);\n  S s = 0;\n" +
           "  for (Eigen::Index i = 0; i < a.rows(); ++i) s += std::log(std::abs(lu.matrixLU()(i, "
           "i)));\n" +
           "  return s;\n}\n";
  if (name == "kron")
    return t + m + " kron(const " + m + "& a, const " + m + "& b) {\n  " + m +
           " out(a.rows() * b.rows(), a.cols() * b.cols());\n" +
           "  for (Eigen::Index i = 0; i < a.rows(); ++i)\n" +
           "    for (Eigen::Index j = 0; j < a.cols(); ++j)\n" +
           "      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;\n" +
           "  return out;\n}\n";
  return t + m +
         " commutation(Eigen::Index m, Eigen::Index n) {  // K vec(X) = vec(X') for X m x n\n  " +
         m + " k = " + m + "::Zero(m * n, m * n);\n" +
         "  for (Eigen::Index i = 0; i < m; ++i)\n    for (Eigen::Index j = 0; j < n; ++j) k(j + i "
         "* n, i + j * m) = 1;\n" +
         "  return k;\n}\n";
}

std::string EigenWriter::module() {
  const CodePlan& p = plan_;
  std::string fn = p.function();
  std::string params;
  auto param_type = [&](Shape s) {
    return s.scalar() ? std::string("const Scalar ")
                      : "const Eigen::Matrix<Scalar, Eigen::Dynamic, " +
                            std::string(s.cols == kDimOne ? "1" : "Eigen::Dynamic") + ">& ";
  };
  auto out_type = [&](Shape s) {
    return s.scalar() ? std::string("Scalar")
                      : "Eigen::Matrix<Scalar, Eigen::Dynamic, " +
                            std::string(s.cols == kDimOne ? "1" : "Eigen::Dynamic") + ">";
  };
  for (const CodeInput& in : p.inputs) params += param_type(in.shape) + in.local + ",\n    ";
  for (const std::string& n : p.size_params) params += "Eigen::Index " + n + ",\n    ";
  if (p.vjp) params += param_type(p.value_shape) + p.upstream_local + ",\n    ";
  params += out_type(p.wrt_shape) + "& " + p.derivative_name;
  std::string body = "  using Mat = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;\n";
  body += "  using Vec = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;\n";
  for (const SizeBinding& b : p.bindings)
    body += "  const Eigen::Index " + b.local + " = " + b.input + (b.axis ? ".cols()" : ".rows()") +
            ";\n";
  auto check = [&](const std::string& cond, const std::string& what) {
    body += "  if (" + cond + ") throw std::invalid_argument(\"" + fn + ": " + what + "\");\n";
  };
  for (const SizeCheck& c : p.checks)
    check(c.input + (c.axis ? ".cols()" : ".rows()") + " != " + dim(c.dim),
          c.input + (c.axis ? " must have " : " must have ") + dim(c.dim) +
              (c.axis ? " columns" : " rows"));
  for (const CodeInput& in : p.inputs)
    if (in.symmetric)
      check("!" + in.local + ".isApprox(" + in.local + ".transpose())",
            in.name + " must be symmetric");
  if (p.vjp)
    check(p.upstream_local + ".rows() != " + dim(p.value_shape.rows) + " || " + p.upstream_local +
              ".cols() != " + dim(p.value_shape.cols),
          p.upstream_local + " must be shaped like the value");
  for (const CodeLine& line : p.lines) {
    std::string rhs = render_line(line).text;
    if (line.role == CodeLine::Derivative)
      body += "  " + line.name + " = " + rhs + ";\n";
    else
      body += "  const " + type(line.expr->shape) + " " + line.name + " = " + rhs + ";\n";
  }
  body += "  return " + p.value_name + ";\n";
  std::string text;
  for (const std::string& line : code_header(ctx_, p, CodeLang::Eigen)) text += "// " + line + "\n";
  text += "// The sizes come from the arguments; a mismatch throws std::invalid_argument.\n";
  text += "#pragma once\n\n#include <Eigen/Dense>\n#include <cmath>\n#include <stdexcept>\n";
  for (const std::string& header : row_imports_) text += "#include <" + header + ">\n";
  text += "\n";
  if (!helpers_.empty() || !row_helpers_.empty()) {
    text += "namespace detail {\n\n";
    for (const std::string& h : helpers_) text += helper_text(h) + "\n";
    for (const auto& [name, def] : row_helpers_) text += def + "\n";
    text += "}  // namespace detail\n\n";
  }
  text += "template <typename Scalar>\n" + out_type(p.value_shape) + " " + fn + "(\n    " + params +
          ") {\n" + body + "}\n";
  return text;
}

}  // namespace

CodeExport print_eigen(Context& ctx, const CodeRequest& req) {
  CodePlan plan = plan_code(ctx, req, eigen_reserved());
  return exported(plan, EigenWriter(ctx, plan).module());
}

}  // namespace matcalc
