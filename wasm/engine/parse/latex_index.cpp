// Questions written entry by entry (SPEC 14: ∂(Σₖ m_ik m_jk)/∂m_xy, f_ij = w_ik x_kj,
// v_g = Σ_k X_kg a_k): recognised (never read as names, m_ik a vector, and answered for
// another variable) and read into the matrix question they stand for, which the rest of
// the engine derives by either route. Each term's entries are contracted the way einsum
// reads them: deltas substituted, entries on the same indices multiplied entry-wise,
// then a chain from one free index to the other through the shared ones (Σₖ m_ik m_jk is
// (M*M')_ij); what is left closes into scalars (x'*A*y, tr(A*B), sum(x)). A term with no
// such reading is refused with what the question would have to be written as.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "expr/functions.h"
#include "parse/ast_build.h"
#include "parse/ast_text.h"
#include "parse/latex_parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

using K = LatexStatement::Kind;

// A factor of a term: a matrix, vector or scalar in matrix form (its tree, spans at the
// entries it came from) and the index letters of its entries (none for a scalar).
struct Piece {
  Tree tree;
  std::string idx;
};

struct Refusal {
  std::string why;
  Span where;
};

std::string base_of(const std::string& name) { return name.substr(0, name.find('_')); }

// (Xw)_i's part in matrix form, in parentheses: the name the check's callbacks know it by.
std::string paren_text(const LNode& n) { return "(" + latex_plain_text(*n.kids[0]) + ")"; }

// m_{ik} as the question wrote it.
std::string entry_text(const std::string& name, const std::string& indices) {
  return base_of(name) + "_{" + indices + "}";
}

// The variable an entry belongs to: a lower-case name with two indices is an entry of the
// capital matrix of that letter (SPEC 14: m_{ik} of M); one index, of the vector.
std::string owner(const std::string& base, std::size_t n_indices) {
  std::string out = base;
  if (n_indices == 2) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

bool has_entry(const LNode& n) {
  if ((n.kind == LKind::Name || n.kind == LKind::Paren) && !n.indices.empty()) return true;
  return std::any_of(n.kids.begin(), n.kids.end(), [](const LNodePtr& k) { return has_entry(*k); });
}

std::string scoped(const LNode& n, const std::string& bound);

// The letters of n's entries with their multiplicity, less those a \sum inside binds and
// those Einstein's convention sums inside a term of a sum or a function's argument
// (v_i tanh(W_ij x_j) sums j inside the tanh; (W_ik x_k - y_i) x_j sums k inside the
// parentheses): what the enclosing product sees. `bound`: the letters an enclosing \sum
// names, never summed again.
std::string letters(const LNode& n, const std::string& bound = "") {
  if (n.kind == LKind::Name || (n.kind == LKind::Paren && !n.indices.empty())) return n.indices;
  if (n.kind == LKind::Sum) {  // the first term's, and the letters other terms add: terms
                               // on other indices broadcast (x_i - x_j is an n×n matrix)
    std::string out, first_term;
    bool first = true;
    for (const LNodePtr& k : n.kids) {
      if (!has_entry(*k)) continue;
      std::string mine = scoped(*k, bound);
      if (first) first_term = mine;
      for (char c : mine)
        if (first || out.find(c) == std::string::npos) out += c;
      first = false;
    }
    // More than a matrix's two: no broadcast; the term that differs is refused where it is.
    std::string distinct;
    for (char c : out)
      if (distinct.find(c) == std::string::npos) distinct += c;
    return distinct.size() > 2 ? first_term : out;
  }
  if (n.kind == LKind::Power) return scoped(*n.kids[0], bound);  // (a_i a_i)^{1/2}: i inside
  bool summed = n.kind == LKind::Call && n.text == "sum";
  std::string out;
  for (std::size_t i = 0; i < n.kids.size(); ++i) {
    const LNode& k = *n.kids[i];
    // A divisor is like a function's argument: its repeated letters are summed inside
    // (x_i y_i / (z_l z_l) is (x.y)/(z.z)), as the translation reads it.
    bool divisor = n.kind == LKind::Product && i > 0 && i < n.ops.size() &&
                   (n.ops[i] == "/" || n.ops[i] == "./");
    out += summed                             ? letters(k, bound + n.indices)
           : n.kind == LKind::Call || divisor ? scoped(k, bound)
                                              : letters(k, bound);
  }
  if (summed && !n.indices.empty())
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](char c) { return n.indices.find(c) != std::string::npos; }),
              out.end());
  return out;
}

// What a term of a sum or a function's argument shows outside: its letters less those
// Einstein's convention sums inside it (repeated, and named by no enclosing \sum).
std::string scoped(const LNode& n, const std::string& bound) {
  std::string all = letters(n, bound), out;
  for (char c : all)
    if (std::count(all.begin(), all.end(), c) == 1 || bound.find(c) != std::string::npos) out += c;
  return out;
}

// The free indices of n, in order: the letters that occur once (Einstein's convention).
std::string free_of(const LNode& n) {
  std::string all = letters(n), out;
  for (char c : all)
    if (std::count(all.begin(), all.end(), c) == 1) out += c;
  return out;
}

std::string sorted(std::string s) {
  std::sort(s.begin(), s.end());
  return s;
}

