// The LaTeX printer; same precedence levels as the text printer.
#include "print/latex.h"

#include <cctype>
#include <unordered_map>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "print/terms.h"
#include "util/number.h"

namespace matcalc {

namespace {

enum Level { kSum = 1, kProduct = 2, kUnary = 3, kPower = 4, kPostfix = 5, kAtom = 6 };

const char* const kGreek[] = {"alpha", "beta",  "gamma",   "delta",  "epsilon", "zeta",   "eta",
                              "theta", "iota",  "kappa",   "lambda", "mu",      "nu",     "xi",
                              "pi",    "rho",   "sigma",   "tau",    "upsilon", "phi",    "chi",
                              "psi",   "omega", "Gamma",   "Delta",  "Theta",   "Lambda", "Xi",
                              "Pi",    "Sigma", "Upsilon", "Phi",    "Psi",     "Omega"};

std::string base_name(const std::string& s) {
  for (const char* g : kGreek)
    if (s == g) return std::string("\\") + g;
  if (s.size() == 1) return s;
  // W1 -> W_{1}; longer words upright-italic as one symbol.
  std::size_t digits = s.find_first_of("0123456789");
  if (digits == 1 && s.find_first_not_of("0123456789", 1) == std::string::npos)
    return s.substr(0, 1) + "_{" + s.substr(1) + "}";
  return "\\mathit{" + s + "}";
}

}  // namespace

std::string latex_var_name(const std::string& name) {
  std::size_t u = name.find('_');
  if (u == std::string::npos || u + 1 >= name.size()) {
    std::string clean = name;
    for (char& c : clean)
      if (c == '_') c = ' ';
    return base_name(u == std::string::npos ? name : name.substr(0, u));
  }
  std::string sub = name.substr(u + 1);
  for (char& c : sub)
    if (c == '_') c = ',';
  return base_name(name.substr(0, u)) + "_{" + sub + "}";
}

std::string latex_dim(const Context& ctx, Dim d) {
  std::string t = ctx.dim_text(d);
  std::string out;
  for (char c : t) out += c == '*' ? std::string(" ") : std::string(1, c);
  return out;
}

namespace {

class LatexPrinter {
 public:
  LatexPrinter(Context& ctx, const Names& names) : ctx_(ctx), b_(ctx), names_(names) {}

  void set_top(Expr e) { top_ = e; }

  std::string print(Expr e, int need) {
    if (e->kids.empty()) {  // a leaf is cheaper printed than looked up
      int level;
      std::string s = raw(e, &level);
      return level < need ? "\\left(" + s + "\\right)" : s;
    }
    auto it = memo_.find(e);
    if (it == memo_.end()) {
      // Printed once per node: a shared subexpression is copied, not printed again.
      Printed p;
      p.latex = raw(e, &p.level);
      it = memo_.emplace(e, std::move(p)).first;
    }
    const Printed& p = it->second;
    return p.level < need ? "\\left(" + p.latex + "\\right)" : p.latex;
  }

 private:
  std::string paren(Expr a) { return "\\left(" + print(a, kSum) + "\\right)"; }
  std::string op(const char* name, Expr a) { return std::string(name) + paren(a); }

  static bool is_differential(Expr e) {
    return e->kind == Kind::Diff || (e->kind == Kind::Transpose && e->kids[0]->kind == Kind::Diff);
  }

  static bool is_reciprocal(Expr e) {
    return e->kind == Kind::Pow && e->kids[1]->kind == Kind::Const && e->kids[1]->value < 0;
  }
  Expr reciprocal(Expr e) { return b_.pow(e->kids[0], b_.num(-e->kids[1]->value)); }

  std::string superscript(Expr base, const std::string& sup) {
    return print(base, kAtom) + "^{" + sup + "}";
  }

