// The text printer. Precedence levels follow the parser: sums < products < unary
// minus < powers < postfix transpose < atoms; a child is parenthesised only when its
// level is below what its position needs.
#include "print/text.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "print/terms.h"
#include "util/number.h"

namespace matcalc {

namespace {

enum Level { kSum = 1, kProduct = 2, kUnary = 3, kPower = 4, kPostfix = 5, kAtom = 6 };

class TextPrinter {
 public:
  void set_top(Expr e) { top_ = e; }
  TextPrinter(Context& ctx, const Names& names) : ctx_(ctx), names_(names) {}

  std::string print(Expr e, int need, bool sized_by_context = false) {
    sized_by_context_ = sized_by_context;
    if (e->kids.empty()) {  // a leaf is cheaper printed than looked up
      Printed p = fresh(e);
      return p.level < need ? "(" + p.text + ")" : p.text;
    }
    const Printed& p = memo(e);
    return p.level < need ? "(" + p.text + ")" : p.text;
  }

 private:
  std::string call(const char* f, Expr a) { return std::string(f) + "(" + print(a, kSum) + ")"; }

  // A negative constant exponent reads as a division: x^-1 -> /x.
  // The chain of a product is one element-wise product: c*A.*B needs no parentheses.
  static bool lone_hadamard(Expr e, int i) {
    return i == e->aux && static_cast<int>(e->kids.size()) == e->aux + 1 &&
           e->kids[i]->kind == Kind::Hadamard;
  }

  static bool is_reciprocal(Expr e) {
    return e->kind == Kind::Pow && e->kids[1]->kind == Kind::Const && e->kids[1]->value < 0;
  }

  // I and ones print bare only where their neighbours give them their size (a term
  // of a sum, I in a product); elsewhere eye(n) and ones(n,m) keep the text faithful.
  std::string sized(const char* bare, const char* named, Shape s) {
    bool inferable = sized_by_context_;
    sized_by_context_ = false;
    if (inferable) return bare;
    std::string dims = ctx_.dim_text(s.rows);
    if (std::string(named) == "ones" && s.cols != kDimOne) dims += "," + ctx_.dim_text(s.cols);
    return std::string(named) + "(" + dims + ")";
  }

  // In a product, I takes its size from a neighbour; ones only when it is the whole
  // chain of a scaled term in a sum (c*ones), whose sum gives both sizes.
  static bool sized_in_chain(Expr e, Expr f, bool mul_sized) {
    bool alone = e->kids.size() == 1u + e->aux;
    if (f->kind == Kind::Identity) return mul_sized || !alone;
    return f->kind == Kind::Ones && mul_sized && alone;
  }

  // Whether a term of a sum gives the sum its size: anything but a (scaled) I or ones.
  static bool sizes_others(Expr e) {
    if (e->kind == Kind::Mul && e->kids.size() == 1u + e->aux) e = e->kids.back();
    return e->kind != Kind::Identity && e->kind != Kind::Ones;
  }

  // A shared subexpression is printed once and copied wherever it occurs: the text of
  // a deep composition repeats its inner layers, and printing them again at each
  // occurrence made the cost grow with the tree, not with the output.
  struct Printed {
    std::string text;
    int level;
  };
  const Printed& memo(Expr e) {
    auto key = std::make_pair(e, sized_by_context_);
    auto it = memo_.find(key);
    if (it != memo_.end()) {
      sized_by_context_ = false;
      return it->second;
    }
    return memo_.emplace(key, fresh(e)).first->second;
  }

  Printed fresh(Expr e) {
    Printed p;
    auto named = names_.find(e);
    if (named != names_.end() && e != top_) {
      p.text = named->second;
      p.level = p.text.back() == '\'' ? kPostfix : kAtom;  // u1' names a transpose
      sized_by_context_ = false;
    } else {
      p.text = raw(e, &p.level);
    }
    return p;
  }

