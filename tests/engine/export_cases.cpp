// Prepares the export test's cases (see export_cases.h): the worked examples and 300
// random scalar plus 60 random vector- or matrix-valued expressions over the test
// Universe, each derived, evaluated at inputs where it is defined, and exported.
#include "export_cases.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "api/export.h"
#include "derive/program.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "expr/structures.h"
#include "json_cases.h"
#include "numeric/check.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {

namespace {

constexpr int kRandomScalar = 300;
constexpr int kRandomMatrix = 60;

std::string kind_of(Shape s) {
  return s.scalar() ? "scalar" : s.cols == matcalc::kDimOne ? "vector" : "matrix";
}

std::set<std::string> used_variables(Expr e) {
  std::set<std::string> out;
  std::set<Expr> seen;
  std::function<void(Expr)> walk = [&](Expr x) {
    if (!seen.insert(x).second) return;
    if (x->kind == Kind::Var) out.insert(x->name);
    for (Expr k : x->kids) walk(k);
  };
  walk(e);
  return out;
}

void prepare(Prepared& p, const std::string& dir) {
  using namespace matcalc;
  try {
    Context ctx;
    Program program = build_program(ctx, p.expr, p.decls);
    DeriveOptions opt;
    opt.check_steps = false;
    Derivation d = derive_program(ctx, program, p.wrt, opt);
    Build b(ctx);
    Expr f = inline_definitions(b, program.objective);
    bool scalar = f->shape.scalar();
    Expr deriv = inline_definitions(b, scalar ? d.result : d.backprop);
    Instance in;
    std::string which;
    if (!usable_instance(ctx, f, deriv, 1, &in, &which)) return void(p.skip = "no usable inputs");
    std::set<std::string> used = used_variables(f);
    used.insert(p.wrt);
    for (const VarInfo& v : ctx.vars())
      if (used.count(v.name) && !v.definition)
        p.inputs.push_back({v.name, kind_of(v.shape), in.values.at(v.name)});
    if (!scalar) {
      Rng rng(7);
      Matrix g(dim_value(ctx, in, f->shape.rows), dim_value(ctx, in, f->shape.cols));
      for (Eigen::Index i = 0; i < g.size(); ++i) g.data()[i] = rng.uniform(-1, 1);
      in.values[d.upstream] = g;
      p.upstream = g;
    }
    for (int s = 0; s < ctx.num_symbols(); ++s) p.sizes[ctx.symbol_name(s)] = in.sizes.at(s);
    Evaluator ev(ctx, in);
    p.value = ev.eval(f);
    p.derivative = ev.eval(deriv);
    if (!p.value.allFinite() || !p.derivative.allFinite())
      return void(p.skip = "not finite at the inputs");
    p.value_kind = kind_of(f->shape);
    p.wrt_kind = kind_of(ctx.var(p.wrt)->shape);
    p.symmetric = ctx.var(p.wrt)->props & kSymmetric;
    if (const StructureRow* row = structure_of(*ctx.var(p.wrt))) p.tangent = row->tangent_python;
    p.function = scalar ? "f_and_grad" : "f_and_vjp";
  } catch (const UserError& e) {
    return void(p.skip = std::string("not derived: ") + e.what());
  }
  for (const char* lang : {"numpy", "torch", "eigen", "matlab"}) {
    Outcome out = export_code(ExportRequest{p.expr, p.wrt, p.decls, lang});
    p.code[lang] = out.ok ? out.text : "";
    std::size_t at = out.json.find("\"sizes\":[");
    if (out.ok && std::string(lang) == "matlab" && at != std::string::npos) {
      std::string list = out.json.substr(at + 9, out.json.find(']', at) - at - 9);
      for (std::size_t q = list.find('"'); q != std::string::npos; q = list.find('"', q + 1)) {
        std::size_t end = list.find('"', q + 1);
        p.size_params.push_back(list.substr(q + 1, end - q - 1));
        q = end;
      }
    }
    if (!out.ok) p.code[lang + std::string("_error")] = out.error.message;
  }
  std::filesystem::create_directory(dir + "/m_" + p.id);
  std::ofstream(dir + "/m_" + p.id + "/" + p.function + ".m") << p.code["matlab"];
  std::ofstream(dir + "/" + p.id + ".h") << p.code["eigen"];
  std::ofstream(dir + "/" + p.id + "_numpy.py") << p.code["numpy"];
  std::ofstream(dir + "/" + p.id + "_torch.py") << p.code["torch"];
}

void json_matrix(std::string& s, const matcalc::Matrix& m, const std::string& kind) {
  if (kind == "scalar") return void(s += full(m(0, 0)));
  s += "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    if (i) s += ", ";
    if (kind == "vector") {
      s += full(m(i, 0));
      continue;
    }
    s += "[";
    for (Eigen::Index j = 0; j < m.cols(); ++j) s += (j ? ", " : "") + full(m(i, j));
    s += "]";
  }
  s += "]";
}

}  // namespace

