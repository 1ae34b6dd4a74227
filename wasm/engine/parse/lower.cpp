// Pass 2 of the front end: with every dimension inferred, build the canonical IR
// through the factories. Also fills the Context's variables in order of appearance.
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "expr/build.h"
#include "expr/error.h"
#include "expr/functions.h"
#include "expr/order.h"
#include "parse/decls.h"
#include "parse/frontend.h"
#include "parse/parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

// The names of a question's variables, which its sizes keep apart from.
std::set<std::string> variable_names(const Typer& typer) {
  std::set<std::string> out;
  for (const VarDraft& v : typer.vars()) out.insert(v.name);
  return out;
}

class Lowerer {
 public:
  Lowerer(Context& ctx, Typer& typer) : ctx_(ctx), b_(ctx), typer_(typer) {}

  Shape shape(const Ast& a) {
    Type t = typer_.type_of(a);
    return Shape{typer_.dims().to_dim(ctx_, t.rows), typer_.dims().to_dim(ctx_, t.cols)};
  }

  void declare(const VarDraft& v, Expr definition = nullptr) {
    if (ctx_.var(v.name)) return;
    VarInfo info;
    info.definition = definition;
    info.name = v.name;
    info.shape =
        Shape{typer_.dims().to_dim(ctx_, v.type.rows), typer_.dims().to_dim(ctx_, v.type.cols)};
    info.props = definition ? (definition->props & (kSymmetric | kPosDef)) : v.props;
    info.kind = v.kind;
    info.declared = v.declared;
    ctx_.add_var(info);
  }

  // While set, lower() records the shape of every node it lowers (every expression
  // node: the size arguments of eye, ones, commutation and unvec are not lowered).
  void record_shapes(std::unordered_map<const Ast*, Shape>* shapes) { shapes_ = shapes; }

  Expr lower(const Ast& a) {
    if (shapes_) (*shapes_)[&a] = shape(a);
    switch (a.kind) {
      case AstKind::Num:
        return b_.num(a.number);
      case AstKind::Ident: {
        if (const VarDraft* v = typer_.var_of(a)) {
          declare(*v);
          return b_.var(*ctx_.var(v->name));
        }
        Shape s = shape(a);
        return a.name == "ones" ? b_.ones(s) : b_.identity(s.rows);
      }
      case AstKind::Call:
        return call(a);
      case AstKind::Neg:
        return b_.neg(lower(*a.kids[0]));
      case AstKind::Transpose:
        return b_.transpose(lower(*a.kids[0]));
      case AstKind::Sum: {
        std::vector<Expr> terms;
        for (std::size_t i = 0; i < a.kids.size(); ++i) {
          Expr t = lower(*a.kids[i]);
          terms.push_back(a.ops[i] == "-" ? b_.neg(t) : t);
        }
        return b_.add(terms);
      }
      case AstKind::Product: {
        Expr acc = lower(*a.kids[0]);
        for (std::size_t i = 1; i < a.kids.size(); ++i) {
          Expr r = lower(*a.kids[i]);
          const std::string& op = a.ops[i];
          acc = op == "*"    ? b_.mul(acc, r)
                : op == "/"  ? b_.div(acc, r)
                : op == ".*" ? b_.hadamard(acc, r)
                             : b_.hdiv(acc, r);
        }
        return acc;
      }
      case AstKind::Power: {
        Expr base = lower(*a.kids[0]);
        Expr exponent = lower(*a.kids[1]);
        if (a.ops[0] == ".^" || base->shape.scalar()) return b_.pow(base, exponent);
        double p = exponent->value;
        if (p == std::floor(p)) return b_.matpow(base, static_cast<int>(std::lround(p)));
        return principal_power(a, base, p);
      }
    }
    throw InternalError("unknown ast kind");
  }

