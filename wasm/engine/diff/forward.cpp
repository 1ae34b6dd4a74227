// d pushed inward: every d(A) whose A is not the variable itself is rewritten by
// the first matching row of the differential rule table; rule outputs are not
// revisited in the same pass, so one pass is one level of the lecture.
#include "diff/forward.h"

#include <algorithm>
#include <unordered_map>

#include "diff/rules.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"
#include "expr/rebuild.h"

namespace matcalc {

namespace {

class PushOnce {
 public:
  PushOnce(Build& b, const std::string& wrt) : b_(b), wrt_(wrt) {}

  Expr go(Expr e) {
    if (!e->has_diff) return e;
    auto it = memo_.find(e);
    if (it != memo_.end()) return it->second;
    Expr out;
    if (e->kind == Kind::Diff) {
      Expr a = e->kids[0];
      if (a->kind == Kind::Var) {
        out = e;
      } else {
        const RuleInfo* info;
        const DiffRule* rewrite = a->kind == Kind::Func ? find_diff_rule(a, wrt_) : nullptr;
        if (rewrite) {  // a row that rewrites a function first (log softmax(a))
          info = &rewrite->info;
          out = rewrite->apply(b_, a, wrt_);
        } else if (a->kind == Kind::Func) {  // a function of the registry: its row's rule
          const FunctionRow& row = function_row(a->fn());
          info = &row.rule;
          out = function_differential(row, a);
          if (*row.steps_note && a->kids[0]->symmetric()) notes_.insert(row.steps_note);
        } else {
          const DiffRule* r = find_diff_rule(a, wrt_);
          if (!r)
            throw UserError("unsupported",
                            std::string("no differential rule for ") + kind_name(a->kind));
          info = &r->info;
          out = r->apply(b_, a, wrt_);
        }
        used_.insert(info->name);
        if (*info->note) notes_.insert(info->note);
      }
    } else {
      std::vector<Expr> kids;
      for (Expr k : e->kids) kids.push_back(go(k));
      out = rebuild(b_, e, kids);
    }
    memo_[e] = out;
    return out;
  }

  // d f(A) by the row; a row of two arguments is linear in the last, d f(A, E) = f(A, dE),
  // where A does not depend on the variable (its second derivative is not a row).
  Expr function_differential(const FunctionRow& row, Expr a) {
    if (row.refusal) throw UserError("unsupported", row.refusal);
    if (row.arity == 1) return row.differential(b_, a, differential_of(b_, a->kids[0], wrt_));
    for (std::size_t i = 0; i + 1 < a->kids.size(); ++i)
      if (depends_on(a->kids[i], wrt_))
        throw UserError("unsupported",
                        std::string("the derivative of ") + row.name +
                            "(A, E) in A (a second Fréchet derivative) is not supported: "
                            "Hessians through matrix functions are not available yet");
    return row.differential(b_, a, differential_of(b_, a->kids.back(), wrt_));
  }

  std::vector<std::string> rules() const {
    std::vector<std::string> out;
    for (const RuleInfo* r : differential_rule_infos())
      if (used_.count(r->name) && std::find(out.begin(), out.end(), r->name) == out.end())
        out.push_back(r->name);
    return out;
  }
  std::vector<std::string> notes() const { return {notes_.begin(), notes_.end()}; }

 private:
  Build& b_;
  const std::string& wrt_;
  std::unordered_map<Expr, Expr> memo_;
  std::set<std::string> used_;
  std::set<std::string> notes_;
};

bool done(Expr e) {
  if (e->kind == Kind::Diff) return e->kids[0]->kind == Kind::Var;
  return std::all_of(e->kids.begin(), e->kids.end(), done);
}

}  // namespace

std::vector<Pass> differential_passes(Build& b, Expr f, const std::string& wrt) {
  std::vector<Pass> passes;
  Expr e = differential_of(b, f, wrt);
  for (int guard = 0; !done(e); ++guard) {
    if (guard > 200) throw InternalError("differential passes do not terminate");
    PushOnce push(b, wrt);
    e = push.go(e);
    passes.push_back({e, push.rules(), push.notes()});
  }
  return passes;
}

}  // namespace matcalc