std::string full(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string make_export_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "matcalc_export_XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot make a temporary directory");
  return tmpl;
}

// Each compiled case is a namespace of its own, so every case whose code includes Eigen's
// MatrixFunctions compiles another copy of it: three SPEC 12 cases are compiled (dexpm,
// whose helper uses the matrix exponential too, and two spectral ones), the others run in
// NumPy, torch and Octave only (ctest's 300 s limit on a loaded machine: 261 s with four).
bool compiled_for_eigen(const Prepared& p) {
  static const std::set<std::string> kSpec12 = {"mf1", "mf11", "mf16"};
  auto code = p.code.find("eigen");
  bool matrix_functions =
      code != p.code.end() && code->second.find("MatrixFunctions") != std::string::npos;
  // Of the random expressions, every second one (r0, r2, ...): the compile of all of them
  // took 242-300 s of ctest's 300 s limit on the shared machine.
  if (p.id.size() > 1 && p.id[0] == 'r' && std::isdigit(static_cast<unsigned char>(p.id[1])) &&
      std::stoi(p.id.substr(1)) % 2 != 0)
    return false;
  return p.eigen && (kSpec12.count(p.id) || (p.id.rfind("mf", 0) != 0 && !matrix_functions));
}

std::vector<Prepared> prepare_all(const std::string& dir) {
  std::vector<Prepared> cases;
  auto examples = [&](const std::string& file, const std::string& prefix) {
    int k = 0;
    for (const JsonCase& c : read_json_cases(file)) {
      Prepared p;
      p.id = prefix + std::to_string(k++);
      p.expr = c.at("expr");
      p.wrt = c.at("wrt");
      p.decls = c.count("decl") ? c.at("decl") : "";
      p.example = true;
      // (a case file may compile only some of its cases for Eigen: one per structure)
      if (c.count("eigen")) p.eigen = c.at("eigen") == "true";
      cases.push_back(p);
    }
  };
  examples(worked_examples_path(MATCALC_SOURCE_DIR), "ex");
  // The matrix and spectral functions of SPEC 12, each as its textbook question: SciPy,
  // torch.linalg, Eigen's MatrixFunctions and Octave's expm/logm/sqrtm/eig/svd run them.
  examples(std::string(MATCALC_SOURCE_DIR) + "/tests/data/matrix_functions.json", "mf");
  // The structured variables of SPEC 13: the exported gradient applies the projection.
  examples(std::string(MATCALC_SOURCE_DIR) + "/tests/data/structures.json", "st");
  Universe u;
  ExprGen scalars(u, 12), matrices(u, 13);
  scalars.exclude("kron");  // Kronecker products (product sizes) only in the second set
  // The SPEC 12 rows are exported by their own cases above (mf*): drawn at random too they
  // put Eigen's MatrixFunctions into every compiled part, which then takes over ctest's
  // 300 s limit on a loaded machine.
  scalars.exclude_without_index_rule();
  matrices.exclude_without_index_rule();
  // Draws until 300 scalar and 60 vector or matrix expressions have a variable (the
  // generator folds some draws to constants).
  int drawn[2] = {0, 0};
  for (int i = 0; drawn[1] < kRandomMatrix && i < 10 * (kRandomScalar + kRandomMatrix); ++i) {
    int set = drawn[0] < kRandomScalar ? 0 : 1;
    ExprGen& gen = set == 0 ? scalars : matrices;
    Expr e = gen.any(set == 0 ? Shape{} : gen.shape(), 3);
    std::vector<std::string> vars = variables_of(e);
    if (vars.empty()) continue;
    ++drawn[set];
    Prepared p;
    p.id = "r" + std::to_string(i);
    p.expr = matcalc::to_text(u.ctx(), e);
    p.wrt = vars[gen.pick(static_cast<int>(vars.size()))];
    p.decls = kUniverseDecls;
    cases.push_back(p);
  }
  for (Prepared& p : cases) prepare(p, dir);
  return cases;
}

namespace {

std::string octave_matrix(const matcalc::Matrix& m) {
  std::string s = "[";
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    if (i) s += "; ";
    for (Eigen::Index j = 0; j < m.cols(); ++j) s += (j ? ", " : "") + full(m(i, j));
  }
  return s + "]";
}

}  // namespace

