// Printing the index form (see index_latex.h). One printer for both outputs: LaTeX
// (\delta_{ia}, \left(\right), the function rows' LaTeX) and text (delta_ia, the input
// language's function names), so the two never disagree about the names of indices.
#include "print/index_latex.h"

#include <algorithm>
#include <map>
#include <set>

#include "expr/functions.h"
#include "print/latex.h"
#include "print/text.h"
#include "util/number.h"

namespace matcalc {

namespace {

// A name that already has a subscript (W_{2}) in braces, so an index subscript can
// follow it ({W_{2}}_{ij}; W_{2}_{ij} is a double subscript).
std::string subscriptable(const std::string& name) {
  return name.find('_') == std::string::npos ? name : "{" + name + "}";
}

class IndexPrinter {
 public:
  IndexPrinter(Context& ctx, const IndexSpace& space, bool latex)
      : ctx_(ctx), sp_(space), latex_(latex) {
    for (const VarInfo& v : ctx.vars())
      if (v.name.size() == 1) taken_.insert(v.name);
    for (int i = 0; i < space.size(); ++i)
      if (!space.name(i).empty()) taken_.insert(space.name(i));
  }

  // Fixed names of the form's free indices stay out of the pool of summed names.
  void reserve(const std::vector<int>& ids) {
    for (int i : ids)
      if (i >= 0)
        for (int l : sp_.leaves(i))
          if (!sp_.name(l).empty()) taken_.insert(sp_.name(l));
  }

  // A whole form, whose free indices are `free`.
  std::string sum(const IndexSum& s, const std::vector<int>& free) {
    if (s.terms.empty()) return "0";
    std::string out;
    for (std::size_t k = 0; k < s.terms.size(); ++k) {
      names_.clear();
      next_ = 0;
      out += term(s.terms[k], k == 0, &free);
    }
    return out;
  }

  std::string indices(const std::vector<int>& ids) {
    std::string out;
    for (int i : ids)
      if (i >= 0) out += name(i);
    return out;
  }

 private:
  std::string name(int i) {
    if (sp_.is_split(i))  // a combined index (a question's entry of vec(X) or kron): its pair
      return "(" + name(sp_.parts(i).first) + "," + name(sp_.parts(i).second) + ")";
    if (!sp_.name(i).empty()) return sp_.name(i);
    auto it = names_.find(i);
    if (it != names_.end()) return it->second;
    static const char* pool[] = {"i", "j", "k", "l", "m", "p", "q", "r", "s", "t", "u",
                                 "v", "w", "c", "d", "e", "g", "h", "n", "o", "y", "z"};
    std::set<std::string> used;
    for (const auto& [id, n] : names_) used.insert(n);
    for (const char* p : pool)
      if (!taken_.count(p) && !used.count(p)) return names_[i] = p;
    return names_[i] = "k" + std::to_string(next_++);
  }

  std::string sub(int row, int col) {
    std::string ids = (row >= 0 ? name(row) : "") + (col >= 0 ? name(col) : "");
    if (ids.empty()) return "";
    return latex_ ? "_{" + ids + "}" : "_" + ids;
  }

  // Terms of a nested sum share the enclosing term's names (its bound indices are new ids).
  // `row`, `col`: the argument's free indices (the factor's); an index bound inside that a
  // reader could not see repeated gets its \sum there ((\sum_j exp(z_j))^{-2}).
  std::string nested(const IndexSum& s, int row = -1, int col = -1) {
    if (s.terms.empty()) return "0";
    std::vector<int> free;
    for (int id : {row, col})
      if (id >= 0) {
        free.push_back(id);
        for (int leaf : sp_.leaves(id)) free.push_back(leaf);
      }
    std::string out;
    for (std::size_t k = 0; k < s.terms.size(); ++k) out += term(s.terms[k], k == 0, &free);
    return out;
  }

  // `free`: the form's free indices, for a term of the form itself (not of a function's
  // argument).
  std::string term(const Term& t, bool first, const std::vector<int>* free = nullptr) {
    double c = t.coef;
    std::string out = first ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + ");
    double mag = c < 0 ? -c : c;
    if (t.factors.empty()) return out + format_number(mag);
    if (mag != 1) out += format_number(mag) + (latex_ ? " " : "*");
    if (free) out += explicit_sums(t, *free);
    for (std::size_t k = 0; k < t.factors.size(); ++k)
      out += (k ? (latex_ ? " " : "*") : "") + factor(t.factors[k]);
    return out;
  }

  // The summation sign of a term's summed indices that a reader could not see repeated
  // in its product: written fewer than twice at the term's top level, they occur only
  // inside a function's argument or a power, where the Einstein reading (SPEC 14) would
  // sum them inside (log(exp(-y_i X_ij w_j) + 1_i) is the sum over i of the log, and says
  // so: \sum_{i} \log(...)).
  std::string explicit_sums(const Term& t, const std::vector<int>& free) {
    std::map<int, int> written;
    for (const Factor& f : t.factors) {
      bool shown = f.kind == FactorKind::Tensor || f.kind == FactorKind::Delta ||
                   f.kind == FactorKind::Group;
      for (int id : {f.row, f.col})
        if (id >= 0) written[id] += shown ? 1 : 0;
    }
    std::string ids;
    for (const auto& [id, count] : written)
      if (count < 2 && std::find(free.begin(), free.end(), id) == free.end()) ids += name(id);
    if (ids.empty()) return "";
    return latex_ ? "\\sum_{" + ids + "} " : "sum_" + ids + " ";
  }

