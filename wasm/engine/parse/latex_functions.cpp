// The LaTeX parser's function-like primaries: calls (\log x, \det(X), \sin^2 x, \log\det X,
// \log|X|), \frac, \sqrt, \sum_i, and the delimiters: (...), [...], |x|, \|x\|_F^2,
// \langle A, B \rangle.
#include <algorithm>
#include <functional>

#include "parse/latex_parser.h"

namespace matcalc {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

LNodePtr binary(LKind kind, LNodePtr a, const std::string& op, Span op_span, LNodePtr b) {
  LNodePtr p = lnode(kind, {a->span.begin, b->span.end});
  p->ops = kind == LKind::Power ? std::vector<std::string>{op} : std::vector<std::string>{"", op};
  p->op_spans =
      kind == LKind::Power ? std::vector<Span>{op_span} : std::vector<Span>{a->span, op_span};
  p->kids.push_back(std::move(a));
  p->kids.push_back(std::move(b));
  return p;
}

}  // namespace

LNodePtr LatexParser::function_call(const std::string& fn, Span name_span) {
  LNodePtr power;
  if (is_char("^")) {  // \sin^2 x is (sin x)^2
    Script s = superscript();
    if (s.kind != ScriptKind::Power)
      latex_fail(
          "a function's superscript is read as a power (\\sin^2 x); write \\arcsin for the inverse",
          s.span);
    power = std::move(s.expr);
  }
  if (is_char("_")) fail_here("a subscript on a function (as in \\log_2) is not read");
  LNodePtr call;
  if (fn == "log" && !power && is_cmd("det")) {  // \log\det is one operator: \log\det(A) B
    Span det_span = next().span;
    call = function_call("det", det_span);
    call->text = "logdet";
    call->text_span = {name_span.begin, det_span.end};
    call->span.begin = name_span.begin;
    return call;
  }
  if (opens_paren()) {
    Span s;
    std::vector<LNodePtr> args = paren_arguments(&s);
    call = lcall(fn, name_span, {name_span.begin, s.end}, nullptr);
    call->kids = std::move(args);
  } else {
    if (!starts_factor()) fail_here(fn + " needs an argument");
    LNodePtr arg = function_argument_run();
    Span s{name_span.begin, arg->span.end};
    call = lcall(fn, name_span, s, std::move(arg));
  }
  // \log\det X is the log-determinant (\log|X| too when X is a matrix: resolve_by_kinds).
  if (fn == "log" && call->kids.size() == 1 && call->kids[0]->kind == LKind::Call &&
      call->kids[0]->text == "det") {
    LNodePtr inner = std::move(call->kids[0]);
    call->text = "logdet";
    call->kids = std::move(inner->kids);
  }
  if (!power) return call;
  Span power_span = power->span;
  return binary(LKind::Power, std::move(call), "^", power_span, std::move(power));
}

bool LatexParser::opens_arguments() const {
  if (opens_paren()) return true;
  return !at_end() && peek().kind == LTok::Delim && peek().role != DelimRole::Right &&
         peek().text == "{" && match_[pos_] != kNone;
}

// \max(0, Wx), \max\{Wx, 0\}: the ReLU, relu(Wx). Any other maximum is refused.
LNodePtr LatexParser::max_call(Span name_span) {
  Span s;
  std::vector<LNodePtr> args = paren_arguments(&s);
  auto zero = [](const LNode& n) {
    return n.kind == LKind::Num && n.text.find_first_not_of("0.") == std::string::npos;
  };
  if (args.size() == 2 && zero(*args[0]) != zero(*args[1])) {
    LNodePtr x = std::move(args[zero(*args[0]) ? 1 : 0]);
    return lcall("relu", name_span, {name_span.begin, s.end}, std::move(x));
  }
  latex_fail("\\max is read only as \\max(0, x) or \\max(x, 0), the ReLU relu(x)",
             {name_span.begin, s.end});
}

// (a, b) after a function: the arguments, and the span up to the closer.
std::vector<LNodePtr> LatexParser::paren_arguments(Span* span) {
  std::size_t open = pos_, close = match_[pos_];
  if (close == kNone)
    latex_fail("unbalanced '" + t_[open].text + "': it is never closed", t_[open].span);
  std::vector<LNodePtr> args;
  ++pos_;
  limits_.push_back(close);
  bars_.push_back("(");
  while (true) {
    args.push_back(sum());
    if (!is_char(",")) break;
    next();
  }
  if (!at_end()) fail_here("expected ',' or the closing parenthesis");
  bars_.pop_back();
  limits_.pop_back();
  pos_ = close + 1;
  *span = {t_[open].span.begin, t_[close].span.end};
  return args;
}

