// Backpropagation through a program's definitions, as steps. For the variable (or
// defined name) X, the defined names that depend on X are visited from the last to the
// first; each one's gradient G = ∂f/∂P is complete when its turn comes (everything that
// uses P comes after P), and its definition P = e(...) sends G back to the names e uses:
//   <G, dP> = <G, de> = sum_i <G_i, dU_i>  (the differential of e, then the adjoint rules)
// The objective itself starts it, with the ordinary gradient steps. Each step says which
// name it is about, and is checked against f with the later definitions written out.
#include "derive/program.h"

#include <algorithm>
#include <map>
#include <set>

#include "derive/finish.h"
#include "derive/steps.h"
#include "diff/pair_passes.h"
#include "expr/build.h"
#include "expr/error.h"
#include "expr/order.h"
#include "expr/rebuild.h"
#include "numeric/check.h"
#include "numeric/step_check.h"
#include "print/text.h"
#include "print/typed_latex.h"
#include "simplify/simplify.h"

namespace matcalc {

namespace {

class Backprop {
 public:
  Backprop(Context& ctx, const Program& p, const std::string& wrt, Derivation& d)
      : ctx_(ctx), b_(ctx), p_(p), wrt_(wrt), d_(d) {
    fname_ = p.objective_name.empty() ? "f" : p.objective_name;
    // The defined names that depend on wrt, in order (all later than wrt).
    std::set<std::string> depends{wrt};
    bool after = ctx.var(wrt)->definition == nullptr;
    for (const Definition& def : p.definitions) {
      if (def.name == wrt) {
        after = true;
        continue;
      }
      if (!after) continue;
      bool uses = std::any_of(depends.begin(), depends.end(),
                              [&](const std::string& n) { return depends_on(def.expr, n); });
      if (uses) {
        relevant_.push_back(&def);
        depends.insert(def.name);
      }
    }
    // ... and that the objective uses, itself or through a later one: a definition nothing
    // uses (u = sqrt(d)*x beside f = x'*x) has no part in the answer, and its steps (checked
    // at values outside its domain) none in the derivation.
    std::set<std::string> used = used_definitions(p);
    relevant_.erase(std::remove_if(relevant_.begin(), relevant_.end(),
                                   [&](const Definition* d) { return !used.count(d->name); }),
                    relevant_.end());
  }

  Expr run() {
    consume(p_.objective, nullptr, "", typed_differential(p_.typed));
    for (auto it = relevant_.rbegin(); it != relevant_.rend(); ++it) {
      Expr g = total((*it)->name);
      consume((*it)->expr, g, (*it)->name, typed_differential((*it)->typed));
    }
    return written_out(structured(total(wrt_)));
  }

  Expr raw() const { return raw_; }

 private:
  // The names an expression uses directly, latest definition first, wrt last.
  std::vector<std::string> used_by(Expr e, const std::string& consumer) {
    std::vector<std::string> out;
    bool before = consumer.empty();
    for (auto it = relevant_.rbegin(); it != relevant_.rend(); ++it) {
      if ((*it)->name == consumer) {
        before = true;
        continue;
      }
      if (before && depends_on(e, (*it)->name)) out.push_back((*it)->name);
    }
    if (depends_on(e, wrt_)) out.push_back(wrt_);
    return out;
  }

  int consumers_of(const std::string& v) {
    int n = depends_on(p_.objective, v) ? 1 : 0;
    for (const Definition* r : relevant_)
      if (r->name != v && depends_on(r->expr, v)) ++n;
    return n;
  }

  // The objective as a function of v: the relevant definitions after v written out.
  Expr objective_of(const std::string& v) {
    std::set<std::string> keep;
    bool after = v == wrt_ && !ctx_.var(v)->definition;
    for (const Definition& def : p_.definitions) {
      bool later_relevant =
          after && std::find(relevant_.begin(), relevant_.end(), &def) != relevant_.end();
      if (!later_relevant) keep.insert(def.name);
      if (def.name == v) after = true;
    }
    return inline_definitions(b_, p_.objective, keep);
  }

  // The consumer e (the objective when `name` is "", else the definition of `name`,
  // whose gradient is g) sends its gradient back to each name it uses; the steps show
  // its differential as typed (`typed`).
  void consume(Expr e, Expr g, const std::string& name, const AsWritten& typed) {
    for (const std::string& v : used_by(e, name)) {
      bool single = consumers_of(v) == 1;
      Expr part = name.empty() ? from_objective(e, v, single, typed)
                               : through(e, g, name, v, single, typed);
      parts_[v].push_back(part);
    }
  }

