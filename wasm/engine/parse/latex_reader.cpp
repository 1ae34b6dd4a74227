// The LaTeX reader (see latex_reader.h): tokens, then the question's statements, then
// the program in the plain language. Statements are separated at the top level by
// `\\`, `;`, `,` and line ends (a line ending in an operator goes on), and by connecting
// words (\text{where}, \text{and}); `a, b \in \mathbb{R}^n` stays one declaration. The
// question comes last whatever its place (`\frac{\partial f}{\partial X}` where `f` is
// defined makes that definition the last statement), and definitions are ordered before
// their uses, as a question's "where" clauses are not. Readings that depend on what a
// name is (|X| a determinant, a \cdot x a dot product) are made once the whole question
// is read, its declarations included (latex_kinds.cpp).
#include "parse/latex_reader.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <set>

#include "expr/structures.h"
#include "parse/ast_text.h"
#include "parse/latex_parser.h"
#include "parse/parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

using StKind = LatexStatement::Kind;

bool is_char(const LToken& t, const char* c) { return t.kind == LTok::Char && t.text == c; }
bool is_cmd(const LToken& t, const char* c) { return t.kind == LTok::Cmd && t.text == c; }

bool connector(const std::string& words) {
  static const char* const kWords[] = {
      "where", "and", "with", "for", "given", "let", "find", "compute", "st", "if", "then", "so",
      "evaluate", "calculate", "derive", "determine", "what", "is", "of",
      // before a constraint (x^T A x \text{ subject to } \|x\| = 1)
      "subject", "to", "such", "that", "under", "constraint", "constraints"};
  for (const char* w : kWords)
    if (words == w) return true;
  return false;
}

// The group starting at i (an Open): its letters split into words, or {} when it holds
// anything else.
std::vector<std::string> words_of(const std::vector<LToken>& t, std::size_t i, std::size_t* end) {
  std::vector<std::string> words;
  std::size_t j = i + 1;
  for (; j < t.size() && t[j].kind != LTok::Close; ++j) {
    if (t[j].kind != LTok::Letter && !is_char(t[j], ".")) return {};
    if (t[j].kind != LTok::Letter) continue;
    if (words.empty() || t[j].space_before) words.emplace_back();
    words.back() += t[j].text;
  }
  *end = j;
  return words;
}

// Math-mode wrappers ($, \(, \[), aligned environments and connecting words are dropped
// or become statement breaks; a trailing '?', '.' or ',' is dropped.
std::vector<LToken> clean(const std::vector<LToken>& in) {
  static const char* const kEnvs[] = {"aligned",  "align",    "gather",   "gathered",   "split",
                                      "equation", "eqnarray", "multline", "displaymath"};
  std::vector<LToken> out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const LToken& t = in[i];
    if (is_char(t, "$") || is_cmd(t, "(") || is_cmd(t, ")") || is_cmd(t, "[") || is_cmd(t, "]"))
      continue;
    if ((is_cmd(t, "begin") || is_cmd(t, "end")) && i + 1 < in.size() &&
        in[i + 1].kind == LTok::Open) {
      std::size_t end;
      std::vector<std::string> w = words_of(in, i + 1, &end);
      std::string env = w.size() == 1 ? w[0] : "";
      if (end < in.size() && is_char(in[end], "*")) ++end;  // align*
      bool known =
          std::any_of(std::begin(kEnvs), std::end(kEnvs), [&](const char* e) { return env == e; });
      if (!known)
        latex_fail(
            "\\" + t.text + "{" + env +
                "}: only aligned equations are read (matrices written entry by entry are not)",
            {t.span.begin, in[std::min(end, in.size() - 1)].span.end});
      out.push_back({LTok::Break, "\\\\", t.span, true});
      i = end;
      if (i < in.size() && in[i].kind != LTok::Close) --i;
      continue;
    }
    // A connecting word typed without \text (∂f/∂X where f = ...), spaced as a word.
    if (t.kind == LTok::Letter && (t.space_before || out.empty())) {
      std::size_t j = i;
      std::string word;
      while (j < in.size() && in[j].kind == LTok::Letter && (j == i || !in[j].space_before))
        word += in[j++].text;
      bool spaced = j >= in.size() || in[j].space_before || in[j].kind == LTok::End ||
                    in[j].kind == LTok::Break;
      std::string lower = word;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word.size() >= 3 && spaced && connector(lower)) {
        out.push_back({LTok::Break, "\\\\", {t.span.begin, in[j - 1].span.end}, true});
        i = j - 1;
        continue;
      }
    }
    if ((is_cmd(t, "text") || is_cmd(t, "textrm") || is_cmd(t, "mbox") || is_cmd(t, "mathrm")) &&
        i + 1 < in.size() && in[i + 1].kind == LTok::Open) {
      std::size_t end;
      std::vector<std::string> w = words_of(in, i + 1, &end);
      if (!w.empty() && std::all_of(w.begin(), w.end(), connector)) {
        out.push_back({LTok::Break, "\\\\", {t.span.begin, in[end].span.end}, true});
        i = end;
        continue;
      }
    }
    out.push_back(t);
  }
  while (out.size() > 1) {  // before End
    const LToken& last = out[out.size() - 2];
    if (is_char(last, "?") || is_char(last, ".") || is_char(last, ",") || last.kind == LTok::Break)
      out.erase(out.end() - 2);
    else
      break;
  }
  return out;
}

