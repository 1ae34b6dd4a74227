// What a question's statements (or an answer's) were read from: each field's text as the
// user typed it. Every span of the statements' trees points into one field — the plain
// reader's and the LaTeX reader's alike, with no reading in between — and the
// declarations field's spans are offset by kDeclarationsBase, so that a span alone says
// which field it is in: an error found while typing or lowering a definition typed among
// the declarations points there, and one in the expression points into the expression.
#pragma once

#include <string>

#include "expr/error.h"
#include "parse/ast.h"

namespace matcalc {

struct TypedSource {
  struct Field {
    std::string text;   // as typed
    bool plain = true;  // the plain language (a span's bytes are the language's own text)
  };
  Field expression, declarations;

  static constexpr int kDeclarationsBase = 1 << 24;

  TypedSource() = default;
  explicit TypedSource(std::string expression_text, bool plain = true) {
    expression.text = std::move(expression_text);
    expression.plain = plain;
  }

  static bool in_declarations(int byte) { return byte >= kDeclarationsBase; }
  const Field& field(int byte) const { return in_declarations(byte) ? declarations : expression; }
  static int offset(int byte) { return in_declarations(byte) ? byte - kDeclarationsBase : byte; }
  // The bytes a span covers in its field (clamped to it).
  std::string text(Span s) const;
  // "column 5", or "column 5 of the declarations" for a span there.
  std::string position(int byte) const;
  // A user error raised against these statements (Source::Expression with a span in the
  // coordinates above), pointed into its field.
  UserError moved(UserError e) const;
};

}  // namespace matcalc
