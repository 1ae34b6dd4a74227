// Questions written entry by entry (SPEC 14: ∂(Σₖ m_ik m_jk)/∂m_xy, f_ij = w_ik x_kj):
// recognised, never read as names (m_ik a vector) and answered for another variable.
// Until the entry-by-entry reader lands they are refused, with the matrix question to
// type instead where the entries form a matrix product (Σₖ m_ik m_jk is (MMᵀ)_ij), found
// by following the shared indices from one free index to the other, as einsum does.
#include <algorithm>
#include <cctype>
#include <functional>

#include "parse/latex_parser.h"
#include "parse/typer.h"

namespace matcalc {

namespace {

struct Entry {
  std::string name;     // the matrix or vector it is an entry of (m_{ik}: M, a_k: a)
  std::string indices;  // its index letters
};

std::string base_of(const LNode& n) { return n.text.substr(0, n.text.find('_')); }

// m_{ik} as the question wrote it, from a name and its index letters.
std::string entry_text(const std::string& name, const std::string& indices) {
  return name.substr(0, name.find('_')) + "_{" + indices + "}";
}

// The variable an entry belongs to: a lower-case name with two indices is an entry of the
// capital matrix of that letter (SPEC 14: m_{ik} of M); one index, of the vector.
std::string owner(const std::string& base, std::size_t n_indices) {
  if (base == "delta") return "I";  // \delta_{ij}, the identity's entries
  std::string out = base;
  if (n_indices == 2) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

// The entries of a product of entries (through a sum sign and parentheses), or false when
// it holds anything else (a function, a power, a sum of terms).
bool entries_of(const LNode& n, std::vector<Entry>& out) {
  if (n.kind == LKind::Name && !n.indices.empty()) {
    out.push_back({owner(base_of(n), n.indices.size()), n.indices});
    return true;
  }
  if (n.kind == LKind::Product) {
    for (std::size_t i = 0; i < n.kids.size(); ++i)
      if ((i > 0 && n.ops[i] != "*" && n.ops[i] != ".*") || !entries_of(*n.kids[i], out))
        return false;
    return true;
  }
  if ((n.kind == LKind::Call && n.text == "sum" && n.kids.size() == 1) || n.kind == LKind::Paren)
    return entries_of(*n.kids[0], out);
  return false;
}

// The matrix form of a product of entries with the given free indices (row, then column;
// one for a vector): a chain from the first free index through shared indices. "" when
// the entries do not form one chain.
std::string chain(std::vector<Entry> entries, const std::string& free) {
  if (free.empty() || free.size() > 2) return "";
  std::string out;
  char at = free[0];
  bool closed = false;
  while (!entries.empty()) {
    auto e = std::find_if(entries.begin(), entries.end(),
                          [&](const Entry& x) { return x.indices.find(at) != std::string::npos; });
    if (e == entries.end()) return "";
    std::string factor;
    if (e->indices.size() == 2) {
      bool straight = e->indices[0] == at;
      factor = e->name + (straight || e->name == "I" ? "" : "'");
      at = straight ? e->indices[1] : e->indices[0];
    } else {
      factor = e->name + (out.empty() && free.size() == 2 ? "" : out.empty() ? "'" : "");
      if (!out.empty()) closed = true;  // a vector ends the chain: X'*a
    }
    out += (out.empty() ? "" : "*") + factor;
    entries.erase(e);
    if (closed) break;
  }
  if (!entries.empty()) return "";
  bool ends_right = free.size() == 2 ? at == free[1] : closed;
  return ends_right ? out : "";
}

// The letters that occur once in the entries, in order (the free indices of Einstein's
// convention, when nothing names them).
std::string once(const std::vector<Entry>& entries) {
  std::string all, out;
  for (const Entry& e : entries) all += e.indices;
  for (char c : all)
    if (std::count(all.begin(), all.end(), c) == 1) out += c;
  return out;
}

// Einstein's convention outside a sum sign: an index shared by two entries of a product.
void einstein(const LNode& n, LatexNames& names) {
  if (n.kind == LKind::Call && n.text == "sum") return;
  if (n.kind == LKind::Product) {
    std::string seen;
    for (const LNodePtr& k : n.kids) {
      if (k->kind != LKind::Name || k->indices.empty()) continue;
      for (char c : k->indices)
        if (seen.find(c) != std::string::npos)
          names.index_notation(std::string("the index ") + c + " repeated in a product (Einstein)",
                               n.span);
      for (char c : k->indices)
        if (seen.find(c) == std::string::npos) seen += c;
    }
  }
  for (const LNodePtr& k : n.kids) einstein(*k, names);
}

bool has_entry(const LNode& n) {
  if (n.kind == LKind::Name && !n.indices.empty()) return true;
  return std::any_of(n.kids.begin(), n.kids.end(), [](const LNodePtr& k) { return has_entry(*k); });
}

}  // namespace

void refuse_index_notation(const std::vector<LatexStatement>& sts, LatexNames& names) {
  using K = LatexStatement::Kind;
  const LatexStatement* question = nullptr;
  for (const LatexStatement& s : sts) {
    if (!s.body) continue;
    if (s.kind == K::Question) question = &s;
    if (s.kind == K::Question && !s.wrt_indices.empty() && has_entry(*s.body))
      names.index_notation("the derivative by the entry " + entry_text(s.wrt, s.wrt_indices),
                           s.wrt_span);
    if (s.kind == K::Definition && !s.name_indices.empty() && has_entry(*s.body))
      names.index_notation("the definition of the entry " + entry_text(s.name, s.name_indices),
                           s.name_span);
    einstein(*s.body, names);
  }
  if (names.index_reason.empty()) return;
  // The matrix question it stands for, where the entries form a matrix product.
  std::string suggestion;
  for (auto s = sts.rbegin(); s != sts.rend() && suggestion.empty(); ++s) {
    if (!s->body || s->kind == K::Declaration) continue;
    std::vector<Entry> entries;
    if (!entries_of(*s->body, entries)) continue;
    std::string free =
        s->kind == K::Definition && !s->name_indices.empty() ? s->name_indices : once(entries);
    std::string form = chain(entries, free);
    if (form.empty()) continue;
    std::string wrt =
        question && !question->wrt_indices.empty()
            ? owner(question->wrt.substr(0, question->wrt.find('_')), question->wrt_indices.size())
        : question ? question->wrt
                   : "";
    suggestion = form + (wrt.empty() ? "" : " by " + wrt);
  }
  latex_fail("this question is written entry by entry (index notation: " + names.index_reason +
                 "), which matcalc does not read yet; ask it in matrix form" +
                 (suggestion.empty() ? std::string(": matrices and vectors, their products and "
                                                   "transposes ((M*M')_ij is the sum over k of "
                                                   "m_ik m_jk)")
                                     : ": " + suggestion),
             names.index_span);
}

}  // namespace matcalc
