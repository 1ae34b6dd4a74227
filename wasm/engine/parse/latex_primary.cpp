// The LaTeX parser's primaries: numbers, names (letters, Greek, bold, subscripted),
// functions (\log, \operatorname{tr}, bare tr(), \sigma(...)), \frac, \sqrt, \sum,
// groups, parentheses, |x| and norms, \langle A, B \rangle. Each command is one row of a
// table or one small handler; an unknown command is refused by name.
#include <algorithm>
#include <cctype>

#include "expr/functions.h"
#include "parse/latex_parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

const char* greek(const std::string& c) {
  static const std::pair<const char*, const char*> kGreek[] = {
      {"alpha", "alpha"},    {"beta", "beta"},       {"gamma", "gamma"},
      {"delta", "delta"},    {"epsilon", "epsilon"}, {"varepsilon", "epsilon"},
      {"zeta", "zeta"},      {"eta", "eta"},         {"theta", "theta"},
      {"vartheta", "theta"}, {"iota", "iota"},       {"kappa", "kappa"},
      {"lambda", "lambda"},  {"mu", "mu"},           {"nu", "nu"},
      {"xi", "xi"},          {"pi", "pi"},           {"rho", "rho"},
      {"varrho", "rho"},     {"sigma", "sigma"},     {"varsigma", "sigma"},
      {"tau", "tau"},        {"upsilon", "upsilon"}, {"phi", "phi"},
      {"varphi", "phi"},     {"chi", "chi"},         {"psi", "psi"},
      {"omega", "omega"},    {"Gamma", "Gamma"},     {"Delta", "Delta"},
      {"Theta", "Theta"},    {"Lambda", "Lambda"},   {"Xi", "Xi"},
      {"Pi", "Pi"},          {"Sigma", "Sigma"},     {"Upsilon", "Upsilon"},
      {"Phi", "Phi"},        {"Psi", "Psi"},         {"Omega", "Omega"}};
  for (auto [tex, plain] : kGreek)
    if (c == tex) return plain;
  return nullptr;
}

// Function commands of LaTeX (and the operators people \DeclareMathOperator).
const char* function_command(const std::string& c) {
  static const std::pair<const char*, const char*> kFns[] = {
      {"exp", "exp"},   {"log", "log"},      {"ln", "log"},      {"sin", "sin"},
      {"cos", "cos"},   {"tan", "tan"},      {"tanh", "tanh"},   {"sinh", "sinh"},
      {"cosh", "cosh"}, {"arcsin", "asin"},  {"arccos", "acos"}, {"arctan", "atan"},
      {"det", "det"},   {"tr", "tr"},        {"Tr", "tr"},       {"trace", "tr"},
      {"diag", "diag"}, {"sgn", "sign"},     {"erf", "erf"},     {"softmax", "softmax"},
      {"relu", "relu"}, {"logdet", "logdet"}};
  for (auto [tex, plain] : kFns)
    if (c == tex) return plain;
  return nullptr;
}

std::string lower(std::string w) {
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

// A word spelled out (\operatorname{tr}, \text{diag}, \mathrm{ReLU}, bare tr) as a plain
// function, in any capitalisation (ReLU, Softmax, LSE, Tr): no function name differs from
// another by case alone.
std::string plain_function(const std::string& word) {
  std::string w = lower(word);
  static const std::pair<const char*, const char*> kAliases[] = {
      {"trace", "tr"},    {"ln", "log"},      {"sgn", "sign"},         {"arcsin", "asin"},
      {"arccos", "acos"}, {"arctan", "atan"}, {"logistic", "sigmoid"}, {"lse", "logsumexp"}};
  for (auto [from, to] : kAliases)
    if (w == from) return to;
  static const char* const kBuiltins[] = {"tr",    "det",   "logdet",     "inv", "sum",
                                          "norm1", "norm2", "diag",       "vec", "kron",
                                          "eye",   "ones",  "commutation"};
  for (const char* b : kBuiltins)
    if (w == b) return w;
  return find_function_row(w) ? w : "";
}

// An unknown function word close to a known one: " (did you mean sigmoid?)", or "".
std::string latex_did_you_mean(const std::string& word) {
  std::string hint = suggest_function(lower(word));
  return hint == " (did you mean A'?)" ? " (a transpose is written A^T)" : hint;
}

std::string shown(const LToken& t) { return t.kind == LTok::Cmd ? "\\" + t.text : t.text; }

}  // namespace