bool continues_after(const LToken& t) {
  if (t.kind == LTok::Char) return std::string("+-*/=^_:,").find(t.text) != std::string::npos;
  if (t.kind == LTok::Open) return true;
  if (t.kind != LTok::Cmd) return false;
  for (const char* c :
       {"cdot", "times", "odot", "circ", "oslash", "otimes", "equiv", "coloneqq", "in"})
    if (t.text == c) return true;
  return false;
}

bool continues_before(const LToken& t) {
  if (t.kind == LTok::Char) return std::string("+-*/=^_'").find(t.text) != std::string::npos;
  if (t.kind != LTok::Cmd) return false;
  for (const char* c :
       {"cdot", "times", "odot", "circ", "oslash", "otimes", "equiv", "coloneqq", "in"})
    if (t.text == c) return true;
  return false;
}

// The groups open at a token, as the parser pairs them (LatexParser's constructor): a brace or
// \left opens a group that only its own closer ends, and the plain ( [ it holds that were
// never closed end with it; a plain ) ] closes only a plain opener. `;` or `,` inside any
// group is no statement break, so every part keeps its braces balanced.
void track_groups(const LToken& t, std::vector<bool>& open_plain) {
  bool plain = t.kind == LTok::Delim && t.role == DelimRole::Plain;
  if (t.kind == LTok::Open || (t.kind == LTok::Delim && t.role == DelimRole::Left) ||
      (plain && (t.text == "(" || t.text == "[" || t.text == "{" || t.text == "<"))) {
    open_plain.push_back(plain);
  } else if (t.kind == LTok::Close || (t.kind == LTok::Delim && t.role == DelimRole::Right)) {
    while (!open_plain.empty() && open_plain.back()) open_plain.pop_back();
    if (!open_plain.empty()) open_plain.pop_back();
  } else if (plain && (t.text == ")" || t.text == "]" || t.text == "}" || t.text == ">")) {
    if (!open_plain.empty() && open_plain.back()) open_plain.pop_back();
  }
}

bool name_like(const LToken& t) {
  return t.kind == LTok::Letter || t.kind == LTok::Number || t.kind == LTok::Open ||
         t.kind == LTok::Close || (t.kind == LTok::Cmd && !is_cmd(t, "in")) || is_char(t, "_") ||
         is_char(t, ",");
}

// `a, b \in ...`: the comma at i separates names of one declaration.
bool declaration_list(const std::vector<LToken>& current, const std::vector<LToken>& t,
                      std::size_t i) {
  if (!std::all_of(current.begin(), current.end(), name_like)) return false;
  for (std::size_t j = i + 1; j < t.size(); ++j) {
    if (is_cmd(t[j], "in")) return true;
    if (!name_like(t[j])) return false;
  }
  return false;
}

