// Declarations parser: a short flat grammar, with the same error conventions as the
// expression parser (source = declarations, span of the offending token).
#include "parse/decls.h"

#include <cmath>

#include "expr/node.h"
#include "expr/structures.h"
#include "parse/lexer.h"

namespace matcalc {

namespace {

[[noreturn]] void fail(const std::string& msg, Span s) {
  throw UserError("declaration", msg, Source::Declarations, s.begin, std::max(s.end, s.begin + 1));
}

struct KindInfo {
  std::string name;
  int min_dims, max_dims;
  unsigned props;
};

// The plain kinds, then one per structure row (expr/structures.h).
const std::vector<KindInfo>& kinds() {
  static const std::vector<KindInfo> rows = [] {
    std::vector<KindInfo> out = {{"scalar", 0, 0, 0}, {"vector", 0, 1, 0}, {"matrix", 0, 2, 0}};
    for (const StructureRow& r : structure_rows())
      out.push_back({r.word, 0, r.shape == StructShape::Tall ? 2 : 1, r.props});
    return out;
  }();
  return rows;
}

const KindInfo* find_kind(const std::string& name) {
  for (const KindInfo& k : kinds())
    if (name == k.name) return &k;
  return nullptr;
}

}  // namespace

std::vector<Decl> parse_declarations(const std::string& src) {
  std::vector<Token> toks = tokenize(src, Source::Declarations, true);
  std::vector<Decl> out;
  std::size_t i = 0;
  auto is_op = [&](const char* op) { return toks[i].kind == Tok::Op && toks[i].text == op; };
  while (toks[i].kind != Tok::End) {
    if (is_op(";") || is_op(",")) {
      ++i;
      continue;
    }
    if (toks[i].kind != Tok::Ident)
      fail("expected a variable name, as in 'x: vector(n)'", toks[i].span);
    Decl d;
    d.name = toks[i].text;
    d.span = toks[i].span;
    ++i;
    if (!is_op(":"))
      fail("expected ':' after '" + d.name + "', as in '" + d.name + ": matrix(n,m)'",
           toks[i].span);
    ++i;
    if (toks[i].kind != Tok::Ident) fail("expected a kind: " + declaration_words(), toks[i].span);
    const KindInfo* kind = find_kind(toks[i].text);
    if (!kind)
      fail("unknown kind '" + toks[i].text + "': use " + declaration_words(), toks[i].span);
    d.kind = kind->name;
    d.props = kind->props;
    Span kind_span = toks[i].span;
    ++i;
    if (is_op("(")) {
      ++i;
      while (true) {
        const Token& t = toks[i];
        DimSpec dim;
        dim.span = t.span;
        if (t.kind == Tok::Ident) {
          dim.name = t.text;
        } else if (t.kind == Tok::Num && t.number >= 1 && t.number == std::floor(t.number) &&
                   t.number <= 1e6) {
          dim.value = static_cast<long long>(t.number);
        } else {
          fail("a dimension is a name or a positive integer", t.span);
        }
        d.dims.push_back(dim);
        ++i;
        if (is_op(",")) {
          ++i;
          continue;
        }
        if (is_op(")")) break;
        fail("expected ',' or ')' in the dimensions", toks[i].span);
      }
      ++i;
    }
    int n = static_cast<int>(d.dims.size());
    if (n < kind->min_dims || n > kind->max_dims)
      fail(kind->name + " takes " +
               (kind->max_dims == 0 ? std::string("no dimensions")
                                    : "at most " + std::to_string(kind->max_dims) +
                                          (kind->max_dims == 1 ? " dimension" : " dimensions")),
           kind_span);
    // A tall shape (stiefel(n,p): orthonormal columns) has no more columns than rows.
    const StructureRow* row = find_structure(d.kind);
    if (row && row->shape == StructShape::Tall && n == 2 && d.dims[0].value > 0 &&
        d.dims[1].value > d.dims[0].value)
      fail(d.kind + "(n,p) has p <= n: " + std::to_string(d.dims[0].value) + " rows cannot hold " +
               std::to_string(d.dims[1].value) + " orthonormal columns",
           kind_span);
    d.span.end = toks[i - 1].span.end;
    for (const Decl& prev : out)
      if (prev.name == d.name) fail("'" + d.name + "' is declared twice", d.span);
    out.push_back(std::move(d));
    if (toks[i].kind != Tok::End && !is_op(";") && !is_op(","))
      fail("expected ';' between declarations", toks[i].span);
  }
  return out;
}

std::vector<std::string> names_of(const std::vector<Decl>& decls) {
  std::vector<std::string> out;
  for (const Decl& d : decls) out.push_back(d.name);
  return out;
}

std::vector<std::string> scalar_names(const std::vector<Decl>& decls) {
  std::vector<std::string> out;
  for (const Decl& d : decls)
    if (d.kind == "scalar") out.push_back(d.name);
  return out;
}

}  // namespace matcalc