LNodePtr LatexParser::primary() {
  if (at_end()) fail_here("an operand was expected");
  const LToken& t = peek();
  switch (t.kind) {
    case LTok::Number: {
      LToken n = next();
      return lnode(LKind::Num, n.span, n.text);
    }
    case LTok::Letter:
      return letter_primary();
    case LTok::Cmd:
      return command_primary();
    case LTok::Open:
      if (match_[pos_] == pos_ + 1)
        latex_fail("empty group {}", {t.span.begin, t_[pos_ + 1].span.end});
      return in_group([&] { return sum(); });
    case LTok::Delim:
      return delim_primary();
    case LTok::Char:
    case LTok::Close:
    case LTok::Break:
    case LTok::End:
      break;
  }
  fail_here("an operand was expected");
}

LNodePtr LatexParser::letter_primary() {
  std::string run;
  std::size_t k = 0;
  while (!at_end(k) && peek(k).kind == LTok::Letter && (k == 0 || !peek(k).space_before))
    run += peek(k++).text;
  if (!at_end(k) && peek(k).kind == LTok::Number && !peek(k).space_before &&
      plain_function(run + peek(k).text) != "")
    run += peek(k++).text;  // norm1(, norm2(
  if (run == "sum" && !at_end(k) && peek(k).kind == LTok::Char &&
      (peek(k).text == "_" || peek(k).text == "^")) {  // sum_k m_ik m_jk, typed without \sum
    Span s{peek().span.begin, peek(k - 1).span.end};
    pos_ += k;
    return sum_primary(s);
  }
  if (run == "max" && opens_paren(k)) {  // max(0, x) as people type it
    Span s{peek().span.begin, peek(k - 1).span.end};
    pos_ += k;
    return max_call(s);
  }
  if (k > 1 && plain_function(run) != "" && opens_paren(k)) {
    Span s{peek().span.begin, peek(k - 1).span.end};
    pos_ += k;
    return function_call(plain_function(run), s);
  }
  // Written without backslashes (pasted, or typed as in plain input): lambda is \lambda,
  // sin x is \sin x, not products of letters.
  if (k > 1 && (greek(run) || (function_command(run) && starts_factor(k)))) {
    Span s{peek().span.begin, peek(k - 1).span.end};
    pos_ += k;
    if (const char* g = greek(run)) {
      if (run == "sigma" && opens_paren()) return function_call("sigmoid", s);
      return name_tail(g, s, bold_, true);
    }
    return function_call(function_command(run), s);
  }
  // A word before a parenthesis is a function; one no row knows is an error (sigm(x)).
  if (k > 2 && opens_paren(k) && !peek(k).space_before)
    latex_fail(unknown_function_message(run, true), {peek().span.begin, peek(k - 1).span.end});
  LToken t = next();
  return name_tail(t.text, t.span, bold_, false);
}