  std::string paren(const std::string& s) {
    return latex_ ? "\\left(" + s + "\\right)" : "(" + s + ")";
  }

  std::string factor(const Factor& f) {
    switch (f.kind) {
      case FactorKind::Tensor:
        return tensor_text(f);
      case FactorKind::Delta:
        return (latex_ ? "\\delta" : "delta") + sub(f.row, f.col);
      case FactorKind::Group:
        return paren(nested(*f.arg, f.row, f.col));
      case FactorKind::Func: {
        const FunctionRow& row = function_row(f.fn);
        std::string arg = nested(*f.arg, f.row, f.col);
        if (!latex_) return std::string(row.name) + "(" + arg + ")";
        std::string out;
        for (const char* p = row.latex; *p; ++p) out += *p == '#' ? arg : std::string(1, *p);
        return out;
      }
      case FactorKind::Pow: {
        std::string base = nested(*f.arg, f.row, f.col);
        // One entry with no index summed inside: x_i^(2). A base that sums inside is
        // parenthesised with its sum: (sum_i x_i)^(-1), never sum_i x_i^(-1), which reads
        // as the sum of the powers.
        auto outside = [&](int id) { return id < 0 || id == f.row || id == f.col; };
        bool simple = f.arg->terms.size() == 1 && f.arg->terms[0].coef == 1 &&
                      f.arg->terms[0].factors.size() == 1 &&
                      f.arg->terms[0].factors[0].kind == FactorKind::Tensor &&
                      outside(f.arg->terms[0].factors[0].row) &&
                      outside(f.arg->terms[0].factors[0].col);
        std::string e = nested(*f.exponent);
        if (!simple) base = paren(base);
        return latex_ ? base + "^{" + e + "}" : base + "^(" + e + ")";
      }
    }
    return "?";
  }

  std::string tensor_text(const Factor& f) {
    Expr e = f.base;
    std::string s = sub(f.row, f.col);
    if (e->kind == Kind::Var)
      return (latex_ ? subscriptable(latex_var_name(e->name)) : e->name) + s;
    if (e->kind == Kind::Ones) return (latex_ ? "\\mathbf{1}" : "1") + s;
    std::string m = latex_ ? to_latex(ctx_, e) : to_text(ctx_, e);
    return s.empty() ? m : paren(m) + s;
  }

  Context& ctx_;
  const IndexSpace& sp_;
  bool latex_;
  std::set<std::string> taken_;
  std::map<int, std::string> names_;
  int next_ = 0;
};

std::string print_form(Context& ctx, const IndexSpace& space, const IndexForm& form, bool latex) {
  IndexPrinter p(ctx, space, latex);
  p.reserve(form.free);
  return p.sum(form.sum, form.free);
}

std::string print_step(Context& ctx, const IndexSpace& space, const IndexStep& step, bool latex) {
  IndexPrinter p(ctx, space, latex);
  p.reserve(step.of_idx);
  p.reserve(step.wrt_idx);
  auto with = [&](const std::string& name, const std::vector<int>& ids) {
    std::string n = latex ? subscriptable(latex_var_name(name)) : name;
    std::string i = p.indices(ids);
    if (i.empty()) return n;
    return latex ? n + "_{" + i + "}" : n + "_" + i;
  };
  std::string lhs = with(step.of_name, step.of_idx);
  if (step.matrix && step.matrix_form == Form::Jacobian) {
    std::string f = latex ? latex_var_name(step.of_name) : step.of_name;
    std::string x = latex ? latex_var_name(step.wrt) : step.wrt;
    lhs = latex ? "\\frac{\\partial \\operatorname{vec} " + f + "}{\\partial \\operatorname{vec} " +
                      x + "}"
                : "dvec(" + f + ")/dvec(" + x + ")";
  } else if (!step.wrt.empty()) {
    std::string x = with(step.wrt, step.wrt_idx);
    lhs = latex ? "\\frac{\\partial " + lhs + "}{\\partial " + x + "}" : "d" + lhs + "/d" + x;
  }
  std::string rhs;
  if (step.matrix) {
    rhs = latex ? to_latex(ctx, step.matrix) : to_text(ctx, step.matrix);
  } else {
    // The left-hand side's indices are free on the right too.
    std::vector<int> free = step.form.free;
    free.insert(free.end(), step.of_idx.begin(), step.of_idx.end());
    free.insert(free.end(), step.wrt_idx.begin(), step.wrt_idx.end());
    rhs = p.sum(step.form.sum, free);
  }
  return lhs + " = " + rhs;
}

}  // namespace

std::string index_latex(Context& ctx, const IndexSpace& space, const IndexForm& form) {
  return print_form(ctx, space, form, true);
}
std::string index_text(Context& ctx, const IndexSpace& space, const IndexForm& form) {
  return print_form(ctx, space, form, false);
}
std::string index_step_latex(Context& ctx, const IndexSpace& space, const IndexStep& step) {
  return print_step(ctx, space, step, true);
}
std::string index_step_text(Context& ctx, const IndexSpace& space, const IndexStep& step) {
  return print_step(ctx, space, step, false);
}

}  // namespace matcalc
