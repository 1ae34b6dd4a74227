// derive_index: the index route's lecture. Write f in index notation, differentiate by
// one entry X_{ab} (the idx- rules), contract the deltas, collect like terms, read the
// matrix form back (a gradient, a derivative, or a Kronecker-form Jacobian with its
// backprop form), simplify, and check it against finite differences of f.
#include "derive/index_route.h"

#include "derive/finish.h"
#include "diff/index_rules.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/index_translate.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/step_check.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

std::vector<int> present(std::initializer_list<int> ids) {
  std::vector<int> out;
  for (int i : ids)
    if (i >= 0) out.push_back(i);
  return out;
}

// The first pair of index names that no single-letter variable uses.
std::pair<std::string, std::string> names(const Context& ctx,
                                          std::initializer_list<const char*> pairs) {
  const char* const* p = pairs.begin();
  for (; p + 1 < pairs.end(); p += 2)
    if (!ctx.var(p[0]) && !ctx.var(p[1])) return {p[0], p[1]};
  return {pairs.begin()[0], pairs.begin()[1]};
}

Expr upstream(Context& ctx, Build& b, Expr f) {
  for (const char* c : {"G", "Gbar", "G_F", "Delta", "G_up"}) {
    const VarInfo* v = ctx.var(c);
    if (!v) {
      ctx.add_var(VarInfo{c, f->shape, 0, f->shape.cols == kDimOne ? "vector" : "matrix", false});
      return b.var(*ctx.var(c));
    }
    if (v->shape == f->shape && !v->definition && !depends_on(f, c)) return b.var(*v);
  }
  throw InternalError("index route: no name for the upstream gradient");
}

class Route {
 public:
  Route(Context& ctx, IndexDerivation& r, Expr f, const std::string& wrt)
      : ctx_(ctx), b_(ctx), r_(r), f_(f), wrt_(wrt) {}

  void run() {
    IndexSpace& sp = r_.space;
    const VarInfo* x = ctx_.var(wrt_);
    auto [fi, fj] = names(ctx_, {"i", "j", "r", "s", "m", "n"});
    auto [xa, xb] = names(ctx_, {"a", "b", "c", "d", "p", "q", "u", "v"});
    i_ = f_->shape.rows == kDimOne ? -1 : sp.fresh(f_->shape.rows, fi);
    j_ = f_->shape.cols == kDimOne ? -1 : sp.fresh(f_->shape.cols, fj);
    a_ = x->shape.rows == kDimOne ? -1 : sp.fresh(x->shape.rows, xa);
    b_idx_ = x->shape.cols == kDimOne ? -1 : sp.fresh(x->shape.cols, xb);
    of_ = f_->shape.scalar() ? "f" : "F";
    std::vector<int> fidx = present({i_, j_}), all = present({i_, j_, a_, b_idx_});
    std::set<int> free(all.begin(), all.end());

    r_.f_index = IndexForm{to_index(b_, sp, f_, i_, j_), fidx};
    index_step({"idx-write"}, "write " + of_ + " in index notation", "", r_.f_index);
    IndexDiff d(b_, sp, wrt_, a_, b_idx_);
    IndexSum ds = d.sum(r_.f_index.sum, {i_, j_});
    index_step(d.fired(), "differentiate by one entry of " + wrt_, wrt_, IndexForm{ds, all});
    contract_deltas(b_, sp, ds, free);
    index_step({"idx-delta"}, "contract the Kronecker deltas", wrt_, IndexForm{ds, all});
    std::size_t before = ds.terms.size();
    collect_terms(ds, free);
    if (ds.terms.size() != before)
      index_step({"idx-collect"}, "collect like terms", wrt_, IndexForm{ds, all});
    r_.result_index = IndexForm{ds, all};
    read_back(ds, x);
  }

 private:
  void index_step(std::vector<std::string> rules, std::string title, const std::string& wrt,
                  IndexForm form, std::string of = "") {
    IndexStep s;
    s.rules = std::move(rules);
    s.title = std::move(title);
    s.of_name = of.empty() ? of_ : of;
    if (of.empty()) s.of_idx = present({i_, j_});
    s.wrt = wrt;
    if (!wrt.empty()) s.wrt_idx = present({a_, b_idx_});
    s.form = std::move(form);
    r_.steps.push_back(std::move(s));
  }

  void matrix_step(std::vector<std::string> rules, std::string title, Expr e, Form form) {
    IndexStep s;
    s.rules = rules;
    s.title = title;
    s.of_name = of_;
    s.wrt = wrt_;
    s.matrix = e;
    s.matrix_form = form;
    r_.steps.push_back(s);
    r_.matrix.steps.push_back(Step{rules, title, form, e, f_, of_, "", {}, {}});
  }