class Translator {
 public:
  // The matrix form of n, whose entry at `free` (row, then column) n is.
  Tree expression(const LNode& n, const std::string& free) {
    if (n.kind == LKind::Paren && n.indices.empty()) return expression(*n.kids[0], free);
    if (n.kind == LKind::Sum) {
      std::vector<std::pair<std::string, Tree>> terms;
      for (std::size_t i = 0; i < n.kids.size(); ++i) {
        // A term with no free index broadcasts (1 + v_i), and so does a vector on one of a
        // matrix's two (X_ij - mu_j: X - ones*mu'; W_ij x_j + b_i stays a vector).
        std::string mine = scope_free(*n.kids[i]);
        bool spread = free.size() == 2 && mine.size() == 1 && free.find(mine) != std::string::npos;
        if (!mine.empty() && sorted(mine) != sorted(free) && !spread)
          throw Refusal{"a free index on one side of '+' only", n.kids[i]->span};
        Tree t = expression(*n.kids[i], mine.empty() ? "" : spread ? mine : free);
        if (spread) {
          Tree ones = leaf("ones", n.kids[i]->span);
          t = mine[0] == free[1] ? times(ones, transposed(t)) : times(t, transposed(ones));
        }
        terms.emplace_back(n.ops[i], t);
      }
      return sum_of(terms);
    }
    if (n.kind == LKind::Neg) return negated(expression(*n.kids[0], free));
    return term(n, free);
  }

 private:
  Tree term(const LNode& n, const std::string& free) {
    std::vector<Piece> pieces, deltas;
    std::vector<Tree> scalars;
    std::size_t named_mark = named_.size();
    collect(n, pieces, deltas, scalars);
    std::string named = outer_ + named_.substr(named_mark);  // the \sum signs over this product
    named_.resize(named_mark);
    std::string all;
    for (const Piece& p : pieces) all += p.idx;
    for (const Piece& d : deltas) all += d.idx;
    for (char c : all)  // (SPEC 14: three times is an error unless a \sum names it)
      if (std::count(all.begin(), all.end(), c) > 2 && named.find(c) == std::string::npos)
        throw Refusal{std::string("the index ") + c + " three times in one product", n.span};
    contract_deltas(pieces, deltas, free);
    hadamard(pieces);
    absorb_vectors(pieces);
    Tree out = chain(pieces, free, n.span);
    while (!pieces.empty()) out = times(closed(pieces, n.span), out);  // scalar factors
    for (const Tree& s : scalars) out = times(s, out);
    return out ? out : number(1, n.span);
  }

  // The free indices of a function's argument: those that occur once, and those an
  // enclosing \sum names, which are not summed again inside (SPEC 14: Σ_i exp(y_i Σ_j
  // X_ij w_j) has i free in the exp).
  std::string scope_free(const LNode& n) const {
    std::string all = letters(n, outer_), out;
    for (char c : all)
      if ((std::count(all.begin(), all.end(), c) == 1 || outer_.find(c) != std::string::npos) &&
          out.find(c) == std::string::npos)
        out += c;
    return out;
  }

  std::string outer_;  // the indices of the \sum signs around what is being collected
  std::string named_;  // and of those met while collecting a product's factors

