// The engine's public face: every front end (CLI, embind bindings, tests, benchmarks)
// calls these functions and nothing else. Each takes plain strings and returns an
// Outcome; no exception escapes, so the WASM boundary never sees one.
#pragma once

#include <cstdint>
#include <string>

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
  ErrorInfo error;      // set when !ok
  std::string text;     // result in the input language (SPEC section 1), one line
  std::string latex;    // result as LaTeX for KaTeX
  std::string json;     // the whole outcome as one JSON object (also for errors:
                        // {"ok":false,"error":{...}})
  std::string human;    // multi-line human-readable report (CLI `parse`/`eval` default)
  std::string warning;  // non-empty when the result exists but is doubtful (a failed
                        // numeric check): the CLI prints it on stderr and exits 1
};

struct ParseRequest {
  std::string expr;
  std::string decls;
};

struct EvalRequest {
  std::string expr;
  std::string decls;
  std::uint32_t seed = 1;
  bool verbose = false;  // include the random inputs in human/json
};

struct DeriveRequest {
  std::string expr;
  std::string wrt;
  std::string decls;
  std::uint32_t seed = 1;
  bool hessian = false;
  std::string layout;  // "", "denominator" or "numerator"; "" = the SPEC default
};

// "Check my answer": a student's answer against the derived result.
struct CheckRequest {
  std::string expr;
  std::string wrt;
  std::string decls;
  std::string answer;  // in the input language
  std::uint32_t seed = 1;
  bool hessian = false;
};

Outcome parse(const ParseRequest& req);
Outcome evaluate(const EvalRequest& req);
Outcome derive(const DeriveRequest& req);
// json: {ok, correct, verdict, message, expected{text,latex}, answer{text,latex,shape},
// answer_error, symbolic, sizes, seed}. verdict: correct, convention, transposed, factor,
// sign, missing-term, extra-term, assumes-symmetric, wrong-shape, different.
Outcome check_answer(const CheckRequest& req);
// Every rule of every table: {ok, rules: [{name, family, latex, source, note}]}.
Outcome rules();

}  // namespace matcalc