  // A defined name that is symmetric by its definition (Q = M*M' - I) has Q' = Q: the
  // steps use it silently, so the first step says so.
  std::vector<std::string> symmetry_notes() {
    std::vector<std::string> out;
    for (const Definition& def : p_.definitions)
      if ((def.var->props & kSymmetric) && def.name != wrt_ &&
          (depends_on(p_.objective, def.name) ||
           std::any_of(relevant_.begin(), relevant_.end(),
                       [&](const Definition* r) { return depends_on(r->expr, def.name); })))
        out.push_back(def.name + " = " + to_text(ctx_, def.expr) + " is symmetric, so " + def.name +
                      "' = " + def.name + " where the steps transpose it.");
    return out;
  }

  Expr from_objective(Expr f, const std::string& v, bool single, const AsWritten& typed) {
    Expr of = single ? objective_of(v) : f;
    StepList steps(d_.steps, of, fname_, v);
    Expr df = steps.add_differential(
        b_, f, v, d_.notes, "differential", "take the differential",
        d_.steps.empty() ? symmetry_notes() : std::vector<std::string>{}, typed);
    std::vector<PairPass> adj = adjoint_passes(b_, b_.num(1), df);
    steps.add_pairs(b_, adj, "move d" + v + " out of each term", false);
    return read_off(steps, adj, v);
  }

  // Through the definition name = e: its differential in dv, then <g, d name> moved onto dv.
  Expr through(Expr e, Expr g, const std::string& name, const std::string& v, bool single,
               const AsWritten& typed) {
    StepList def_steps(d_.steps, e, name, v);
    std::size_t first = d_.steps.size();
    Expr de = def_steps.add_differential(
        b_, e, v, d_.notes, "chain-rule",
        "through " + name + ": take the differential of its definition", {}, typed);
    if (e->shape.square() && !e->shape.scalar()) {
      // What "∂P/∂M = 2M" abbreviates: the map dM -> dP, applied backwards to G = I.
      Pairs at_identity = adjoint_passes(b_, b_.identity(e->shape.rows), de).back().pairs;
      Expr shorthand = b_.zero(ctx_.var(v)->shape);
      for (const auto& [gi, li] : at_identity) shorthand = b_.add(shorthand, gi);
      d_.steps[first].notes.push_back(
          "∂" + name + "/∂" + v + " is the linear map d" + v + " ↦ d" + name +
          " above, not a matrix; written as a matrix, as in \"∂" + name + "/∂" + v + " = " +
          to_text(ctx_, simplify(b_, shorthand).expr) +
          "\", it is this map applied backwards to G = I. The chain rule applies it "
          "to G = ∂" +
          fname_ + "/∂" + name + ".");
    }
    Expr of = single ? objective_of(v) : b_.pairing(g, e);
    StepList steps(d_.steps, of, fname_, v);
    if (!single) steps.hold(g);  // <g, e> with g fixed: g may depend on v itself (W*(W*x))
    std::vector<PairPass> adj = adjoint_passes(b_, g, de);
    steps.add_pairs(b_, adj,
                    "move d" + v + " out of ⟨∂" + fname_ + "/∂" + name + ", d" + name + "⟩", false);
    return read_off(steps, adj, v);
  }

  Expr read_off(StepList& steps, const std::vector<PairPass>& adj, const std::string& v) {
    Expr g = b_.zero(ctx_.var(v)->shape);
    for (const auto& [gi, li] : adj.back().pairs) g = b_.add(g, gi);
    steps.add({"read-off"}, "read off the gradient with respect to " + v, Form::Gradient, g);
    if (v == wrt_) raw_ = raw_ ? b_.add(raw_, g) : g;
    SimplifyResult simp = simplify(b_, g);
    if (simp.stopped == "budget") d_.simplify_stopped = simp.stopped;
    d_.simplify_passes = std::max(d_.simplify_passes, simp.passes);
    if (simp.expr != g) steps.add(simp.rules, "simplify", Form::Gradient, simp.expr);
    return simp.expr;
  }

  // A diagonal or symmetric variable's gradient kept in its space (as without
  // definitions), then simplified.
  Expr structured(Expr g) {
    StepList steps(d_.steps, objective_of(wrt_), fname_, wrt_);
    Expr kept = steps.add_structured(b_, *ctx_.var(wrt_), g);
    if (kept == g) return g;
    SimplifyResult simp = simplify(b_, kept);
    if (simp.expr != kept) steps.add(simp.rules, "simplify", Form::Gradient, simp.expr);
    return simp.expr;
  }