  void collect(const LNode& n, std::vector<Piece>& pieces, std::vector<Piece>& deltas,
               std::vector<Tree>& scalars) {
    // A part with no entries (\lambda x^T x beside \sum_i x_i^2): a number in matrix form.
    if (n.kind != LKind::Name && n.kind != LKind::Num && !has_entry(n))
      return scalars.push_back(to_ast(n));
    switch (n.kind) {
      case LKind::Product:
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          const std::string& op = n.ops[i];
          if (i == 0 || op == "*" || op == ".*") {
            collect(*n.kids[i], pieces, deltas, scalars);
          } else if ((op == "/" || op == "./") && !has_entry(*n.kids[i])) {
            scalars.push_back(binary("/", number(1, n.op_spans[i]), to_ast(*n.kids[i])));
          } else if (op == "/" || op == "./") {
            // Dividing by entries multiplies by their reciprocals, entry by entry: by a
            // scalar (exp(z_i) / Σ_j exp(z_j)), or element-wise (x_i / y_i).
            std::string inner = scope_free(*n.kids[i]);
            Tree e = expression(*n.kids[i], inner);
            Tree one = number(1, n.op_spans[i]);
            if (inner.empty())
              scalars.push_back(binary("/", one, e));
            else
              pieces.push_back({binary("./", one, e), inner});
          } else {
            throw Refusal{"a product of entries with '" + op + "'", n.op_spans[i]};
          }
        }
        return;
      case LKind::Name:
        if (n.indices.empty()) return scalars.push_back(to_ast(n));
        if (base_of(n.text) == "delta") {
          if (n.indices.size() != 2)
            throw Refusal{"\\delta with " + std::to_string(n.indices.size()) + " index", n.span};
          return deltas.push_back({leaf("I", n.span), n.indices});
        }
        return pieces.push_back(
            {leaf(owner(base_of(n.text), n.indices.size()), n.span), n.indices});
      case LKind::Num:
        if (n.text == "1") return;  // \frac{1}{2} is 1 / 2: the reading shows 1/2, not 1/2*1
        return scalars.push_back(to_ast(n));
      case LKind::Call:
        if (n.text == "sum" && n.kids.size() == 1) {  // Σ_k: k is bound in the arguments inside
          std::size_t mark = outer_.size();
          outer_ += n.indices;
          named_ += n.indices;
          collect(*n.kids[0], pieces, deltas, scalars);
          outer_.resize(mark);
          return;
        }
        if (!has_entry(n)) return scalars.push_back(to_ast(n));
        if (n.kids.size() == 1) {  // an element-wise function of entries: σ(v_g), or of a
                                   // sum over them, a scalar: \log \sum_j \exp(x_j)
          std::string inner = scope_free(*n.kids[0]);
          Tree f = call(n.text, n.span, {expression(*n.kids[0], inner)});
          return inner.empty() ? scalars.push_back(f) : pieces.push_back({f, inner});
        }
        throw Refusal{n.text + " of entries", n.span};
      case LKind::Power: {
        if (has_entry(*n.kids[1])) throw Refusal{"an index in an exponent", n.kids[1]->span};
        if (!has_entry(*n.kids[0])) return scalars.push_back(to_ast(n));
        std::string inner = scope_free(*n.kids[0]);  // (none: a scalar, (x_j x_j)^{1/2})
        Tree p = power(expression(*n.kids[0], inner), to_ast(*n.kids[1]));
        return inner.empty() ? scalars.push_back(p) : pieces.push_back({p, inner});
      }
      case LKind::Paren:
        if (!n.indices.empty())  // (Xw)_i: an entry of a matrix-form expression
          return pieces.push_back({to_ast(*n.kids[0]), n.indices});
        [[fallthrough]];
      case LKind::Sum:
      case LKind::Neg: {
        if (!has_entry(n)) return scalars.push_back(to_ast(n));
        std::string inner = scope_free(n);
        Tree e = expression(n, inner);
        return inner.empty() ? scalars.push_back(e) : pieces.push_back({e, inner});
      }
      case LKind::Transpose:
        throw Refusal{"a transposed entry", n.span};
    }
  }

  // δ_ab with a summed index renames it in the other factors; with both free it is I.
  static void contract_deltas(std::vector<Piece>& pieces, std::vector<Piece>& deltas,
                              const std::string& free) {
    for (std::size_t k = 0; k < deltas.size(); ++k) {
      char a = deltas[k].idx[0], b = deltas[k].idx[1];
      bool a_free = free.find(a) != std::string::npos, b_free = free.find(b) != std::string::npos;
      if (a_free && b_free) {
        pieces.push_back(deltas[k]);
        continue;
      }
      char from = a_free ? b : a, to = a_free ? a : b;
      for (Piece& p : pieces) std::replace(p.idx.begin(), p.idx.end(), from, to);
      for (std::size_t j = k + 1; j < deltas.size(); ++j)
        std::replace(deltas[j].idx.begin(), deltas[j].idx.end(), from, to);
    }
  }

  // Factors on the same indices multiply entry by entry: x_i y_i, A_ij B_ij, A_ij B_ji.
  static void hadamard(std::vector<Piece>& pieces) {
    for (std::size_t i = 0; i < pieces.size(); ++i)
      for (std::size_t j = i + 1; j < pieces.size(); ++j) {
        Piece& a = pieces[i];
        const Piece& b = pieces[j];
        if (a.idx.empty() || sorted(a.idx) != sorted(b.idx) ||
            (a.idx.size() == 2 && a.idx[0] == a.idx[1]))
          continue;
        bool swapped = a.idx.size() == 2 && a.idx != b.idx;
        a.tree = binary(".*", a.tree, swapped ? transposed(b.tree) : b.tree);
        pieces.erase(pieces.begin() + static_cast<long>(j));
        --j;
      }
  }

  // A vector on an index a \sum names three times, between matrices (\sum_k A_{ik} c_k
  // B_{kj}): it scales the matrix beside it, A*diag(c), which leaves the index twice.
  static void absorb_vectors(std::vector<Piece>& pieces) {
    for (std::size_t v = 0; v < pieces.size(); ++v) {
      if (pieces[v].idx.size() != 1) continue;
      char k = pieces[v].idx[0];
      int count = 0;
      for (const Piece& p : pieces)
        count += static_cast<int>(std::count(p.idx.begin(), p.idx.end(), k));
      if (count < 3) continue;
      for (std::size_t m = 0; m < pieces.size(); ++m) {
        Piece& p = pieces[m];
        if (p.idx.size() != 2 || p.idx[0] == p.idx[1] || p.idx.find(k) == std::string::npos)
          continue;
        Tree d = call("diag", pieces[v].tree->span, {pieces[v].tree});
        p.tree = p.idx[1] == k ? times(p.tree, d) : times(d, p.tree);
        pieces.erase(pieces.begin() + static_cast<long>(v));
        v = static_cast<std::size_t>(-1);  // start again: the indices moved
        break;
      }
    }
  }

  // Takes the piece holding letter c (other than `skip`), or returns false.
  static bool take(std::vector<Piece>& pieces, char c, Piece* out) {
    auto it = std::find_if(pieces.begin(), pieces.end(),
                           [&](const Piece& p) { return p.idx.find(c) != std::string::npos; });
    if (it == pieces.end()) return false;
    *out = *it;
    pieces.erase(it);
    return true;
  }

  // Follows shared indices from `at`: each matrix appended (transposed as needed), until a
  // vector ends the chain (returned in *end_vector) or no piece holds the index.
  static Tree follow(std::vector<Piece>& pieces, char& at, Tree out, bool* end_vector) {
    Piece p;
    *end_vector = false;
    while (take(pieces, at, &p)) {
      if (p.idx.size() == 1) {
        *end_vector = true;
        return times(out, p.tree);
      }
      bool straight = p.idx[0] == at;
      out = times(out, straight || is_name(p.tree, "I") ? p.tree : transposed(p.tree));
      at = straight ? p.idx[1] : p.idx[0];
    }
    return out;
  }

  // The chain whose entry has the free indices. With one free index i, every factor
  // holding i starts a chain of its own (y_i Σ_j X_ij w_j is y .* (X*w)), and the vectors
  // they give multiply entry by entry.
  static Tree chain(std::vector<Piece>& pieces, const std::string& free, Span span) {
    if (free.empty()) return nullptr;
    if (free.size() > 2) throw Refusal{"more than two free indices (" + free + ")", span};
    if (free.size() == 1) {
      std::vector<Tree> parts;
      Piece first;
      while (take(pieces, free[0], &first)) {
        if (first.idx.size() == 1) {
          parts.push_back(first.tree);
          continue;
        }
        if (first.idx[0] == first.idx[1]) {  // A_ii: diag(A)
          parts.push_back(call("diag", first.tree->span, {first.tree}));
          continue;
        }
        char at = free[0];
        bool ended = false;
        pieces.insert(pieces.begin(), first);
        Tree part = follow(pieces, at, nullptr, &ended);
        if (!ended) part = times(part, leaf("ones", part->span));  // X_kg summed over k: X'*ones
        parts.push_back(part);
      }
      if (parts.empty()) throw Refusal{std::string("the free index ") + free[0], span};
      Tree out = parts[0];  // several multiply entry by entry
      for (std::size_t k = 1; k < parts.size(); ++k) out = binary(".*", out, parts[k]);
      return out;
    }
    char at = free[0];
    auto only_vectors = [&](char c) {
      return std::all_of(pieces.begin(), pieces.end(), [&](const Piece& p) {
        return p.idx.find(c) == std::string::npos || p.idx.size() == 1;
      });
    };
    if (only_vectors(free[0]) && only_vectors(free[1])) {  // x_i y_j: the outer product x*y'
      Piece first, second;
      if (!take(pieces, free[0], &first) || !take(pieces, free[1], &second))
        throw Refusal{"entries that are no matrix product", span};
      return times(first.tree, transposed(second.tree));
    }
    // x_i A_ij y_j: the vectors on a free index scale rows or columns (diag(x)*A*diag(y)).
    Tree left, right;
    for (int side = 0; side < 2; ++side)
      while (true) {
        auto it = std::find_if(pieces.begin(), pieces.end(), [&](const Piece& p) {
          return p.idx.size() == 1 && p.idx[0] == free[side];
        });
        if (it == pieces.end()) break;
        Tree d = call("diag", it->tree->span, {it->tree});
        if (side == 0)
          left = times(left, d);
        else
          right = times(right, d);
        pieces.erase(it);
      }
    Piece first;
    if (!take(pieces, at, &first)) throw Refusal{std::string("the free index ") + at, span};
    if (first.idx[0] == first.idx[1]) throw Refusal{"a repeated index that is free", span};
    pieces.insert(pieces.begin(), first);
    bool ended = false;
    Tree out = follow(pieces, at, nullptr, &ended);
    if (ended || at != free[1]) throw Refusal{"entries that are no matrix product", span};
    for (const Piece& p : pieces)  // what is left must not hold a free index
      if (p.idx.find(free[0]) != std::string::npos || p.idx.find(free[1]) != std::string::npos)
        throw Refusal{"entries that are no matrix product", span};
    return times(times(left, out), right);
  }

  // A factor with no free index from what is left: x_i A_ij y_j, A_ij B_ji, Σ x_i, Σ A_ij.
  static Tree closed(std::vector<Piece>& pieces, Span span) {
    auto vec = std::find_if(pieces.begin(), pieces.end(),
                            [](const Piece& p) { return p.idx.size() == 1; });
    if (vec != pieces.end()) {
      Piece start = *vec;
      pieces.erase(vec);
      char at = start.idx[0];
      bool ended = false;
      Tree rest = follow(pieces, at, nullptr, &ended);
      if (!rest) return call("sum", start.tree->span, {start.tree});
      Tree out = times(transposed(start.tree), rest);
      return ended ? out : times(out, leaf("ones", rest->span));
    }
    Piece start = pieces.front();
    pieces.erase(pieces.begin());
    if (start.idx.size() == 2 && start.idx[0] == start.idx[1])
      return call("tr", start.tree->span, {start.tree});
    if (start.idx.size() != 2) throw Refusal{"entries that are no matrix product", span};
    char at = start.idx[1];
    bool ended = false;
    Tree rest = follow(pieces, at, nullptr, &ended);
    if (at == start.idx[0] && !ended) return call("tr", span, {times(start.tree, rest)});
    if (!rest) return call("sum", start.tree->span, {start.tree});
    throw Refusal{"entries that are no matrix product", span};
  }
};