std::vector<std::vector<LToken>> split(const std::vector<LToken>& t) {
  std::vector<std::vector<LToken>> out;
  std::vector<LToken> cur;
  std::vector<bool> open_plain;  // the groups open here, innermost last: plain ( or a brace
  bool space = false;
  auto flush = [&](Span at) {
    if (cur.empty()) return;
    cur.push_back({LTok::End, "", {at.begin, at.begin}, true});
    out.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    LToken tok = t[i];
    bool top = open_plain.empty();
    if (tok.kind == LTok::Break) {
      bool newline = tok.text == "\n";
      bool sep = top && !cur.empty() &&
                 (!newline || (!continues_after(cur.back()) && !continues_before(t[i + 1])));
      if (sep) flush(tok.span);
      space = true;
      continue;
    }
    if (top && (is_char(tok, ";") || (is_char(tok, ",") && !declaration_list(cur, t, i)))) {
      flush(tok.span);
      continue;
    }
    track_groups(tok, open_plain);
    tok.space_before = tok.space_before || space;
    space = false;
    cur.push_back(tok);
  }
  flush(t.back().span);
  return out;
}

// Definitions in an order where each comes after those it uses (stable), then the objective.
std::vector<std::size_t> order(const std::vector<LatexStatement>& sts,
                               const std::vector<std::size_t>& program) {
  std::set<std::string> pending;
  for (std::size_t i : program)
    if (sts[i].kind == StKind::Definition) pending.insert(sts[i].name);
  std::vector<std::size_t> left = program, out;
  while (!left.empty()) {
    auto ready = std::find_if(left.begin(), left.end(), [&](std::size_t i) {
      std::vector<std::string> used;
      collect_names(*sts[i].body, used);
      return std::none_of(used.begin(), used.end(), [&](const std::string& n) {
        return n != sts[i].name && pending.count(n);
      });
    });
    if (ready == left.end()) ready = left.begin();  // a cycle: the plain reader reports it
    pending.erase(sts[*ready].name);
    out.push_back(*ready);
    left.erase(ready);
  }
  return out;
}

// With definitions only, the objective is the last one that no other statement uses.
int last_unused(const std::vector<LatexStatement>& sts, int fallback) {
  std::vector<std::string> used;
  for (const LatexStatement& s : sts)
    if (s.body) {
      std::vector<std::string> mine;
      collect_names(*s.body, mine);
      for (const std::string& n : mine)
        if (n != s.name) used.push_back(n);
    }
  for (int i = static_cast<int>(sts.size()) - 1; i >= 0; --i)
    if (sts[i].kind == StKind::Definition &&
        std::find(used.begin(), used.end(), sts[i].name) == used.end())
      return i;
  return fallback;
}

// E(W), f(x): a defined name written as a function of variables its definition uses
// (E = \|Wx - t\|^2; \nabla_W E(W)) is the value it names, not a product E*W nor an unknown
// function. `uses`: each definition's names, through the definitions it uses.
void read_defined_as_functions(LNodePtr& n, const DefinedUses& uses) {
  for (LNodePtr& k : n->kids) read_defined_as_functions(k, uses);
  auto its_variables = [&](const std::string& f, const std::vector<LNodePtr>& args) {
    auto it = uses.find(f);
    return it != uses.end() && !args.empty() &&
           std::all_of(args.begin(), args.end(), [&](const LNodePtr& a) {
             return a->kind == LKind::Name && it->second.count(a->text);
           });
  };
  if (n->kind == LKind::Call && n->notation == Notation::Unknown &&
      its_variables(n->text, n->kids)) {
    n = lnode(LKind::Name, n->span, n->text);
    return;
  }
  if (n->kind != LKind::Product) return;
  for (std::size_t i = 0; i + 1 < n->kids.size(); ++i) {
    const LNode& f = *n->kids[i];
    const LNode& arg = *n->kids[i + 1];
    if (f.kind != LKind::Name || arg.kind != LKind::Paren || n->ops[i + 1] != "*" ||
        !its_variables(f.text, arg.kids))
      continue;
    n->kids[i]->span.end = arg.span.end;
    n->kids.erase(n->kids.begin() + static_cast<long>(i) + 1);
    n->ops.erase(n->ops.begin() + static_cast<long>(i) + 1);
    n->op_spans.erase(n->op_spans.begin() + static_cast<long>(i) + 1);
  }
  if (n->kids.size() == 1) {
    LNodePtr only = std::move(n->kids[0]);
    n = std::move(only);
  }
}

