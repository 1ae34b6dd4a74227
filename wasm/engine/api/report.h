// Shared pieces of the API's outcomes: errors rendered with a caret, variables and
// shapes as JSON and text.
#pragma once

#include <string>

#include "api/outcome.h"
#include "expr/context.h"
#include "expr/error.h"

namespace matcalc {

// The error as the user sees it: message, column, the input line and a caret line.
Outcome error_outcome(const UserError& e, const std::string& expr, const std::string& decls,
                      const std::string& answer = "");
Outcome internal_error_outcome(const std::string& what);

std::string variables_json(Context& ctx);
// An expression as {"text", "latex", "shape"}; null for a null expression.
std::string expr_json(Context& ctx, Expr e);
std::string variables_text(Context& ctx);
// How a question was read: {syntax, text (the reading in the input language), decls, wrt}.
struct Question;
std::string reading_json(const Question& q);
std::string shape_word(const Context& ctx, Shape s);  // scalar, vector, matrix + size
// A note of the question's reading (SPEC 7, and the readings of ambiguous pastes) as
// {kind, variable, variables, message, declaration, expression}.
struct ConventionNote;
std::string note_json(const ConventionNote& n);

// Runs `body`, converting every exception to an error Outcome: the one place where
// C++ exceptions stop, so none crosses into the CLI's or the page's code.
template <class F>
Outcome guarded(const std::string& expr, const std::string& decls, F body,
                const std::string& answer = "") {
  try {
    return body();
  } catch (const UserError& e) {
    return error_outcome(e, expr, decls, answer);
  } catch (const InternalError& e) {
    return internal_error_outcome(e.what());
  } catch (const std::bad_alloc&) {
    return internal_error_outcome("out of memory");
  } catch (const std::exception& e) {
    return internal_error_outcome(e.what());
  } catch (...) {
    return internal_error_outcome("unknown failure");
  }
}

}  // namespace matcalc
