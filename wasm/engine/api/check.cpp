// "Check my answer": the student's answer is parsed with the expression's variables
// and shapes, compared with the derived result symbolically where the canonical
// forms meet and numerically always, and a wrong answer is diagnosed: wrong shape,
// off by a transpose (the other layout), off by a factor or a sign, a missing or an
// extra term, or simply different at given sizes.
#include "numeric/check.h"

#include <cmath>
#include <optional>
#include <set>
#include <vector>

#include "api.h"
#include "api/agree.h"
#include "api/check_index.h"
#include "api/question.h"
#include "api/report.h"
#include "derive/derive.h"
#include "derive/program.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "expr/structures.h"
#include "numeric/instance.h"
#include "parse/field_reader.h"
#include "parse/frontend.h"
#include "parse/latex_reader.h"
#include "parse/parser.h"
#include "parse/unicode_math.h"
#include "print/derivation.h"
#include "print/latex.h"
#include "print/text.h"
#include "simplify/expand.h"
#include "simplify/simplify.h"
#include "util/json.h"
#include "util/number.h"
#include "util/words.h"

namespace matcalc {

namespace {

// The expression's variables as declarations, so the answer is read with the same
// shapes (and a wrong shape is the answer's, not a new inference).
std::string declarations_of(const Context& ctx, const std::set<std::string>& except = {}) {
  std::string out;
  for (const VarInfo& v : ctx.vars()) {
    if (except.count(v.name) && v.definition) continue;  // the answer restates it
    std::string r = ctx.dim_text(v.shape.rows), c = ctx.dim_text(v.shape.cols);
    bool plain = r.find('*') == std::string::npos && c.find('*') == std::string::npos;
    std::string decl;
    const StructureRow* row = v.definition ? nullptr : structure_of(v);
    if (v.shape.scalar())
      decl = "scalar";
    else if (row && row->shape == StructShape::Tall)
      decl = row->word + std::string(plain ? "(" + r + "," + c + ")" : "");
    else if (row)
      decl = row->word + std::string(plain ? "(" + r + ")" : "");
    else if (v.props & kSymmetric)  // a name defined symmetric, read back as a variable
      decl = std::string(v.props & kPosDef ? "spd" : "symmetric") + (plain ? "(" + r + ")" : "");
    else if (v.shape.cols == kDimOne)
      decl = "vector" + std::string(plain ? "(" + r + ")" : "");
    else
      decl = "matrix" + std::string(plain ? "(" + r + "," + c + ")" : "");
    out += (out.empty() ? "" : "; ") + v.name + ": " + decl;
  }
  return out;
}

int word_at(const std::string& text, const std::string& word) {
  std::size_t at = find_word(text, word);
  return at == std::string::npos ? 0 : static_cast<int>(at);
}

// `entries`: an answer in index form with these free letters, read as the matrix they
// are the entries of (2 m_{xy}: 2*M).
Expr parse_answer(Context& ctx, const std::string& answer, Shape expected,
                  const std::string& entries = "") {
  std::size_t known = ctx.vars().size();
  Expr a;
  // An answer may name its parts as a derivation's where-clauses do ("u = sigmoid(W*x);
  // W'*u"): read as a program, its definitions written out. The names it defines (it may
  // restate the question's E = I - K*H) are its own, not the question's variables. A LaTeX
  // answer is read as the question is, into the same statements, its errors pointing
  // into it.
  auto written_math = [&] {
    LatexReading r = read_latex(answer, {}, entries);
    std::set<std::string> defined(r.defined.begin(), r.defined.end());
    Build b(ctx);
    return inline_definitions(
        b, build_program(ctx, std::move(r.statements), TypedSource(answer, false),
                         declarations_of(ctx, defined), &expected)
               .objective);
  };
  try {
    if (looks_like_latex(answer) || has_unicode_math(answer)) {
      a = written_math();  // (A + Aᵀ)x, 2(Wx − y)xᵀ as pasted
    } else if (answer.find_first_of("=;\n") != std::string::npos) {
      std::set<std::string> defined;
      for (const Statement& st : parse_program(answer)) defined.insert(st.name);
      Build b(ctx);
      a = inline_definitions(b,
                             build_program(ctx, answer, declarations_of(ctx, defined)).objective);
    } else {
      try {
        a = build_expression(ctx, answer, declarations_of(ctx), &expected);
      } catch (const UserError& plain) {
        // (A + A')x, 2(W*x - y)*x': factors side by side, as written mathematics has them
        if (!explained_by_written_math(plain, answer)) throw;
        try {
          a = written_math();
        } catch (const UserError&) {
          throw plain;
        }
      }
    }
  } catch (UserError& e) {
    if (e.source == Source::Expression) e.source = Source::Answer;
    throw;
  }
  for (std::size_t i = known; i < ctx.vars().size(); ++i) {
    if (ctx.vars()[i].definition) continue;  // a name the answer defined
    const std::string& name = ctx.vars()[i].name;
    int at = word_at(answer, name);
    throw UserError("unknown-symbol",
                    "the answer uses '" + name + "', which does not occur in the expression",
                    Source::Answer, at, at + static_cast<int>(name.size()));
  }
  return a;
}

bool close(const Matrix& a, const Matrix& b) { return agree(a, b, 1e-7); }

struct Verdict {
  bool correct = false;
  std::string kind, message;
};

// Values at the check's inputs and at a second, independent draw (when there is one): a
// relation between two values (a factor, a transpose) is a verdict only if it holds at
// both, so that a 1x1 value, which is always some multiple of another, says nothing alone.
class Points {
 public:
  Points(Context& ctx, const Instance& in, const Instance* second) {
    evs_.emplace_back(ctx, in);
    if (second) evs_.emplace_back(ctx, *second);
  }
  std::vector<Matrix> at(Expr e) {
    std::vector<Matrix> v;
    for (Evaluator& ev : evs_) v.push_back(ev.eval(e));
    return v;
  }
  bool two() const { return evs_.size() > 1; }

