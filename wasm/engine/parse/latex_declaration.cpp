// Declarations written in LaTeX: NAMES \in SET, where NAMES is `x`, `a, b` or
// `\mathbf{a,b}` and SET is \mathbb{R} (a scalar), \mathbb{R}^n or \mathbb{R}^{n\times 1}
// (a vector), \mathbb{R}^{m\times n} (a matrix), \mathbb{S}^n (symmetric) or
// \mathbb{S}^n_{++} (positive definite); `R` alone and `{{R}^{m\times 1}}` as people type
// them. Each becomes a declaration of SPEC section 2, "X: matrix(m,n)".
#include "parse/latex_parser.h"

namespace matcalc {

namespace {

const char* const kSetHelp =
    "after \\in, the set is \\mathbb{R}, \\mathbb{R}^n, \\mathbb{R}^{m\\times n} or \\mathbb{S}^n";

struct SetReading {
  char set = 0;  // 'R' or 'S'
  std::vector<std::string> dims;
  bool spd = false;
};

// The set, from its tokens with the braces left out.
SetReading read_set(const std::vector<const LToken*>& f, Span where) {
  SetReading r;
  std::size_t i = 0, n = f.size();
  auto letter = [&](std::size_t k, const char* s) {
    return k < n && f[k]->kind == LTok::Letter && f[k]->text == s;
  };
  auto cmd = [&](std::size_t k, std::initializer_list<const char*> names) {
    if (k >= n || f[k]->kind != LTok::Cmd) return false;
    for (const char* s : names)
      if (f[k]->text == s) return true;
    return false;
  };
  if (cmd(0, {"mathbb", "mathds", "Bbb", "mathbbm", "mathbf", "mathrm"}) &&
      (letter(1, "R") || letter(1, "S")))
    r.set = f[1]->text[0], i = 2;
  else if (letter(0, "R") || letter(0, "S"))
    r.set = f[0]->text[0], i = 1;
  else if (cmd(0, {"R", "reals", "Reals", "RR"}))
    r.set = 'R', i = 1;
  else
    latex_fail(kSetHelp, where);
  while (i < n) {
    const LToken& t = *f[i];
    if (t.kind == LTok::Char && t.text == "^") {
      ++i;
      while (i < n && (f[i]->kind == LTok::Letter || f[i]->kind == LTok::Number)) {
        r.dims.push_back(f[i++]->text);
        bool sep = cmd(i, {"times", "cdot"}) ||
                   (i < n && f[i]->kind == LTok::Char && (f[i]->text == "*" || f[i]->text == ","));
        if (!sep) break;
        ++i;
      }
    } else if (t.kind == LTok::Char && t.text == "_") {
      ++i;
      int plus = 0;
      while (i < n && f[i]->kind == LTok::Char && f[i]->text == "+") ++plus, ++i;
      if (plus == 0) latex_fail(kSetHelp, t.span);
      r.spd = plus >= 2;
    } else {
      latex_fail(kSetHelp, t.span);
    }
  }
  return r;
}

std::string kind_text(const SetReading& r, Span where) {
  const std::vector<std::string>& d = r.dims;
  if (d.size() > 2) latex_fail("tensors (more than two dimensions) are not read", where);
  if (r.set == 'S') {
    if (d.empty()) return r.spd ? "spd" : "symmetric";
    if (d.size() == 2 && d[0] != d[1]) latex_fail("a symmetric matrix is square", where);
    return std::string(r.spd ? "spd" : "symmetric") + "(" + d[0] + ")";
  }
  if (d.empty() || (d.size() == 1 && d[0] == "1") || (d.size() == 2 && d[0] == "1" && d[1] == "1"))
    return "scalar";
  if (d.size() == 1) return "vector(" + d[0] + ")";
  if (d[1] == "1") return "vector(" + d[0] + ")";
  if (d[0] == "1")
    latex_fail(
        "row vectors (\\mathbb{R}^{1\\times n}) are not read: declare the column vector and "
        "transpose it",
        where);
  return "matrix(" + d[0] + "," + d[1] + ")";
}

}  // namespace

void LatexParser::declaration(LatexStatement& st) {
  st.kind = LatexStatement::Kind::Declaration;
  std::vector<std::pair<std::string, Span>> names;
  auto add = [&](const LNode& n) {
    if (n.kind != LKind::Name || n.text == "I" || n.text == "ones")
      latex_fail(
          "a declaration is NAME \\in \\mathbb{R}^{...}, as in X \\in \\mathbb{R}^{m\\times n}",
          n.span);
    names.emplace_back(n.text, n.span);
  };
  while (!is_cmd("in")) {
    if (is_cmd_in({"mathbf", "boldsymbol", "bm"}) && !at_end(1) && peek(1).kind == LTok::Open) {
      next();  // \mathbf{a,b}
      bool saved = bold_;
      bold_ = true;
      in_group([&] {
        while (true) {
          add(*primary());
          if (!is_char(",")) break;
          next();
        }
        return LNodePtr();
      });
      bold_ = saved;
    } else {
      add(*primary());
    }
    if (is_char(","))
      next();
    else if (!is_cmd("in"))
      fail_here("a declaration is NAME \\in \\mathbb{R}^{...}; expected \\in");
  }
  Span in_span = next().span;
  std::vector<const LToken*> rest;
  Span where{in_span.end, in_span.end};
  for (; !at_end(); ++pos_) {
    const LToken& t = t_[pos_];
    where.end = t.span.end;
    if (rest.empty()) where.begin = t.span.begin;
    if (t.kind != LTok::Open && t.kind != LTok::Close) rest.push_back(&t);
  }
  if (rest.empty()) latex_fail(kSetHelp, in_span);
  std::string kind = kind_text(read_set(rest, where), where);
  for (auto& [name, span] : names) st.decls.push_back({name, span, name + ": " + kind});
}

}  // namespace matcalc