std::string write_octave_driver(const std::vector<Prepared>& cases, const std::string& dir) {
  std::string s = "addpath('" + std::string(MATCALC_SOURCE_DIR) + "/tests/export');\n";
  for (const Prepared& p : cases) {
    if (!p.skip.empty()) continue;
    std::string args;
    for (const ExportInput& in : p.inputs)
      args += (args.empty() ? "" : ", ") + octave_matrix(in.value);
    for (const std::string& n : p.size_params) args += ", " + std::to_string(p.sizes.at(n));
    std::string call = "[mc_v, mc_d] = " + p.function + "(" + args + ");\n";
    if (p.upstream.size()) call += "  mc_d = mc_d(" + octave_matrix(p.upstream) + ");\n";
    std::string sym =
        p.symmetric ? "  mc_d = (mc_d + mc_d.') / 2; mc_x = (mc_x + mc_x.') / 2;\n" : "";
    s += "try\n  cd('" + dir + "/m_" + p.id + "'); clear " + p.function + ";\n  " + call +
         "  mc_x = " + octave_matrix(p.derivative) + ";\n" + sym + "  mc_ev = mc_err(mc_v, " +
         octave_matrix(p.value) +
         "); mc_ed = mc_err(mc_d, mc_x);\n"
         "  if mc_ev < 1e-7 && mc_ed < 1e-7, printf('PASS matlab " +
         p.id +
         "\\n');\n"
         "  else printf('FAIL matlab " +
         p.id +
         " value off by %g, derivative off by %g\\n', "
         "mc_ev, mc_ed); end\n"
         "catch mc_err_\n  printf('FAIL matlab " +
         p.id +
         " %s\\n', strrep(mc_err_.message, "
         "\"\\n\", ' '));\nend\n";
  }
  std::string path = dir + "/run_all.m";
  std::ofstream(path) << s;
  return path;
}

namespace {

std::string eigen_type(const std::string& kind) {
  return kind == "scalar" ? "double" : kind == "vector" ? "Eigen::VectorXd" : "Eigen::MatrixXd";
}

std::string eigen_value(const std::string& name, const std::string& kind,
                        const matcalc::Matrix& m) {
  if (kind == "scalar") return "    const double " + name + " = " + full(m(0, 0)) + ";\n";
  std::string s = "    " + eigen_type(kind) + " " + name + "(" + std::to_string(m.rows()) +
                  (kind == "vector" ? "" : ", " + std::to_string(m.cols())) + ");\n    " + name +
                  " << ";
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) s += (i || j ? ", " : "") + full(m(i, j));
  return s + ";\n";
}

std::string eigen_case(const Prepared& p, const std::string& ns) {
  std::string args;
  std::string s = "  try {\n";
  for (const ExportInput& in : p.inputs) {
    s += eigen_value(in.name + "_", in.kind, in.value);
    args += in.name + "_, ";
  }
  for (const std::string& n : p.size_params) args += std::to_string(p.sizes.at(n)) + ", ";
  if (p.upstream.size()) {
    s += eigen_value("up_", p.value_kind, p.upstream);
    args += "up_, ";
  }
  s += "    " + eigen_type(p.wrt_kind) + " grad_{};\n";
  s += "    const Eigen::MatrixXd value_ = as_matrix(c_" + ns + "::" + p.function + "<double>(" +
       args + "grad_));\n";
  s += eigen_value("expected_value_", "matrix", p.value);
  s += eigen_value("expected_", "matrix", p.derivative);
  s += "    Eigen::MatrixXd got_ = as_matrix(grad_);\n";
  if (p.symmetric)
    s += "    got_ = (got_ + got_.transpose()).eval() / 2;\n"
         "    expected_ = (expected_ + expected_.transpose()).eval() / 2;\n";
  s += "    verdict(\"" + p.id +
       "\", rel_err(value_, expected_value_), rel_err(got_, expected_));\n";
  s += "  } catch (const std::exception& e) {\n    std::printf(\"FAIL eigen " + p.id +
       " threw %s\\n\", e.what());\n  }\n";
  return s;
}

}  // namespace

