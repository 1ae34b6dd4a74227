// derive_index: the index route's lecture. Write f in index notation, differentiate by
// one entry X_{ab} (the idx- rules), contract the deltas, collect like terms, read the
// matrix form back (a gradient, a derivative, or a Kronecker-form Jacobian with its
// backprop form), simplify, and check it against finite differences of f.
#include "derive/index_route.h"

#include "derive/derive.h"
#include "derive/finish.h"
#include "diff/index_rules.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/index_translate.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "expr/structures.h"
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
  Route(Context& ctx, IndexDerivation& r, Expr f, const std::string& wrt, const DeriveOptions& opt)
      : ctx_(ctx), b_(ctx), r_(r), f_(f), wrt_(wrt), opt_(opt) {}

  void run() {
    IndexSpace& sp = r_.space;
    const VarInfo* x = ctx_.var(wrt_);
    auto [fi, fj] = names(ctx_, {"i", "j", "r", "s", "m", "n"});
    auto [xa, xb] = names(ctx_, {"a", "b", "c", "d", "p", "q", "u", "v"});
    // The letters the question wrote (\partial P_{ij} / \partial M_{xy}), where they are one
    // per index the shapes have.
    asked(opt_.index_of, f_->shape, fi, fj);
    asked(opt_.index_wrt, x->shape, xa, xb);
    // The variable's letters are the function's own where the question wrote them so
    // (\partial/\partial W_{ij} of an (i, j) entry): a 4-index answer cannot share them, so
    // the variable's take letters the function's leave free.
    std::string taken =
        (f_->shape.rows != kDimOne ? fi : "") + (f_->shape.cols != kDimOne ? fj : "");
    auto clashes = [&](const std::string& l) { return taken.find(l) != std::string::npos; };
    if (clashes(xa) || clashes(xb)) {
      std::vector<std::string> spare;
      for (const char* c : {"a", "b", "c", "d", "p", "q", "u", "v", "k", "l"})
        if (!clashes(c) && !ctx_.var(c)) spare.push_back(c);
      if (x->shape.rows != kDimOne && clashes(xa)) xa = spare[0], spare.erase(spare.begin());
      if (x->shape.cols != kDimOne && (clashes(xb) || xb == xa)) xb = spare[xb == xa ? 1 : 0];
    }
    i_ = f_->shape.rows == kDimOne ? -1 : sp.fresh(f_->shape.rows, fi);
    j_ = f_->shape.cols == kDimOne ? -1 : sp.fresh(f_->shape.cols, fj);
    a_ = x->shape.rows == kDimOne ? -1 : sp.fresh(x->shape.rows, xa);
    b_idx_ = x->shape.cols == kDimOne ? -1 : sp.fresh(x->shape.cols, xb);
    of_ = f_->shape.scalar() ? "f" : "F";
    std::vector<int> fidx = present({i_, j_}), all = present({i_, j_, a_, b_idx_});
    std::set<int> free(all.begin(), all.end());

    IndexSum fs = to_index(b_, sp, f_, i_, j_);
    fidx = leaves_of(sp, {i_, j_});
    name_parts({i_, j_});
    r_.f_index = IndexForm{fs, fidx};
    index_step(write_rules(), "write " + of_ + " in index notation", "", r_.f_index);
    IndexDiff d(b_, sp, wrt_, a_, b_idx_);
    IndexSum ds = d.sum(r_.f_index.sum, {i_, j_});
    resolve_splits(b_, sp, ds);  // idx-unvec splits the variable's index a
    all = leaves_of(sp, {i_, j_, a_, b_idx_});
    free = std::set<int>(all.begin(), all.end());
    name_parts({a_, b_idx_});
    std::vector<std::string> fired = d.fired();
    if (sp.is_split(a_)) fired.push_back("idx-combined");
    index_step(fired, "differentiate by one entry of " + wrt_, wrt_, IndexForm{ds, all});
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
  static void asked(const std::string& letters, Shape s, std::string& row, std::string& col) {
    bool r = s.rows != kDimOne, c = s.cols != kDimOne;
    if (letters.size() != static_cast<std::size_t>(r + c)) return;
    if (r) row = letters.substr(0, 1);
    if (c) col = letters.substr(r ? 1 : 0, 1);
  }

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

  // The rules that write f's entries: idx-write, and those of the entries of kron, vec and
  // K with their combined indices.
  std::vector<std::string> write_rules() {
    std::vector<std::string> out = {"idx-write"};
    bool kron = false, vec = false, comm = false;
    std::set<const Node*> seen;
    std::vector<Expr> todo = {f_};
    while (!todo.empty()) {
      Expr e = todo.back();
      todo.pop_back();
      if (!seen.insert(e).second) continue;
      kron |= e->kind == Kind::Kron;
      vec |= e->kind == Kind::Vec;
      comm |= e->kind == Kind::Commutation;
      for (Expr k : e->kids) todo.push_back(k);
    }
    if (kron) out.push_back("idx-kron-entry");
    if (vec) out.push_back("idx-vec-entry");
    if (comm) out.push_back("idx-commutation-entry");
    if (kron || vec || comm) out.push_back("idx-combined");
    return out;
  }

  // Fixed names for the parts of the question's split indices (a vector F = vec(...) or a
  // vector variable x under unvec), so that every step writes them alike.
  void name_parts(std::initializer_list<int> ids) {
    IndexSpace& sp = r_.space;
    std::set<std::string> taken;
    for (const VarInfo& v : ctx_.vars())
      if (v.name.size() == 1) taken.insert(v.name);
    for (int k = 0; k < sp.size(); ++k)
      if (!sp.name(k).empty()) taken.insert(sp.name(k));
    static const char* pool[] = {"c", "d", "e", "g", "h", "k", "l", "m", "n", "p",
                                 "q", "r", "s", "t", "u", "v", "w", "y", "z"};
    for (int i : ids) {
      if (!sp.is_split(i)) continue;
      for (int l : sp.leaves(i)) {
        if (!sp.name(l).empty()) continue;
        for (const char* c : pool)
          if (taken.insert(c).second) {
            sp.set_name(l, c);
            break;
          }
      }
    }
  }

  // The (row, col) indices a result over (p, q) is read back with: p and q, or for a
  // vector whose index p is split, the parts (fast, slow) of the matrix it is the vec of
  // (vec set). Nested splits have no such reading: -2.
  std::pair<int, int> matrix_indices(int p, int q, bool& vec) const {
    const IndexSpace& sp = r_.space;
    vec = false;
    if (!sp.is_split(p) && !sp.is_split(q)) return {p, q};
    if (q >= 0 || sp.leaves(p).size() != 2) return {-2, -2};
    vec = true;
    return {sp.parts(p).second, sp.parts(p).first};
  }

  Expr read_matrix(const IndexSum& s, int p, int q) {
    bool vec = false;
    auto [r, c] = matrix_indices(p, q, vec);
    if (r == -2) return nullptr;
    Expr m = index_to_matrix(b_, r_.space, s, r, c);
    return m && vec ? b_.vec(m) : m;
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
      g = required(read_matrix(ds, a_, b_idx_), ds);
    } else if (x->shape.scalar()) {
      m.kind = "derivative";
      form = Form::Derivative;
      g = required(read_matrix(ds, i_, j_), ds);
    } else {
      m.kind = "jacobian";
      form = Form::Jacobian;
      // A vector over a split index is the vec of the matrix over its parts (fast, slow):
      // the Jacobian by vec of that matrix is the one by the vector.
      bool fv = false, xv = false;
      auto [i, j] = matrix_indices(i_, j_, fv);
      auto [a, bb] = matrix_indices(a_, b_idx_, xv);
      Shape xs = xv ? Shape{r_.space.dim(a), r_.space.dim(bb)} : x->shape;
      g = ds.terms.empty()
              ? b_.zero(Shape{ctx_.dim_product(f_->shape.rows, f_->shape.cols),
                              ctx_.dim_product(x->shape.rows, x->shape.cols)})
              : required(i == -2 || a == -2 ? nullptr
                                            : index_to_jacobian(b_, r_.space, ds, i, j, a, bb, xs),
                         ds);
    }
    std::vector<std::string> rules = {m.kind == "jacobian" ? "idx-kron" : "idx-to-matrix"};
    if (r_.space.is_split(a_) || r_.space.is_split(i_)) rules.push_back("idx-combined");
    matrix_step(rules,
                m.kind == "jacobian" ? "read the Kronecker form back" : "read the matrix form back",
                g, form);
    // A structured variable: its row's gradient map (the index rows name the symmetric and
    // diagonal ones; the others are matrix identities, named as on the default route).
    const StructureRow* row = m.kind == "gradient" ? structure_of(*x) : nullptr;
    if (row && !(row->in_space && (g->props & row->in_space))) {
      g = row->gradient(b_, b_.var(*x), g);
      matrix_step({row->index_rule ? row->index_rule : row->rule.name},
                  with_name(row->step_title, x->name), g, form);
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
    resolve_splits(b_, r_.space, bp);  // G over a split index: unvec(G)
    std::vector<int> ab = leaves_of(r_.space, {a_, b_idx_});
    std::set<int> free(ab.begin(), ab.end());
    contract_deltas(b_, r_.space, bp, free);
    collect_terms(bp, free);
    r_.backprop_index = IndexForm{bp, ab};
    index_step({"idx-backprop", "idx-delta"}, "contract with the upstream gradient " + g->name,
               wrt_, r_.backprop_index, "phi");
    Expr m = read_matrix(bp, a_, b_idx_);
    if (!m) return;
    r_.matrix.backprop = simplify(b_, m).expr;
    r_.matrix.upstream = g->name;
  }

  Context& ctx_;
  Build b_;
  IndexDerivation& r_;
  Expr f_;
  const std::string& wrt_;
  const DeriveOptions& opt_;
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
  refuse_unless_gradient(ctx, wrt, false, f->shape.scalar());
  Build b(ctx);
  f = inline_definitions(b, f, {wrt});
  IndexDerivation r;
  r.matrix.f = f;
  r.matrix.wrt = wrt;
  Route(ctx, r, f, wrt, opt).run();
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
