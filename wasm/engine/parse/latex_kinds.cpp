// The LaTeX readings that depend on what the names are (see resolve_by_kinds in
// latex_ast.h): |A| is det(A) for a matrix and abs for a scalar or a vector, as in the
// Matrix Cookbook and textbooks; a \cdot b is a'*b for two vectors. The reader knows no
// shapes, only names, so it goes by what they say: the question's declarations and
// typography, then the naming convention (SPEC 2: a-g scalars, h-z vectors, A-Z matrices),
// combined through the operators the way shapes combine.
#include <algorithm>

#include "expr/functions.h"
#include "expr/structures.h"
#include "parse/latex_ast.h"

namespace matcalc {

namespace {

// What an operand is by its names. Row is a transposed vector.
enum class NK { Unknown, Scalar, Vector, Row, Matrix };

using KindOf = std::function<NameKind(const std::string&)>;

NK from_name_kind(NameKind k) {
  switch (k) {
    case NameKind::Scalar:
      return NK::Scalar;
    case NameKind::Vector:
      return NK::Vector;
    case NameKind::Matrix:
      return NK::Matrix;
    case NameKind::Unknown:
      break;
  }
  return NK::Unknown;
}

NK transposed(NK k) { return k == NK::Vector ? NK::Row : k == NK::Row ? NK::Vector : k; }

// A matrix product of the two kinds (a scalar scales); Unknown where the shapes do not fit.
NK times(NK a, NK b) {
  if (a == NK::Unknown || b == NK::Unknown) return NK::Unknown;
  if (a == NK::Scalar) return b;
  if (b == NK::Scalar) return a;
  if (a == NK::Row && b == NK::Vector) return NK::Scalar;
  if (a == NK::Vector && b == NK::Row) return NK::Matrix;
  if (a == NK::Matrix && b == NK::Matrix) return NK::Matrix;
  if (a == NK::Matrix && b == NK::Vector) return NK::Vector;
  if (a == NK::Row && b == NK::Matrix) return NK::Row;
  return NK::Unknown;
}

// Entry-wise: equal kinds, or a scalar broadcast.
NK entrywise(NK a, NK b) {
  if (a == NK::Scalar) return b;
  if (b == NK::Scalar || a == b) return a;
  return NK::Unknown;
}

// A sum: a matrix plus something unknown (2\mathbf{1}: a scalar or the same shape) is a
// matrix (what e^{...} of it means depends on that).
NK sum_kind(NK a, NK b) {
  if (a == NK::Unknown && b != NK::Scalar) return b;  // (y + \mathbf{1}: a vector)
  if (b == NK::Unknown && a != NK::Scalar) return a;
  return entrywise(a, b);
}

bool is_bars(const LNode& n) {
  return n.kind == LKind::Call && n.text == "abs" && n.notation == Notation::Bars &&
         n.kids.size() == 1;
}

NK kind(const LNode& n, const KindOf& kind_of);

// The dot product of a written \cdot: both operands vectors.
bool is_dot(const LNode& a, const LNode& b, const KindOf& kind_of) {
  return kind(a, kind_of) == NK::Vector && kind(b, kind_of) == NK::Vector;
}

NK call_kind(const LNode& n, const KindOf& kind_of) {
  const std::string& f = n.text;
  if (n.kids.size() != 1) return f == "kron" || f == "eye" ? NK::Matrix : NK::Unknown;
  NK a = kind(*n.kids[0], kind_of);
  if (is_bars(n)) return a == NK::Matrix ? NK::Scalar : a;  // |A| is det(A)
  // The structural kinds by name; every registry function by its row's shape rule.
  if (f == "tr" || f == "det" || f == "logdet" || f == "sum" || f == "norm1" || f == "norm2")
    return NK::Scalar;
  if (f == "inv") return a == NK::Matrix ? NK::Matrix : NK::Unknown;
  if (f == "vec") return NK::Vector;
  if (f == "diag") return a == NK::Vector ? NK::Matrix : a == NK::Matrix ? NK::Vector : NK::Unknown;
  const FunctionRow* row = find_function_row(f);
  if (!row) return NK::Unknown;
  switch (row->shape) {
    case FnShape::Elementwise:
      return a;
    case FnShape::VectorToVector:
      return a == NK::Vector ? NK::Vector : NK::Unknown;
    case FnShape::VectorToScalar:
    case FnShape::SquareToScalar:
    case FnShape::MatrixToScalar:
      return NK::Scalar;
    case FnShape::SquareToSame:
    case FnShape::Frechet:
      return a == NK::Matrix ? NK::Matrix : NK::Unknown;
    case FnShape::SquareToVector:
      return NK::Vector;
  }
  return NK::Unknown;
}

NK kind(const LNode& n, const KindOf& kind_of) {
  switch (n.kind) {
    case LKind::Num:
      return NK::Scalar;
    case LKind::Name:
      return n.text == "I"      ? NK::Matrix
             : n.text == "ones" ? NK::Unknown
                                : from_name_kind(kind_of(n.text));
    case LKind::Call:
      return call_kind(n, kind_of);
    case LKind::Neg:
    case LKind::Paren:
      return kind(*n.kids[0], kind_of);
    case LKind::Transpose:
      return transposed(kind(*n.kids[0], kind_of));
    case LKind::Power: {
      NK base = kind(*n.kids[0], kind_of);
      if (kind(*n.kids[1], kind_of) != NK::Scalar) return NK::Unknown;
      if (n.ops[0] == ".^" || base == NK::Scalar || base == NK::Matrix) return base;
      return NK::Unknown;
    }
    case LKind::Sum: {
      NK k = kind(*n.kids[0], kind_of);
      for (std::size_t i = 1; i < n.kids.size(); ++i) k = sum_kind(k, kind(*n.kids[i], kind_of));
      return k;
    }
    case LKind::Product: {
      NK k = kind(*n.kids[0], kind_of);
      for (std::size_t i = 1; i < n.kids.size(); ++i) {
        const std::string& op = n.ops[i];
        NK r = kind(*n.kids[i], kind_of);
        if (op == "cdot" && k == NK::Vector && r == NK::Vector)
          k = NK::Scalar;
        else if (op == "*" || op == "cdot")
          k = times(k, r);
        else if (op == "/")
          k = r == NK::Scalar ? k : NK::Unknown;
        else if (op == ".*" || op == "./")
          k = entrywise(k, r);
        else  // kron
          k = k == NK::Matrix || r == NK::Matrix ? NK::Matrix : k == r ? k : NK::Unknown;
      }
      return k;
    }
  }
  return NK::Unknown;
}

// kids[i] spliced into `n` when it is a product of "*" alone taken by "*" or first
// (a*(b*c) is a*b*c, (a*b)/c is a*b/c).
void splice(LNode& n, std::size_t i) {
  LNode& k = *n.kids[i];
  if (k.kind != LKind::Product || (i > 0 && n.ops[i] != "*") ||
      !std::all_of(k.ops.begin() + 1, k.ops.end(), [](const std::string& o) { return o == "*"; }))
    return;
  LNodePtr inner = std::move(n.kids[i]);
  std::vector<LNodePtr> kids;
  std::vector<std::string> ops;
  std::vector<Span> spans;
  for (std::size_t j = 0; j < n.kids.size(); ++j) {
    if (j != i) {
      kids.push_back(std::move(n.kids[j]));
      ops.push_back(n.ops[j]);
      spans.push_back(n.op_spans[j]);
      continue;
    }
    for (std::size_t m = 0; m < inner->kids.size(); ++m) {
      kids.push_back(std::move(inner->kids[m]));
      ops.push_back(m == 0 ? n.ops[j] : inner->ops[m]);
      spans.push_back(m == 0 ? n.op_spans[j] : inner->op_spans[m]);
    }
  }
  n.kids = std::move(kids);
  n.ops = std::move(ops);
  n.op_spans = std::move(spans);
}

}  // namespace

NameKind kind_by_names(const LNode& n, const KindOf& kind_of) {
  switch (kind(n, kind_of)) {
    case NK::Scalar:
      return NameKind::Scalar;
    case NK::Vector:
      return NameKind::Vector;
    case NK::Matrix:
      return NameKind::Matrix;
    case NK::Row:
    case NK::Unknown:
      break;
  }
  return NameKind::Unknown;
}

const char* kind_word(NameKind k) {
  switch (k) {
    case NameKind::Scalar:
      return "scalar";
    case NameKind::Vector:
      return "vector";
    case NameKind::Matrix:
      return "matrix";
    case NameKind::Unknown:
      break;
  }
  return "";
}

void resolve_by_kinds(LNodePtr& n, const KindOf& kind_of) {
  // sum(|W|), \mathrm{sum}|W|: bars summed over are the entries' absolute values (a sum of
  // a determinant is the determinant: nobody writes it so).
  bool summed_bars =
      n->kind == LKind::Call && n->text == "sum" && n->kids.size() == 1 && is_bars(*n->kids[0]);
  for (LNodePtr& k : n->kids) {
    if (summed_bars) {
      for (LNodePtr& g : k->kids) resolve_by_kinds(g, kind_of);
      continue;
    }
    resolve_by_kinds(k, kind_of);
  }
  if (is_bars(*n) && kind(*n->kids[0], kind_of) == NK::Matrix) {
    n->text = "det";  // |X| of a matrix: the determinant
    return;
  }
  // e^{A} of a matrix is the matrix exponential, \|A\|_2 of a matrix the spectral norm
  // (SPEC 12); of a scalar or a vector they stay exp and the Euclidean norm.
  if (n->kind == LKind::Call && n->kids.size() == 1 && kind(*n->kids[0], kind_of) == NK::Matrix) {
    if (n->text == "exp" && n->notation == Notation::EPower) n->text = "expm";
    if (n->text == "norm2" && n->notation == Notation::Norm2) n->text = "norm_op";
  }
  if (n->kind == LKind::Call && n->text == "log" && n->kids.size() == 1 &&
      n->kids[0]->kind == LKind::Call && n->kids[0]->text == "det" &&
      n->kids[0]->notation == Notation::Bars) {  // \log|X|
    LNodePtr det = std::move(n->kids[0]);
    n->text = "logdet";
    n->kids = std::move(det->kids);
    return;
  }
  if (n->kind != LKind::Product || std::find(n->ops.begin(), n->ops.end(), "cdot") == n->ops.end())
    return;
  for (std::size_t i = 1; i < n->kids.size(); ++i) {
    if (n->ops[i] != "cdot") continue;
    n->ops[i] = "*";
    if (is_dot(*n->kids[i - 1], *n->kids[i], kind_of)) {  // a \cdot x is a'*x
      LNodePtr& a = n->kids[i - 1];
      LNodePtr t = lnode(LKind::Transpose, a->span);
      t->text_span = n->op_spans[i];
      t->kids.push_back(std::move(a));
      a = std::move(t);
    }
  }
  for (std::size_t i = n->kids.size(); i-- > 0;) splice(*n, i);
}

}  // namespace matcalc
