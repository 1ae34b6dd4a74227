// "Check my answer": the student's answer is parsed with the expression's variables
// and shapes, compared with the derived result symbolically where the canonical
// forms meet and numerically always, and a wrong answer is diagnosed: wrong shape,
// off by a transpose (the other layout), off by a factor or a sign, a missing or an
// extra term, or simply different at given sizes.
#include "numeric/check.h"

#include <cmath>
#include <set>

#include "api.h"
#include "api/question.h"
#include "api/report.h"
#include "derive/derive.h"
#include "derive/program.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/rebuild.h"
#include "expr/structures.h"
#include "numeric/instance.h"
#include "parse/frontend.h"
#include "parse/latex_reader.h"
#include "parse/parser.h"
#include "print/derivation.h"
#include "print/latex.h"
#include "print/text.h"
#include "simplify/simplify.h"
#include "util/json.h"
#include "util/number.h"

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
  for (std::size_t i = text.find(word); i != std::string::npos; i = text.find(word, i + 1)) {
    bool start =
        i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_');
    std::size_t e = i + word.size();
    bool end =
        e >= text.size() || !(std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_');
    if (start && end) return static_cast<int>(i);
  }
  return 0;
}

Expr parse_answer(Context& ctx, const std::string& answer, Shape expected) {
  std::size_t known = ctx.vars().size();
  Expr a;
  // An answer may name its parts as a derivation's where-clauses do ("u = sigmoid(W*x);
  // W'*u"): read as a program, its definitions written out.
  // A LaTeX answer is read as the question is (its reading; errors point into it).
  std::string text = answer;
  bool latex = looks_like_latex(answer);
  try {
    if (latex) text = read_latex(answer).text;
  } catch (UserError& e) {
    if (e.source == Source::Expression) e.source = Source::Answer;
    throw;
  }
  bool program = text.find_first_of("=;\n") != std::string::npos;
  try {
    if (program) {
      // The names the answer defines (it may restate the question's E = I - K*H) are its
      // own, not the question's variables.
      std::set<std::string> defined;
      for (const Statement& st : parse_program(text)) defined.insert(st.name);
      Build b(ctx);
      a = inline_definitions(b, build_program(ctx, text, declarations_of(ctx, defined)).objective);
    } else {
      a = build_expression(ctx, text, declarations_of(ctx), &expected);
    }
  } catch (UserError& e) {
    if (e.source == Source::Expression) e.source = Source::Answer;
    if (latex) {  // a position in the reading: point at the whole LaTeX answer instead
      e.begin = 0;
      e.end = static_cast<int>(answer.size());
    }
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

bool close(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  double scale = std::max(1.0, b.cwiseAbs().maxCoeff());
  return (a - b).cwiseAbs().maxCoeff() <= 1e-7 * scale;
}

struct Verdict {
  bool correct = false;
  std::string kind, message;
};

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
};

Verdict diagnose(Context& ctx, const Derivation& d, const Expected& want, Expr answer,
                 const Instance& in) {
  const std::string kind = kind_word(d);
  Build b(ctx);
  Expr r = want.result;
  Evaluator ev(ctx, in);
  const Matrix& va = ev.eval(answer);
  const Matrix& vr = ev.eval(r);
  const VarInfo* x = ctx.var(d.wrt);
  if (answer->shape != r->shape) {
    if (answer->shape == Shape{r->shape.cols, r->shape.rows} && close(va, vr.transpose()))
      return {false, "transposed",
              "off by a transpose: this is the other layout. The " + want.layout +
                  "-layout answer has shape " + ctx.shape_text(r->shape) + "."};
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
  double rr = (vr.array() * vr.array()).sum();
  if (rr > 0) {
    double c = (va.array() * vr.array()).sum() / rr;
    if (std::fabs(c) > 1e-12 && close(va, c * vr)) {
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
  // Terms as derived, before simplification factored them: x'Ax gives Ax + A'x.
  for (Expr sum : {r, want.raw})
    if (sum && sum->kind == Kind::Add && sum->shape == r->shape)
      for (Expr t : sum->kids)
        if (close(va, vr - ev.eval(t)))
          return {false, "missing-term", "missing a term: " + to_text(ctx, t) + "."};
  if (answer->kind == Kind::Add)
    for (Expr t : answer->kids)
      if (close(va - ev.eval(t), vr))
        return {false, "extra-term", "one term too many: " + to_text(ctx, t) + "."};
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
  double diff = (va - vr).cwiseAbs().maxCoeff();
  return {false, "different",
          "different from the " + kind + " at " + sizes_text(ctx, in) +
              " (largest entry-wise difference " + format_number(std::round(diff * 1e6) / 1e6) +
              ")."};
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
        opt.hessian = req.hessian;
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
                        : native_layout(d)};
        if (req.answer.find_first_not_of(" \t\r\n") == std::string::npos)
          throw UserError("parse", "the answer is empty", Source::Answer, 0, 1);
        Expr a = nullptr;
        Verdict v;
        std::string answer_error = "null";
        try {
          a = plain(parse_answer(ctx, req.answer, x.result->shape));
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
          v = diagnose(ctx, d, x, a, in);
          // A second, independent instance guards against an accidental agreement.
          Instance again;
          if (v.correct && usable_instance(ctx, f, x.result, req.seed + 1, &again, &which) &&
              well_defined(ctx, again, a)) {
            Verdict w = diagnose(ctx, d, x, a, again);
            if (!w.correct) v = w;
          }
        }
        if (symbolic && v.correct) v.message = "correct: it is the derived answer, symbolically.";
        Outcome out;
        out.ok = true;
        out.text = v.correct ? "correct" : "incorrect: " + v.message;
        out.latex = a ? to_latex(ctx, a) : "";
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
                       .raw("answer", expr_json(ctx, a))
                       .raw("answer_error", answer_error)
                       .str("sizes", a ? sizes_text(ctx, in) : "")
                       .num("seed", req.seed)
                       .str();
        return out;
      },
      req.answer);
}

}  // namespace matcalc