LNodePtr LatexParser::frac(Span span) {
  if (!at_end() && peek().kind == LTok::Open && !at_end(1) && peek(1).kind == LTok::Cmd &&
      peek(1).text == "partial")
    latex_fail(
        "a derivative is read only as the whole question, as in \\frac{\\partial f}{\\partial X}",
        span);
  if (at_end() || !(starts_factor() || peek().kind == LTok::Open))
    latex_fail("\\frac needs two arguments, as in \\frac{a}{b}", span);
  // \frac12, \frac34: TeX takes one digit each (read whole here, never by changing the
  // token: a statement may be read twice). More digits are not guessed at.
  const LToken& digits = peek();
  if (digits.kind == LTok::Number &&
      std::all_of(digits.text.begin(), digits.text.end(),
                  [](char c) { return c >= '0' && c <= '9'; }) &&
      digits.text.size() > 1) {
    if (digits.text.size() > 2)
      latex_fail("\\frac" + digits.text + " is ambiguous: write \\frac{a}{b}",
                 {span.begin, digits.span.end});
    LToken d = next();
    LNodePtr p = binary(LKind::Product,
                        lnode(LKind::Num, {d.span.begin, d.span.begin + 1}, d.text.substr(0, 1)),
                        elementwise_ ? "./" : "/", span,
                        lnode(LKind::Num, {d.span.begin + 1, d.span.end}, d.text.substr(1)));
    p->span = {span.begin, d.span.end};
    return p;
  }
  LNodePtr num = single_argument("frac", span);
  if (at_end() || !(starts_factor() || peek().kind == LTok::Open))
    latex_fail("\\frac needs two arguments, as in \\frac{a}{b}", span);
  LNodePtr den = single_argument("frac", span);
  LNodePtr p =
      binary(LKind::Product, std::move(num), elementwise_ ? "./" : "/", span, std::move(den));
  p->span.begin = span.begin;
  return p;
}

LNodePtr LatexParser::sqrt(Span span) {
  LNodePtr index;
  if (!at_end() && peek().kind == LTok::Delim && peek().text == "[") {  // \sqrt[n]{x}
    Span s;
    std::vector<LNodePtr> args = paren_arguments(&s);
    if (args.size() != 1) latex_fail("\\sqrt[n] takes one index", s);
    index = std::move(args[0]);
  }
  LNodePtr arg = single_argument("sqrt", span);
  Span whole{span.begin, arg->span.end};
  if (!index) return lcall("sqrt", span, whole, std::move(arg));
  LNodePtr exponent =
      binary(LKind::Product, lnode(LKind::Num, span, "1"), "/", span, std::move(index));
  LNodePtr p =
      binary(LKind::Power, std::move(arg), elementwise_ ? ".^" : "^", span, std::move(exponent));
  p->span = whole;
  return p;
}

// \sum_i x_i y_i is sum(x .* y): the summand, read entry-wise, with the index dropped.
// The indices a sum's subscript binds, tokens [a, b): letters, apart or by commas (i, ij,
// i,j), then at most "= 0" or "= 1" (\sum_{i=1}^{n}). A range that leaves values out —
// \sum_{i<j}, \sum_{i \neq j}, \sum_{i=2}, \sum_{i \in S} — is refused with its span
// rather than read as the whole range.
std::vector<std::string> LatexParser::sum_indices(std::size_t a, std::size_t b, Span sum) const {
  std::vector<std::string> found;
  Span whole{a < b ? t_[a].span.begin : sum.begin, a < b ? t_[b - 1].span.end : sum.end};
  std::size_t i = a;
  for (; i < b; ++i) {
    if (t_[i].kind == LTok::Letter) {
      found.push_back(t_[i].text);
    } else if (!(t_[i].kind == LTok::Char && t_[i].text == ",")) {
      break;
    }
  }
  if (found.empty()) latex_fail("the sum names no index under it (\\sum_k)", whole);
  if (i < b && t_[i].kind == LTok::Char && t_[i].text == "=" && i + 2 == b &&
      t_[i + 1].kind == LTok::Number && (t_[i + 1].text == "1" || t_[i + 1].text == "0"))
    i = b;
  if (i < b)
    latex_fail(
        "a sum over part of the values of its index is not read (only every value: \\sum_i, "
        "\\sum_{i,j}, \\sum_{i=1}^{n}); write the part with a matrix (tril, triu, a mask)",
        whole);
  return found;
}

