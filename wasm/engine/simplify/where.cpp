// Counts occurrences in the tree (not the DAG), names the largest repeated node,
// and repeats with named nodes treated as leaves.
#include "simplify/where.h"

#include <algorithm>
#include <map>

#include "expr/order.h"

namespace matcalc {

namespace {

void count(Expr e, const Names& names, std::map<Expr, int>& counts) {
  ++counts[e];
  if (names.count(e)) return;
  for (Expr k : e->kids) count(k, names, counts);
}

const char* const kCandidates[] = {"u", "v", "z", "q", "r", "s", "t", "p", "g", "h"};

}  // namespace

void name_repeated(Expr e, const std::set<std::string>& taken, Names& names,
                   std::vector<std::string>& order, int min_size) {
  std::size_t first = order.size();
  if (tree_size_capped(e, 20000) > 20000) return;  // counting occurrences would not end soon
  for (int round = 0; round < 6; ++round) {
    std::map<Expr, int> counts;
    count(e, names, counts);
    Expr best = nullptr;
    int best_size = 0;
    for (auto [node, n] : counts) {
      if (n < 2 || names.count(node) || node == e) continue;
      if (node->kind == Kind::Transpose || node->kind == Kind::Const) continue;
      int size = tree_size(node);
      if (size >= min_size && size > best_size) best = node, best_size = size;
    }
    if (!best) break;
    std::string name;
    for (const char* c : kCandidates) {
      bool used = taken.count(c) || std::any_of(names.begin(), names.end(),
                                                [&](const auto& p) { return p.second == c; });
      if (!used) {
        name = c;
        break;
      }
    }
    if (name.empty()) break;
    names[best] = name;
    order.push_back(name);
  }
  // Definitions read inner first: a name is defined before a definition uses it.
  auto size_of = [&](const std::string& n) {
    for (const auto& [node, m] : names)
      if (m == n) return tree_size(node);
    return 0;
  };
  std::stable_sort(
      order.begin() + static_cast<long>(first), order.end(),
      [&](const std::string& a, const std::string& b) { return size_of(a) < size_of(b); });
}

}  // namespace matcalc