  std::string raw(Expr e, int* level) {
    *level = kAtom;
    auto named = names_.find(e);
    if (named != names_.end() && e != top_) {
      const std::string& n = named->second;  // u1' names the transpose of u1
      if (!n.empty() && n.back() == '\'') {
        *level = kPostfix;  // a superscript on it needs parentheses
        return latex_var_name(n.substr(0, n.size() - 1)) + "^{\\top}";
      }
      return latex_var_name(n);
    }
    switch (e->kind) {
      case Kind::Const:
        if (e->value < 0) *level = kUnary;
        return format_number(e->value);
      case Kind::Var:
        return latex_var_name(e->name);
      case Kind::Identity:
        return "I";
      case Kind::Ones:
        return "\\mathbf{1}";
      case Kind::Zero:  // a zero vector or matrix: 0 times ones of its shape, as the text writes it
        if (e->shape.scalar()) return "0";
        *level = kProduct;
        return e->shape.cols == kDimOne   ? "0 \\cdot \\mathbf{1}"
               : e->shape.rows == kDimOne ? "0 \\cdot \\mathbf{1}^{\\top}"
                                          : "0 \\cdot \\mathbf{1} \\mathbf{1}^{\\top}";
      case Kind::Add:
        return add(e, level);
      case Kind::Mul:
        return mul(e, level);
      case Kind::Hadamard:
        return hadamard(e, level);
      case Kind::Pow:
        return power(e, level);
      case Kind::Func:
        if (row_of_column(e)) {  // \sigma(Wx)^\top, as written, not \sigma(x^\top W^\top)
          *level = kPostfix;
          Expr column = b_.func(e->fn(), b_.transpose(e->kids[0]));
          return print(column, kAtom) + "^{\\top}";
        }
        // A row written as a superscript on its argument (e^{A}, A^{1/2}) is a power: a
        // superscript on it needs parentheses, (A^{1/2})^{-1}, not A^{1/2}^{-1}.
        if (std::string(function_row(e->fn()).latex).find('^') != std::string::npos)
          *level = kPostfix;
        return func(e);
      case Kind::Transpose: {
        Expr a = e->kids[0];
        *level = kPostfix;
        if (auto n = names_.find(a); n != names_.end() && n->second.back() == '\'') {
          *level = kAtom;  // the transpose of u' is u
          return latex_var_name(n->second.substr(0, n->second.size() - 1));
        }
        if (a->kind == Kind::Inverse && !names_.count(a)) return superscript(a->kids[0], "-\\top");
        return superscript(a, "\\top");
      }
      case Kind::Trace:
        return op("\\operatorname{tr}", e->kids[0]);
      case Kind::Det:
        return op("\\det", e->kids[0]);
      case Kind::LogDet:
        return op("\\log\\det", e->kids[0]);
      case Kind::Inverse:
        *level = kPostfix;
        return superscript(e->kids[0], "-1");
      case Kind::Sum:
        return op("\\operatorname{sum}", e->kids[0]);
      case Kind::Norm1:
        return "\\left\\|" + print(e->kids[0], kSum) + "\\right\\|_1";
      case Kind::Norm2: {
        const char* sub = e->kids[0]->shape.cols == kDimOne ? "_2" : "_F";
        return "\\left\\|" + print(e->kids[0], kSum) + "\\right\\|" + sub;
      }
      case Kind::DiagMat:
      case Kind::DiagVec:
        return op("\\operatorname{diag}", e->kids[0]);
      case Kind::Vec:
        return op("\\operatorname{vec}", e->kids[0]);
      case Kind::Kron:
        *level = kProduct;
        return print(e->kids[0], kPower) + " \\otimes " + print(e->kids[1], kPower);
      case Kind::Commutation:
        return "K_{" + latex_dim(ctx_, e->aux) + "," + latex_dim(ctx_, static_cast<Dim>(e->value)) +
               "}";
      case Kind::Unvec:
        return "\\operatorname{unvec}_{" + latex_dim(ctx_, e->shape.rows) + "}" + paren(e->kids[0]);
      case Kind::Diff: {
        Expr a = e->kids[0];
        if (a->kind == Kind::Var) return "\\mathrm{d}" + latex_var_name(a->name);
        return "\\mathrm{d}" + paren(a);
      }
      case Kind::Inner:
        return "\\left\\langle " + print(e->kids[0], kSum) + ",\\; " + print(e->kids[1], kSum) +
               " \\right\\rangle";
    }
    throw InternalError("latex printer: unknown kind");
  }