  // The result simplified with the definitions written out, as the same question asked
  // in one expression is: identities that see through a name (1 - p = sigmoid(-z) for
  // p = sigmoid(z)) then apply. Shown as a last step when it changes the result.
  Expr written_out(Expr g) {
    std::set<std::string> keep;
    if (ctx_.var(wrt_)->definition) keep.insert(wrt_);
    Expr plain = inline_definitions(b_, g, keep);
    if (plain == g) return g;
    SimplifyResult simp = simplify(b_, plain);
    if (!prints_shorter(ctx_, simp.expr, plain)) return g;
    StepList steps(d_.steps, objective_of(wrt_), fname_, wrt_);
    steps.add(simp.rules, "simplify with the definitions written out", Form::Gradient, simp.expr);
    return simp.expr;
  }

  // ∂f/∂v: the parts every use of v sent back, added.
  Expr total(const std::string& v) {
    const std::vector<Expr>& parts = parts_[v];
    if (parts.size() == 1) return parts[0];
    Expr sum = b_.add(parts.empty() ? std::vector<Expr>{b_.zero(ctx_.var(v)->shape)} : parts);
    StepList steps(d_.steps, objective_of(v), fname_, v);
    steps.add({"chain-rule"}, "add what each use of " + v + " contributes", Form::Gradient, sum);
    SimplifyResult simp = simplify(b_, sum);
    if (simp.expr != sum) steps.add(simp.rules, "simplify", Form::Gradient, simp.expr);
    return simp.expr;
  }

  Context& ctx_;
  Build b_;
  const Program& p_;
  std::string wrt_;
  Derivation& d_;
  std::string fname_;
  std::vector<const Definition*> relevant_;
  std::map<std::string, std::vector<Expr>> parts_;
  Expr raw_ = nullptr;
};

// Writes a defined name where its definition appears in the result (w for sigmoid(v)
// when w = sigmoid(v)), the way the question is written; the variable itself stays.
Expr fold_names(Build& b, const Program& p, const std::string& wrt, Expr e) {
  Expr folded = map_bottom_up(b, e, [&](Expr x) {
    for (const Definition& def : p.definitions) {
      if (def.name == wrt) continue;
      if (x == def.expr) return def.var;
      if (!x->shape.scalar() && b.transpose(def.expr) == x) return b.transpose(def.var);
    }
    return x;
  });
  return folded == e ? e : simplify(b, folded).expr;
}

}  // namespace

Derivation derive_program(Context& ctx, const Program& program, const std::string& wrt,
                          const DeriveOptions& opt) {
  // The first step shows f as typed (the objective's right-hand side, names and all).
  DeriveOptions typed_opt = opt;
  if (typed_opt.typed.empty()) typed_opt.typed = typed_differential(program.typed);
  if (program.definitions.empty()) {
    Derivation d = derive_any(ctx, program.objective, wrt, typed_opt);
    if (!program.objective_name.empty()) d.function_name = program.objective_name;
    return d;
  }
  Build b(ctx);
  const VarInfo* target = wrt.empty() ? nullptr : ctx.var(wrt);
  std::set<std::string> keep;
  if (target && target->definition) keep.insert(wrt);
  Expr plain = inline_definitions(b, program.objective, keep);
  Derivation d;
  if (!target || !plain->shape.scalar() || opt.hessian) {
    // Jacobians and Hessians (and the errors of a bad --wrt) with the definitions
    // written out: the first step shows f as typed only when it uses none of them (the
    // steps after it do not go through the names).
    d = derive_any(ctx, plain, wrt, plain == program.objective ? typed_opt : opt);
    d.notes.push_back("derived with the definitions written out");
  } else {
    d.kind = "gradient";
    d.f = program.objective;
    d.wrt = wrt;
    Backprop bp(ctx, program, wrt, d);
    d.result = fold_names(b, program, wrt, bp.run());
    d.raw_result = bp.raw() ? bp.raw() : d.result;
    name_result_parts(ctx, d);
    Instance in;
    d.check = check_gradient(ctx, plain, wrt, inline_definitions(b, d.result, keep), opt.seed, &in);
    for (const Definition& def : program.definitions) d.definitions.push_back({def.var, def.expr});
    if (opt.check_steps && !d.check.inconclusive) d.step_check = check_steps(ctx, d, in, opt.seed);
    if (!program.objective_name.empty()) d.function_name = program.objective_name;
    return d;
  }
  for (const Definition& def : program.definitions) d.definitions.push_back({def.var, def.expr});
  if (!program.objective_name.empty()) d.function_name = program.objective_name;
  return d;
}

}  // namespace matcalc
