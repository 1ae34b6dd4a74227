// The shared test helpers of support.h: the independent finite-difference check and the
// random expression generator with its table of constructs.
#include "support.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "expr/error.h"
#include "expr/kind.h"
#include "parse/frontend.h"
#include "print/text.h"

namespace matcalc_test {

using matcalc::Fn;
using matcalc::kDimOne;

Matrix rows(std::initializer_list<std::initializer_list<double>> r) {
  Matrix m(static_cast<int>(r.size()), static_cast<int>(r.begin()->size()));
  int i = 0;
  for (const auto& row : r) {
    int j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}

matcalc::DeriveRequest derive_request(const std::string& expr, const std::string& wrt,
                                      const std::string& decls, std::uint32_t seed) {
  matcalc::DeriveRequest req;
  req.expr = expr;
  req.wrt = wrt;
  req.decls = decls;
  req.seed = seed;
  return req;
}

bool contains(Expr e, Kind k) {
  if (e->kind == k) return true;
  return std::any_of(e->kids.begin(), e->kids.end(), [&](Expr c) { return contains(c, k); });
}

bool contains_fn(Expr e, Fn fn) {
  if (e->kind == Kind::Func && e->fn() == fn) return true;
  return std::any_of(e->kids.begin(), e->kids.end(), [&](Expr c) { return contains_fn(c, fn); });
}

std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  return text.substr(0, limit) + "... (" + std::to_string(text.size()) + " characters)";
}

namespace {

void collect_variables(Expr e, std::set<std::string>& out) {
  if (e->kind == Kind::Var) out.insert(e->name);
  for (Expr k : e->kids) collect_variables(k, out);
}

}  // namespace

std::vector<std::string> variables_of(Expr e) {
  std::set<std::string> names;
  collect_variables(e, names);
  return {names.begin(), names.end()};
}

// ---- the independent finite-difference check ---------------------------------------------

namespace {

constexpr int kFdSizes[] = {3, 5, 4, 2, 6, 7, 8, 9};

Matrix random_matrix(int r, int c, std::mt19937& rng, bool positive) {
  std::uniform_real_distribution<double> u(positive ? 0.5 : -1.0, positive ? 1.5 : 1.0);
  Matrix m(r, c);
  for (int j = 0; j < c; ++j)
    for (int i = 0; i < r; ++i) m(i, j) = u(rng);
  return m;
}

}  // namespace

Matrix value_for(const matcalc::VarInfo& v, int r, int c, std::mt19937& rng, bool positive) {
  Matrix m = random_matrix(r, c, rng, positive);
  if (v.props & matcalc::kDiagonal)
    return Matrix((m.diagonal().cwiseAbs().array() + 0.5).matrix().asDiagonal());
  if (v.props & matcalc::kPosDef) return m * m.transpose() / r + Matrix::Identity(r, r);
  if (v.props & matcalc::kSymmetric) return (m + m.transpose()) / 2 + Matrix::Identity(r, r) * r;
  if (r == c && r > 1) m += Matrix::Identity(r, r) * r;
  return m;
}

namespace {

// Sizes for the symbols of `ctx` read off the values its variables are given; a bare I
// or ones takes its size from context, which for a gradient is the variable's shape.
bool sizes_from_values(const Context& ctx, const Instance& values, Shape root,
                       const Matrix& variable, std::vector<int>* sizes, std::string* problem) {
  sizes->assign(ctx.num_symbols(), 0);
  auto bind = [&](Dim d, int size) {
    const matcalc::Monomial& mono = ctx.monomial(d);
    if (mono.syms.size() == 1 && mono.coef == 1) (*sizes)[mono.syms[0]] = size;
  };
  for (const matcalc::VarInfo& v : ctx.vars()) {
    auto it = values.values.find(v.name);
    if (it == values.values.end()) {
      *problem = "the gradient uses '" + v.name + "', which f does not";
      return false;
    }
    bind(v.shape.rows, static_cast<int>(it->second.rows()));
    bind(v.shape.cols, static_cast<int>(it->second.cols()));
  }
  auto bind_root = [&](Dim d, int size) {
    const matcalc::Monomial& mono = ctx.monomial(d);
    if (mono.syms.size() == 1 && mono.coef == 1 && (*sizes)[mono.syms[0]] == 0)
      (*sizes)[mono.syms[0]] = size;
  };
  bind_root(root.rows, static_cast<int>(variable.rows()));
  bind_root(root.cols, static_cast<int>(variable.cols()));
  for (int s = 0; s < ctx.num_symbols(); ++s)
    if ((*sizes)[s] == 0) {
      *problem = "the gradient's text leaves the dimension '" + ctx.symbol_name(s) +
                 "' undetermined: its value depends on a size the text does not give";
      return false;
    }
  return true;
}

double eval_scalar(const Context& ctx, const Instance& in, Expr f) {
  return matcalc::Evaluator(ctx, in).eval(f)(0, 0);
}

}  // namespace

double fd_relative_error(const Context& ctx, Expr f, const Instance& in, const std::string& wrt,
                         const Matrix& gradient, std::uint32_t seed) {
  const matcalc::VarInfo* x = ctx.var(wrt);
  const Matrix& x0 = in.values.at(wrt);
  std::mt19937 rng(seed);
  std::vector<Matrix> directions;
  for (int i = 0; i < 6; ++i) {
    Matrix h = random_matrix(static_cast<int>(x0.rows()), static_cast<int>(x0.cols()), rng, false);
    if (x->props & matcalc::kDiagonal)
      h = Matrix(h.diagonal().asDiagonal());
    else if (x->props & matcalc::kSymmetric)
      h = (h + h.transpose().eval()) / 2;  // eval: aliasing
    directions.push_back(h);
  }
  auto derivative = [&](const Matrix& h, double t) {
    Instance at = in;
    at.values[wrt] = x0 + t * h;
    double plus = eval_scalar(ctx, at, f);
    at.values[wrt] = x0 - t * h;
    return (plus - eval_scalar(ctx, at, f)) / (2 * t);
  };
  const double magnitude = std::max(1.0, std::fabs(eval_scalar(ctx, in, f)));
  double best = INFINITY;
  for (double t : {1e-2, 1e-3, 1e-4, 1e-5}) {
    // Rounding in f(X +- tH) makes the difference quotient uncertain by about
    // eps |f| / t; that much disagreement says nothing about the gradient.
    const double noise = 1e-13 * magnitude / t;
    std::vector<double> exact, numeric;
    for (const Matrix& h : directions) {
      numeric.push_back((4 * derivative(h, t / 2) - derivative(h, t)) / 3);  // O(t^4)
      exact.push_back((gradient.array() * h.array()).sum());
    }
    double scale = noise, worst = 0;
    for (std::size_t i = 0; i < exact.size(); ++i)
      scale = std::max({scale, std::fabs(exact[i]), std::fabs(numeric[i])});
    for (std::size_t i = 0; i < exact.size(); ++i)
      worst = std::max(worst, std::max(0.0, std::fabs(exact[i] - numeric[i]) - noise) / scale);
    if (std::isfinite(worst)) best = std::min(best, worst);
  }
  return best;
}

FdCheck fd_check_gradient(const std::string& f, const std::string& wrt, const std::string& gradient,
                          const std::string& decls, std::uint32_t seed, bool positive) {
  FdCheck out;
  Context cf, cg;
  Expr ef = matcalc::build_expression(cf, f, decls);
  Expr eg;
  try {
    eg = matcalc::build_expression(cg, gradient, decls);
  } catch (const matcalc::UserError& e) {
    return out.problem = std::string("the gradient's text does not parse back: ") + e.what(), out;
  }
  if (!ef->shape.scalar()) return out.problem = "f is not a scalar", out;
  if (!cf.var(wrt)) return out.problem = "f has no variable '" + wrt + "'", out;

  std::mt19937 rng(seed);
  Instance in;
  for (int s = 0; s < cf.num_symbols(); ++s) in.sizes.push_back(kFdSizes[s % 8] + 8 * (s / 8));
  for (const matcalc::VarInfo& v : cf.vars())
    in.values[v.name] = value_for(v, matcalc::dim_value(cf, in, v.shape.rows),
                                  matcalc::dim_value(cf, in, v.shape.cols), rng, positive);
  const Matrix& x0 = in.values.at(wrt);
  Instance ing;
  ing.values = in.values;
  if (!sizes_from_values(cg, in, eg->shape, x0, &ing.sizes, &out.problem)) return out;

  Matrix g = matcalc::Evaluator(cg, ing).eval(eg);
  if (g.size() == 1 && x0.size() > 1) g = Matrix::Constant(x0.rows(), x0.cols(), g(0, 0));
  if (g.rows() != x0.rows() || g.cols() != x0.cols())
    return out.problem = "the gradient is " + std::to_string(g.rows()) + "x" +
                         std::to_string(g.cols()) + ", the variable " + std::to_string(x0.rows()) +
                         "x" + std::to_string(x0.cols()),
           out;
  out.max_rel_error = fd_relative_error(cf, ef, in, wrt, g, seed + 1);
  out.ok = out.max_rel_error <= 1e-6;
  if (!out.ok) out.problem = "relative error " + std::to_string(out.max_rel_error);
  return out;
}

// ---- the universe of variables ---------------------------------------------------------

Universe::Universe() {
  matcalc::build_expression(ctx_, "a", kUniverseDecls);
  n_ = ctx_.var("x")->shape.rows;
  m_ = ctx_.var("z")->shape.rows;
}

Instance Universe::instance(std::uint32_t seed) const {
  Instance in;
  for (int s = 0; s < ctx_.num_symbols(); ++s) {
    const std::string& name = ctx_.symbol_name(s);
    in.sizes.push_back(name == "n" ? 3 : name == "m" ? 4 : 5 + s);
  }
  std::mt19937 rng(seed);
  for (const matcalc::VarInfo& v : ctx_.vars())
    in.values[v.name] = value_for(v, matcalc::dim_value(ctx_, in, v.shape.rows),
                                  matcalc::dim_value(ctx_, in, v.shape.cols), rng, false);
  return in;
}

// ---- the generator -----------------------------------------------------------------------

ExprGen::ExprGen(Universe& u, std::uint32_t seed) : u_(u), b_(u.ctx()), rng_(seed) {}

std::uint32_t construct_seed(const Construct& c, std::uint32_t base) {
  std::uint32_t h = 2166136261u;  // FNV-1a of the name: the same on every platform
  for (const char* p = c.name; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 16777619u;
  return base + (h % 100000u) * 1000u;
}

Shape ExprGen::shape() { return Shape{dim_or_one(), dim_or_one()}; }

Expr ExprGen::leaf(Shape s) {
  std::vector<Expr> options;
  for (const matcalc::VarInfo& v : u_.ctx().vars()) {
    if (v.shape == s) options.push_back(b_.var(v));
    if (!s.scalar() && v.shape == Shape{s.cols, s.rows}) options.push_back(b_.transpose(b_.var(v)));
  }
  if (s.scalar())
    for (double c : {2.0, 0.5, 3.0, -1.5}) options.push_back(b_.num(c));
  return options[pick(static_cast<int>(options.size()))];
}

Expr ExprGen::positive(Shape s, int depth) {
  Expr g = any(s, depth - 1);
  switch (pick(3)) {
    case 0:
      return b_.add(b_.num(2), b_.func(Fn::Cos, g));  // in [1, 3]
    case 1:
      return b_.func(Fn::Exp, b_.func(Fn::Tanh, g));  // in [1/e, e]
    default:
      return b_.add(b_.num(1), b_.pow(g, b_.num(2)));  // >= 1
  }
}

Expr ExprGen::well_conditioned(Dim k, int depth) {
  Expr m = any(Shape{k, dim_or_one()}, depth - 1);
  Expr gram = b_.mul(m, b_.transpose(m));
  switch (pick(3)) {
    case 0:
      return b_.add(gram, b_.identity(k));  // M M' + I
    case 1:
      return b_.diag_mat(positive(Shape{k, kDimOne}, depth - 1));
    default:
      return k == u_.n() ? b_.add(b_.var(*u_.ctx().var("P")), gram)
                         : b_.add(gram, b_.scale(2, b_.identity(k)));
  }
}

Expr ExprGen::to_scalar(Expr e, int depth) {
  Shape s = e->shape;
  if (s.scalar()) {
    switch (pick(3)) {
      case 0:
        return e;
      case 1:
        return b_.mul(e, any(s, depth));
      default:
        return b_.add(e, any(s, depth));
    }
  }
  switch (pick(3)) {
    case 0:
      return b_.sum(e);
    case 1:
      return b_.trace(b_.mul(any(Shape{s.cols, s.rows}, depth), e));
    default:
      return b_.sum(b_.hadamard(any(s, depth), e));
  }
}

Expr ExprGen::any(Shape s, int depth) {
  if (depth <= 0 || coin(0.2)) return leaf(s);
  const std::vector<Construct>& table = constructs();
  while (true) {
    const Construct& c = table[pick(static_cast<int>(table.size()))];
    if (c.fits(*this, s) && !excluded_.count(c.name)) return c.build(*this, s, depth);
  }
}

void ExprGen::exclude_without_jacobian() {
  for (const matcalc::FunctionRow& row : matcalc::function_rows())
    if (!row.jacobian) exclude(row.name);
}

void ExprGen::exclude_without_index_rule() {
  for (const matcalc::FunctionRow& row : matcalc::function_rows())
    if (row.index_refusal) exclude(row.name);
}

Expr ExprGen::scalar_featuring(const Construct& c, int depth) {
  for (int attempt = 0; attempt < 40; ++attempt) {
    Shape s = shape();
    if (!c.fits(*this, s)) continue;
    Expr e = to_scalar(c.build(*this, s, std::max(1, depth - 1)), depth - 1);
    bool present =
        c.kind == Kind::Func ? contains_fn(e, static_cast<Fn>(c.fn)) : contains(e, c.kind);
    if (present) return e;
  }
  return nullptr;
}

// ---- the construct table ---------------------------------------------------------------

namespace {

bool any_shape(const ExprGen&, Shape) { return true; }
bool non_scalar(const ExprGen&, Shape s) { return !s.scalar(); }
bool scalar_only(const ExprGen&, Shape s) { return s.scalar(); }
bool square_matrix(const ExprGen&, Shape s) { return s.square() && !s.scalar(); }
bool column(const ExprGen&, Shape s) { return s.col_vector(); }

// A non-scalar, non-vector shape for vec and kron arguments.
Shape matrix_shape(ExprGen& g) { return Shape{g.dim(), g.dim()}; }

// A function of the registry applied to an argument its row's domain allows.
Expr func_of(ExprGen& g, const matcalc::FunctionRow& row, Shape s, int depth) {
  Build& b = g.b();
  switch (row.shape) {
    case matcalc::FnShape::VectorToScalar:
      return b.func(row.id, g.any(Shape{g.dim(), matcalc::kDimOne}, depth - 1));
    case matcalc::FnShape::SquareToSame:
      // expm of any square matrix; the others (adj, logm, sqrtm) of a symmetric one with
      // eigenvalues >= 1, inside every domain they need.
      // (the exponential of a bounded argument: of a large one it overflows, or its
      // rounding swamps the differences)
      if (row.id == Fn::Expm)
        return b.func(row.id, b.scale(0.5, b.func(Fn::Tanh, g.any(s, depth - 1))));
      // The linear parts (tril, triu, sym, skew) of any square matrix.
      if (row.self_adjoint) return b.func(row.id, g.any(s, depth - 1));
      return b.func(row.id, g.well_conditioned(s.rows, depth - 1));
    case matcalc::FnShape::SquareToVector:
    case matcalc::FnShape::SquareToScalar: {  // eigenvalues: of a symmetric matrix
      Dim n = row.shape == matcalc::FnShape::SquareToScalar ? g.dim() : s.rows;
      Expr a = g.any(Shape{n, n}, depth - 1);
      return b.func(row.id, b.add(a, b.transpose(a)));
    }
    case matcalc::FnShape::MatrixToScalar:  // the spectral and nuclear norms of a tall matrix
      return b.func(row.id, g.any(Shape{g.u().m(), g.u().n()}, depth - 1));
    case matcalc::FnShape::Frechet:  // a direction through the variable, at a constant point
      return b.func(row.id, {g.well_conditioned(s.rows, 0), g.any(s, depth - 1)});
    case matcalc::FnShape::VectorToVector:
    case matcalc::FnShape::Elementwise:
      break;
  }
  // softmax of a bounded argument: of a huge one (exp of a cube) it is one-hot, and its
  // gradient's terms cancel to within rounding the differences cannot resolve.
  if (row.shape == matcalc::FnShape::VectorToVector)
    return b.func(row.id, b.scale(3, b.func(Fn::Tanh, g.any(s, depth - 1))));
  if (row.id == Fn::Tan)  // |sin| <= 1 < pi/2 keeps tan away from its poles
    return b.func(row.id, b.func(Fn::Sin, g.any(s, depth - 1)));
  switch (row.domain) {
    case matcalc::FnDomain::Positive:
      return b.func(row.id, g.positive(s, depth - 1));
    case matcalc::FnDomain::Unit:  // |tanh(.)/2| < 1/2, and flat where its argument is huge
      return b.func(row.id, b.scale(0.5, b.func(Fn::Tanh, g.any(s, depth - 1))));
    case matcalc::FnDomain::Any:
    case matcalc::FnDomain::Invertible:
    case matcalc::FnDomain::Principal:
      break;
  }
  return b.func(row.id, g.any(s, depth - 1));
}

// One construct per row of the function registry (sign and step, the engine's own
// derivatives of abs and relu, are not part of the language).
std::vector<Construct> function_constructs() {
  std::vector<Construct> out;
  for (const matcalc::FunctionRow& row : matcalc::function_rows()) {
    if (row.id == Fn::Sign || row.id == Fn::Step) continue;
    if (row.refusal) continue;  // eigenvectors: values only, no derivative (SPEC 12)
    // A Fréchet derivative L_f(A, E) is differentiable only in E, and a random A would
    // hold the variable: its rows are exercised by rule examples, not random draws.
    if (row.shape == matcalc::FnShape::Frechet) continue;
    const matcalc::FunctionRow* r = &row;
    std::function<bool(const ExprGen&, Shape)> fits = any_shape;
    if (row.shape == matcalc::FnShape::VectorToVector) fits = column;
    if (row.shape == matcalc::FnShape::VectorToScalar) fits = scalar_only;
    if (row.shape == matcalc::FnShape::SquareToSame || row.shape == matcalc::FnShape::Frechet)
      fits = square_matrix;
    if (row.shape == matcalc::FnShape::SquareToVector) fits = column;
    if (row.shape == matcalc::FnShape::SquareToScalar ||
        row.shape == matcalc::FnShape::MatrixToScalar)
      fits = scalar_only;
    out.push_back({row.name, Kind::Func, static_cast<int>(row.id), fits,
                   [r](ExprGen& g, Shape s, int depth) { return func_of(g, *r, s, depth); }});
  }
  return out;
}

const std::vector<Construct> kConstructs = {
    {"add", Kind::Add, -1, any_shape,
     [](ExprGen& g, Shape s, int d) {
       Expr l = g.any(s, d - 1), r = g.any(s, d - 1);
       return g.coin(0.5) ? g.b().add(l, r) : g.b().sub(l, r);
     }},
    {"negate", Kind::Mul, -1, any_shape,
     [](ExprGen& g, Shape s, int d) { return g.b().neg(g.any(s, d - 1)); }},
    {"scale", Kind::Mul, -1, non_scalar,
     [](ExprGen& g, Shape s, int d) { return g.b().mul(g.any(Shape{}, d - 1), g.any(s, d - 1)); }},
    {"divide", Kind::Pow, -1, any_shape,
     [](ExprGen& g, Shape s, int d) {
       return g.b().div(g.any(s, d - 1), g.positive(Shape{}, d - 1));
     }},
    {"matmul", Kind::Mul, -1, any_shape,
     [](ExprGen& g, Shape s, int d) {
       Dim k = s.scalar() ? g.dim() : g.dim_or_one();
       return g.b().mul(g.any(Shape{s.rows, k}, d - 1), g.any(Shape{k, s.cols}, d - 1));
     }},
    {"hadamard", Kind::Hadamard, -1, non_scalar,
     [](ExprGen& g, Shape s, int d) { return g.b().hadamard(g.any(s, d - 1), g.any(s, d - 1)); }},
    {"hadamard-divide", Kind::Hadamard, -1, non_scalar,
     [](ExprGen& g, Shape s, int d) { return g.b().hdiv(g.any(s, d - 1), g.positive(s, d - 1)); }},
    {"power", Kind::Pow, -1, any_shape,
     [](ExprGen& g, Shape s, int d) {
       if (g.coin(0.5)) return g.b().pow(g.any(s, d - 1), g.b().num(2 + g.pick(2)));
       const double p[] = {-1, 0.5, -0.5, 1.5};
       return g.b().pow(g.positive(s, d - 1), g.b().num(p[g.pick(4)]));
     }},
    {"power-variable-exponent", Kind::Pow, -1, any_shape,
     [](ExprGen& g, Shape s, int d) { return g.b().pow(g.positive(s, d - 1), g.leaf(Shape{})); }},
    {"transpose", Kind::Transpose, -1, non_scalar,
     [](ExprGen& g, Shape s, int d) {
       return g.b().transpose(g.any(Shape{s.cols, s.rows}, d - 1));
     }},
    {"trace", Kind::Trace, -1, scalar_only,
     [](ExprGen& g, Shape, int d) {
       Dim k = g.dim();
       return g.b().trace(g.any(Shape{k, k}, d - 1));
     }},
    {"det", Kind::Det, -1, scalar_only,
     [](ExprGen& g, Shape, int d) { return g.b().det(g.well_conditioned(g.dim(), d - 1)); }},
    {"logdet", Kind::LogDet, -1, scalar_only,
     [](ExprGen& g, Shape, int d) { return g.b().logdet(g.well_conditioned(g.dim(), d - 1)); }},
    {"inv", Kind::Inverse, -1, square_matrix,
     [](ExprGen& g, Shape s, int d) { return g.b().inverse(g.well_conditioned(s.rows, d - 1)); }},
    {"matrix-power", Kind::Mul, -1, square_matrix,
     [](ExprGen& g, Shape s, int d) { return g.b().matpow(g.any(s, d - 1), 2 + g.pick(2)); }},
    {"sum", Kind::Sum, -1, scalar_only,
     [](ExprGen& g, Shape, int d) {
       Shape s = g.shape();
       return g.b().sum(g.any(s.scalar() ? Shape{g.dim(), s.cols} : s, d - 1));
     }},
    {"norm1", Kind::Norm1, -1, scalar_only,
     [](ExprGen& g, Shape, int d) { return g.b().norm1(g.any(matrix_shape(g), d - 1)); }},
    {"norm2", Kind::Norm2, -1, scalar_only,
     [](ExprGen& g, Shape, int d) {
       Shape s{g.dim(), g.dim_or_one()};
       return g.b().norm2(g.any(s, d - 1));
     }},
    {"diag-matrix", Kind::DiagMat, -1, square_matrix,
     [](ExprGen& g, Shape s, int d) {
       return g.b().diag_mat(g.any(Shape{s.rows, matcalc::kDimOne}, d - 1));
     }},
    {"diag-vector", Kind::DiagVec, -1, column,
     [](ExprGen& g, Shape s, int d) {
       return g.b().diag_vec(g.any(Shape{s.rows, s.rows}, d - 1));
     }},
    {"vec", Kind::Vec, -1, scalar_only,
     [](ExprGen& g, Shape, int d) {
       Shape s = matrix_shape(g);
       Expr v = g.b().vec(g.any(s, d - 1));
       switch (g.pick(3)) {
         case 0:
           return g.b().sum(v);
         case 1:
           return g.b().norm2(v);
         default:
           return g.b().mul(g.b().transpose(g.b().vec(g.any(s, d - 1))), v);
       }
     }},
    {"kron", Kind::Kron, -1, scalar_only,
     [](ExprGen& g, Shape, int d) {
       if (g.coin(0.5)) {
         Dim k1 = g.dim(), k2 = g.dim();
         return g.b().trace(g.b().kron(g.any(Shape{k1, k1}, d - 1), g.any(Shape{k2, k2}, d - 1)));
       }
       Expr k = g.b().kron(g.any(g.shape(), d - 1), g.any(matrix_shape(g), d - 1));
       return g.coin(0.5) ? g.b().sum(k) : g.b().norm2(k);
     }},
    {"identity", Kind::Identity, -1, square_matrix,
     [](ExprGen& g, Shape s, int d) {
       Expr i = g.b().identity(s.rows);
       return g.coin(0.5) ? i : g.b().add(g.any(s, d - 1), g.b().mul(g.leaf(Shape{}), i));
     }},
    {"ones", Kind::Ones, -1, non_scalar,
     [](ExprGen& g, Shape s, int d) {
       return g.coin(0.5) ? g.b().ones(s) : g.b().add(g.any(s, d - 1), g.leaf(Shape{}));
     }},
};

std::vector<Construct> spec_constructs() {
  std::vector<Construct> out = kConstructs;
  for (Construct& c : function_constructs()) out.push_back(c);
  return out;
}

}  // namespace

const std::vector<Construct>& constructs() {
  static const std::vector<Construct> table = spec_constructs();
  return table;
}

const char* problem_text(Problem p) {
  switch (p) {
    case Problem::None:
      return "";
    case Problem::DoesNotParse:
      return "does not parse back";
    case Problem::PrintsDifferently:
      return "prints differently after parsing";
    case Problem::ChangesShape:
      return "changes shape";
    case Problem::EvaluatesDifferently:
      return "evaluates differently after parsing";
  }
  return "";
}

// Parses the text of e back into the same Context and compares. A bare I, ones or 0
// takes its size from the context it is used in; at the root that context is e's own
// shape, so dimensions the re-parse had to invent for the root shape are given e's
// sizes. Any other invented dimension keeps a size of its own, so text that loses a
// size inside the expression (sum(ones)) evaluates differently, as it should.
Problem round_trip(Universe& u, Expr e, std::uint32_t seed, std::string* detail) {
  Context& ctx = u.ctx();
  int known_symbols = ctx.num_symbols();
  std::string text = matcalc::to_text(ctx, e);
  Expr back;
  try {
    back = matcalc::build_expression(ctx, text, kUniverseDecls);
  } catch (const matcalc::UserError& err) {
    *detail = err.what();
    return Problem::DoesNotParse;
  }
  std::string again = matcalc::to_text(ctx, back);
  if (again != text) return *detail = again, Problem::PrintsDifferently;
  Instance in = u.instance(seed);
  auto bind_root = [&](Dim invented, Dim original) {
    const matcalc::Monomial& mono = ctx.monomial(invented);
    if (mono.coef == 1 && mono.syms.size() == 1 && mono.syms[0] >= known_symbols)
      in.sizes[mono.syms[0]] = matcalc::dim_value(ctx, in, original);
  };
  bind_root(back->shape.rows, e->shape.rows);
  bind_root(back->shape.cols, e->shape.cols);
  Matrix want = matcalc::Evaluator(ctx, in).eval(e);
  Matrix got = matcalc::Evaluator(ctx, in).eval(back);
  bool zero_broadcast = back->is_const(0) && e->kind == Kind::Zero;  // "0" reads as any zero
  if (!zero_broadcast && (got.rows() != want.rows() || got.cols() != want.cols()))
    return *detail = ctx.shape_text(back->shape), Problem::ChangesShape;
  if (!want.allFinite() || zero_broadcast) return Problem::None;  // counted by the caller
  double scale = std::max(1.0, want.cwiseAbs().maxCoeff());
  if (!((got - want).cwiseAbs().maxCoeff() <= 1e-9 * scale)) return Problem::EvaluatesDifferently;
  return Problem::None;
}

}  // namespace matcalc_test