 private:
  std::vector<Evaluator> evs_;
};

using Values = std::vector<Matrix>;

Values sum_of(const std::vector<const Values*>& parts) {
  Values s = *parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i)
    for (std::size_t k = 0; k < s.size(); ++k) s[k] += (*parts[i])[k];
  return s;
}

bool all_close(const Values& a, const Values& b) {
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!close(a[k], b[k])) return false;
  return true;
}

// How a relates to b at every point: equal, the transpose (of a square value), or c times
// b with one c at every point (and, for a single entry, only with a second point).
struct Relation {
  enum Kind { None, Equal, Transposed, Factor } kind = None;
  double c = 1;
};

Relation relate(const Values& a, const Values& b, bool two) {
  if (all_close(a, b)) return {Relation::Equal, 1};
  bool square = a[0].rows() == a[0].cols() && a[0].rows() > 1;
  if (square) {
    bool t = true;
    for (std::size_t k = 0; k < a.size() && t; ++k)
      t = a[k].rows() == b[k].cols() && a[k].cols() == b[k].rows() && close(a[k], b[k].transpose());
    if (t) return {Relation::Transposed, 1};
  }
  if (a[0].size() == 1 && !two) return {};
  double c0 = 0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].rows() != b[k].rows() || a[k].cols() != b[k].cols()) return {};
    double bb = (b[k].array() * b[k].array()).sum();
    if (bb <= 0) return {};
    double c = (a[k].array() * b[k].array()).sum() / bb;
    if (std::fabs(c) < 1e-12 || !close(a[k], c * b[k])) return {};
    if (k == 0)
      c0 = c;
    else if (std::fabs(c - c0) > 1e-7 * std::max(1.0, std::fabs(c0)))
      return {};
  }
  return {Relation::Factor, c0};
}

// A relation of a wrong term as words: `yours` is the answer's term, `theirs` the result's.
std::string relation_text(const std::string& kind, const Relation& rel, const std::string& yours,
                          const std::string& theirs) {
  if (rel.kind == Relation::Transposed)
    return "your " + yours + " is the transpose of the " + kind + "'s term " + theirs;
  if (std::fabs(rel.c + 1) < 1e-9)
    return "your " + yours + " is minus the " + kind + "'s term " + theirs;
  if (std::fabs(rel.c) < 1) {
    std::string inv = format_number(std::round(1e6 / rel.c) / 1e6);
    return "the " + kind + "'s term " + theirs + " is " + inv + " times your " + yours +
           " (a dropped factor " + inv + "?)";
  }
  return "your " + yours + " is " + format_number(std::round(rel.c * 1e6) / 1e6) + " times the " +
         kind + "'s term " + theirs;
}

std::vector<Expr> terms_of(Expr e) {
  if (e->kind != Kind::Add) return {e};
  std::vector<Expr> out;
  for (Expr k : e->kids)
    for (Expr t : terms_of(k)) out.push_back(t);
  return out;
}