  // An element-wise function of a row vector: the transpose of the function of a column
  // (the canonical form pushes transposes inside, sigmoid(W*x)' = sigmoid(x'*W')).
  static bool row_of_column(Expr e) {
    return function_row(e->fn()).shape == FnShape::Elementwise && e->shape.rows == kDimOne &&
           e->shape.cols != kDimOne;
  }

  // The row's LaTeX with the argument in place of '#'. |A| of a matrix reads as its
  // determinant (the LaTeX reader, textbooks): the entry-wise abs of one is written out.
  std::string func(Expr e) {
    Shape s = e->kids[0]->shape;
    if (e->fn() == Fn::Abs && s.rows != kDimOne && s.cols != kDimOne)
      return "\\operatorname{abs}" + paren(e->kids[0]);
    std::string tex = function_row(e->fn()).latex;
    // '#1', '#2': the arguments of a row of two; '#': the argument; '@': the argument as
    // the base of a power (A^{1/2}, (A + B)^{1/2}).
    if (e->kids.size() > 1) {
      for (std::size_t i = 0; i < e->kids.size(); ++i) {
        std::string slot = "#" + std::to_string(i + 1);
        for (std::size_t at; (at = tex.find(slot)) != std::string::npos;)
          tex.replace(at, slot.size(), print(e->kids[i], kSum));
      }
      return tex;
    }
    if (std::size_t at = tex.find('@'); at != std::string::npos)
      return tex.replace(at, 1, print(e->kids[0], kAtom));
    std::size_t at = tex.find('#');
    return at == std::string::npos ? tex + paren(e->kids[0])
                                   : tex.replace(at, 1, print(e->kids[0], kSum));
  }

  std::string add(Expr e, int* level) {
    *level = kSum;
    std::string out;
    for (Expr t : e->kids) {
      SumTerm term = sum_term(b_, e, t);
      int need = out.empty() && !term.negative ? kSum : kProduct;
      std::string body = term.broadcast ? (term.broadcast->is_const(1)
                                               ? std::string("\\mathbf{1}")
                                               : print(term.broadcast, need) + "\\mathbf{1}")
                                        : print(term.shown, need);
      append_term(out, term.negative, body);
    }
    return out;
  }

  // A factor of a product. A matrix of ones there is written 1 1^T: a lone \mathbf{1}
  // between matrices reads as the vector of ones (X 1, the row sums).
  std::string chain_factor(Expr f, bool in_chain) {
    if (in_chain && f->kind == Kind::Ones && f->shape.rows != kDimOne && f->shape.cols != kDimOne &&
        !names_.count(f))
      return "\\mathbf{1} \\mathbf{1}^{\\top}";
    // A row of ones (y 1^T, the outer product with ones): a lone \mathbf{1} is a column.
    if (in_chain && f->kind == Kind::Ones && f->shape.rows == kDimOne && f->shape.cols != kDimOne &&
        !names_.count(f))
      return "\\mathbf{1}^{\\top}";
    return print(f, kPower);
  }