// A name and what may follow it: a subscript (x_1, W_{2}; dropped when it is the index
// of the \sum being read), the identity's size (I_n), a defined function's arguments.
LNodePtr LatexParser::name_tail(const std::string& base, Span span, bool bold, bool is_greek) {
  std::string name = base;
  std::string sub;
  bool subscripted = is_char("_");
  std::string indices;
  if (is_char("_")) {
    next();
    Span ss;
    sub = subscript_text(&ss);
    span.end = ss.end;
    // One or two single letters (x_i, m_{ik}, X_{k,g}) on a one-letter or Greek name:
    // an entry, if the question turns out to be written entry by entry.
    std::string letters;
    for (char c : sub)
      if (c != '_') letters += c;
    bool short_base = base.size() == 1 || is_greek;
    if (short_base && !letters.empty() && letters.size() <= 2 &&
        std::all_of(letters.begin(), letters.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }))
      indices = letters;
    if (is_greek && base == "delta" && !indices.empty())
      names_.index_notation("a Kronecker delta \\delta_{" + indices + "}", span);
    bool index = !indices_.empty() && std::all_of(sub.begin(), sub.end(), [&](char c) {
      return c == '_' ||
             std::find(indices_.begin(), indices_.end(), std::string(1, c)) != indices_.end();
    });
    if (index) sub.clear();
  }
  if (base == "I" && !is_greek) {
    if (sub.empty()) return lnode(LKind::Name, span, "I");
    return lcall("eye", span, span, lnode(LKind::Name, span, sub));
  }
  std::string written_sub = sub.empty() ? indices : sub;
  if (!sub.empty()) name += "_" + sub;
  // \lambda_{\max}(S), \lambda_{\min}(S), \sigma_{\max}(A), \sigma_1(A): the spectral
  // functions (SPEC 12; singular values are numbered from the largest).
  if (is_greek && opens_paren()) {
    // A matrix in the parenthesis: a capital letter, a capital Greek letter, a bold name
    // (\lambda_i(x_i^T x_i - 1), a multiplier per constraint, multiplies).
    bool of_matrix = false;
    for (std::size_t i = pos_ + 1; i < match_[pos_] && i < limit(); ++i) {
      const LToken& u = t_[i];
      auto caret = [&](std::size_t k) { return t_[k].kind == LTok::Char && t_[k].text == "^"; };
      bool script = caret(i - 1) || (t_[i - 1].kind == LTok::Open && caret(i - 2));  // x^T
      if ((u.kind == LTok::Letter && !script &&
           std::isupper(static_cast<unsigned char>(u.text[0]))) ||
          (u.kind == LTok::Cmd && (greek_case(u.text) == "upper" || u.text == "mathbf" ||
                                   u.text == "boldsymbol" || u.text == "bm")))
        of_matrix = true;
    }
    std::string spectral = name == "lambda_max" || name == "lambda_min"              ? name
                           : name == "sigma_max" || (name == "sigma_1" && of_matrix) ? "norm_op"
                                                                                     : "";
    if (!spectral.empty()) return function_call(spectral, span);
    // \lambda_1(S), \lambda_n(S), \sigma_i(A): numbered eigenvalues and singular values,
    // which texts number from either end, or one of them by an index: refused with what
    // to write (never \lambda_1 times S).
    if ((base == "lambda" || base == "sigma") && subscripted && of_matrix) {
      bool eig = base == "lambda";
      latex_fail(
          "\\" + base + "_" + written_sub + "(...), " +
              (eig ? "an eigenvalue by its number, is not read (texts number them from "
                     "either end): write "
                   : "a singular value by its index, is not read: write ") +
              (eig ? "\\lambda_{\\max}(S) or \\lambda_{\\min}(S), or \\operatorname{tr}(S) for "
                     "the sum of all"
                   : "\\sigma_{\\max}(A), or \\|A\\|_* for the sum of all (the nuclear norm)"),
          span);
    }
  }
  bool lower = std::islower(static_cast<unsigned char>(base[0])) != 0;
  if (bold)
    names_.note(name, lower ? NameKind::Vector : NameKind::Matrix);
  else if (is_greek)
    names_.note(name, lower ? NameKind::Scalar : NameKind::Matrix);
  LNodePtr n = lnode(LKind::Name, span, name);
  n->notation = bold ? Notation::Bold : is_greek ? Notation::Plain : Notation::Letter;
  n->indices = indices;
  bool paren = opens_paren() && match_[pos_] != static_cast<std::size_t>(-1);
  if (skip_calls_ && names_.functions.count(name) && paren) {
    // f(X) of a defined f(X) is f; of another argument, f(y) or f(Ay), it would be f with
    // y put for X, which is not read (it was f(X) whatever the argument).
    Span args_span;
    std::vector<LNodePtr> args = paren_arguments(&args_span);
    const std::vector<std::string>& params = names_.functions.at(name);
    bool same = args.size() == params.size();
    for (std::size_t i = 0; same && i < args.size(); ++i)
      same = args[i]->kind == LKind::Name && args[i]->text == params[i];
    if (!same)
      latex_fail(name + " is defined as a function of " + params.front() +
                     (params.size() > 1 ? ", ..." : "") + ": " + name +
                     " of another argument is not read; write that expression itself",
                 {span.begin, args_span.end});
    n->span.end = args_span.end;
    return n;
  }
  // f(v), g(Wx), \phi(z): a lower-case name right before a parenthesis is a function
  // call; the reader decides once the declarations are known (a declared name multiplies).
  // Lower-case Greek names are scalars by typography (\lambda(x^T x - 1) multiplies), except
  // the letters that name functions (\phi(z), \psi(x)).
  bool function_letter = is_greek ? base == "phi" || base == "psi" : true;
  if (skip_calls_ && paren && !bold && !subscripted && !peek().space_before && function_letter &&
      std::islower(static_cast<unsigned char>(base[0]))) {
    Span args_span;
    std::vector<LNodePtr> args = paren_arguments(&args_span);
    LNodePtr call = lnode(LKind::Call, {span.begin, args_span.end}, name);
    call->text_span = span;
    call->notation = Notation::Unknown;
    call->kids = std::move(args);
    return call;
  }
  return n;
}