// Whether every name in n is an entry (x_i - \mu_i, but not x - \mu_k), and one at least.
bool only_entries(const LNode& n, bool* any) {
  if (n.kind == LKind::Name) {
    *any = *any || !n.indices.empty();
    return !n.indices.empty();
  }
  if (n.kind == LKind::Transpose) return false;
  return std::all_of(n.kids.begin(), n.kids.end(),
                     [&](const LNodePtr& k) { return only_entries(*k, any); });
}

// The index letters a factor of a product shows: an entry's, or those of a parenthesis of
// entries alone, or its power ((x_i - \mu_i) S_{ij} (x_j - \mu_j)).
std::string shown_letters(const LNode& k) {
  if (k.kind == LKind::Name) return k.indices;
  const LNode* p = k.kind == LKind::Power ? k.kids[0].get() : &k;
  bool any = false;
  if (p->kind != LKind::Paren || !p->indices.empty() || !only_entries(*p, &any) || !any) return "";
  std::string out;
  std::function<void(const LNode&)> walk = [&](const LNode& m) {
    for (char c : m.indices)
      if (out.find(c) == std::string::npos) out += c;
    for (const LNodePtr& kid : m.kids) walk(*kid);
  };
  walk(*p);
  return out;
}

// Einstein's convention outside a sum sign: an index shared by two entries of a product.
void einstein(const LNode& n, LatexNames& names) {
  if (n.kind == LKind::Call && n.text == "sum") return;
  if (n.kind == LKind::Product) {
    std::string seen;
    for (const LNodePtr& k : n.kids) {
      std::string mine = shown_letters(*k);
      for (char c : mine)
        if (seen.find(c) != std::string::npos)
          names.index_notation(std::string("the index ") + c + " repeated in a product (Einstein)",
                               n.span);
      for (char c : mine)
        if (seen.find(c) == std::string::npos) seen += c;
    }
  }
  for (const LNodePtr& k : n.kids) einstein(*k, names);
}

// Index notation evaluated as it reads, by brute force (the check of a reading): an entry
// is its variable's value, a product sums the indices repeated in it that nothing has
// fixed, a \sum its own indices, a function applies entry by entry.
class BruteForce {
 public:
  BruteForce(const IndexCheck::Value& value, const IndexCheck::Size& size,
             const std::map<char, std::pair<std::string, int>>& ranges)
      : value_(value), size_(size), ranges_(ranges) {}