  std::string raw(Expr e, int* level) {
    *level = kAtom;
    bool in_context = sized_by_context_;  // a scaled I in a sum (2*I) is sized there too
    if (e->kind != Kind::Identity && e->kind != Kind::Ones) sized_by_context_ = false;
    switch (e->kind) {
      case Kind::Const:
        if (e->value < 0) *level = kUnary;
        return format_number(e->value);
      case Kind::Var:
        return e->name;
      case Kind::Identity:
        return sized("I", "eye", e->shape);
      case Kind::Ones:
        return sized("ones", "ones", e->shape);
      case Kind::Zero:  // a faithful zero of its shape; to_text prints a zero result as 0
        *level = kProduct;
        return "0*" + sized("ones", "ones", e->shape);
      case Kind::Add:
        return add(e, level);
      case Kind::Mul:
        return mul(e, level, in_context);
      case Kind::Hadamard:
        return hadamard(e, level);
      case Kind::Pow:
        return power(e, level);
      case Kind::Func:
        // An element-wise function of a row vector is written as the transpose of the
        // function of a column, sigmoid(W*x)', as people write it (the canonical form is
        // sigmoid(x'*W'), and the text reads back to it).
        if (function_row(e->fn()).shape == FnShape::Elementwise && e->shape.rows == kDimOne &&
            e->shape.cols != kDimOne) {
          *level = kPostfix;
          Build b(ctx_);
          return call(fn_name(e->fn()), b.transpose(e->kids[0])) + "'";
        }
        if (e->kids.size() == 1) return call(fn_name(e->fn()), e->kids[0]);
        {
          std::string out = std::string(fn_name(e->fn())) + "(";
          for (std::size_t i = 0; i < e->kids.size(); ++i)
            out += (i ? ", " : "") + print(e->kids[i], kSum);
          return out + ")";
        }
      case Kind::Transpose:
        *level = kPostfix;
        if (auto n = names_.find(e->kids[0]); n != names_.end() && n->second.back() == '\'') {
          *level = kAtom;  // the transpose of u' is u
          return n->second.substr(0, n->second.size() - 1);
        }
        return print(e->kids[0], kPostfix) + "'";
      case Kind::Trace:
        return call("tr", e->kids[0]);
      case Kind::Det:
        return call("det", e->kids[0]);
      case Kind::LogDet:
        return call("logdet", e->kids[0]);
      case Kind::Inverse:
        return call("inv", e->kids[0]);
      case Kind::Sum:
        return call("sum", e->kids[0]);
      case Kind::Norm1:
        return call("norm1", e->kids[0]);
      case Kind::Norm2:
        return call("norm2", e->kids[0]);
      case Kind::DiagMat:
      case Kind::DiagVec:
        return call("diag", e->kids[0]);
      case Kind::Vec:
        return call("vec", e->kids[0]);
      case Kind::Kron:
        return "kron(" + print(e->kids[0], kSum) + ", " + print(e->kids[1], kSum) + ")";
      case Kind::Commutation:
        return "commutation(" + ctx_.dim_text(e->aux) + ", " +
               ctx_.dim_text(static_cast<Dim>(e->value)) + ")";
      case Kind::Unvec:
        return "unvec(" + print(e->kids[0], kSum) + ", " + ctx_.dim_text(e->shape.rows) + ")";
      case Kind::Diff:
        return call("d", e->kids[0]);
      case Kind::Inner: {  // <G, L> as a reader writes it: g*l, g'*l, tr(G'*L)
        Build b(ctx_);
        return raw(b.inner(e->kids[0], e->kids[1]), level);
      }
    }
    throw InternalError("text printer: unknown kind");
  }

  std::string add(Expr e, int* level) {
    *level = kSum;
    std::string out;
    Build b(ctx_);
    bool sized = std::any_of(e->kids.begin(), e->kids.end(), sizes_others);
    // A broadcast scalar prints alone where another term gives the sum its shape; when
    // every term is one (c*ones + ones), the first keeps its ones(n,m).
    bool anchored = std::any_of(e->kids.begin(), e->kids.end(),
                                [&](Expr t) { return !sum_term(b, e, t).broadcast; });
    for (Expr t : e->kids) {
      SumTerm term = sum_term(b, e, t);
      int need = out.empty() && !term.negative ? kSum : kProduct;
      bool alone = term.broadcast && (anchored || !out.empty());
      std::string body = alone ? print(term.broadcast, need) : print(term.shown, need, sized);
      append_term(out, term.negative, body);
    }
    return out;
  }

