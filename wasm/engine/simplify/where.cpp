// Occurrences are counted on the DAG (how often a node would be printed in the
// tree, with named nodes printed as their names and their definitions once), so the
// cost follows the shared size of the result, not its written-out size; the largest
// repeated node is named, and the count repeats with it treated as a leaf.
#include "simplify/where.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace matcalc {

namespace {

const char* const kCandidates[] = {"u", "v", "z", "q", "r", "s", "t", "p", "g", "h"};
constexpr int kMaxNames = 400;  // beyond it, the rest is written out

// The distinct nodes under e, each after its children.
std::vector<Expr> post_order(Expr e) {
  std::vector<Expr> order;
  std::unordered_map<Expr, bool> seen;
  std::vector<std::pair<Expr, std::size_t>> stack{{e, 0}};
  seen[e] = true;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    if (next < node->kids.size()) {
      Expr kid = node->kids[next++];
      if (!seen[kid]) {
        seen[kid] = true;
        stack.push_back({kid, 0});
      }
      continue;
    }
    order.push_back(node);
    stack.pop_back();
  }
  return order;
}

bool name_used(const std::set<std::string>& taken, const Names& names, const std::string& c) {
  return taken.count(c) ||
         std::any_of(names.begin(), names.end(), [&](const auto& p) { return p.second == c; });
}

// The next free letter, or "" when all are used.
std::string free_letter(const std::set<std::string>& taken, const Names& names) {
  for (const char* c : kCandidates)
    if (!name_used(taken, names, c)) return c;
  return "";
}

}  // namespace

void name_repeated(Build& b, Expr e, const std::set<std::string>& taken, Names& names,
                   std::vector<std::string>& order, int min_size) {
  std::size_t first = order.size();
  const std::vector<Expr> nodes = post_order(e);
  // Each node's transpose, where the result holds it too.
  std::unordered_map<Expr, Expr> partner;
  {
    std::unordered_map<Expr, bool> present;
    for (Expr n : nodes) present[n] = true;
    for (Expr n : nodes) {
      if (n->shape.scalar() || n->kind == Kind::Transpose || n->symmetric()) continue;
      Expr t = b.transpose(n);
      if (t != n && present.count(t)) partner[n] = t;
    }
  }
  std::unordered_map<Expr, double> size, count, full;
  for (Expr n : nodes) {
    double s = 1;
    for (Expr k : n->kids) s += full[k];
    full[n] = s;
  }
  for (int round = 0; round < kMaxNames; ++round) {
    // Written-out size, a named node counting as one symbol.
    for (Expr n : nodes) {
      double s = 1;
      for (Expr k : n->kids) s += names.count(k) ? 1 : size[k];
      size[n] = s;
    }
    // Occurrences, parents before children.
    for (Expr n : nodes) count[n] = 0;
    count[e] = 1;
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
      Expr n = *it;
      if (count[n] == 0) continue;
      // A named node's definition is written once; a transpose's name (u1') has none.
      double times = count[n];
      if (n != e) {
        auto named = names.find(n);
        if (named != names.end()) times = named->second.back() == '\'' ? 0 : 1;
      }
      for (Expr k : n->kids) count[k] += times;
    }
    Expr best = nullptr;
    double best_size = 0;
    for (Expr n : nodes) {
      auto p = partner.find(n);
      double times = count[n] + (p != partner.end() ? count[p->second] : 0);
      if (times < 2 || names.count(n) || n == e) continue;
      if (n->kind == Kind::Transpose || n->kind == Kind::Const) continue;
      // Of a pair, the one read first (sigmoid(W*x), not sigmoid(x'*W')) gets the name.
      if (p != partner.end() && count[n] < count[p->second]) continue;
      if (size[n] >= min_size && size[n] > best_size) best = n, best_size = size[n];
    }
    if (!best) break;
    // A provisional name; more names than letters are numbered below.
    std::string name = free_letter(taken, names);
    if (name.empty()) name = "#" + std::to_string(round);
    names[best] = name;
    if (auto p = partner.find(best); p != partner.end() && !names.count(p->second))
      names[p->second] = name + "'";
    order.push_back(name);
  }
  // Definitions read inner first: a name is defined before a definition uses it.
  std::unordered_map<std::string, double> size_of;
  for (const auto& [node, n] : names) size_of[n] = full.count(node) ? full[node] : 0;
  std::stable_sort(
      order.begin() + static_cast<long>(first), order.end(),
      [&](const std::string& a, const std::string& b) { return size_of[a] < size_of[b]; });
  // Names in the order the clauses read: letters (u = ..., v = ...) while they last,
  // else every name numbered (u1 = ..., u2 = ...), easier to follow than a mix.
  bool numbered = std::any_of(order.begin() + static_cast<long>(first), order.end(),
                              [](const std::string& n) { return n[0] == '#'; });
  std::map<std::string, Expr> node_of;
  for (const auto& [node, n] : names) node_of[n] = node;
  for (auto it = order.begin() + static_cast<long>(first); it != order.end(); ++it) {
    names.erase(node_of[*it]);
    if (auto t = node_of.find(*it + "'"); t != node_of.end()) names.erase(t->second);
  }
  int k = 1;
  for (auto it = order.begin() + static_cast<long>(first); it != order.end(); ++it) {
    Expr node = node_of[*it];
    auto t = node_of.find(*it + "'");
    std::string name = numbered ? "" : free_letter(taken, names);
    if (name.empty()) {
      do name = "u" + std::to_string(k++);
      while (name_used(taken, names, name));
    }
    names[node] = name;
    if (t != node_of.end()) names[t->second] = name + "'";
    *it = name;
  }
}

}  // namespace matcalc