struct Term {
  Expr e;
  Values v;
  bool matched = false;
};

// Terms as a list ("a, b and c"), or as a sum ("a + b - c", not "a + b + -c").
std::string texts(Context& ctx, const std::vector<Term*>& ts, bool sum = false) {
  std::string out;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    std::string t = to_text(ctx, ts[i]->e);
    bool minus = sum && i > 0 && t.size() > 1 && t[0] == '-';
    out += (i == 0               ? ""
            : minus              ? " - "
            : sum                ? " + "
            : i + 1 == ts.size() ? " and "
                                 : ", ") +
           (minus ? t.substr(1) : t);
  }
  return out;
}

// Marks a subset (two or more) of the unmatched `parts` whose sum is `whole`: the answer
// may group the result's terms, or split one of them. Small sums only.
bool match_group(Term& whole, std::vector<Term>& parts) {
  std::vector<Term*> open;
  for (Term& p : parts)
    if (!p.matched) open.push_back(&p);
  if (open.size() < 2 || open.size() > 10) return false;
  for (unsigned mask = 1; mask < (1u << open.size()); ++mask) {
    std::vector<const Values*> pick;
    for (std::size_t i = 0; i < open.size(); ++i)
      if (mask & (1u << i)) pick.push_back(&open[i]->v);
    if (pick.size() < 2 || !all_close(sum_of(pick), whole.v)) continue;
    for (std::size_t i = 0; i < open.size(); ++i)
      if (mask & (1u << i)) open[i]->matched = true;
    whole.matched = true;
    return true;
  }
  return false;
}