  std::string mul(Expr e, int* level, bool sized) {
    *level = kProduct;
    double c = e->value;
    std::string sign = c < 0 ? "-" : "";
    if (c < 0) c = -c;
    std::vector<std::string> num, den;
    std::string edivide;  // a lone element-wise reciprocal after scalars: 0.5./b, not 0.5*(1./b)
    if (c != 1) num.push_back(format_number(c));
    Build b(ctx_);
    for (int i = 0; i < static_cast<int>(e->kids.size()); ++i) {
      Expr f = e->kids[i];
      // A run of one square factor in the chain is a matrix power: X*X*X is X^3, and
      // inv(X)*inv(X) is X^-2 (both read back as the same chain).
      int run = 1;
      while (i >= e->aux && i + run < static_cast<int>(e->kids.size()) && e->kids[i + run] == f)
        ++run;
      if (run > 1) {
        bool inverse = f->kind == Kind::Inverse;
        num.push_back(print(inverse ? f->kids[0] : f, kPostfix) + "^" + (inverse ? "-" : "") +
                      std::to_string(run));
        i += run - 1;
        continue;
      }
      if (i < e->aux && is_reciprocal(f))
        den.push_back(print(b.pow(f->kids[0], b.num(-f->kids[1]->value)), kPower));
      else if (i == e->aux && i + 1 == static_cast<int>(e->kids.size()) && is_reciprocal(f) &&
               !f->shape.scalar() && !num.empty())
        edivide = print(b.pow(f->kids[0], b.num(-f->kids[1]->value)), kPower);  // 0.5./b
      else if (lone_hadamard(e, i))
        num.push_back(print(f, kProduct));  // 2*u.*x reads as (2*u).*x: the same product
      else
        num.push_back(print(f, kPower, sized_in_chain(e, f, sized)));
    }
    std::string out;
    for (const std::string& s : num) out += (out.empty() ? "" : "*") + s;
    if (out.empty()) out = "1";
    for (const std::string& s : den) out += "/" + s;
    if (!edivide.empty()) out += "./" + edivide;
    if (!sign.empty()) {
      *level = kUnary;
      // -x*y reads as (-x)*y, the same product; a bare "-2" is a constant.
      return sign + out;
    }
    return out;
  }

  std::string hadamard(Expr e, int* level) {
    *level = kProduct;
    Build b(ctx_);
    std::string out, den;
    for (Expr f : e->kids) {
      if (is_reciprocal(f))
        den += "./" + print(b.pow(f->kids[0], b.num(-f->kids[1]->value)), kPower);
      else
        out += (out.empty() ? "" : ".*") + print(f, kPower);
    }
    if (out.empty()) {  // only divisions: keep them as negative powers
      out.clear();
      for (Expr f : e->kids) out += (out.empty() ? "" : ".*") + print(f, kPower);
      return out;
    }
    return out + den;
  }

  std::string power(Expr e, int* level) {
    *level = kPower;
    Expr base = e->kids[0], p = e->kids[1];
    const char* op = base->shape.scalar() ? "^" : ".^";
    if (is_reciprocal(e)) {  // 1./x rather than x.^-1
      *level = kProduct;
      Build b(ctx_);
      return std::string(base->shape.scalar() ? "1/" : "1./") +
             print(b.pow(base, b.num(-p->value)), kPower);
    }
    std::string exponent = p->kind == Kind::Const ? format_number(p->value) : print(p, kPostfix);
    return print(base, kPostfix) + op + exponent;
  }

  Context& ctx_;
  const Names& names_;
  Expr top_ = nullptr;
  std::map<std::pair<Expr, bool>, Printed> memo_;
  bool sized_by_context_ = false;
};

}  // namespace

std::string to_text(Context& ctx, Expr e, const Names& names) {
  if (e->kind == Kind::Zero) return "0";  // a zero result of any shape, as people write it
  TextPrinter printer(ctx, names);
  printer.set_top(e);
  return printer.print(e, kSum);
}

std::size_t token_count(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    ++n;
    if (std::isalpha(c) || c == '_') {
      while (i < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_'))
        ++i;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < text.size() &&
                                   std::isdigit(static_cast<unsigned char>(text[i + 1])))) {
      while (i < text.size() &&
             (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
              text[i] == 'e' || ((text[i] == '-' || text[i] == '+') && (text[i - 1] == 'e'))))
        ++i;
    } else if (c == '.' && i + 1 < text.size() &&
               (text[i + 1] == '*' || text[i + 1] == '/' || text[i + 1] == '^')) {
      i += 2;
    } else {
      ++i;
    }
  }
  return n;
}

bool prints_shorter(Context& ctx, Expr a, Expr b) {
  return token_count(to_text(ctx, a)) < token_count(to_text(ctx, b));
}

}  // namespace matcalc