EigenPart write_eigen_driver(const std::vector<Prepared>& cases, const std::string& dir,
                             EigenGroup group) {
  const std::string common =
      "#include <Eigen/Dense>\n#include <cmath>\n#include <cstdio>\n#include <stdexcept>\n\n"
      "Eigen::MatrixXd as_matrix(double v);\nEigen::MatrixXd as_matrix(const Eigen::MatrixXd& m);\n"
      "double rel_err(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);\n"
      "void verdict(const char* id, double value, double derivative);\n\n";
  {
    std::string includes, body;
    const char* kMatrixFunctions = "#include <unsupported/Eigen/MatrixFunctions>";
    bool needs_matrix_functions = false;
    // The cases that use Eigen's MatrixFunctions are a group alone: that header and each
    // case's copy of its templates are slow to compile.
    auto in_part = [&](const Prepared& p) {
      if (p.code.at("eigen").find(kMatrixFunctions) != std::string::npos)
        return group == EigenGroup::MatrixFunctions;
      return group == (p.example ? EigenGroup::WorkedExamples : EigenGroup::RandomExpressions);
    };
    // GCC takes two headers with the same text for one under #pragma once: each text is
    // included once, and the cases that share it call the first.
    std::map<std::string, std::string> first;
    std::set<std::string> ids;
    for (const Prepared& p : cases) {
      if (!p.skip.empty() || !compiled_for_eigen(p) || !in_part(p)) continue;
      ids.insert(p.id);
      auto [it, fresh] = first.emplace(p.code.at("eigen"), p.id);
      needs_matrix_functions |= p.code.at("eigen").find(kMatrixFunctions) != std::string::npos;
      if (fresh)
        includes += "namespace c_" + p.id + " {\n#include \"" + dir + "/" + p.id + ".h\"\n}\n";
      body += eigen_case(p, it->second);
    }
    // A header's own #include lines would land inside its namespace: the ones the
    // matrix functions need go above (only in a part that uses them: they are slow to
    // compile).
    std::string top = needs_matrix_functions ? std::string(kMatrixFunctions) + "\n" : "";
    std::string s = top + common + includes + "\nvoid run_part() {\n" + body + "}\n";
    {
      s += "\nEigen::MatrixXd as_matrix(double v) { return Eigen::MatrixXd::Constant(1, 1, v); }\n"
           "Eigen::MatrixXd as_matrix(const Eigen::MatrixXd& m) { return m; }\n"
           "double rel_err(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {\n"
           "  if (a.size() != b.size()) return INFINITY;\n  double e = 0;\n"
           "  for (Eigen::Index i = 0; i < a.size(); ++i)\n"
           "    e = std::fmax(e, std::fabs(a.data()[i] - b.data()[i]) / std::fmax(1.0, "
           "std::fabs(b.data()[i])));\n"
           "  return e;\n}\n"
           "void verdict(const char* id, double value, double derivative) {\n"
           "  if (value < 1e-7 && derivative < 1e-7) std::printf(\"PASS eigen %s\\n\", id);\n"
           "  else std::printf(\"FAIL eigen %s value off by %g, derivative off by %g\\n\", id, "
           "value, derivative);\n}\n";
      s += "int main() { run_part(); }\n";
    }
    EigenPart out{dir + "/eigen_part" + std::to_string(static_cast<int>(group)) + ".cpp", ids};
    std::ofstream(out.path) << s;
    return out;
  }
}

std::string write_python_manifest(const std::vector<Prepared>& cases, const std::string& dir) {
  std::string s = "{\"cases\": [\n";
  bool first = true;
  for (const Prepared& p : cases) {
    if (!p.skip.empty()) continue;
    s += first ? "" : ",\n";
    first = false;
    s += "{\"id\": \"" + p.id + "\", \"function\": \"" + p.function + "\", \"wrt\": \"" + p.wrt +
         "\", \"numpy\": \"" + dir + "/" + p.id + "_numpy.py\", \"torch\": \"" + dir + "/" + p.id +
         "_torch.py\", \"symmetric\": " + (p.symmetric ? "true" : "false") +
         ", \"tangent\": " + (p.tangent.empty() ? "null" : "\"" + p.tangent + "\"") +
         ", \"inputs\": {";
    for (std::size_t i = 0; i < p.inputs.size(); ++i) {
      s += (i ? ", \"" : "\"") + p.inputs[i].name + "\": ";
      json_matrix(s, p.inputs[i].value, p.inputs[i].kind);
    }
    s += "}, \"sizes\": {";
    bool first_size = true;
    for (const auto& [name, v] : p.sizes)
      s += (first_size ? "\"" : ", \"") + name + "\": " + std::to_string(v), first_size = false;
    s += "}, \"value\": ";
    json_matrix(s, p.value, p.value_kind == "scalar" ? "scalar" : "matrix");
    s += ", \"derivative\": ";
    json_matrix(s, p.derivative, p.wrt_kind == "scalar" ? "scalar" : "matrix");
    s += ", \"upstream\": ";
    if (p.upstream.size() == 0)
      s += "null";
    else
      json_matrix(s, p.upstream, p.value_kind);
    s += "}";
  }
  s += "\n]}\n";
  std::string path = dir + "/manifest.json";
  std::ofstream(path) << s;
  return path;
}

}  // namespace matcalc_test