// The per-term diagnosis of a sum (SPEC 4's check): the answer's terms matched numerically
// to the terms of one way of writing the result — equal terms (or groups of terms) set
// aside, what is left is a missing term, an extra term, or terms off by a transpose, a
// sign or a factor. Null when what is left is none of these; `agree` then names the
// answer's terms that are right.
std::optional<Verdict> per_term(Context& ctx, const std::string& kind, Expr result, Expr answer,
                                Points& pts, std::string* agree) {
  std::vector<Term> want, got;
  for (Expr t : terms_of(result)) want.push_back({t, pts.at(t)});
  for (Expr t : terms_of(answer)) got.push_back({t, pts.at(t)});
  if (want.size() < 2 && got.size() < 2) return std::nullopt;
  for (Term& a : got)
    for (Term& w : want)
      if (!w.matched && all_close(a.v, w.v)) {
        a.matched = w.matched = true;
        break;
      }
  for (Term& w : want)
    if (!w.matched) match_group(w, got);
  for (Term& a : got)
    if (!a.matched) match_group(a, want);
  std::vector<Term*> right, rest_got, rest_want;
  for (Term& a : got) (a.matched ? right : rest_got).push_back(&a);
  for (Term& w : want)
    if (!w.matched) rest_want.push_back(&w);
  if (rest_got.empty() && rest_want.empty()) return std::nullopt;
  const std::string others = right.empty() ? "" : "; the other terms are right";
  if (rest_got.empty())
    return Verdict{false, "missing-term",
                   (rest_want.size() == 1 ? "missing a term: " : "missing terms: ") +
                       texts(ctx, rest_want) + "."};
  if (rest_want.empty())
    return Verdict{false, "extra-term",
                   (rest_got.size() == 1 ? "one term too many: " : "terms too many: ") +
                       texts(ctx, rest_got) + "."};
  auto values = [](const std::vector<Term*>& ts) {
    std::vector<const Values*> v;
    for (Term* t : ts) v.push_back(&t->v);
    return sum_of(v);
  };
  auto one = [&](const Relation& rel, const std::string& yours, const std::string& theirs) {
    std::string what = rel.kind == Relation::Transposed ? "transposed"
                       : std::fabs(rel.c + 1) < 1e-9    ? "sign"
                                                        : "factor";
    std::string head = what == "transposed" ? "one term transposed: "
                       : what == "sign"     ? "wrong sign in one term: "
                                            : "off by a factor in one term: ";
    return Verdict{false, what, head + relation_text(kind, rel, yours, theirs) + others + "."};
  };
  // One term of the result against what the answer has in its place, or the reverse.
  if (rest_want.size() == 1 || rest_got.size() == 1) {
    Relation rel = relate(values(rest_got), values(rest_want), pts.two());
    if (rel.kind != Relation::None && rel.kind != Relation::Equal)
      return one(rel, texts(ctx, rest_got, true), texts(ctx, rest_want, true));
  }
  // Term by term: each wrong term of the answer against one of the result's it is a
  // transpose or a multiple of; the result's terms left over are missing, the answer's
  // extra. Two mistakes in independent terms (a dropped factor here, a lost term there)
  // are each named. A term left on both sides matches nothing: no diagnosis.
  std::vector<std::pair<Relation, std::pair<Term*, Term*>>> pairs;
  std::vector<Term*> lone_got, lone_want;
  std::vector<bool> used(rest_want.size(), false);
  for (Term* a : rest_got) {
    bool found = false;
    for (std::size_t j = 0; j < rest_want.size() && !found; ++j) {
      if (used[j]) continue;
      Relation rel = relate(a->v, rest_want[j]->v, pts.two());
      if (rel.kind == Relation::None || rel.kind == Relation::Equal) continue;
      used[j] = found = true;
      pairs.push_back({rel, {a, rest_want[j]}});
    }
    if (!found) lone_got.push_back(a);
  }
  for (std::size_t j = 0; j < rest_want.size(); ++j)
    if (!used[j]) lone_want.push_back(rest_want[j]);
  if (!pairs.empty() && (lone_got.empty() || lone_want.empty())) {
    if (pairs.size() == 1 && lone_got.empty() && lone_want.empty())
      return one(pairs[0].first, to_text(ctx, pairs[0].second.first->e),
                 to_text(ctx, pairs[0].second.second->e));
    std::vector<std::string> off;
    for (const auto& [rel, pair] : pairs)
      off.push_back(
          relation_text(kind, rel, to_text(ctx, pair.first->e), to_text(ctx, pair.second->e)));
    if (!lone_want.empty())
      off.push_back((lone_want.size() == 1 ? "missing a term: " : "missing terms: ") +
                    texts(ctx, lone_want));
    if (!lone_got.empty())
      off.push_back((lone_got.size() == 1 ? "one term too many: " : "terms too many: ") +
                    texts(ctx, lone_got));
    std::string msg = "several terms off: ";
    for (std::size_t i = 0; i < off.size(); ++i) msg += (i ? "; " : "") + off[i];
    return Verdict{false, "several-terms", msg + others + "."};
  }
  if (!right.empty() && agree && agree->empty())
    *agree = "your " + std::string(right.size() == 1 ? "term " : "terms ") + texts(ctx, right) +
             (right.size() == 1 ? " agrees" : " agree") + " with the " + kind + "'s, but " +
             texts(ctx, rest_got) + (rest_got.size() == 1 ? " matches" : " match") +
             " none of its other terms (" + texts(ctx, rest_want) + ")";
  return std::nullopt;
}

// The kind of result as a word in a sentence: gradient, Jacobian, Hessian, derivative.
std::string kind_word(const Derivation& d) {
  if (d.kind == "jacobian") return "Jacobian";
  if (d.kind == "hessian") return "Hessian";
  return d.kind;
}

// The derived answer as the reader sees it: in the layout asked for.
struct Expected {
  Expr result;
  Expr raw;  // as read off, before simplification
  std::string layout;
  // Jacobians: the backpropagation form dphi/dX for the upstream gradient named `upstream`
  // (dphi/dF, shaped like F); `function` is F's name.
  Expr backprop = nullptr;
  std::string upstream, function = "F";
};