std::string LatexParser::subscript_text(Span* span) {
  std::size_t a = pos_, b = pos_ + 1;
  if (at_end()) latex_fail("'_' needs a subscript after it", t_[pos_ - 1].span);
  if (peek().kind == LTok::Open) {
    a = pos_ + 1;
    b = match_[pos_];
    *span = {t_[pos_].span.begin, t_[b].span.end};
    pos_ = b + 1;
  } else {
    *span = peek().span;
    pos_ = b;
  }
  static const char* const kFonts[] = {"mathrm", "text", "mathit",     "rm",     "operatorname",
                                       "mathbf", "bm",   "boldsymbol", "textrm", "mathsf"};
  std::string out;
  for (std::size_t i = a; i < b; ++i) {
    const LToken& t = t_[i];
    if (t.kind == LTok::Letter || t.kind == LTok::Number) {
      out += t.text;
    } else if (t.kind == LTok::Cmd && greek(t.text)) {
      out += greek(t.text);
    } else if (t.kind == LTok::Cmd && (t.text == "max" || t.text == "min")) {
      out += t.text;  // \lambda_{\max}
    } else if (t.kind == LTok::Char && t.text == "*") {
      out += "star";  // x_* (an optimum) is x_star; \|X\|_* the nuclear norm
    } else if (t.kind == LTok::Char && t.text == ",") {
      out += "_";
    } else if (t.kind == LTok::Open || t.kind == LTok::Close ||
               (t.kind == LTok::Cmd &&
                std::find_if(std::begin(kFonts), std::end(kFonts),
                             [&](const char* f) { return t.text == f; }) != std::end(kFonts))) {
      continue;
    } else {
      latex_fail("a subscript is read as part of a name (x_1, W_{2}); '" + shown(t) + "' cannot be",
                 t.span);
    }
  }
  if (out.empty()) latex_fail("empty subscript", *span);
  return out;
}