  double eval(const LNode& n, std::map<char, int>& at) {
    // A part with no entries in it (\|x\|^2, \log\det A, x^T x beside \sum_i x_i): a number,
    // evaluated in its matrix form as the reading has it.
    if (n.kind != LKind::Num && !(n.kind == LKind::Name && n.indices.empty()) && !has_entry(n) &&
        !(n.kind == LKind::Call && n.text == "ones")) {
      std::string text = "(" + latex_plain_text(n) + ")";
      if (size_(text, 0) != 1 || size_(text, 1) != 1)
        throw Refusal{"a part that is not a number beside entries", n.span};
      return value_(text, 0, 0);
    }
    // One entry that repeats an index nothing fixes (A_{ii}, (X'X)_{ii} alone): Einstein's
    // sum over it, a trace.
    if ((n.kind == LKind::Name || n.kind == LKind::Paren) && n.indices.size() > 1) {
      std::string repeated;
      for (char c : n.indices)
        if (!at.count(c) && std::count(n.indices.begin(), n.indices.end(), c) > 1 &&
            repeated.find(c) == std::string::npos)
          repeated += c;
      if (!repeated.empty()) return over(repeated, n, at, false);
    }
    switch (n.kind) {
      case LKind::Num:
        return std::stod(n.text);
      case LKind::Name: {
        if (n.indices.empty()) return value_(n.text, 0, 0);
        auto index = [&](std::size_t k) { return fixed(at, n.indices[k], n.span); };
        if (base_of(n.text) == "delta") return index(0) == index(1) ? 1 : 0;
        std::string who = owner(base_of(n.text), n.indices.size());
        return n.indices.size() == 2 ? value_(who, index(0), index(1)) : value_(who, index(0), 0);
      }
      case LKind::Neg:
        return -eval(*n.kids[0], at);
      case LKind::Paren: {
        if (n.indices.empty()) return eval(*n.kids[0], at);
        // (Xw)_i: the entry of a part in matrix form, which the caller evaluates.
        int r = fixed(at, n.indices[0], n.span),
            c = n.indices.size() > 1 ? fixed(at, n.indices[1], n.span) : 0;
        return value_(paren_text(n), r, c);
      }
      case LKind::Sum: {
        double out = 0;
        for (std::size_t i = 0; i < n.kids.size(); ++i)
          out += (n.ops[i] == "-" ? -1 : 1) * eval(*n.kids[i], at);
        return out;
      }
      case LKind::Power:
        return std::pow(eval(*n.kids[0], at), eval(*n.kids[1], at));
      case LKind::Call: {
        if (n.text == "sum" && n.kids.size() == 1) return over(n.indices, *n.kids[0], at, false);
        if (n.text == "ones") return 1;  // \mathbf{1}_i: every entry 1
        const FunctionRow* row = find_function_row(n.text);
        if (!row || !row->scalar || n.kids.size() != 1)
          throw Refusal{n.text + " of entries", n.span};
        return row->scalar(eval(*n.kids[0], at));
      }
      case LKind::Product: {
        // Einstein: the letters repeated in this product that nothing fixes yet.
        std::string all = letters(n), repeated;
        for (char c : all)
          if (!at.count(c) && std::count(all.begin(), all.end(), c) > 1 &&
              repeated.find(c) == std::string::npos)
            repeated += c;
        return over(repeated, n, at, true);
      }
      case LKind::Transpose:
        break;
    }
    throw Refusal{"a part with no value entry by entry", n.span};
  }

 private:
  static int fixed(const std::map<char, int>& at, char c, Span where) {
    auto it = at.find(c);
    if (it == at.end()) throw Refusal{std::string("the index ") + c + " with no value", where};
    return it->second;
  }
  // Σ over the letters of `which` (each over its range) of n, a product's factors when
  // `factors`.
  double over(const std::string& which, const LNode& n, std::map<char, int>& at, bool factors) {
    std::string todo;
    for (char c : which)
      if (!at.count(c)) todo += c;
    if (todo.empty()) return factors ? product(n, at) : eval(n, at);
    char c = todo[0];
    double out = 0;
    int range = size_of(c);
    for (int v = 0; v < range; ++v) {
      at[c] = v;
      out += over(todo.substr(1), n, at, factors);
    }
    at.erase(c);
    return out;
  }
  double product(const LNode& n, std::map<char, int>& at) {
    double out = eval(*n.kids[0], at);
    for (std::size_t i = 1; i < n.kids.size(); ++i) {
      double v = eval(*n.kids[i], at);
      out = n.ops[i] == "/" || n.ops[i] == "./" ? out / v : out * v;
    }
    return out;
  }
  int size_of(char c) {
    auto it = ranges_.find(c);
    if (it == ranges_.end()) throw Refusal{std::string("the index ") + c + " with no range", {}};
    return size_(it->second.first, it->second.second);
  }
  const IndexCheck::Value& value_;
  const IndexCheck::Size& size_;
  const std::map<char, std::pair<std::string, int>>& ranges_;
};

// Each index letter's range: the size of the first entry that carries it (m_{ik}: i runs
// over M's rows, k over its columns); a delta's two letters run over the same range.
void find_ranges(const LNode& n, std::map<char, std::pair<std::string, int>>& out) {
  std::vector<std::string> deltas;
  std::function<void(const LNode&)> walk = [&](const LNode& m) {
    if (m.kind == LKind::Name && m.indices.size() == 2 && base_of(m.text) == "delta")
      deltas.push_back(m.indices);
    else if (m.kind == LKind::Name && !m.indices.empty())
      for (std::size_t k = 0; k < m.indices.size(); ++k)
        out.emplace(m.indices[k],
                    std::make_pair(owner(base_of(m.text), m.indices.size()), static_cast<int>(k)));
    else if (m.kind == LKind::Paren && !m.indices.empty())
      for (std::size_t k = 0; k < m.indices.size(); ++k)
        out.emplace(m.indices[k], std::make_pair(paren_text(m), static_cast<int>(k)));
    for (const LNodePtr& k : m.kids) walk(*k);
  };
  walk(n);
  for (int round = 0; round < 2; ++round)
    for (const std::string& d : deltas) {
      if (out.count(d[0]) && !out.count(d[1])) out.emplace(d[1], out.at(d[0]));
      if (out.count(d[1]) && !out.count(d[0])) out.emplace(d[0], out.at(d[1]));
    }
}

