#include "parse/typed_source.h"

#include <algorithm>

namespace matcalc {

std::string TypedSource::text(Span s) const {
  const std::string& t = field(s.begin).text;
  int n = static_cast<int>(t.size());
  int b = std::clamp(offset(s.begin), 0, n), e = std::clamp(offset(s.end), b, n);
  return t.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
}

std::string TypedSource::position(int byte) const {
  std::string at = position_text(field(byte).text, offset(byte));
  return in_declarations(byte) ? at + " of the declarations" : at;
}

UserError TypedSource::moved(UserError e) const {
  if (e.source != Source::Expression || !in_declarations(e.begin)) return e;
  e.source = Source::Declarations;
  e.begin = offset(e.begin);
  e.end = std::max(offset(e.end), e.begin + 1);
  return e;
}

}  // namespace matcalc