// A Jacobian's answer shaped like the variable is not the Jacobian, but it may be right as
// something else: the backpropagation form dphi/dX for an upstream gradient G = dphi/dF,
// or the chain rule's shorthand "dF/dX = A" for dphi/dX = G*A or A*G — which may hold
// only for a symmetric G ("dP/dM = 2M" for P = M*M': (G + G')*M is 2*G*M when G = G').
std::optional<Verdict> as_backprop(Context& ctx, const Derivation& d, const Expected& want,
                                   Expr answer, Points& pts, const Instance& in,
                                   const Instance* second) {
  if (d.kind != "jacobian" || !want.backprop || want.upstream.empty() ||
      answer->shape != want.backprop->shape)
    return std::nullopt;
  const VarInfo* up = ctx.var(want.upstream);
  if (!up || !in.values.count(want.upstream) || (second && !second->values.count(want.upstream)))
    return std::nullopt;
  Build b(ctx);
  const std::string& g = want.upstream;
  const std::string& f = want.function;
  const std::string jacobian = "The Jacobian itself (" + ctx.shape_text(want.result->shape) +
                               ", in " + want.layout + " layout) is " + to_text(ctx, want.result) +
                               ".";
  const std::string bp = to_text(ctx, want.backprop);
  if (relate(pts.at(answer), pts.at(want.backprop), pts.two()).kind == Relation::Equal)
    return Verdict{false, "backprop-form",
                   "right as the backpropagation form, not as the Jacobian: for a scalar phi "
                   "with upstream gradient " +
                       g + " = dphi/d" + f + " (shaped like " + f + "), dphi/d" + d.wrt + " = " +
                       bp + ", the Jacobian's transpose applied to " + g + ". " + jacobian};
  Expr gv = b.var(*up);
  // The draws with G symmetric (or as drawn).
  auto points = [&](bool symmetric, Instance& a, Instance& c) {
    a = in;
    c = second ? *second : Instance();
    for (Instance* i : {&a, &c}) {
      if (i == &c && !second) continue;
      Matrix& m = i->values[g];
      if (symmetric) m = (m + m.transpose().eval()) / 2;
    }
    return Points(ctx, a, second ? &c : nullptr);
  };
  bool square = gv->shape.rows == gv->shape.cols;
  Instance a, c;
  if (depends_on(answer, g)) {
    if (!square) return std::nullopt;
    Points p = points(true, a, c);
    if (!all_close(p.at(answer), p.at(want.backprop))) return std::nullopt;
    return Verdict{false, "assumes-symmetric",
                   "right as the backpropagation form only if the upstream gradient " + g +
                       " = dphi/d" + f + " is symmetric; for a general " + g + ", dphi/d" + d.wrt +
                       " = " + bp + ". " + jacobian};
  }
  for (bool symmetric : {false, true}) {
    if (symmetric && !square) break;
    Points p = points(symmetric, a, c);
    Values back = p.at(want.backprop), ans = p.at(answer), gs = p.at(gv);
    for (bool left : {true, false}) {
      Values prod;
      for (std::size_t k = 0; k < ans.size(); ++k) {
        if (left ? gs[k].cols() != ans[k].rows() : ans[k].cols() != gs[k].rows()) break;
        prod.push_back(left ? Matrix(gs[k] * ans[k]) : Matrix(ans[k] * gs[k]));
      }
      if (prod.size() != ans.size() || !all_close(prod, back)) continue;
      std::string a_text = to_text(ctx, answer);
      std::string applied =
          to_text(ctx, simplify(b, left ? b.mul(gv, answer) : b.mul(answer, gv)).expr);
      return Verdict{
          false, "chain-shorthand",
          "right as the chain rule's shorthand \"d" + f + "/d" + d.wrt + " = " + a_text +
              "\", not as the Jacobian: it means dphi/d" + d.wrt + " = " + applied +
              " for an upstream gradient " + g + " = dphi/d" + f +
              (symmetric ? " that is symmetric — the backpropagation form " + bp + " equals " +
                               applied + " when " + g + " = " + g + "' (and differs otherwise)"
                         : ", which is the backpropagation form " + bp) +
              ". " + jacobian};
    }
  }
  return std::nullopt;
}