LNodePtr LatexParser::command_primary() {
  LToken t = next();
  const std::string& c = t.text;
  // \pi is the number (log(2\pi\sigma^2) in a likelihood), not a variable named pi.
  if (c == "pi" && !(!at_end() && peek().kind == LTok::Char && peek().text == "_"))
    return lnode(LKind::Num, t.span, "3.141592653589793");
  if (const char* g = greek(c)) {
    if (c == "sigma" && opens_paren()) return function_call("sigmoid", t.span);
    if (c == "Sigma" && sigma_is_sum()) return sum_primary(t.span);  // Σ_k m_{ik} m_{jk}
    return name_tail(g, t.span, bold_, true);
  }
  if (c == "ell") return name_tail("l", t.span, bold_, false);
  if (const char* fn = function_command(c)) return function_call(fn, t.span);
  if (c == "vec" && opens_paren()) return function_call("vec", t.span);
  if (c == "mathbf" || c == "boldsymbol" || c == "bm" || c == "vec" || c == "mathbfit" ||
      c == "pmb" || c == "bf" || c == "vb" || c == "vv")
    return bold_primary(c, t.span);
  if (c == "mathbb" || c == "mathds" || c == "mathbbm" || c == "Bbb") {
    Span ws;
    std::string w = argument_word(c, t.span, &ws);
    if (w == "I") return lnode(LKind::Name, {t.span.begin, ws.end}, "I");
    if (w == "1") return lnode(LKind::Name, {t.span.begin, ws.end}, "ones");
    if (w == "E") latex_fail("expectations (\\mathbb{E}) are not read", {t.span.begin, ws.end});
    latex_fail("\\" + c + "{" + w + "} is read only in a declaration, as in x \\in \\mathbb{R}^n",
               {t.span.begin, ws.end});
  }
  static const char* const kFonts[] = {"mathrm", "text",   "textrm", "mathit",
                                       "textit", "mathsf", "mathtt", "operatorname",
                                       "rm",     "it",     "sf",     "textsf"};
  for (const char* f : kFonts)
    if (c == f) return font_primary(c, t.span);
  if (c == "mathcal" || c == "mathscr" || c == "mathfrak") {
    Span ws;
    std::string w = argument_word(c, t.span, &ws);
    return name_tail(w, {t.span.begin, ws.end}, false, true);
  }
  static const char* const kAccents[] = {"hat", "bar", "tilde", "widehat", "widetilde", "overline"};
  for (const char* a : kAccents)
    if (c == a) {
      LNodePtr inner = single_argument(c, t.span);
      if (inner->kind != LKind::Name)
        latex_fail("\\" + c + " is read over one name, as in \\hat{x}", inner->span);
      std::string accent = c.substr(c.size() >= 5 && c.compare(0, 4, "wide") == 0 ? 4 : 0);
      if (accent == "overline") accent = "bar";
      LNodePtr n = lnode(LKind::Name, {t.span.begin, inner->span.end}, inner->text + "_" + accent);
      n->notation = inner->notation == Notation::Bold ? Notation::Bold : Notation::Plain;
      if (inner->notation == Notation::Bold)
        names_.note(n->text, std::islower(static_cast<unsigned char>(inner->text[0]))
                                 ? NameKind::Vector
                                 : NameKind::Matrix);
      return n;
    }
  if (c == "frac" || c == "tfrac" || c == "dfrac" || c == "cfrac") return frac(t.span);
  if (c == "sqrt") return sqrt(t.span);
  if (c == "sum") return sum_primary(t.span);
  if (c == "partial" || c == "nabla")
    latex_fail(
        "a derivative is read only as the whole question, as in \\frac{\\partial f}{\\partial X} "
        "or \\nabla_X f",
        t.span);
  if (c == "int" || c == "iint" || c == "oint")
    latex_fail("integrals (\\" + c + ") are not read", t.span);
  if (c == "lim" || c == "limsup" || c == "liminf")
    latex_fail("limits (\\" + c + ") are not read", t.span);
  if (c == "prod") latex_fail("products over an index (\\prod) are not read", t.span);
  if (c == "max" && opens_arguments()) return max_call(t.span);
  if (c == "max")
    latex_fail("\\max is read only as \\max(0, x) or \\max(x, 0), the ReLU relu(x)", t.span);
  if (c == "min" || c == "sup" || c == "inf" || c == "argmax" || c == "argmin")
    latex_fail("\\" + c + " is not read", t.span);
  if (c == "cdots" || c == "ldots" || c == "dots" || c == "vdots" || c == "ddots")
    latex_fail("'\\" + c + "' is not read: write the expression in matrix form", t.span);
  if (c == "begin" || c == "end")
    latex_fail(
        "\\" + c +
            "{...}: only aligned equations are read (matrices written entry by entry are not)",
        t.span);
  // \ReLU, \Softmax, \sigmoid: operators people \DeclareMathOperator, in any case.
  if (std::string fn = plain_function(c); !fn.empty()) return function_call(fn, t.span);
  latex_fail("unknown LaTeX command \\" + c + latex_did_you_mean(c), t.span);
}

// \mathbf{x}, \boldsymbol{\mu}, \mathbf{1} (ones), \mathbf{I}, \mathbf{0}, \mathbf{Xw}.
LNodePtr LatexParser::bold_primary(const std::string& cmd, Span span) {
  if (at_end()) latex_fail("\\" + cmd + " needs an argument", span);
  std::size_t a = pos_, b = pos_ + 1;
  bool group = peek().kind == LTok::Open;
  if (group) a = pos_ + 1, b = match_[pos_];
  if (b == a + 1) {
    const LToken& t = t_[a];
    Span whole{span.begin, t_[group ? b : a].span.end};
    bool name = t.kind == LTok::Letter || (t.kind == LTok::Cmd && greek(t.text));
    if (t.kind == LTok::Number && (t.text == "1" || t.text == "0")) {
      pos_ = group ? b + 1 : b;
      if (t.text == "0") return lnode(LKind::Num, whole, "0");
      if (!is_char("_")) return lnode(LKind::Name, whole, "ones");
      next();
      Span ss;
      std::string n = subscript_text(&ss);
      return lcall("ones", whole, {span.begin, ss.end}, lnode(LKind::Name, ss, n));
    }
    if (name) {
      pos_ = group ? b + 1 : b;
      bool g = t.kind == LTok::Cmd;
      return name_tail(g ? greek(t.text) : t.text, whole, true, g);
    }
  }
  if (!group) latex_fail("\\" + cmd + " is read over a name, as in \\" + cmd + "{x}", span);
  bool saved = bold_;
  bold_ = true;
  LNodePtr inner = in_group([&] { return sum(); });
  bold_ = saved;
  return inner;
}