// Whether `letter` is an index somewhere in the statement: after a '_' alone or in its group.
bool LatexParser::is_subscript_letter(const std::string& letter) const {
  for (std::size_t i = 0; i + 1 < t_.size(); ++i) {
    if (t_[i].kind != LTok::Char || t_[i].text != "_") continue;
    if (t_[i + 1].kind == LTok::Letter && t_[i + 1].text == letter) return true;
    if (t_[i + 1].kind != LTok::Open || match_[i + 1] == kNone) continue;
    for (std::size_t j = i + 2; j < match_[i + 1]; ++j)
      if (t_[j].kind == LTok::Letter && t_[j].text == letter) return true;
  }
  return false;
}

LNodePtr LatexParser::sum_primary(Span span) {
  std::vector<std::string> found;
  std::size_t upper_from = kNone, upper_to = kNone;
  for (int round = 0; round < 2; ++round) {
    if (is_char("_")) {
      next();
      if (at_end()) latex_fail("'_' needs the index of the sum", span);
      std::size_t a = pos_, b = pos_ + 1;
      if (peek().kind == LTok::Open) a = pos_ + 1, b = match_[pos_];
      found = sum_indices(a, b, span);
      pos_ = peek().kind == LTok::Open ? b + 1 : b;
    } else if (is_char("^")) {
      next();
      if (at_end()) latex_fail("'^' needs the upper limit of the sum", span);
      bool group = peek().kind == LTok::Open;
      upper_from = group ? pos_ + 1 : pos_;
      upper_to = group ? match_[pos_] : pos_ + 1;
      pos_ = upper_to + (group ? 1 : 0);
    }
  }
  // An upper limit that is an index of the statement (\sum_{j=1}^{i}: a triangular sum)
  // ranges over part of the values: not read, never dropped.
  for (std::size_t i = upper_from; upper_from != kNone && i < upper_to; ++i)
    if (t_[i].kind == LTok::Letter &&
        (is_subscript_letter(t_[i].text) ||
         std::find(found.begin(), found.end(), t_[i].text) != found.end()))
      latex_fail("a sum up to the index " + t_[i].text +
                     " runs over part of the values (a triangular sum): matcalc reads sums over "
                     "every value of their index (\\sum_{j=1}^{n}); write the part with a "
                     "matrix (tril, triu)",
                 t_[i].span);
  for (const std::string& f : found)
    if (std::find(indices_.begin(), indices_.end(), f) != indices_.end())
      latex_fail("the index " + f + " is summed twice (a \\sum_" + f + " inside a \\sum_" + f +
                     "): give the inner sum another letter",
                 span);
  if (!starts_factor()) fail_here("\\sum needs a summand after it");
  std::vector<std::string> saved_indices = indices_;
  bool saved = elementwise_;
  indices_.insert(indices_.end(), found.begin(), found.end());
  // With an index the summand is read entry-wise (x_i y_i is x .* y); without one,
  // \sum A is the sum of A's entries and its products are matrix products.
  elementwise_ = found.empty() ? saved : true;
  LNodePtr body = product();
  indices_ = saved_indices;
  elementwise_ = saved;
  // Entries in a sum (\sum_k m_{ik} m_{jk}, \sum_{i,j} A_{ij} B_{ji}, \sum_i A_{ii}): the
  // question is written entry by entry, and read so (latex_index.cpp), whose reading keeps
  // every index where the summand's own reading would drop it.
  std::function<void(const LNode&)> free_entries = [&](const LNode& n) {
    if (n.kind == LKind::Name && !n.indices.empty() && n.text.rfind("delta", 0) != 0)
      names_.index_notation(
          "the entry " + n.text.substr(0, n.text.find('_')) + "_{" + n.indices + "} in a sum",
          n.span);
    for (const LNodePtr& k : n.kids) free_entries(*k);
  };
  free_entries(*body);
  Span whole{span.begin, body->span.end};
  LNodePtr call = lcall("sum", span, whole, std::move(body));
  for (const std::string& f : found) call->indices += f;  // the indices it binds
  return call;
}

