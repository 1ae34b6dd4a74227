// Hash-consing and dimension interning for one request.
#include "expr/context.h"

#include <algorithm>
#include <functional>

#include "expr/error.h"
#include "expr/printed_size.h"

namespace matcalc {

namespace {

std::size_t mix(std::size_t h, std::size_t v) {
  return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
}

std::size_t hash_of(const Node& n) {
  std::size_t h = static_cast<std::size_t>(n.kind);
  h = mix(h, static_cast<std::size_t>(n.shape.rows));
  h = mix(h, static_cast<std::size_t>(n.shape.cols));
  h = mix(h, std::hash<double>{}(n.value));
  h = mix(h, static_cast<std::size_t>(n.aux));
  h = mix(h, std::hash<std::string>{}(n.name));
  h = mix(h, n.props);
  for (Expr k : n.kids) h = mix(h, k->hash);
  return h;
}

bool same(const Node& a, const Node& b) {
  return a.kind == b.kind && a.shape == b.shape && a.value == b.value && a.aux == b.aux &&
         a.name == b.name && a.props == b.props && a.kids == b.kids;
}

}  // namespace

const char* kind_name(Kind k) {
  switch (k) {
#define MATCALC_KIND_NAME(name) \
  case Kind::name:              \
    return #name;
    MATCALC_KINDS(MATCALC_KIND_NAME)
#undef MATCALC_KIND_NAME
  }
  return "?";
}

Context::Context() { dims_.push_back(Monomial{1, {}}); }

Expr Context::intern(Node proto) {
  proto.hash = hash_of(proto);
  work_ += proto.kids.size() + 1;
  if (work_ > kMaxWork)
    throw UserError("unsupported",
                    "the expression is too large to differentiate here (its derivation "
                    "passed " +
                        std::to_string(kMaxWork / 1000000) + " million steps of work)");
  auto range = table_.equal_range(proto.hash);
  for (auto it = range.first; it != range.second; ++it)
    if (same(*it->second, proto)) return it->second;
  // A budget, so a pathological input (a long product differentiated term by term)
  // ends with a message instead of exhausting the WASM module's memory.
  if (nodes_.size() >= node_limit_)
    throw UserError("unsupported",
                    "the expression is too large to differentiate here (its "
                    "derivation passed " +
                        std::to_string(node_limit_) + " terms)");
  proto.id = static_cast<int>(nodes_.size());
  proto.has_diff = proto.kind == Kind::Diff;
  proto.has_var = proto.kind == Kind::Var;
  for (Expr k : proto.kids) {
    proto.has_diff = proto.has_diff || k->has_diff;
    proto.has_var = proto.has_var || k->has_var;
  }
  proto.printed = printed_size_of(proto);
  nodes_.push_back(std::make_unique<Node>(std::move(proto)));
  const Node* n = nodes_.back().get();
  table_.emplace(n->hash, n);
  return n;
}

Dim Context::dim(const Monomial& m) {
  // A size estimate before any work: a size that is the product of many sizes (a deep
  // nest of kron products) makes every later step, and the printing of its shape, cost
  // more than any question is worth, and could never be checked numerically.
  if (m.syms.size() > kMaxDimFactors) {
    std::string product = symbol_name(m.syms[0]);
    for (std::size_t i = 1; i < 4; ++i) product += "*" + symbol_name(m.syms[i]);
    throw UserError("unsupported", "the expression is too large: a size in it is the product of " +
                                       std::to_string(m.syms.size()) + " sizes (" + product +
                                       "*...); the limit is " + std::to_string(kMaxDimFactors));
  }
  for (std::size_t i = 0; i < dims_.size(); ++i)
    if (dims_[i] == m) return static_cast<Dim>(i);
  dims_.push_back(m);
  return static_cast<Dim>(dims_.size() - 1);
}

Dim Context::dim_product(Dim a, Dim b) {
  Monomial m = dims_[a];
  const Monomial& mb = dims_[b];
  m.coef *= mb.coef;
  m.syms.insert(m.syms.end(), mb.syms.begin(), mb.syms.end());
  std::sort(m.syms.begin(), m.syms.end());
  return dim(m);
}

int Context::add_symbol(const std::string& name) {
  int existing = find_symbol(name);
  if (existing >= 0) return existing;
  symbols_.push_back(name);
  return static_cast<int>(symbols_.size() - 1);
}

int Context::find_symbol(const std::string& name) const {
  for (std::size_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i] == name) return static_cast<int>(i);
  return -1;
}

std::string Context::dim_text(Dim d) const {
  const Monomial& m = dims_[d];
  std::string out;
  if (m.coef != 1 || m.syms.empty()) out = std::to_string(m.coef);
  for (int s : m.syms) {
    if (!out.empty()) out += "*";
    out += symbols_[s];
  }
  return out;
}

std::string Context::shape_text(Shape s) const {
  return dim_text(s.rows) + "\u00d7" + dim_text(s.cols);
}

void Context::add_var(VarInfo v) { vars_.push_back(std::move(v)); }

const VarInfo* Context::var(const std::string& name) const {
  for (const VarInfo& v : vars_)
    if (v.name == name) return &v;
  return nullptr;
}

}  // namespace matcalc