 private:
  Expr call(const Ast& a) {
    const std::string& f = a.name;
    if (f == "eye") return b_.identity(shape(a).rows);
    if (f == "ones") return b_.ones(shape(a));
    if (f == "commutation") return b_.commutation(dim_of(*a.kids[0]), dim_of(*a.kids[1]));
    if (f == "unvec") return b_.unvec(lower(*a.kids[0]), shape(a));
    if (f == "d") return b_.diff(lower(*a.kids[0]));  // (only where the typer allowed it)
    std::vector<Expr> args;
    for (const auto& k : a.kids) args.push_back(lower(*k));
    Expr x = args[0];
    if (f == "tr" || f == "trace") return b_.trace(x);
    if (f == "det") return b_.det(x);
    if (f == "logdet") return b_.logdet(x);
    if (f == "inv") return b_.inverse(x);
    if (f == "sum") return b_.sum(x);
    if (f == "norm1") return b_.norm1(x);
    if (f == "norm2") return b_.norm2(x);
    if (f == "diag") return x->shape.cols == kDimOne ? b_.diag_mat(x) : b_.diag_vec(x);
    if (f == "vec") return b_.vec(x);
    if (f == "kron") return b_.kron(x, args[1]);
    Fn fn;
    if (fn_from_name(f.c_str(), &fn)) {
      const FunctionRow& row = function_row(fn);
      if (row.needs_symmetric && !b_.symmetric(x))
        typer_.fail("shape",
                    f + " needs a symmetric matrix, and " + typer_.quote(*a.kids[0]) +
                        " is not symmetric by its declaration or its form (declare it "
                        "symmetric or spd, or write the symmetric part, (A + A')/2)",
                    a.kids[0]->span);
      return b_.func(fn, args);
    }
    throw InternalError("function without a lowering: " + f);
  }

  // S^p for a constant non-integer p (SPEC 12): the principal power of an spd S, as
  // sqrtm where p is a half-integer (S^0.5, S^-0.5, S^1.5) and expm(p*logm(S)) otherwise.
  // A half-integer power of any square matrix is its principal square root's (A^{1/2}
  // is how the LaTeX printer writes sqrtm(A)).
  Expr principal_power(const Ast& a, Expr base, double p) {
    bool half = 2 * p == std::floor(2 * p);
    if (!half && !(base->props & kPosDef))
      typer_.fail("shape",
                  "a non-integer power S^p is the principal power of a symmetric positive "
                  "definite S, and " +
                      typer_.quote(*a.kids[0]) +
                      " is not spd by its declaration or its form (declare it spd(n))",
                  a.kids[0]->span);
    if (p < 0) return b_.inverse(principal_power(a, base, -p));
    if (half) {
      int k = static_cast<int>(std::floor(p));  // p = k + 1/2
      return b_.mul(b_.matpow(base, k), b_.func(Fn::Sqrtm, base));
    }
    return b_.func(Fn::Expm, b_.mul(b_.num(p), b_.func(Fn::Logm, base)));
  }

  // A size argument (eye(n), commutation(m,n)): a name or a positive integer.
  Dim dim_of(const Ast& a) { return typer_.dims().to_dim(ctx_, typer_.dim_arg(a)); }

  Context& ctx_;
  Build b_;
  Typer& typer_;
  std::unordered_map<const Ast*, Shape>* shapes_ = nullptr;
};

}  // namespace

namespace {

// The solver id of a context dimension: its symbols by name (rigid), times its coefficient.
DimSolver::Id solver_dim(const Context& ctx, DimSolver& d, Dim dim) {
  const Monomial& m = ctx.monomial(dim);
  DimSolver::Id id = d.constant(m.coef);
  for (int s : m.syms) id = d.product(id, d.named(ctx.symbol_name(s)));
  return id;
}

// Whether the tree names `name` anywhere.
bool mentions(const Ast& a, const std::string& name) {
  if (a.kind == AstKind::Ident && a.name == name) return true;
  return std::any_of(a.kids.begin(), a.kids.end(),
                     [&](const AstPtr& k) { return mentions(*k, name); });
}

}  // namespace

Expr build_expression(Context& ctx, const std::string& src, const std::string& decls_src,
                      const Shape* expected, bool differentials) {
  std::vector<Decl> decls = parse_declarations(decls_src);
  AstPtr ast = parse_expression(src, names_of(decls));
  TypedSource typed(src);
  Typer typer(typed, decls);
  if (differentials) typer.allow_differentials();
  Type t = typer.infer(*ast);
  if (expected) {
    // Best effort: an answer of another shape is reported as such by the caller.
    DimSolver& d = typer.dims();
    if (d.unify(t.rows, solver_dim(ctx, d, expected->rows)))
      d.unify(t.cols, solver_dim(ctx, d, expected->cols));
  }
  typer.dims().finish(ctx, variable_names(typer));
  Lowerer lowerer(ctx, typer);
  Expr e = lowerer.lower(*ast);
  for (const VarDraft& v : typer.vars()) lowerer.declare(v);  // declared but unused
  return e;
}

