// Declarations written in LaTeX: NAMES \in SET, where NAMES is `x`, `a, b` or
// `\mathbf{a,b}` and SET is \mathbb{R} (a scalar), \mathbb{R}^n or \mathbb{R}^{n\times 1}
// (a vector), \mathbb{R}^{m\times n} (a matrix), \mathbb{S}^n (symmetric) or
// \mathbb{S}^n_{++} (positive definite); `R` alone and `{{R}^{m\times 1}}` as people type
// them; the structures of SPEC 13 by their sets (O(n), SO(n), \mathrm{St}(n,p),
// \mathfrak{so}(n), S^{n-1}) or by words after the set (\mathbb{R}^{n\times n}\text{
// lower triangular}), the spellings of each structure's row. Each becomes a declaration
// of SPEC section 2, "X: matrix(m,n)", "X: orthogonal(n)".
#include <cctype>
#include <functional>

#include "expr/error.h"
#include "expr/structures.h"
#include "parse/latex_parser.h"

namespace matcalc {

namespace {

const char* const kSetHelp =
    "after \\in, the set is \\mathbb{R}, \\mathbb{R}^n, \\mathbb{R}^{m\\times n}, \\mathbb{S}^n, "
    "O(n), \\mathrm{St}(n,p) or S^{n-1} (a matrix set may be followed by \\text{lower "
    "triangular}, \\text{skew-symmetric}, ...)";

struct SetReading {
  char set = 0;  // 'R' or 'S', or 0 for a structure's own set (O(n), St(n,p), S^{n-1})
  std::vector<std::string> dims;
  bool spd = false;
  const StructureRow* structure = nullptr;  // O(n), St(n,p), S^{n-1}, or \text{...} after
};

bool is_letters(const LToken& t) { return t.kind == LTok::Letter; }

// The words of a \text{...} (letters, with the spaces and hyphens typed): "lower triangular".
std::string words_at(const std::vector<const LToken*>& f, std::size_t& i) {
  std::string out;
  for (; i < f.size(); ++i) {
    const LToken& t = *f[i];
    if (t.kind == LTok::Letter)
      out += (t.space_before && !out.empty() && out.back() != '-' ? " " : "") + t.text;
    else if (t.kind == LTok::Char && t.text == "-")
      out += "-";
    else
      break;
  }
  return out;
}

const StructureRow* structure_by_words(std::string words) {
  for (char& c : words) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const StructureRow& r : structure_rows())
    for (const char* w : r.words)
      if (w && words == w) return &r;
  return nullptr;
}

// A structure's set by its letters: O(n), SO(n), St(n,p), V(n,p), so(n).
const StructureRow* structure_by_set(const std::string& letters) {
  if (letters == "S" || letters == "R") return nullptr;  // \mathbb{S}^n, \mathbb{R}^n
  for (const StructureRow& r : structure_rows())
    for (const char* s : r.latex_sets)
      if (s && letters == s) return &r;
  return nullptr;
}

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
  // O(n), \mathrm{St}(n,p), \mathcal{O}(n), \mathfrak{so}(n): letters, then (dims).
  {
    std::size_t k = cmd(0, {"mathrm", "mathcal", "operatorname", "mathfrak", "mathsf", "text",
                            "mathbf", "mathbb", "rm"})
                        ? 1
                        : 0;
    std::string letters;
    std::size_t j = k;
    while (j < n && is_letters(*f[j]) && (j == k || !f[j]->space_before)) letters += f[j++]->text;
    const StructureRow* row = structure_by_set(letters);
    if (row && j < n && f[j]->kind == LTok::Delim && f[j]->text == "(") {
      r.structure = row;
      for (++j; j < n && !(f[j]->kind == LTok::Delim && f[j]->text == ")"); ++j)
        if (f[j]->kind == LTok::Letter || f[j]->kind == LTok::Number)
          r.dims.push_back(f[j]->text);
        else if (!(f[j]->kind == LTok::Char && f[j]->text == ","))
          latex_fail("a dimension is a name or a positive integer", f[j]->span);
      if (j >= n) latex_fail(kSetHelp, where);
      if (j + 1 < n) latex_fail(kSetHelp, f[j + 1]->span);
      return r;
    }
  }
  if (cmd(0, {"mathbb", "mathds", "Bbb", "mathbbm", "mathbf", "mathrm", "mathcal"}) &&
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
      // S^{n-1}: the unit sphere in R^n.
      if (r.set == 'S' && i + 2 < n && f[i]->kind == LTok::Letter && f[i + 1]->text == "-" &&
          f[i + 2]->text == "1") {
        r.structure = &structure_row(Structure::Unit);
        r.dims.push_back(f[i]->text);
        i += 3;
        continue;
      }
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
    } else if (cmd(i, {"text", "textrm", "mathrm", "quad", "mbox"}) || t.kind == LTok::Delim ||
               (t.kind == LTok::Char && t.text == ",")) {
      // \mathbb{R}^{n\times n}\text{, lower triangular}: the words name a structure.
      std::size_t from = i;
      while (i < n && (f[i]->kind == LTok::Cmd || f[i]->kind == LTok::Delim ||
                       (f[i]->kind == LTok::Char && f[i]->text != "-")))
        ++i;
      std::string words = words_at(f, i);
      while (i < n && (f[i]->kind == LTok::Delim || f[i]->kind == LTok::Char)) ++i;
      const StructureRow* row = words.empty() ? nullptr : structure_by_words(words);
      if (!row)
        latex_fail("'" + words +
                       "' is not a structure this reader knows: lower triangular, upper "
                       "triangular, skew-symmetric, orthogonal, orthonormal columns, unit, "
                       "symmetric, positive definite or diagonal",
                   f[from]->span);
      r.structure = row;
      if (i < n) latex_fail(kSetHelp, f[i]->span);
    } else {
      latex_fail(kSetHelp, t.span);
    }
  }
  return r;
}

