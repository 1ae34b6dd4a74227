#include "simplify/expand.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace matcalc {

namespace {

using Terms = std::vector<Expr>;
// Per node: a result (or an answer written through definitions) is a DAG whose shared
// nodes would otherwise be expanded once per path, exponentially many.
using Memo = std::unordered_map<Expr, std::optional<Terms>>;

std::optional<Terms> expanded(Build& b, Expr e, std::size_t max, Memo& memo);

// The terms of e expanded, or nothing when there would be more than `max`. Only the
// linear places are opened: a sum under a function, a power or an inverse stays whole.
std::optional<Terms> terms(Build& b, Expr e, std::size_t max, Memo& memo) {
  switch (e->kind) {
    case Kind::Add: {
      Terms out;
      for (Expr k : e->kids) {
        std::optional<Terms> t = expanded(b, k, max, memo);
        if (!t || out.size() + t->size() > max) return std::nullopt;
        out.insert(out.end(), t->begin(), t->end());
      }
      return out;
    }
    case Kind::Transpose: {  // (A + B)' = A' + B'
      std::optional<Terms> t = expanded(b, e->kids[0], max, memo);
      if (!t) return std::nullopt;
      for (Expr& s : *t) s = b.transpose(s);
      return t;
    }
    case Kind::Mul:
    case Kind::Hadamard: {
      // Every choice of one term per factor, multiplied in the factors' order; a Mul's
      // coefficient leads each product.
      bool hadamard = e->kind == Kind::Hadamard;
      std::vector<Terms> choices;
      for (Expr k : e->kids) {
        std::optional<Terms> t = expanded(b, k, max, memo);
        if (!t) return std::nullopt;
        choices.push_back(*t);
      }
      std::vector<Terms> products{hadamard ? Terms{} : Terms{b.num(e->value)}};
      for (const Terms& c : choices) {
        if (products.size() * c.size() > max) return std::nullopt;
        std::vector<Terms> next;
        for (const Terms& p : products)
          for (Expr s : c) {
            next.push_back(p);
            next.back().push_back(s);
          }
        products = std::move(next);
      }
      Terms out;
      for (Terms& p : products) out.push_back(hadamard ? b.hadamard(p) : b.mul(p));
      return out;
    }
    default:
      return Terms{e};
  }
}

std::optional<Terms> expanded(Build& b, Expr e, std::size_t max, Memo& memo) {
  if (auto hit = memo.find(e); hit != memo.end()) return hit->second;
  std::optional<Terms> t = terms(b, e, max, memo);
  memo.emplace(e, t);
  return t;
}

}  // namespace

Expr expand(Build& b, Expr e, std::size_t max_terms) {
  Memo memo;
  std::optional<Terms> t = expanded(b, e, max_terms, memo);
  if (!t || t->size() < 2) return e;
  return b.add(*t);
}

}  // namespace matcalc