std::set<std::string> used_definitions(const Program& p) {
  std::set<std::string> used;
  for (auto it = p.definitions.rbegin(); it != p.definitions.rend(); ++it)
    if (depends_on(p.objective, it->name) ||
        std::any_of(p.definitions.begin(), p.definitions.end(), [&](const Definition& d) {
          return used.count(d.name) && depends_on(d.expr, it->name);
        }))
      used.insert(it->name);
  return used;
}

Program build_program(Context& ctx, const std::string& src, const std::string& decls_src) {
  std::vector<Decl> decls = parse_declarations(decls_src);
  return build_program(ctx, parse_program(src, names_of(decls), scalar_names(decls)),
                       TypedSource(src), decls_src);
}

Program build_program(Context& ctx, std::vector<Statement> stmts, const TypedSource& src,
                      const std::string& decls_src, const Shape* expected) {
  std::vector<Decl> decls = parse_declarations(decls_src);
  // `D = W*X` then `D`: the question is D itself, named as the user named it.
  if (stmts.size() > 1 && stmts.back().name.empty() && stmts.back().expr->kind == AstKind::Ident) {
    const std::string& last = stmts.back().expr->name;
    auto def = std::find_if(stmts.begin(), stmts.end() - 1,
                            [&](const Statement& s) { return s.name == last; });
    bool used_later = std::any_of(def + 1, stmts.end() - 1,
                                  [&](const Statement& s) { return mentions(*s.expr, last); });
    if (def != stmts.end() - 1 && !used_later) {
      stmts.pop_back();
      std::rotate(def, def + 1, stmts.end());
    }
  }
  Typer typer(src, decls);
  // Names defined twice, defined and declared, or spelled like a builtin: errors at the
  // definition, before anything is typed.
  std::map<std::string, Span> defined;
  for (std::size_t i = 0; i + 1 < stmts.size(); ++i)
    if (stmts[i].name.empty())
      throw UserError("parse",
                      "only the last statement is differentiated: the ones before it must be "
                      "definitions (NAME = EXPR)",
                      Source::Expression, stmts[i].span.begin, stmts[i].span.end);
  for (const Statement& s : stmts) {
    if (s.name.empty()) continue;
    auto fail = [&](const std::string& msg) {
      throw UserError("parse", msg, Source::Expression, s.name_span.begin, s.name_span.end);
    };
    if (auto it = defined.find(s.name); it != defined.end())
      fail("'" + s.name + "' is defined twice (first at " + src.position(it->second.begin) +
           "): give the second another name");
    for (const Decl& d : decls)
      if (d.name == s.name)
        fail("'" + s.name +
             "' is both declared and defined: drop the declaration (a defined "
             "name takes its shape from its definition) or rename one");
    if (is_builtin_name(s.name) || s.name == "ones" || s.name == "eye")
      fail("'" + s.name + "' is a built-in name and cannot be defined");
    defined[s.name] = s.name_span;
    typer.will_define(s.name, s.name_span);
  }
  std::vector<Type> types;
  for (const Statement& s : stmts) {
    types.push_back(typer.infer(*s.expr));
    if (!s.name.empty()) typer.define(s.name, types.back());
  }
  if (expected) {  // an answer to check: dimensions it leaves free take the question's
    DimSolver& d = typer.dims();
    if (d.unify(types.back().rows, solver_dim(ctx, d, expected->rows)))
      d.unify(types.back().cols, solver_dim(ctx, d, expected->cols));
  }
  typer.dims().finish(ctx, variable_names(typer));
  Lowerer lowerer(ctx, typer);
  Program p;
  for (std::size_t i = 0; i < stmts.size(); ++i) {
    Statement& s = stmts[i];
    AsTyped typed;
    typed.text = s.text;
    lowerer.record_shapes(&typed.shapes);
    Expr e = lowerer.lower(*s.expr);
    lowerer.record_shapes(nullptr);
    typed.ast = s.expr;  // (the nodes stay where they are: the shapes' keys)
    bool last = i + 1 == stmts.size();
    if (!s.name.empty() && !last) {  // (the last statement's name is the function's)
      for (const VarDraft& v : typer.vars())
        if (v.defined && v.name == s.name) lowerer.declare(v, e);
      p.definitions.push_back(
          {s.name, s.name_span, Build(ctx).var(*ctx.var(s.name)), e, std::move(typed)});
    }
    if (last) {
      p.objective = e;
      p.objective_name = s.name;
      p.typed = std::move(typed);
    }
  }
  for (const VarDraft& v : typer.vars())
    if (!v.defined) lowerer.declare(v);  // declared but unused
  p.notes = typer.notes();
  return p;
}

}  // namespace matcalc