// A structure's declaration: word(n) or word(n,p) from the dimensions read.
std::string structure_text(const SetReading& r, Span where) {
  const StructureRow& row = *r.structure;
  const std::vector<std::string>& d = r.dims;
  if (row.shape == StructShape::Tall) {
    if (d.size() != 2) latex_fail(std::string(row.word) + " takes two sizes, as in St(n,p)", where);
    return std::string(row.word) + "(" + d[0] + "," + d[1] + ")";
  }
  if (d.empty()) return row.word;
  if (d.size() == 2 && d[0] != d[1]) {
    if (row.shape == StructShape::Vector && d[1] == "1")
      return std::string(row.word) + "(" + d[0] + ")";
    latex_fail(std::string("a ") + row.word + " matrix is square", where);
  }
  return std::string(row.word) + "(" + d[0] + ")";
}

std::string kind_text(const SetReading& r, Span where) {
  const std::vector<std::string>& d = r.dims;
  if (d.size() > 2) latex_fail("tensors (more than two dimensions) are not read", where);
  if (r.structure) return structure_text(r, where);
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
  std::string kind = set_after_in();
  for (auto& [name, span] : names) st.decls.push_back({name, span, name + ": " + kind});
}

std::string LatexParser::set_after_in() {
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
  return kind_text(read_set(rest, where), where);
}

}  // namespace matcalc

namespace matcalc {

// S \succ 0, Σ ≻ 0: a relation to 0 that a structure's row names (structures.cpp,
// `relations`) declares the name so.
bool LatexParser::order_constraint(LatexStatement& st) {
  std::size_t end = limit(), rel = end;
  const StructureRow* row = nullptr;
  for (std::size_t i = pos_; i < end && !row; ++i)
    if (t_[i].kind == LTok::Cmd && (row = find_structure_by_relation(t_[i].text))) rel = i;
  if (rel == end || rel + 1 >= end || t_[rel + 1].kind != LTok::Number || t_[rel + 1].text != "0")
    return false;
  std::size_t after = rel + 2;
  if (after < end &&
      !(t_[after].kind == LTok::Char && (t_[after].text == "," || t_[after].text == ".")))
    return false;
  State s = save();
  LNodePtr name = primary_or_restore(s);
  if (!name) return false;
  if (pos_ != rel || name->kind != LKind::Name || name->text == "I") {
    restore(s);
    return false;
  }
  // x \succ 0 of a vector or a number (entry-wise positivity): no structure says that.
  bool capital = std::isupper(static_cast<unsigned char>(name->text[0])) != 0;
  if (!capital)
    latex_fail("\\" + t_[rel].text + " 0 declares a matrix positive definite (S \\succ 0); " +
                   name->text +
                   " is not a matrix by its name: positivity of a vector's entries or of a "
                   "number is not read (leave it out: the derivative holds where it is defined)",
               {name->span.begin, t_[rel + 1].span.end});
  pos_ = after;
  if (is_char(",") || is_char(".")) next();
  st.kind = LatexStatement::Kind::Declaration;
  st.decls.push_back({name->text,
                      {name->span.begin, t_[rel + 1].span.end},
                      name->text + ": " + row->word,
                      row->word});
  return true;
}

bool LatexParser::constraint(LatexStatement& st) {
  if (order_constraint(st)) return true;
  // Only a statement LHS = 1 or LHS = I (I_p) is tried: the cheap look at the tokens first,
  // so that no other statement is parsed twice.
  std::size_t end = limit(), eq = end;
  int depth = 0;
  for (std::size_t i = pos_; i < end; ++i) {
    const LToken& t = t_[i];
    depth += t.kind == LTok::Open ? 1 : t.kind == LTok::Close ? -1 : 0;
    if (depth == 0 && t.kind == LTok::Char && t.text == "=") {
      eq = i;
      break;
    }
  }
  if (eq == end || eq + 1 >= end) return false;
  const LToken& r = t_[eq + 1];
  bool one = r.kind == LTok::Number && r.text == "1";
  bool identity = r.kind == LTok::Letter && r.text == "I";
  std::size_t after = eq + 2;
  if (identity && after + 1 < end && t_[after].kind == LTok::Char && t_[after].text == "_")
    after = t_[after + 1].kind == LTok::Open ? match_[after + 1] + 1 : after + 2;  // I_p, I_{p}
  if (!(one || identity) || (after < end && !(t_[after].kind == LTok::Char &&
                                              (t_[after].text == "," || t_[after].text == "."))))
    return false;
  State s = save();
  auto fail = [&] {
    restore(s);
    return false;
  };
  LNodePtr lhs, rhs;
  try {
    lhs = sum();
    if (!is_char("=")) return fail();
    next();
    rhs = sum();
  } catch (const UserError&) {
    return fail();
  }
  if (!at_end() && !is_char(",") && !is_char(".")) return fail();
  // The name the constraint is about: \|v\| (or \|v\|_2, \|v\|^2), v^T v.
  const LNode* l = lhs.get();
  if (l->kind == LKind::Power && l->kids[1]->kind == LKind::Num && l->kids[1]->text == "2")
    l = l->kids[0].get();
  std::string name;
  bool norm = l->kind == LKind::Call && l->text == "norm2" && l->kids.size() == 1 &&
              l->kids[0]->kind == LKind::Name;
  if (norm) name = l->kids[0]->text;
  bool gram = l->kind == LKind::Product && l->kids.size() == 2 &&
              l->kids[0]->kind == LKind::Transpose && l->kids[0]->kids[0]->kind == LKind::Name &&
              l->kids[1]->kind == LKind::Name && l->kids[0]->kids[0]->text == l->kids[1]->text;
  if (gram) name = l->kids[1]->text;
  one = rhs->kind == LKind::Num && rhs->text == "1";
  identity = (rhs->kind == LKind::Name && rhs->text == "I") ||
             (rhs->kind == LKind::Call && rhs->text == "eye");  // I_p
  const StructureRow* row = nullptr;
  if ((norm || gram) && one) row = &structure_row(Structure::Unit);
  if (gram && identity) row = &structure_row(Structure::Stiefel);
  if (!row || name.empty() || name == "I") return fail();
  if (is_char(",") || is_char(".")) next();
  st.kind = LatexStatement::Kind::Declaration;
  st.decls.push_back({name, {lhs->span.begin, rhs->span.end}, name + ": " + row->word, row->word});
  return true;
}

}  // namespace matcalc

