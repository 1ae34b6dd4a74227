// The LaTeX printer over the syntax tree; the same precedence levels as print/latex.cpp
// (which are the parser's): sums < products < unary minus < powers < postfix < atoms.
#include "print/typed_latex.h"

#include "expr/functions.h"
#include "print/latex.h"
#include "util/number.h"

namespace matcalc {

namespace {

enum Level { kSum = 1, kProduct = 2, kUnary = 3, kPower = 4, kPostfix = 5, kAtom = 6 };

class TypedLatexPrinter {
 public:
  explicit TypedLatexPrinter(const AsTyped& t) : t_(t) {}

  std::string print(const Ast& a, int need) {
    int level = kAtom;
    std::string out = raw(a, &level);
    return level < need ? "\\left(" + out + "\\right)" : out;
  }

 private:
  Shape shape(const Ast& a) const {
    auto it = t_.shapes.find(&a);
    return it == t_.shapes.end() ? Shape{} : it->second;
  }

  // X^-1 of a matrix (how the LaTeX reader writes X^{-1}), whose transpose is X^{-\top}.
  bool is_inverse_power(const Ast& a) const {
    if (a.kind != AstKind::Power || a.ops[0] != "^" || shape(*a.kids[0]).scalar()) return false;
    const Ast& e = *a.kids[1];
    return e.kind == AstKind::Neg && e.kids[0]->kind == AstKind::Num && e.kids[0]->number == 1;
  }

  std::string paren(const Ast& a) { return "\\left(" + print(a, kSum) + "\\right)"; }
  std::string op(const char* name, const Ast& a) { return std::string(name) + paren(a); }
  std::string superscript(const Ast& base, const std::string& sup) {
    return print(base, kAtom) + "^{" + sup + "}";
  }

  std::string raw(const Ast& a, int* level) {
    *level = kAtom;
    switch (a.kind) {
      case AstKind::Num:
        return format_number(a.number);
      case AstKind::Ident:
        if (a.name == "ones") return "\\mathbf{1}";
        if (a.name == "eye") return "I";
        return latex_var_name(a.name);  // (I is I)
      case AstKind::Call:
        return call(a, level);
      case AstKind::Neg:
        *level = kUnary;  // -x^2 is -(x^2); a sign before a sign is parenthesised
        return std::string("-") + print(*a.kids[0], kPower);
      case AstKind::Transpose: {
        *level = kPostfix;
        const Ast& k = *a.kids[0];
        if (k.kind == AstKind::Call && k.name == "inv" && k.kids.size() == 1)
          return superscript(*k.kids[0], "-\\top");
        if (is_inverse_power(k)) return superscript(*k.kids[0], "-\\top");  // (X^-1)'
        return superscript(k, "\\top");
      }
      case AstKind::Sum:
        return sum(a, level);
      case AstKind::Product:
        return product(a, level);
      case AstKind::Power: {
        *level = kPower;
        const Ast& base = *a.kids[0];
        std::string exponent = print(*a.kids[1], kSum);
        // .^ of a vector or matrix is element-wise (^ of one is the matrix power)
        if (a.ops[0] == ".^" && !shape(base).scalar()) exponent = "\\circ " + exponent;
        return superscript(base, exponent);
      }
    }
    return "";
  }

  // A size argument (eye(n), ones(m,n), commutation(m,n), unvec(v,m)): a name, a
  // number or a product of those.
  std::string size(const Ast& a) {
    if (a.kind == AstKind::Ident) return a.name;
    if (a.kind == AstKind::Num) return format_number(a.number);
    if (a.kind == AstKind::Product) {
      std::string out;
      for (const auto& k : a.kids) {
        if (!out.empty()) out += " ";
        out += size(*k);
      }
      return out;
    }
    return print(a, kAtom);
  }