LNodePtr matrix_body(const Tree& tree, Span span) {
  LNodePtr name = lnode(LKind::Name, span, plain_text(*tree));
  name->formed = tree;
  LNodePtr paren = lnode(LKind::Paren, span);
  paren->kids.push_back(std::move(name));
  return paren;
}

}  // namespace

namespace {

// w^T x_i (or x_i^T w) of a vector w and a sample x_i, as ML notes write a data point: x_i is
// the i-th row of X, and the product the entry (X*w)_i. Rewritten in place so that the
// reading entry by entry sees an entry of a part in matrix form; returns what was read.
// Only under a \sum over the sample's index (\mathbf{w}_k^T x alone is a vector named w_k).
void read_samples(LNodePtr& n, std::vector<std::string>& read, const std::string& summed = "") {
  std::string inner = summed;
  if (n->kind == LKind::Call && n->text == "sum") inner += n->indices;
  for (LNodePtr& k : n->kids) read_samples(k, read, inner);
  if (n->kind != LKind::Product) return;
  auto plain_name = [](const LNode& x) { return x.kind == LKind::Name && x.indices.empty(); };
  auto sample = [](const LNode& x) {
    return x.kind == LKind::Name && x.indices.size() == 1 && base_of(x.text) != "delta" &&
           std::islower(static_cast<unsigned char>(x.text[0]));
  };
  for (std::size_t k = 0; k + 1 < n->kids.size(); ++k) {
    LNode& a = *n->kids[k];
    LNode& b = *n->kids[k + 1];
    const std::string& op = n->ops[k + 1];
    if (op != "*" && op != ".*" && op != "cdot") continue;
    const LNode* w = nullptr;
    const LNode* x = nullptr;
    if (a.kind == LKind::Transpose && plain_name(*a.kids[0]) && sample(b))
      w = a.kids[0].get(), x = &b;
    else if (a.kind == LKind::Transpose && sample(*a.kids[0]) && plain_name(b))
      w = &b, x = a.kids[0].get();
    if (!w || summed.find(x->indices) == std::string::npos) continue;
    std::string rows = owner(base_of(x->text), 2);
    Span span{a.span.begin, b.span.end};
    LNodePtr product = lnode(LKind::Product, span);
    product->ops = {"", "*"};
    product->op_spans = {span, span};
    product->kids.push_back(lnode(LKind::Name, x->span, rows));
    product->kids.push_back(lnode(LKind::Name, w->span, w->text));
    LNodePtr entry = lnode(LKind::Paren, span);
    entry->indices = x->indices;
    entry->kids.push_back(std::move(product));
    std::string xi = entry_text(x->text, x->indices);
    read.push_back((w == &b ? xi + "^T " + w->text : w->text + "^T " + xi) + " is (" + rows + "*" +
                   w->text + ")_{" + x->indices + "}, " + xi + " the row " + x->indices + " of " +
                   rows);
    n->kids[k] = std::move(entry);
    n->kids.erase(n->kids.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    n->ops.erase(n->ops.begin() + static_cast<std::ptrdiff_t>(k) + 1);
    n->op_spans.erase(n->op_spans.begin() + static_cast<std::ptrdiff_t>(k) + 1);
  }
  if (n->kids.size() == 1) {
    LNodePtr only = std::move(n->kids[0]);
    n = std::move(only);
  }
}

}  // namespace

// A bare Σ or \sum over entries (SPEC 14) sums the index repeated in its product
// (Σm_{ik}m_{jk}: k, Einstein's), or, with none repeated, every index of its summand
// (Σ x_i^2 is the sum over i; it was dropped).
void bind_bare_sums(LNode& n) {
  for (LNodePtr& k : n.kids) bind_bare_sums(*k);
  if (n.kind != LKind::Call || n.text != "sum" || !n.indices.empty() || n.kids.size() != 1 ||
      !has_entry(*n.kids[0]))
    return;
  std::string all = letters(*n.kids[0]), distinct;
  for (char c : all) {
    if (std::count(all.begin(), all.end(), c) > 1) return;  // Einstein's already
    if (distinct.find(c) == std::string::npos) distinct += c;
  }
  n.indices = distinct;
}

void read_index_notation(std::vector<LatexStatement>& sts, LatexNames& names) {
  for (LatexStatement& s : sts)
    if (s.body && s.kind != K::Declaration) bind_bare_sums(*s.body);
  std::vector<std::string> samples;
  for (LatexStatement& s : sts)
    if (s.body && s.kind != K::Declaration) read_samples(s.body, samples);
  if (!samples.empty())
    names.index_notation("a data point " + samples[0].substr(0, samples[0].find(' ')), sts[0].span);
  // An entry as the derivative's variable (\partial W_{ab}) where the question never
  // names W_ab itself: the derivative by that entry, index notation.
  std::function<bool(const LNode&, const std::string&)> names_it = [&](const LNode& n,
                                                                       const std::string& w) {
    if (n.kind == LKind::Name && n.text == w) return true;
    return std::any_of(n.kids.begin(), n.kids.end(),
                       [&](const LNodePtr& k) { return names_it(*k, w); });
  };
  for (const LatexStatement& s : sts) {
    if (!s.body) continue;
    bool entry_named = s.kind == K::Question && !s.wrt_indices.empty() &&
                       std::none_of(sts.begin(), sts.end(), [&](const LatexStatement& t) {
                         return t.body && names_it(*t.body, s.wrt);
                       });
    if (entry_named)
      names.index_notation("the derivative by the entry " + entry_text(s.wrt, s.wrt_indices),
                           s.wrt_span);
    if (s.kind == K::Question && !s.wrt_indices.empty() && has_entry(*s.body))
      names.index_notation("the derivative by the entry " + entry_text(s.wrt, s.wrt_indices),
                           s.wrt_span);
    if (s.kind == K::Definition && !s.name_indices.empty() && has_entry(*s.body))
      names.index_notation("the definition of the entry " + entry_text(s.name, s.name_indices),
                           s.name_span);
    einstein(*s.body, names);
  }
  if (names.index_reason.empty()) return;
  // An entry says what its owner is: m_{ik} of the matrix M, a_k of the vector a
  // (whatever the naming convention says of a).
  // A capital is a matrix and h-z a vector by the naming convention already: only a vector
  // named a-g or in Greek needs saying.
  auto say = [&](const std::string& base, std::size_t n_indices) {
    std::string who = owner(base, n_indices);
    bool conventional = n_indices == 2 || (who[0] >= 'h' && who[0] <= 'z' && who.size() == 1);
    if (!conventional) names.note(who, NameKind::Vector);
  };
  std::function<void(const LNode&)> owners = [&](const LNode& n) {
    if (n.kind == LKind::Name && !n.indices.empty() && base_of(n.text) != "delta")
      say(base_of(n.text), n.indices.size());
    for (const LNodePtr& k : n.kids) owners(*k);
  };
  for (const LatexStatement& s : sts)
    if (s.body && s.kind != K::Declaration) owners(*s.body);
  for (const LatexStatement& s : sts)
    if (s.kind == K::Question && !s.wrt_indices.empty()) say(base_of(s.wrt), s.wrt_indices.size());
  // A name written without an index beside entries is a number (y in \sum_i w_i x_i - y),
  // whatever the naming convention says of its letter; not a name the question defines,
  // gives entries of elsewhere, or writes inside a part in matrix form ((Xw)_i).
  std::set<std::string> not_scalars;
  for (const LatexStatement& s : sts) {
    if (!s.name.empty()) not_scalars.insert(s.name);
    if (!s.wrt.empty() && !s.wrt_indices.empty())
      not_scalars.insert(owner(base_of(s.wrt), s.wrt_indices.size()));
  }
  std::function<void(const LNode&)> entries_of = [&](const LNode& n) {
    if (n.kind == LKind::Name && !n.indices.empty())
      not_scalars.insert(owner(base_of(n.text), n.indices.size()));
    for (const LNodePtr& k : n.kids) entries_of(*k);
  };
  for (const LatexStatement& s : sts)
    if (s.body) entries_of(*s.body);
  // A part written with matrices (x^T A x, \log\det A beside \sum_i x_i^2): its names keep
  // the kinds their letters give them.
  std::function<bool(const LNode&)> matrix_written = [&](const LNode& n) {
    if (n.kind == LKind::Transpose) return true;
    if (n.kind == LKind::Call && n.text != "sum") {
      const FunctionRow* row = find_function_row(n.text);
      if (!row || !row->scalar) return true;
    }
    return std::any_of(n.kids.begin(), n.kids.end(),
                       [&](const LNodePtr& k) { return matrix_written(*k); });
  };
  std::function<void(const LNode&)> scalars = [&](const LNode& n) {
    if (n.kind == LKind::Paren && !n.indices.empty()) return;
    if (!has_entry(n) && matrix_written(n)) return;
    if (n.kind == LKind::Name && n.indices.empty() && !n.formed && n.text != "I" &&
        n.text != "ones" && !not_scalars.count(n.text))
      names.note(n.text, NameKind::Scalar);
    for (const LNodePtr& k : n.kids) scalars(*k);
  };
  for (const LatexStatement& s : sts)
    if (s.body && s.kind != K::Declaration && has_entry(*s.body)) scalars(*s.body);
  // The indices a sum binds in the question (\sum_k, or Einstein's repeated letters): a
  // derivative by an entry with one of them (\partial/\partial x_k of \sum_k x_k^2) is by
  // another index than the summed one, and the reading says so.
  std::string bound;
  std::function<void(const LNode&, std::string&)> mentioned = [&](const LNode& n,
                                                                  std::string& out) {
    out += n.indices;  // (an entry's, a \sum's, an (Xw)_i's)
    for (const LNodePtr& k : n.kids) mentioned(*k, out);
  };
  for (const LatexStatement& s : sts)
    if (s.body && s.kind != K::Declaration) {
      std::string all, mine = s.kind == K::Definition && !s.name_indices.empty() ? s.name_indices
                                                                                 : free_of(*s.body);
      mentioned(*s.body, all);
      for (char c : all)
        if (mine.find(c) == std::string::npos) bound += c;
    }
  // Read: each statement with entries becomes the matrix statement it stands for.
  Translator translate;
  std::vector<std::string> readings = samples;
  for (LatexStatement& s : sts) {
    if (!s.body || s.kind == K::Declaration || !has_entry(*s.body)) continue;
    std::string free =
        s.kind == K::Definition && !s.name_indices.empty() ? s.name_indices : free_of(*s.body);
    if (s.kind == K::Question) names.asked.of = free;
    if (s.kind == K::Expression && !names.answer_free.empty() &&
        sorted(free) == sorted(names.answer_free))
      free = names.answer_free;
    Tree form;
    try {
      form = translate.expression(*s.body, free);
    } catch (const Refusal& r) {
      latex_fail("this question is written entry by entry (" + names.index_reason +
                     "), and this part has no matrix form matcalc reads: " + r.why +
                     ". Ask it with matrices and vectors ((M*M')_ij is the sum over k of "
                     "m_ik m_jk)",
                 r.where);
    }
    std::string text = plain_text(*form);
    std::string was = s.kind == K::Definition && !s.name_indices.empty()
                          ? entry_text(s.name, s.name_indices)
                          : "";
    if (!was.empty()) {
      s.name = owner(base_of(s.name), s.name_indices.size());
      readings.push_back(was + " = (" + text + ")_{" + s.name_indices + "}, so " + s.name + " = " +
                         text);
    } else {
      readings.push_back(text + (free.empty() ? "" : " (its entry (" + free + "))"));
    }
    // Kept to check the matrix form against, entry by entry (api/question.cpp).
    std::shared_ptr<const LNode> original(s.body.release());
    auto ranges = std::make_shared<std::map<char, std::pair<std::string, int>>>();
    find_ranges(*original, *ranges);  // its own entries first, then the other statements'
    for (const LatexStatement& t : sts)
      if (t.body) find_ranges(*t.body, *ranges);
    IndexCheck check;
    check.name = s.kind == K::Definition ? s.name : "";
    check.free = free;
    check.span = original->span;
    check.range = [ranges](char c, const IndexCheck::Size& size) {
      auto it = ranges->find(c);
      return it == ranges->end() ? 1 : size(it->second.first, it->second.second);
    };
    check.entry = [original, ranges](const std::map<char, int>& at, const IndexCheck::Value& value,
                                     const IndexCheck::Size& size) {
      std::map<char, int> fixed = at;
      try {
        return BruteForce(value, size, *ranges).eval(*original, fixed);
      } catch (const Refusal& r) {  // what the reading's check cannot evaluate is not answered
        latex_fail("this question is written entry by entry, and matcalc cannot evaluate " + r.why +
                       " entry by entry to check its reading: ask it with matrices and "
                       "vectors",
                   r.where.end > r.where.begin ? r.where : original->span);
      }
    };
    names.index_checks.push_back(std::move(check));
    s.body = matrix_body(form, original->span);
  }
  for (LatexStatement& s : sts)
    if (s.kind == K::Question && !s.wrt_indices.empty()) {
      for (char c : s.wrt_indices)
        if (bound.find(c) != std::string::npos)
          readings.push_back(std::string("the index ") + c +
                             " summed in the expression is another index than the derivative's " +
                             c);
      names.asked.wrt = s.wrt_indices;
      std::string entry = entry_text(s.wrt, s.wrt_indices);
      s.wrt = owner(base_of(s.wrt), s.wrt_indices.size());
      readings.push_back("the derivative by the entry " + entry + " is read as the derivative by " +
                         s.wrt +
                         " (for a matrix function, its Jacobian holds the derivative of "
                         "each entry by each entry of " +
                         s.wrt + ")");
    }
  std::string message = "read entry by entry (" + names.index_reason + "): ";
  for (std::size_t i = 0; i < readings.size(); ++i) message += (i ? "; " : "") + readings[i];
  names.index_notes.push_back(message);
}

std::optional<IndexTensor> index_tensor_of(LNodePtr body, const std::string& text,
                                           const std::string& free) {
  if (!body || !has_entry(*body)) return std::nullopt;
  std::shared_ptr<const LNode> whole(body.release());
  // Its terms, each with its sign: (a - b) + c is a, -b and c.
  std::vector<std::pair<double, const LNode*>> terms;
  std::function<void(const LNode&, double)> split = [&](const LNode& n, double sign) {
    if (n.kind == LKind::Paren && n.indices.empty()) return split(*n.kids[0], sign);
    if (n.kind == LKind::Neg) return split(*n.kids[0], -sign);
    if (n.kind != LKind::Sum) return terms.push_back({sign, &n});
    for (std::size_t i = 0; i < n.kids.size(); ++i)
      split(*n.kids[i], n.ops[i] == "-" ? -sign : sign);
  };
  split(*whole, 1);
  // Index errors are the answer's: an index three times in one product, and terms whose
  // free indices differ (a term with none is a scalar added to every entry, as in a
  // question).
  std::function<void(const LNode&)> thrice = [&](const LNode& n) {
    if (n.kind == LKind::Product) {
      std::string all = letters(n);
      for (char c : all)
        if (std::count(all.begin(), all.end(), c) > 2 && free.find(c) == std::string::npos)
          latex_fail(std::string("the index ") + c + " occurs three times in one product", n.span);
    }
    for (const LNodePtr& k : n.kids) thrice(*k);
  };
  thrice(*whole);
  IndexTensor out;
  std::function<void(const LNode&, std::string&)> mention = [&](const LNode& n, std::string& s) {
    for (char c : n.indices)
      if (s.find(c) == std::string::npos) s += c;
    for (const LNodePtr& k : n.kids) mention(*k, s);
  };
  auto ranges = std::make_shared<IndexTensor::Ranges>();
  find_ranges(*whole, *ranges);
  out.ranges = *ranges;
  for (const auto& [sign, t] : terms) {
    IndexTensor::Part part;
    part.span = t->span;
    part.free = free_of(*t);
    mention(*t, part.mentioned);
    for (char c : part.free)
      if (out.free.find(c) == std::string::npos) out.free += c;
    int b = std::clamp(t->span.begin, 0, static_cast<int>(text.size()));
    int e = std::clamp(t->span.end, b, static_cast<int>(text.size()));
    part.text = (sign < 0 ? "-" : "") +
                text.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
    const LNode* node = t;
    double s = sign;
    part.entry = [whole, node, s, ranges](
                     const std::map<char, int>& at, const IndexCheck::Value& value,
                     const IndexCheck::Size& size, const IndexTensor::Ranges& extra) {
      IndexTensor::Ranges all = *ranges;
      for (const auto& [c, r] : extra) all.emplace(c, r);
      std::map<char, int> fixed = at;
      try {
        return s * BruteForce(value, size, all).eval(*node, fixed);
      } catch (const Refusal& r) {
        latex_fail("this part has no value entry by entry: " + r.why, r.where);
      }
    };
    out.terms.push_back(std::move(part));
  }
  return out;
}

}  // namespace matcalc