namespace matcalc {

bool LatexParser::optimisation(LatexStatement& st) {
  bool arg = is_cmd("arg") && !at_end(1) && peek(1).kind == LTok::Cmd &&
             (peek(1).text == "min" || peek(1).text == "max");
  if (!arg && !is_cmd_in({"min", "max", "argmin", "argmax"})) return false;
  // (\max(0, x) is the function max: ReLU)
  std::size_t under_at = arg ? 2 : 1;
  if (at_end(under_at) || !(peek(under_at).kind == LTok::Char && peek(under_at).text == "_"))
    return false;
  Span at = next().span;
  if (arg) at.end = next().span.end;
  if (!is_char("_"))
    latex_fail("\\min and \\max are read with the variable under them, as in \\min_x f(x)", at);
  next();
  auto under = [&]() -> LNodePtr {
    // A constraint (\|x\| = 1, X^T X = I), a set (x \in S^{n-1}), or the name alone.
    if (constraint(st)) return nullptr;
    LNodePtr name = primary();
    if (name->kind != LKind::Name || name->text == "I")
      latex_fail("under \\min or \\max, the variable (x, or x \\in SET, or a constraint)",
                 name->span);
    if (is_cmd("in"))
      st.decls.push_back({name->text, name->span, name->text + ": " + set_after_in()});
    return name;
  };
  LNodePtr name = peek().kind == LTok::Open ? in_group(under) : under();
  st.kind = LatexStatement::Kind::Question;
  if (name) {
    st.wrt = name->text;
    st.wrt_span = name->span;
  } else {
    st.wrt = st.decls.back().name;
    st.wrt_span = st.decls.back().span;
  }
  if (at_end()) latex_fail("\\min_" + st.wrt + " of what? The expression follows it", at);
  st.body = sum();
  // \max_i x_i: a maximum over an index, not over a variable the expression holds.
  std::function<bool(const LNode&)> holds = [&](const LNode& n) {
    if (n.kind == LKind::Name && n.text == st.wrt) return true;
    for (const LNodePtr& k : n.kids)
      if (holds(*k)) return true;
    return false;
  };
  if (!holds(*st.body))
    latex_fail(
        "a maximum or minimum over an index is not read: \\max_x f(x) asks for the "
        "gradient of f by the variable x, and \\max(0, x) is the ReLU relu(x)",
        at);
  return true;
}

}  // namespace matcalc