// `second`, when given, is another draw at which factors and transposes must hold too.
Verdict diagnose(Context& ctx, const Derivation& d, const Expected& want, Expr answer,
                 const Instance& in, const Instance* second) {
  const std::string kind = kind_word(d);
  Build b(ctx);
  Expr r = want.result;
  Evaluator ev(ctx, in);
  Points pts(ctx, in, second);
  const Matrix& va = ev.eval(answer);
  const Matrix& vr = ev.eval(r);
  const VarInfo* x = ctx.var(d.wrt);
  if (answer->shape != r->shape) {
    if (answer->shape == Shape{r->shape.cols, r->shape.rows} && close(va, vr.transpose()))
      return {false, "transposed",
              "off by a transpose: this is the other layout. The " + want.layout +
                  "-layout answer has shape " + ctx.shape_text(r->shape) + "."};
    if (std::optional<Verdict> v = as_backprop(ctx, d, want, answer, pts, in, second)) return *v;
    return {false, "wrong-shape",
            "wrong shape: the answer is " + ctx.shape_text(answer->shape) + ", but the " + kind +
                " is " + ctx.shape_text(r->shape) +
                (d.kind == "gradient" ? " (a gradient has the shape of " + d.wrt + ")" : "") + "."};
  }
  if (close(va, vr))
    return {true, "correct",
            "correct: it agrees with the derived answer at random inputs" +
                (in.sizes.empty() ? std::string() : " (" + sizes_text(ctx, in) + ")") + "."};
  // A structured variable (SPEC 13): an answer whose projection onto the tangent space is
  // the gradient is the unconstrained gradient (or one equal to it on the tangent space).
  const StructureRow* row = d.kind == "gradient" && x ? structure_of(*x) : nullptr;
  if (row) {
    const Matrix& at = in.values.at(d.wrt);
    if (close(row->project(at, va), vr))
      return {row->ambient_correct, row->ambient_correct ? "correct" : "unconstrained",
              with_name(row->ambient_verdict, d.wrt)};
    Matrix cookbook = 2 * vr - Matrix(vr.diagonal().asDiagonal());
    if (row->cookbook_convention && close(va, cookbook))
      return {true, "convention",
              "correct in the Matrix Cookbook's convention (derivatives with respect to the "
              "independent entries, 2G - diag(diag(G))); the symmetric gradient G is shown here."};
  }
  if (va.rows() == va.cols() && close(va, vr.transpose()))
    return {false, "transposed",
            "off by a transpose: your answer is the transpose of the " + kind + " (the " +
                (want.layout == "denominator" ? "numerator" : "denominator") +
                " layout, or a transposed factor somewhere)."};
  // A multiple of the result at both draws (at one, a 1x1 value is a multiple of any other).
  Relation whole = relate(pts.at(answer), pts.at(r), pts.two());
  {
    double c = whole.c;
    if (whole.kind == Relation::Factor) {
      double nice = std::round(c * 1e6) / 1e6;
      if (std::fabs(c + 1) < 1e-9)
        return {false, "sign", "off by the sign: the answer is minus the " + kind + "."};
      if (std::fabs(c) < 1) {
        double inv = std::round(1e6 / c) / 1e6;
        return {false, "factor",
                "off by a factor: the " + kind + " is " + format_number(inv) +
                    " times your answer (a dropped factor " + format_number(inv) + "?)."};
      }
      return {
          false, "factor",
          "off by a factor: your answer is " + format_number(nice) + " times the " + kind + "."};
    }
  }
  // Term by term, against the result's terms, its terms as derived, before simplification
  // factored them (x'Ax gives Ax + A'x), and its terms multiplied out (an answer that
  // expands 2*X'*(X*w - y)); last with the answer multiplied out too (a wrong term inside a
  // product it keeps factored). One mistake named beats several: the first form that
  // shows one wins; several are said only if no single explanation (a symmetry assumed,
  // below) covers the answer.
  std::string agree;
  Expr spread = expand(b, r);
  Expr spread_answer = expand(b, answer);
  const std::pair<Expr, Expr> forms[] = {
      {r, answer},
      {want.raw, answer},
      {spread == r ? nullptr : spread, answer},
      {spread, spread_answer == answer ? nullptr : spread_answer}};
  std::optional<Verdict> several;
  for (const auto& [sum, ans] : forms)
    if (sum && ans && sum->shape == r->shape)
      if (std::optional<Verdict> v = per_term(ctx, kind, sum, ans, pts, &agree)) {
        if (v->kind != "several-terms") return *v;
        if (!several) several = v;
      }
  // x'Ax -> 2Ax: right only when the square matrices are symmetric.
  Instance sym = in;
  std::string which;
  for (const VarInfo& v : ctx.vars()) {
    Matrix& m = sym.values[v.name];
    if (m.rows() == m.cols() && m.rows() > 1 && !(v.props & kSymmetric) && !structure_of(v) &&
        v.name != d.wrt) {
      m = (m + m.transpose().eval()) / 2;
      which += (which.empty() ? "" : ", ") + v.name;
    }
  }
  if (!which.empty()) {
    Evaluator es(ctx, sym);
    if (close(es.eval(answer), es.eval(r)))
      return {false, "assumes-symmetric",
              "right only if " + which + (which.find(',') == std::string::npos ? " is" : " are") +
                  " symmetric; for a general " + which + " the " + kind + " is " + to_text(ctx, r) +
                  "."};
  }
  if (several) return *several;
  double diff = (va - vr).cwiseAbs().maxCoeff();
  return {false, "different",
          "different from the " + kind +
              (in.sizes.empty() ? std::string() : " at " + sizes_text(ctx, in)) +
              " (largest entry-wise difference " + format_number(std::round(diff * 1e6) / 1e6) +
              ")" + (agree.empty() ? "" : ": " + agree) + "."};
}

}  // namespace