// Σ (or \Sigma) as the sum sign of index notation, not the matrix Σ: followed by an index
// subscript and an entry (Σ_k m_{ik}), or directly by an entry (Σm_{ik}m_{jk}). Σ_k^{-1}
// and Σx stay the covariance matrix. A pasted Σ (the Unicode character, which PDFs and
// Math.SE titles use for the sum sign; LaTeX writes \sum) with an index subscript is the sum
// sign whatever follows but a power: Σᵢ (zᵢ − yᵢ)², Σₖ exp(zₖ); so is any Σ whose subscript
// gives a range (Σ_{i=1}^{n}).
bool LatexParser::sigma_is_sum() const {
  const LToken& sigma = t_[pos_ - 1];
  bool pasted = sigma.span.end - sigma.span.begin < static_cast<int>(std::string("\\Sigma").size());
  std::size_t k = 0;
  bool indexed = false, ranged = false;
  if (is_char("_", k)) {
    ++k;
    if (at_end(k)) return false;
    if (peek(k).kind == LTok::Open) {
      std::size_t close = match_[pos_ + k];
      if (close == kNone) return false;
      indexed = true;
      for (std::size_t i = pos_ + k + 1; i < close; ++i) {
        if (t_[i].kind == LTok::Char && t_[i].text == "=") ranged = true;
        if (t_[i].kind != LTok::Letter && !(t_[i].kind == LTok::Char && t_[i].text == ","))
          indexed = ranged;
      }
      k = close - pos_ + 1;
    } else {
      indexed = peek(k).kind == LTok::Letter && peek(k).text[0] >= 'a' && peek(k).text[0] <= 'z';
      ++k;
    }
  }
  if (ranged || (pasted && indexed && !is_char("^", k) && !at_end(k))) return true;
  // A pasted Σ before a function of entries (Σ log xᵢ): the sum sign, bound by the reader
  // of index notation to the summand's index.
  if (pasted && !at_end(k) && peek(k).kind == LTok::Cmd && is_function_command(peek(k).text))
    return true;
  std::string run;  // log, exp written without a backslash
  for (std::size_t j = k;
       !at_end(j) && peek(j).kind == LTok::Letter && (j == k || !peek(j).space_before); ++j)
    run += peek(j).text;
  if (pasted && run.size() > 1 && is_function_command(run)) return true;
  // An entry: a letter (or a command) and then an index subscript.
  if (at_end(k) || !(peek(k).kind == LTok::Letter || peek(k).kind == LTok::Cmd)) return false;
  return is_char("_", k + 1);
}

LNodePtr LatexParser::delim_primary() {
  const LToken& t = peek();
  if (t.role == DelimRole::Right || t.text == ")" || t.text == "]" || t.text == "}" ||
      t.text == ">")
    fail_here("unbalanced closing delimiter: nothing opens it");
  if (t.text == ".") latex_fail("\\left. is not read", t.span);
  if (t.text == "|" || t.text == "||") return norm_or_abs(t);
  std::size_t open = pos_, close = match_[pos_];
  if (close == kNone) latex_fail("unbalanced '" + t.text + "': it is never closed", t.span);
  Span whole{t.span.begin, t_[close].span.end};
  if (t.text == "<") {  // <A, B> = sum(A .* B), the Frobenius inner product
    Span s;
    std::vector<LNodePtr> args = paren_arguments(&s);
    if (args.size() != 2) latex_fail("\\langle A, B \\rangle takes two arguments", s);
    LNodePtr p = binary(LKind::Product, std::move(args[0]), ".*", s, std::move(args[1]));
    return lcall("sum", t_[open].span, s, std::move(p));
  }
  // Entry-wise products stop at (Ax)_i: inside it the product is a matrix product.
  bool indexed =
      close + 1 < limit() && t_[close + 1].kind == LTok::Char && t_[close + 1].text == "_";
  bool saved = elementwise_;
  if (indexed) elementwise_ = false;
  LNodePtr inner = in_group([&] { return sum(); });
  elementwise_ = saved;
  LNodePtr p = lnode(LKind::Paren, whole);
  p->kids.push_back(std::move(inner));
  if (indexed) {
    // (Xw)_i, [Wx]_i, (AB)_{ij}: an entry of a part in matrix form, for a reading entry by
    // entry: inside a \sum by its indices, elsewhere by one or two index letters.
    next();
    Span ss;
    std::string sub = subscript_text(&ss), letters;
    for (char c : sub)
      if (c != '_' && c != ',') letters += c;
    bool bound = !indices_.empty() && std::all_of(letters.begin(), letters.end(), [&](char c) {
      return std::find(indices_.begin(), indices_.end(), std::string(1, c)) != indices_.end();
    });
    bool free =
        !letters.empty() && letters.size() <= 2 &&
        std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (!bound && !free)
      latex_fail("a subscript is read on a name (x_1, W_{2}) or a norm (\\|x\\|_2)", ss);
    // (inside a \sum too: the reading must keep the index, (X'X)_{ii} summed is a trace)
    names_.index_notation("the entry " + sub + " of a parenthesis", ss);
    p->span.end = ss.end;
    p->indices = letters;
  }
  return p;
}

