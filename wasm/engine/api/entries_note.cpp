// The note a derivative asked entry by entry gets (SPEC 14): what the 4-index object is
// as a matrix, and what a text means when it writes a matrix for it ("∂P/∂M = 2M" for
// P = MMᵀ; "∂D/∂W = Xᵀ" for D = WX). Such a "derivative" is the chain rule's shorthand:
// the backpropagation form dphi/dX = G*S (or S*G) with the upstream gradient G left out.
// S is found by dropping G from the end of the backpropagation form, or by setting G = I,
// and kept only if the form equals G*S or S*G at random values — for every G, or for a
// symmetric G (the upstream gradient of a symmetric function, as "2M" assumes).
#include "api/entries_note.h"

#include <cmath>
#include <optional>
#include <vector>

#include "api/agree.h"
#include "expr/build.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/eval.h"
#include "print/text.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

bool close(const Matrix& a, const Matrix& b) { return agree(a, b, 1e-8); }

struct Shorthand {
  Expr s = nullptr;
  bool right = true;       // dphi/dX = G*S (else S*G)
  bool symmetric = false;  // only for a symmetric G
};

// The candidates for S: the form with G dropped from either end of its product, and the
// form at G = I.
std::vector<std::pair<Expr, bool>> candidates(Build& b, Expr bp, Expr g) {
  std::vector<std::pair<Expr, bool>> out;
  if (bp->kind == Kind::Mul && bp->value == 1 && bp->kids.size() >= 2) {
    std::vector<Expr> k = bp->kids;
    if (k.front() == g) out.push_back({b.mul(std::vector<Expr>(k.begin() + 1, k.end())), true});
    if (k.back() == g) out.push_back({b.mul(std::vector<Expr>(k.begin(), k.end() - 1)), false});
  }
  if (g->shape.rows == g->shape.cols) {
    Expr eye = b.identity(g->shape.rows);
    Expr at_eye = map_bottom_up(b, bp, [&](Expr e) { return e == g ? eye : e; });
    Expr s = simplify(b, at_eye).expr;
    out.push_back({s, true});
    out.push_back({s, false});
  }
  return out;
}

std::optional<Shorthand> shorthand(Context& ctx, const Derivation& d, std::uint32_t seed) {
  const VarInfo* up = ctx.var(d.upstream);
  if (!d.backprop || !up) return std::nullopt;
  Build b(ctx);
  Expr g = b.var(*up);
  Instance in;
  std::string which;
  if (!usable_instance(ctx, d.f, d.backprop, seed, &in, &which) || !in.values.count(up->name))
    return std::nullopt;
  for (bool symmetric : {false, true}) {
    Instance at = in;
    Matrix& gv = at.values[up->name];
    if (symmetric) {
      if (gv.rows() != gv.cols()) break;
      gv = (gv + gv.transpose().eval()) / 2;
    }
    Evaluator ev(ctx, at);
    Matrix want = ev.eval(d.backprop);
    for (auto [s, right] : candidates(b, d.backprop, g)) {
      if (depends_on(s, up->name)) continue;
      Matrix sv = ev.eval(s);
      if (right ? sv.rows() != gv.cols() : sv.cols() != gv.rows()) continue;
      if (close(right ? Matrix(gv * sv) : Matrix(sv * gv), want))
        return Shorthand{s, right, symmetric};
    }
  }
  return std::nullopt;
}

}  // namespace

std::string entries_note(Context& ctx, const Derivation& d, const std::string& index_text,
                         const std::string& fname, const std::string& of, const std::string& by,
                         std::uint32_t seed) {
  if (d.kind != "jacobian" || of.empty() || by.empty()) return "";
  const VarInfo* x = ctx.var(d.wrt);
  if (!x) return "";
  std::string lhs = "d" + fname + "_" + of + "/d" + d.wrt + "_" + by;
  std::string out = lhs + " = " + index_text;
  if (of.size() == 1 && by.size() == 1)
    out += " is the entry (" + of + ", " + by + ") of the Jacobian above.";
  else
    out += " is one number for each " + listed_letters(of + by) + ": " +
           std::to_string(of.size() + by.size()) +
           " indices. As a matrix it is the Jacobian above, one row per entry of vec(" + fname +
           ") (" + std::string(1, of[0]) + " varying fastest) and one column per entry of vec(" +
           d.wrt + ") (" + std::string(1, by[0]) + " fastest).";
  if (!d.backprop) return out;
  const std::string& g = d.upstream;
  const std::string bp = to_text(ctx, d.backprop);
  std::string chain = "for a scalar phi of " + fname + " with gradient " + g + " = dphi/d" + fname +
                      ", dphi/d" + d.wrt + " = " + bp;
  std::optional<Shorthand> sh = shorthand(ctx, d, seed);
  if (!sh || to_text(ctx, sh->s) == "eye(" + ctx.dim_text(x->shape.rows) + ")")
    return out + " The chain rule needs no more than its backpropagation form: " + chain + ".";
  Build b(ctx);
  Expr gv = b.var(*ctx.var(g));
  std::string s = to_text(ctx, sh->s);
  std::string applied =
      to_text(ctx, simplify(b, sh->right ? b.mul(gv, sh->s) : b.mul(sh->s, gv)).expr);
  out += " A text that writes d" + fname + "/d" + d.wrt + " = " + s +
         " means the chain rule's shorthand: " + chain +
         (sh->symmetric ? ", which is " + applied + " when " + g + " is symmetric (e.g. phi = tr(" +
                              fname + "*" + fname + "') with " + fname + " symmetric)"
          : applied == bp ? ""
                          : " = " + applied) +
         ": \"" + s + "\" is what multiplies " + g +
         (sh->right ? " on the right" : " on the left") + ", with " + g +
         " left out; it is not the " + std::to_string(of.size() + by.size()) +
         "-index derivative itself.";
  return out;
}

}  // namespace matcalc