Outcome check_answer(const CheckRequest& req) {
  return guarded(
      req.expr, req.decls,
      [&]() -> Outcome {
        Context ctx;
        Question q = read_question(req.expr, req.decls, req.wrt, req.syntax);
        Program program = build_question(ctx, q, req.expr);
        DeriveOptions opt;
        opt.seed = req.seed;
        opt.hessian = req.hessian || q.hessian;
        opt.check_steps = false;
        if (req.layout != "" && req.layout != "denominator" && req.layout != "numerator")
          throw UserError(
              "parse", "unknown layout '" + req.layout + "' (expected denominator or numerator)");
        Derivation d = derive_program(ctx, program, q.wrt, opt);
        Build b(ctx);
        // Answers may use the defined names; they are compared with the names written out
        // (the variable itself stays when it is a defined name).
        std::set<std::string> keep;
        if (const VarInfo* w = ctx.var(q.wrt); w && w->definition) keep.insert(q.wrt);
        auto plain = [&](Expr e) { return e ? inline_definitions(b, e, keep) : e; };
        Expr f = plain(program.objective);
        d.result = plain(d.result);
        d.raw_result = plain(d.raw_result);
        bool flip = transposes(ctx, d, req.layout);
        Expected x{flip ? b.transpose(d.result) : d.result,
                   flip && d.raw_result ? b.transpose(d.raw_result) : d.raw_result,
                   flip ? (native_layout(d) == "denominator" ? "numerator" : "denominator")
                        : native_layout(d),
                   plain(d.backprop),
                   d.upstream,
                   program.objective_name.empty() ? "F" : program.objective_name};
        // The reply, whichever way the answer was read (a matrix, or entry by entry).
        auto reply = [&](const Verdict& v, bool symbolic, const std::string& latex,
                         const std::string& answer_json, const std::string& answer_error,
                         const std::string& sizes, bool by_entries) {
          Outcome out;
          out.ok = true;
          out.text = v.correct ? "correct" : "incorrect: " + v.message;
          out.latex = latex;
          out.human =
              (v.correct ? "" : "not quite: ") + v.message + "\nderived: " + to_text(ctx, x.result);
          out.json = JsonObject()
                         .boolean("ok", true)
                         .boolean("correct", v.correct)
                         .str("verdict", v.kind)
                         .str("message", v.message)
                         .boolean("symbolic", symbolic)
                         .str("kind", d.kind)
                         .str("layout", x.layout)
                         .raw("expected", expr_json(ctx, x.result))
                         .raw("answer", answer_json)
                         .raw("answer_error", answer_error)
                         .boolean("by_entries", by_entries)
                         .str("sizes", sizes)
                         .num("seed", req.seed)
                         .str();
          return out;
        };
        if (req.answer.find_first_not_of(" \t\r\n") == std::string::npos)
          throw UserError("parse", "the answer is empty", Source::Answer, 0, 1);
        Expr a = nullptr;
        Verdict v;
        std::string answer_error = "null";
        // An answer written entry by entry (SPEC 14) is graded entry by entry: first thing
        // for a question asked so, else when the answer has no matrix reading.
        auto by_entries = [&]() -> std::optional<IndexTensor> {
          try {
            return read_index_tensor(req.answer, q.asked.of + q.asked.wrt);
          } catch (UserError& e) {
            e.source = Source::Answer;
            throw;
          }
        };
        std::optional<IndexTensor> entries;
        if (!q.index_checks.empty() || !q.asked.empty()) try {
            entries = by_entries();
          } catch (const UserError& e) {
            // Not index notation after all (kron(eye(n), M)): its own error stands only if
            // the matrix reading fails too and the answer writes entries (a subscript).
            try {
              a = plain(parse_answer(ctx, req.answer, x.result->shape));
            } catch (const UserError&) {
              if (req.answer.find('_') != std::string::npos) throw e;
            }
          }
        // Fewer indices than the question's, and a matrix reading (2 m_{xy} for ∂P_{ij}/∂M_{xy}
        // is 2*M): graded as that matrix, whose verdicts know the chain rule's shorthand.
        auto letters_of = [](std::string s) {
          std::sort(s.begin(), s.end());
          return s;
        };
        auto writes_of = [&](const IndexTensor& t) {  // an index of the function, anywhere
          for (const IndexTensor::Part& p : t.terms)
            if (p.mentioned.find_first_of(q.asked.of) != std::string::npos) return true;
          return false;
        };
        if (entries && !q.asked.of.empty() && !q.asked.wrt.empty() &&
            letters_of(entries->free) == letters_of(q.asked.wrt) && !writes_of(*entries))
          try {
            a = plain(parse_answer(ctx, req.answer, x.result->shape, q.asked.wrt));
            entries.reset();
          } catch (const UserError&) {
            // graded entry by entry, which says which indices are missing
          }
        if (!entries && !a) try {
            a = plain(parse_answer(ctx, req.answer, x.result->shape));
          } catch (const UserError& e) {
            std::optional<IndexTensor> t;
            try {
              t = by_entries();
            } catch (const UserError&) {
            }
            if (!t && e.code != "shape") throw;  // (an ill-shaped answer: below says so)
            entries = std::move(t);
          }
        if (entries) {
          Instance in, again;
          std::string which;
          if (!usable_instance(ctx, f, d.result, req.seed, &in, &which))
            throw UserError("unsupported",
                            "could not compare: the derivative is not finite at the inputs tried",
                            Source::Answer, 0, 1);
          bool two = usable_instance(ctx, f, d.result, req.seed + 1, &again, &which);
          IndexGrade g =
              grade_index_answer(ctx, f, d, q.asked, *entries, in, two ? &again : nullptr);
          // The answer as typed: LaTeX as it is, other text (δ_ix m_jy) in a text box.
          std::string answer_latex = req.answer;
          if (!looks_like_latex(req.answer)) {
            answer_latex = "\\text{";
            for (char c : req.answer)
              answer_latex += c == '_' ? std::string("\\_") : std::string(1, c);
            answer_latex += "}";
          }
          return reply(Verdict{g.correct, g.kind, g.message}, false, answer_latex,
                       JsonObject()
                           .str("text", req.answer)
                           .str("latex", answer_latex)
                           .str("shape", "")
                           .str(),
                       "null", sizes_text(ctx, in), true);
        }
        try {
          if (!a) a = plain(parse_answer(ctx, req.answer, x.result->shape));
          // "0" is how a zero result of any shape is written (derive prints it so).
          if (a->is_const(0)) a = b.zero(x.result->shape);
        } catch (const UserError& e) {
          if (e.code != "shape") throw;
          // An ill-shaped answer is a wrong answer, not a malformed request.
          ErrorInfo info = error_outcome(e, "", "", req.answer).error;
          answer_error = JsonObject()
                             .str("message", info.message)
                             .num("column", info.column)
                             .num("length", info.length)
                             .str("rendered", info.rendered)
                             .str();
          v = {false, "wrong-shape", "the answer is not well-shaped: " + info.message + "."};
        }
        bool symbolic = a && (a == x.result || simplify(b, a).expr == x.result);
        Instance in;
        std::string which;
        if (!a) {
          // v already says what is wrong.
        } else if (!usable_instance(ctx, f, x.result, req.seed, &in, &which) ||
                   !well_defined(ctx, in, a)) {
          v = symbolic
                  ? Verdict{true, "correct", "correct (the same expression)"}
                  : Verdict{false, "different",
                            "could not compare: the answer is not finite at the inputs tried."};
        } else {
          // A second, independent instance guards against an accidental agreement, and a
          // wrong answer's diagnosis (a factor, a term off) must hold at it too.
          Instance again;
          bool two = usable_instance(ctx, f, x.result, req.seed + 1, &again, &which) &&
                     well_defined(ctx, again, a) &&
                     (!x.backprop || well_defined(ctx, again, x.backprop));
          v = diagnose(ctx, d, x, a, in, two ? &again : nullptr);
          if (v.correct && two) {
            Verdict w = diagnose(ctx, d, x, a, again, &in);
            if (!w.correct) v = w;
          }
        }
        if (symbolic && v.correct) v.message = "correct: it is the derived answer, symbolically.";
        return reply(v, symbolic, a ? to_latex(ctx, a) : "", expr_json(ctx, a), answer_error,
                     a ? sizes_text(ctx, in) : "", false);
      },
      req.answer);
}

}  // namespace matcalc