  std::string mul(Expr e, int* level) {
    *level = kProduct;
    double c = e->value;
    bool negative = c < 0;
    if (negative) c = -c;
    std::string num, den;
    if (c != 1) num = format_number(c);
    Expr prev = nullptr;
    for (int i = 0; i < static_cast<int>(e->kids.size()); ++i) {
      Expr f = e->kids[i];
      // A thin space after a differential: dX\,X, not dX X (which reads as d(XX)).
      std::string sep = num.empty() ? "" : (prev && is_differential(prev) ? "\\, " : " ");
      if (i < e->aux && is_reciprocal(f) && !names_.count(f)) {
        den += (den.empty() ? "" : " ") + print(reciprocal(f), kPower);
        continue;
      }
      // A run of one square factor of the chain: X^{3}, X^{-2}.
      int run = 1;
      while (i >= e->aux && i + run < static_cast<int>(e->kids.size()) && e->kids[i + run] == f)
        ++run;
      if (run > 1) {
        bool inverse = f->kind == Kind::Inverse && !names_.count(f);
        num +=
            sep + superscript(inverse ? f->kids[0] : f, (inverse ? "-" : "") + std::to_string(run));
        i += run - 1;
        prev = f;
        continue;
      }
      bool lone_hadamard = i == e->aux && static_cast<int>(e->kids.size()) == e->aux + 1 &&
                           f->kind == Kind::Hadamard;
      if ((i < e->aux && f->kind == Kind::Mul && f->aux == 0 && f->value == 1) || lone_hadamard)
        num += sep + print(f, kProduct);  // 2 x^T y A, -y \odot z: no parentheses
      else
        num += sep + chain_factor(f, i >= e->aux);
      prev = f;
    }
    std::string out;
    if (!den.empty()) {
      // Scalars over scalars as a fraction; a matrix chain stays after it.
      std::string scalar_num = c != 1 ? format_number(c) : "";
      std::string chain;
      for (int i = 0; i < static_cast<int>(e->kids.size()); ++i) {
        Expr f = e->kids[i];
        if (i < e->aux && is_reciprocal(f) && !names_.count(f)) continue;
        std::string& into = i < e->aux ? scalar_num : chain;
        into += (into.empty() ? "" : " ") + chain_factor(f, i >= e->aux);
      }
      out = "\\frac{" + (scalar_num.empty() ? "1" : scalar_num) + "}{" + den + "}" +
            (chain.empty() ? "" : " " + chain);
    } else {
      out = num.empty() ? "1" : num;
    }
    if (negative) {
      *level = kUnary;
      return "-" + out;
    }
    return out;
  }

  std::string hadamard(Expr e, int* level) {
    *level = kProduct;
    std::string out, den;
    for (Expr f : e->kids) {
      if (is_reciprocal(f) && !names_.count(f))
        den += " \\oslash " + print(reciprocal(f), kPower);
      else
        out += (out.empty() ? "" : " \\odot ") + print(f, kPower);
    }
    return (out.empty() ? "\\mathbf{1}" : out) + den;
  }

  std::string power(Expr e, int* level) {
    Expr base = e->kids[0], p = e->kids[1];
    if (base->shape.scalar() && p->is_const(0.5)) return "\\sqrt{" + print(base, kSum) + "}";
    if (base->shape.scalar() && is_reciprocal(e)) {
      *level = kProduct;
      return "\\frac{1}{" + print(reciprocal(e), kProduct) + "}";
    }
    *level = kPower;
    std::string exponent = p->kind == Kind::Const ? format_number(p->value) : print(p, kSum);
    if (!base->shape.scalar()) exponent = "\\circ " + exponent;
    return superscript(base, exponent);
  }

  Context& ctx_;
  Build b_;
  const Names& names_;
  Expr top_ = nullptr;  // written out even when named: a where-clause's definition
  struct Printed {
    std::string latex;
    int level;
  };
  std::unordered_map<Expr, Printed> memo_;
};

}  // namespace

std::string to_latex(Context& ctx, Expr e, const Names& names) {
  LatexPrinter printer(ctx, names);
  printer.set_top(e);
  return printer.print(e, kSum);
}

std::string to_latex_factor(Context& ctx, Expr e) { return LatexPrinter(ctx, {}).print(e, kPower); }

}  // namespace matcalc