// |x| (abs) and \|x\|, \left\| x \right\|_2, ||x|| (norms) with _1, _2, _F and a power.
LNodePtr LatexParser::norm_or_abs(const LToken& open_tok) {
  LToken open = open_tok;
  std::size_t open_at = pos_;
  next();
  bool doubled = open.text == "|" && open.role == DelimRole::Plain && !at_end() &&
                 peek().kind == LTok::Delim && peek().text == "|" && !peek().space_before;
  if (doubled) open.span.end = next().span.end;
  std::string kind = open.text == "||" || doubled ? "||" : "|";
  bool sized = open.role == DelimRole::Left;
  if (sized) limits_.push_back(match_[open_at]);
  bars_.push_back(kind);
  if (!starts_factor() && !is_char("-") && !is_char("+"))
    fail_here("'" + kind + "' needs an expression after it");
  LNodePtr inner = sum();
  Span close_span;
  if (sized) {
    if (!at_end())
      fail_here("expected the \\right" + std::string(kind == "|" ? "|" : "\\|") +
                " that closes this");
    limits_.pop_back();
    const LToken& c = t_[pos_];
    if (c.text != kind)
      latex_fail("'\\left" + std::string(kind == "|" ? "|" : "\\|") +
                     "' is closed by a different delimiter",
                 c.span);
    close_span = c.span;
    ++pos_;
  } else if (kind == "|") {
    if (at_end() || peek().kind != LTok::Delim || peek().text != "|")
      fail_here("expected '|' to close the '|' at column " + std::to_string(open.span.begin + 1));
    close_span = next().span;
  } else {
    if (!at_norm_close())
      fail_here("expected '\\|' to close the norm at column " +
                std::to_string(open.span.begin + 1));
    close_span = next().span;
    if (peek().kind == LTok::Delim && peek().text == "|" && !peek().space_before &&
        t_[pos_ - 1].text == "|")
      close_span.end = next().span.end;
  }
  bars_.pop_back();
  Span whole{open.span.begin, close_span.end};
  if (kind == "|") {
    LNodePtr c = lcall("abs", open.span, whole, std::move(inner));
    c->notation = Notation::Bars;
    return c;
  }
  std::string fn = "norm2";
  bool two = false;
  LNodePtr power;
  Span power_span;
  for (int round = 0; round < 2; ++round) {
    if (is_char("_")) {
      next();
      if (!at_end() && (is_cmd("infty") || (peek().kind == LTok::Open && !at_end(1) &&
                                            peek(1).kind == LTok::Cmd && peek(1).text == "infty")))
        latex_fail("only the 1-, 2- and Frobenius norms are read (\\|x\\|_1, \\|x\\|_2, \\|X\\|_F)",
                   peek().kind == LTok::Open ? Span{peek().span.begin, t_[match_[pos_]].span.end}
                                             : peek().span);
      Span ss;
      std::string sub = subscript_text(&ss);
      if (sub == "1")
        fn = "norm1";
      else if (sub == "star" || sub == "nuc" || sub == "tr")
        fn = "norm_nuc";  // the nuclear (trace) norm, \|A\|_*
      else if (sub == "2" || sub == "op")
        two = true;  // of a matrix the spectral norm (resolve_by_kinds), of a vector norm2
      else if (sub != "F" && sub != "fro" && sub != "Fro" && sub != "Frob")
        latex_fail(
            "only the 1-, 2-, Frobenius and nuclear norms are read (\\|x\\|_1, \\|A\\|_2, "
            "\\|X\\|_F, \\|X\\|_*)",
            ss);
      whole.end = ss.end;
    } else if (is_char("^") && !power) {
      std::size_t after =
          !at_end(1) && peek(1).kind == LTok::Open ? match_[pos_ + 1] + 1 : pos_ + 2;
      if (after >= limit() || t_[after].kind != LTok::Char || t_[after].text != "_") break;
      Script s = superscript();  // \|x\|^2_2
      if (s.kind != ScriptKind::Power)
        latex_fail("a norm's superscript is read as a power", s.span);
      power = std::move(s.expr);
      power_span = s.span;
    }
  }
  LNodePtr c = lcall(fn, open.span, whole, std::move(inner));
  if (two) c->notation = Notation::Norm2;
  if (!power) return c;
  return binary(LKind::Power, std::move(c), "^", power_span, std::move(power));
}

}  // namespace matcalc