  Expr required(Expr e, const IndexSum& s) {
    if (e) return e;
    (void)s;
    throw UserError("unsupported",
                    "the index route cannot read this result back into matrix form (a summed "
                    "index shared by three factors, as an element-wise product inside a "
                    "product gives, or a Jacobian with no Kronecker form); the matrix route "
                    "derives it");
  }

  void read_back(const IndexSum& ds, const VarInfo* x) {
    Derivation& m = r_.matrix;
    Form form = Form::Gradient;
    Expr g;
    if (f_->shape.scalar()) {
      m.kind = "gradient";
      g = required(index_to_matrix(b_, r_.space, ds, a_, b_idx_), ds);
    } else if (x->shape.scalar()) {
      m.kind = "derivative";
      form = Form::Derivative;
      g = required(index_to_matrix(b_, r_.space, ds, i_, j_), ds);
    } else {
      m.kind = "jacobian";
      form = Form::Jacobian;
      g = ds.terms.empty()
              ? b_.zero(Shape{ctx_.dim_product(f_->shape.rows, f_->shape.cols),
                              ctx_.dim_product(x->shape.rows, x->shape.cols)})
              : required(index_to_jacobian(b_, r_.space, ds, i_, j_, a_, b_idx_, x->shape), ds);
    }
    matrix_step({m.kind == "jacobian" ? "idx-kron" : "idx-to-matrix"},
                m.kind == "jacobian" ? "read the Kronecker form back" : "read the matrix form back",
                g, form);
    if (m.kind == "gradient" && (x->props & kDiagonal) && !(g->props & kDiagonal)) {
      g = b_.diag_mat(b_.diag_vec(g));
      matrix_step({"idx-diag-gradient"}, "diagonal variable: keep the diagonal", g, form);
    } else if (m.kind == "gradient" && (x->props & kSymmetric) && !g->symmetric()) {
      g = b_.scale(0.5, b_.add(g, b_.transpose(g)));
      matrix_step({"idx-sym-gradient"}, "symmetric variable: keep the symmetric part", g, form);
    }
    m.raw_result = g;
    SimplifyResult simp = simplify(b_, g);
    if (simp.expr != g) matrix_step(simp.rules, "simplify", simp.expr, form);
    m.result = simp.expr;
    if (m.kind == "jacobian") backprop(ds);
  }

  // dphi/dX_{ab} = G_{ij} dF_{ij}/dX_{ab}, contracted and read back.
  void backprop(const IndexSum& ds) {
    Expr g = upstream(ctx_, b_, f_);
    IndexSum bp = ds;
    for (Term& t : bp.terms) t.factors.insert(t.factors.begin(), tensor(g, i_, j_));
    std::vector<int> ab = present({a_, b_idx_});
    std::set<int> free(ab.begin(), ab.end());
    contract_deltas(b_, r_.space, bp, free);
    collect_terms(bp, free);
    r_.backprop_index = IndexForm{bp, ab};
    index_step({"idx-backprop", "idx-delta"}, "contract with the upstream gradient " + g->name,
               wrt_, r_.backprop_index, "phi");
    Expr m = index_to_matrix(b_, r_.space, bp, a_, b_idx_);
    if (!m) return;
    r_.matrix.backprop = simplify(b_, m).expr;
    r_.matrix.upstream = g->name;
  }

  Context& ctx_;
  Build b_;
  IndexDerivation& r_;
  Expr f_;
  const std::string& wrt_;
  std::string of_;
  int i_ = -1, j_ = -1, a_ = -1, b_idx_ = -1;
};

}  // namespace

IndexDerivation derive_index(Context& ctx, Expr f, const std::string& wrt,
                             const DeriveOptions& opt) {
  if (wrt.empty())
    throw UserError("parse",
                    "no variable to differentiate by: the question names none (name it with --wrt, "
                    "or ask \\frac{\\partial f}{\\partial X})");
  if (!ctx.var(wrt))
    throw UserError("unknown-symbol", "'" + wrt + "' does not occur in the expression");
  if (opt.hessian)
    throw UserError("unsupported",
                    "the index route does not derive Hessians (the default route does)");
  Build b(ctx);
  f = inline_definitions(b, f, {wrt});
  IndexDerivation r;
  r.matrix.f = f;
  r.matrix.wrt = wrt;
  Route(ctx, r, f, wrt).run();
  Derivation& d = r.matrix;
  name_result_parts(ctx, d);
  Instance in;
  if (d.kind == "gradient")
    d.check = check_gradient(ctx, f, wrt, d.result, opt.seed, &in);
  else
    d.check = check_jacobian(ctx, f, wrt, d.result, d.backprop, d.upstream, opt.seed, &in);
  if (opt.check_steps && !d.check.inconclusive) d.step_check = check_steps(ctx, d, in, opt.seed);
  return r;
}

}  // namespace matcalc