// f(v) of a name no row knows (the parser marks it "unknown"): a declared name multiplies
// its parenthesis, c(x + y), and so do a, b and c; anything else is an error that says
// what to write.
void resolve_calls(LNodePtr& n, const std::function<bool(const std::string&)>& declared,
                   const std::set<std::string>& defined) {
  for (LNodePtr& k : n->kids) resolve_calls(k, declared, defined);
  if (n->kind != LKind::Call || n->notation != Notation::Unknown) return;
  if (defined.count(n->text))
    latex_fail("'" + n->text + "' is defined as a value, so " + n->text +
                   "(...) cannot be read as a function: write " + n->text +
                   " \\cdot (...) for a product",
               n->span);
  // a, b, c: scalars by the naming convention, never function names (w^TSw + c(1 - w^Tw))
  bool multiplier = n->text == "a" || n->text == "b" || n->text == "c";
  if ((!declared(n->text) && !multiplier) || n->kids.size() != 1)
    latex_fail(unknown_function_message(n->text, true), n->text_span);
  LNodePtr paren = lnode(LKind::Paren, {n->text_span.end, n->span.end});
  paren->kids.push_back(std::move(n->kids[0]));
  LNodePtr name = lnode(LKind::Name, n->text_span, n->text);
  name->notation = Notation::Letter;
  LNodePtr p = lnode(LKind::Product, n->span);
  p->ops = {"", "*"};
  p->op_spans = {n->text_span, paren->span};
  p->kids.push_back(std::move(name));
  p->kids.push_back(std::move(paren));
  n = std::move(p);
}

}  // namespace

// A backslash or braces, or math delimiters around the whole input ($...$): a stray '$'
// inside plain input is the plain reader's error to report, at its column.
bool looks_like_latex(const std::string& s) {
  if (s.find_first_of("\\{}") != std::string::npos) return true;
  std::size_t first = s.find_first_not_of(" \t\r\n"), last = s.find_last_not_of(" \t\r\n");
  return first != std::string::npos && first < last && s[first] == '$' && s[last] == '$';
}

std::optional<IndexTensor> read_index_tensor(const std::string& text, const std::string& free) {
  if (text.size() > 2 * kMaxInputLength) return std::nullopt;  // read_latex says why
  std::vector<std::vector<LToken>> parts = split(clean(latex_tokens(text)));
  if (parts.size() != 1) return std::nullopt;  // empty, or a program: not one entry
  LatexNames names;
  LatexStatement s = LatexParser(std::move(parts[0]), names).statement();
  if (s.kind != StKind::Expression) return std::nullopt;
  return index_tensor_of(std::move(s.body), text, free);
}

