// The one error type shown to users, and the one for our own bugs. A UserError knows
// which input it refers to and the span there; it is converted to a message with a
// caret once, at the API boundary. An InternalError is never dressed up as the
// user's mistake.
#pragma once

#include <stdexcept>
#include <string>

namespace matcalc {

enum class Source { Expression, Declarations, Answer, None };

struct UserError : std::runtime_error {
  UserError(std::string code, const std::string& message, Source source = Source::None,
            int begin = 0, int end = 0)
      : std::runtime_error(message),
        code(std::move(code)),
        source(source),
        begin(begin),
        end(end) {}
  std::string code;  // parse, shape, unknown-symbol, unsupported, declaration
  Source source;
  int begin;  // byte offsets into the source, end exclusive
  int end;
};

struct InternalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace matcalc
