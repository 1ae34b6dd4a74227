// What every API call returns: a result in several forms, or one user-facing error.
// A leaf, so the API's helpers (report.h) need not include the API itself.
#pragma once

#include <string>
#include <vector>

namespace matcalc {

// A user-facing failure: what is wrong and where. `column` is 1-based, `length` the
// width of the offending span (>= 1); both 0 when the error has no position
// (e.g. an unknown --wrt variable). `code` is one of: parse, shape, unknown-symbol,
// unsupported, declaration, internal.
struct ErrorInfo {
  std::string code;
  std::string message;  // one line, no position
  std::string source;   // "expression" or "declarations": which input the span refers to
  int column = 0;
  int length = 0;
  std::string rendered;  // message + "\n" + the input line + "\n" + caret line (for stderr)
};

struct Outcome {
  bool ok = false;
  ErrorInfo error;                 // set when !ok
  std::string text;                // result in the input language (SPEC section 1), one line
  std::string latex;               // result as LaTeX for KaTeX
  std::string json;                // the whole outcome as one JSON object (also for errors:
                                   // {"ok":false,"error":{...}})
  std::string steps;               // derive: the steps in plain text, one per line (rules: text)
  std::string human;               // multi-line human-readable report (CLI `parse`/`eval` default)
  std::vector<std::string> notes;  // SPEC section 7: the CLI prints each as "note: ..." on stderr
  std::string warning;             // non-empty when the result exists but is doubtful (a failed
                                   // numeric check): the CLI prints it on stderr and exits 1
};

}  // namespace matcalc