// The word a font command spells: \mathrm{tr}, \text{diag}, \rm tr, \mathit{xy}.
std::string LatexParser::argument_word(const std::string& cmd, Span span, Span* word_span) {
  if (at_end()) latex_fail("\\" + cmd + " needs an argument", span);
  std::string w;
  if (peek().kind != LTok::Open) {
    const LToken& t = next();
    *word_span = t.span;
    if (t.kind != LTok::Letter && t.kind != LTok::Number)
      latex_fail("\\" + cmd + " is read over a name or a function, as in \\" + cmd + "{tr}",
                 t.span);
    w = t.text;
    while ((cmd == "rm" || cmd == "it" || cmd == "sf") && !at_end() &&
           peek().kind == LTok::Letter && !peek().space_before) {
      w += peek().text;
      *word_span = {word_span->begin, next().span.end};
    }
    return w;
  }
  std::size_t close = match_[pos_];
  *word_span = {t_[pos_].span.begin, t_[close].span.end};
  for (std::size_t i = pos_ + 1; i < close; ++i) {
    const LToken& t = t_[i];
    if (t.kind == LTok::Letter || t.kind == LTok::Number)
      w += t.text;
    else if (t.kind == LTok::Cmd && t.text == "_")
      w += "_";
    else
      latex_fail(
          "\\" + cmd + "{...} is read as a name or a function; '" + shown(t) + "' is neither",
          t.span);
  }
  pos_ = close + 1;
  if (w.empty()) latex_fail("\\" + cmd + "{} is empty", *word_span);
  return w;
}

LNodePtr LatexParser::font_primary(const std::string& cmd, Span span) {
  Span ws;
  std::string w = argument_word(cmd, span, &ws);
  Span whole{span.begin, ws.end};
  std::string fn = plain_function(w);
  if (lower(w) == "max" && opens_arguments()) return max_call(whole);
  if (cmd == "operatorname") {
    if (fn.empty())
      latex_fail("unknown function \\operatorname{" + w + "}" + latex_did_you_mean(w), whole);
    return function_call(fn, whole);
  }
  if (w.size() > 1 && !fn.empty()) return function_call(fn, whole);
  if (w == "d")
    latex_fail("a differential d is read only in a question, as in \\frac{d f}{d X}", whole);
  if (!std::isalpha(static_cast<unsigned char>(w[0])))
    latex_fail("\\" + cmd + "{" + w + "} is not a name", whole);
  LNodePtr n = name_tail(w, whole, false, false);
  n->notation = w == "e" ? Notation::Letter : Notation::Plain;  // \mathrm{e}^{x} is exp(x) too
  return n;
}

LNodePtr LatexParser::single_argument(const std::string& cmd, Span span) {
  if (at_end()) latex_fail("\\" + cmd + " needs an argument", span);
  const LToken& t = peek();
  if (t.kind == LTok::Open) {
    if (match_[pos_] == pos_ + 1)
      latex_fail("\\" + cmd + " has an empty argument", {span.begin, t_[pos_ + 1].span.end});
    return in_group([&] { return sum(); });
  }
  if (t.kind == LTok::Number) {
    next();
    return lnode(LKind::Num, t.span, t.text);
  }
  if (t.kind == LTok::Letter) {
    LToken l = next();
    LNodePtr n = lnode(LKind::Name, l.span, l.text);
    n->notation = bold_ ? Notation::Bold : Notation::Letter;
    return n;
  }
  if (t.kind == LTok::Cmd) return primary();
  // √(xᵀx), \sqrt(x^T x): a parenthesis as pasted, where LaTeX writes braces
  if (t.kind == LTok::Delim && t.text == "(") return primary();
  latex_fail("\\" + cmd + " needs an argument here", span);
}

bool LatexParser::is_function_command(const std::string& name) {
  return function_command(name) != nullptr || name == "frac" || name == "sqrt";
}

}  // namespace matcalc