  std::string call(const Ast& a, int* level) {
    const std::string& f = a.name;
    std::size_t n = a.kids.size();
    if (f == "eye") return n == 0 ? "I" : "I_{" + size(*a.kids[0]) + "}";
    if (f == "ones")
      return n == 0   ? "\\mathbf{1}"
             : n == 1 ? "\\mathbf{1}_{" + size(*a.kids[0]) + "}"
                      : "\\mathbf{1}_{" + size(*a.kids[0]) + " \\times " + size(*a.kids[1]) + "}";
    if (f == "commutation" && n == 2)
      return "K_{" + size(*a.kids[0]) + "," + size(*a.kids[1]) + "}";
    if (f == "unvec" && n == 2)
      return "\\operatorname{unvec}_{" + size(*a.kids[1]) + "}" + paren(*a.kids[0]);
    if (f == "kron" && n == 2) {
      *level = kProduct;
      return print(*a.kids[0], kPower) + " \\otimes " + print(*a.kids[1], kPower);
    }
    if (n != 1) {  // (no other construct takes more or fewer than one argument)
      std::string args;
      for (const auto& k : a.kids) args += (args.empty() ? "" : ", ") + print(*k, kSum);
      return "\\operatorname{" + f + "}\\left(" + args + "\\right)";
    }
    const Ast& x = *a.kids[0];
    if (f == "d")
      return x.kind == AstKind::Ident ? "\\mathrm{d}" + print(x, kAtom) : "\\mathrm{d}" + paren(x);
    if (f == "tr" || f == "trace") return op("\\operatorname{tr}", x);
    if (f == "det") return op("\\det", x);
    if (f == "logdet") return op("\\log\\det", x);
    if (f == "sum") return op("\\operatorname{sum}", x);
    if (f == "diag") return op("\\operatorname{diag}", x);
    if (f == "vec") return op("\\operatorname{vec}", x);
    if (f == "norm1") return "\\left\\|" + print(x, kSum) + "\\right\\|_1";
    if (f == "norm2")
      return "\\left\\|" + print(x, kSum) + "\\right\\|" + (shape(x).cols == kDimOne ? "_2" : "_F");
    if (f == "inv") {
      *level = kPostfix;
      return superscript(x, "-1");
    }
    if (f == "abs" && shape(x).rows != kDimOne && shape(x).cols != kDimOne)
      return "\\operatorname{abs}" + paren(x);            // |A| of a matrix would read as det(A)
    if (const FunctionRow* row = find_function_row(f)) {  // the row's LaTeX, '#' the argument
      std::string tex = row->latex;
      // A superscript on the argument (e^{A}, A^{1/2}) is a power: one more superscript on
      // it needs parentheses. '@' is the argument as the base of that power.
      if (tex.find('^') != std::string::npos) *level = kPostfix;
      if (std::size_t base = tex.find('@'); base != std::string::npos)
        return tex.replace(base, 1, print(x, kAtom));
      std::size_t at = tex.find('#');
      return at == std::string::npos ? tex + paren(x) : tex.replace(at, 1, print(x, kSum));
    }
    return "\\operatorname{" + f + "}" + paren(x);
  }

  std::string sum(const Ast& a, int* level) {
    *level = kSum;
    std::string out = print(*a.kids[0], kSum);
    for (std::size_t i = 1; i < a.kids.size(); ++i) {
      // a + -b, a - -2x: a sign after the operator is parenthesised
      std::string term = print(*a.kids[i], kProduct);
      if (term[0] == '-') term = "\\left(" + term + "\\right)";
      out += (a.ops[i] == "-" ? " - " : " + ") + term;
    }
    return out;
  }

  // A product left to right: A*B juxtaposed, .* and ./ as \odot and \oslash, / as a
  // fraction of what comes before. The two kinds of product have one precedence, so
  // where they meet the left part is parenthesised when it matters: (AB) \odot C, but
  // 2x \odot y (a scalar factor commutes with both).
  std::string product(const Ast& a, int* level) {
    *level = kProduct;
    // (A*B)*C is A*B*C: a parenthesised product first is part of the same run.
    std::vector<std::pair<const std::string*, const Ast*>> factors;
    collect(a, factors);
    const Ast& first = *factors[0].second;
    std::string out = print(first, kUnary);     // -A B: a leading sign needs no parentheses
    int chain = shape(first).scalar() ? 0 : 1;  // non-scalar factors juxtaposed in a run
    bool elementwise = false;                   // the left part ends in \odot or \oslash
    auto wrap = [&] {
      out = "\\left(" + out + "\\right)";
      chain = 1;
      elementwise = false;
    };
    for (std::size_t i = 1; i < factors.size(); ++i) {
      const std::string& op = *factors[i].first;
      const Ast& k = *factors[i].second;
      bool scalar = shape(k).scalar();
      if (op == "/") {
        out = "\\frac{" + out + "}{" + print(k, kSum) + "}";
        chain = 1;
        elementwise = false;
      } else if (op == "*") {
        if (elementwise && !scalar) wrap();
        // two numbers side by side would read as one: x \cdot 2
        out += (k.kind == AstKind::Num ? " \\cdot " : " ") + print(k, kPower);
        if (!scalar) ++chain;
      } else {
        if (chain > 1) wrap();
        out += (op == ".*" ? " \\odot " : " \\oslash ") + print(k, kPower);
        elementwise = true;
        chain = 1;
      }
    }
    return out;
  }

  static void collect(const Ast& a, std::vector<std::pair<const std::string*, const Ast*>>& out) {
    const Ast& first = *a.kids[0];
    if (first.kind == AstKind::Product)
      collect(first, out);
    else
      out.push_back({nullptr, &first});
    for (std::size_t i = 1; i < a.kids.size(); ++i) out.push_back({&a.ops[i], a.kids[i].get()});
  }

  const AsTyped& t_;
};

}  // namespace

std::string typed_latex(const AsTyped& t) {
  if (!t.ast) return "";
  return TypedLatexPrinter(t).print(*t.ast, kSum);
}

AsWritten typed_differential(const AsTyped& t) {
  if (!t.ast || t.text.empty()) return {};
  std::string latex = typed_latex(t);
  bool name = t.ast->kind == AstKind::Ident;
  return {"d(" + t.text + ")",
          name ? "\\mathrm{d}" + latex : "\\mathrm{d}\\left(" + latex + "\\right)"};
}

}  // namespace matcalc