LatexReading read_latex(const std::string& tex, const std::vector<std::string>& declared,
                        const std::string& entries, const DefinedUses& outer) {
  if (tex.size() > 2 * kMaxInputLength)
    latex_fail("the input is too long (" + std::to_string(tex.size()) +
                   " characters; the limit is " + std::to_string(2 * kMaxInputLength) + ")",
               {static_cast<int>(2 * kMaxInputLength), static_cast<int>(2 * kMaxInputLength) + 1});
  std::vector<std::vector<LToken>> parts = split(clean(latex_tokens(tex)));
  if (parts.empty()) latex_fail("the expression is empty", {0, 1});
  LatexNames names;
  if (!entries.empty()) {
    names.index_notation("an answer entry by entry", {0, static_cast<int>(tex.size())});
    names.answer_free = entries;
  }
  for (const std::vector<LToken>& p : parts) {
    std::string name;
    std::vector<std::string> params;
    if (LatexParser(p, names).function_header(&name, &params)) names.functions[name] = params;
  }
  std::vector<LatexStatement> sts;
  for (std::vector<LToken>& p : parts) sts.push_back(LatexParser(std::move(p), names).statement());
  read_index_notation(sts, names);
  for (const LatexStatement& s : sts)
    if (s.claim)
      latex_fail(
          "the question states an answer after '=': ask the question alone, and check the "
          "answer with Check my answer (matcalc check --answer)",
          s.claim_span);

  LatexReading r;
  std::set<std::string> defined, listed;
  int question = -1, function_def = -1, last_expression = -1, last = -1;
  for (std::size_t i = 0; i < sts.size(); ++i) {
    const LatexStatement& s = sts[i];
    if (s.kind == StKind::Definition) defined.insert(s.name);
    if (s.kind == StKind::Definition && !s.params.empty() && function_def < 0)
      function_def = static_cast<int>(i);
    if (s.kind == StKind::Expression) last_expression = static_cast<int>(i);
    if (s.kind != StKind::Declaration) last = static_cast<int>(i);
    if (s.kind != StKind::Question) continue;
    if (question >= 0) latex_fail("only one question can be asked; this is a second one", s.span);
    question = static_cast<int>(i);
  }
  // What each name is, for the readings that depend on it (|X|, a \cdot x): the question's
  // declarations, a definition's right-hand side, typography, the naming convention.
  std::set<std::string> visiting;
  std::map<std::string, NameKind> known;  // a definition's kind, once worked out
  std::function<NameKind(const std::string&)> kind_of = [&](const std::string& name) {
    if (auto it = known.find(name); it != known.end()) return it->second;
    for (const LatexStatement& s : sts)
      for (const LatexDecl& d : s.decls)
        if (d.name == name) {
          std::string k = d.text.substr(d.text.find(": ") + 2);
          const StructureRow* row = find_structure(k.substr(0, k.find('(')));
          return k.rfind("scalar", 0) == 0 ? NameKind::Scalar
                 : k.rfind("vector", 0) == 0 || (row && row->shape == StructShape::Vector)
                     ? NameKind::Vector
                     : NameKind::Matrix;
        }
    for (const LatexStatement& s : sts)
      if (s.kind == StKind::Definition && s.name == name && s.body) {
        if (!visiting.insert(name).second) return NameKind::Unknown;  // a cycle: reported later
        NameKind k = kind_by_names(*s.body, kind_of);
        visiting.erase(name);
        return known[name] = k;
      }
    for (const auto& [n, k] : names.typography)
      if (n == name) return k;
    char c = name[0];
    return c >= 'a' && c <= 'g'   ? NameKind::Scalar
           : c >= 'h' && c <= 'z' ? NameKind::Vector
           : c >= 'A' && c <= 'Z' ? NameKind::Matrix
                                  : NameKind::Unknown;
  };
  std::map<std::string, std::vector<std::string>> direct;  // read_defined_as_functions
  for (const LatexStatement& s : sts)
    if (s.kind == StKind::Definition && s.body) collect_names(*s.body, direct[s.name]);
  DefinedUses uses = closed_uses(direct);
  uses.insert(outer.begin(), outer.end());
  // (Only a definition that is a number: H(x) of a matrix H = A + xx^T multiplies.)
  for (auto it = uses.begin(); it != uses.end();)
    it = defined.count(it->first) && kind_of(it->first) != NameKind::Scalar ? uses.erase(it)
                                                                            : std::next(it);
  for (LatexStatement& s : sts)
    if (s.body) read_defined_as_functions(s.body, uses);
  known.clear();  // (the bodies have changed)

  int objective = question >= 0          ? question
                  : last_expression >= 0 ? last_expression
                  : function_def >= 0    ? function_def
                                         : last_unused(sts, last);
  if (function_def >= 0) r.wrt = sts[function_def].wrt, r.wrt_span = sts[function_def].wrt_span;
  if (question >= 0) {
    const LatexStatement& q = sts[question];
    if (!q.wrt.empty()) r.wrt = q.wrt, r.wrt_span = q.wrt_span;
    r.hessian = q.hessian;
    if (q.body->kind == LKind::Name &&
        defined.count(q.body->text))  // \partial f / \partial X, f defined
      for (std::size_t i = 0; i < sts.size(); ++i)
        if (sts[i].kind == StKind::Definition && sts[i].name == q.body->text)
          objective = static_cast<int>(i);
  }
  auto is_declared = [&](const std::string& name) {
    if (std::find(declared.begin(), declared.end(), name) != declared.end()) return true;
    for (const LatexStatement& s : sts)
      for (const LatexDecl& d : s.decls)
        if (d.name == name) return true;
    return false;
  };
  for (LatexStatement& s : sts)
    if (s.body) resolve_calls(s.body, is_declared, defined);
  for (LatexStatement& s : sts)
    if (s.body) resolve_by_kinds(s.body, kind_of);

  std::vector<std::size_t> program;
  for (std::size_t i = 0; i < sts.size(); ++i)
    if (sts[i].kind != StKind::Declaration && sts[i].kind != StKind::Question &&
        static_cast<int>(i) != objective)
      program.push_back(i);
  program = order(sts, program);
  if (objective >= 0) program.push_back(static_cast<std::size_t>(objective));

  for (std::size_t k : program) {
    const LatexStatement& s = sts[k];
    Statement st;
    st.name = s.kind == StKind::Definition ? s.name : "";
    st.name_span = s.name_span;
    st.span = s.span;
    st.expr = to_ast(s.body->kind == LKind::Paren ? *s.body->kids[0] : *s.body);  // d(...)
    st.text = plain_text(*st.expr);
    r.text += (r.text.empty() ? "" : "\n") + (st.name.empty() ? "" : st.name + " = ") + st.text;
    r.statements.push_back(std::move(st));
  }
  r.defined.assign(defined.begin(), defined.end());
  r.notes = names.index_notes;
  r.index_checks = names.index_checks;
  r.asked = names.asked;

  std::vector<std::string> decls;
  for (int constraints = 0; constraints < 2; ++constraints)  // (a constraint's name last)
    for (const LatexStatement& s : sts)
      for (const LatexDecl& d : s.decls)
        if (d.constraint.empty() == !constraints && !defined.count(d.name) &&
            listed.insert(d.name).second)
          decls.push_back(d.text);
  // A constraint (\|x\| = 1) makes its name's declaration structured, with the sizes the
  // other one gives: x \in \mathbb{R}^n and \|x\| = 1 declare x: unit(n).
  for (const LatexStatement& s : sts)
    for (const LatexDecl& c : s.decls) {
      if (c.constraint.empty()) continue;
      for (std::string& d : decls) {
        if (d.rfind(c.name + ": ", 0) != 0 || d == c.text) continue;
        std::size_t open = d.find('(');
        std::string sizes = open == std::string::npos ? "" : d.substr(open);
        const StructureRow* row = find_structure(c.constraint);  // (n) -> (n,n) for a tall one
        if (row && row->shape == StructShape::Tall && sizes.find(',') == std::string::npos &&
            !sizes.empty())
          sizes = "(" + sizes.substr(1, sizes.size() - 2) + "," + sizes.substr(1);
        d = c.name + ": " + c.constraint + sizes;
      }
    }
  // Typography declares what it says (a bold name); a plain Greek name's kind is the naming
  // convention's (SPEC 6), left to it, so the notes of SPEC 7 name it where the question
  // uses it otherwise (\|x - \mu\|^2, x^T\mu) and the convention's readings apply.
  auto convention = [](const std::string& name, NameKind kind) {
    std::string g = greek_case(name);
    return !g.empty() && kind == (g == "lower" ? NameKind::Scalar : NameKind::Matrix);
  };
  for (const auto& [name, kind] : names.typography)
    if (!defined.count(name) && !convention(name, kind) && listed.insert(name).second)
      decls.push_back(name + ": " + kind_word(kind));
  for (std::size_t i = 0; i < decls.size(); ++i) r.decls += (i ? "; " : "") + decls[i];
  return r;
}

}  // namespace matcalc
