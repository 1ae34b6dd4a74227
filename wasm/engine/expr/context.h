// The Context owns every node and every dimension of one request: the hash-consing
// table, the interned dimension monomials and their symbol names, and the variables.
// Nothing outlives it, so the WASM module never accumulates memory across requests.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "expr/node.h"

namespace matcalc {

// coef * product of symbols (symbol ids sorted, repeated for powers).
struct Monomial {
  long long coef = 1;
  std::vector<int> syms;
  bool operator==(const Monomial&) const = default;
};

struct VarInfo {
  std::string name;
  Shape shape;
  unsigned props = 0;
  std::string kind;  // "scalar", "vector", "matrix", "symmetric", "spd", "diagonal"
  bool declared = false;
  Expr definition = nullptr;  // a defined name (SPEC section 5): its definition
};

inline constexpr std::size_t kMaxNodes = 500000;
// The work one request may do, counted as the children of every node built or looked up
// (a sum of k terms rebuilt again and again costs k each time, which the node count does
// not see: differentiating M^98 twice made 92k nodes but 10^9 units, minutes of work).
// The textbook set's largest derivation, a Hessian, takes 2*10^5; this is 150 times that,
// about a second natively.
inline constexpr std::size_t kMaxWork = 30000000;
// The most sizes one size may be the product of (kron(x, x) has length n*n): Context::dim
// refuses more, before the work.
inline constexpr std::size_t kMaxDimFactors = 32;

class Context {
 public:
  Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // Hash-consing: returns the existing node equal to `proto`, or stores it.
  Expr intern(Node proto);

  // Dimensions.
  Dim dim(const Monomial& m);
  Dim dim_const(long long c) { return dim(Monomial{c, {}}); }
  Dim dim_product(Dim a, Dim b);
  const Monomial& monomial(Dim d) const { return dims_[d]; }
  int add_symbol(const std::string& name);
  int find_symbol(const std::string& name) const;  // -1 if none
  const std::string& symbol_name(int sym) const { return symbols_[sym]; }
  int num_symbols() const { return static_cast<int>(symbols_.size()); }
  std::string dim_text(Dim d) const;      // "n", "3", "n*m"
  std::string shape_text(Shape s) const;  // "n×m"

  // Variables, in order of first appearance.
  void add_var(VarInfo v);
  const VarInfo* var(const std::string& name) const;
  const std::vector<VarInfo>& vars() const { return vars_; }

  std::size_t num_nodes() const { return nodes_.size(); }
  // The node budget (kMaxNodes unless a caller lowers it): intern() throws a user error
  // past it.
  void set_node_limit(std::size_t limit) { node_limit_ = limit; }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
  std::unordered_multimap<std::size_t, const Node*> table_;
  std::vector<Monomial> dims_;
  std::vector<std::string> symbols_;
  std::vector<VarInfo> vars_;
  std::size_t node_limit_ = kMaxNodes;
  std::size_t work_ = 0;  // see kMaxWork
};

}  // namespace matcalc
