// The engine's public face: every front end (CLI, embind bindings, tests, benchmarks)
// calls these functions and nothing else. Each takes plain strings and returns an
// Outcome; no exception escapes, so the WASM boundary never sees one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "api/export.h"
#include "api/outcome.h"

namespace matcalc {

// `syntax` in every request that reads a question: "plain", "latex", or "" (LaTeX when
// the input looks like LaTeX: a backslash command, braces; plain input has neither).
struct ParseRequest {
  std::string expr;
  std::string decls;
  std::string syntax;
};

struct EvalRequest {
  std::string expr;
  std::string decls;
  std::uint32_t seed = 1;
  bool verbose = false;  // include the random inputs in human/json
  std::string syntax;
};

struct DeriveRequest {
  std::string expr;
  std::string wrt;
  std::string decls;
  std::uint32_t seed = 1;
  bool hessian = false;
  std::string layout;       // "", "denominator" or "numerator"; "" = the SPEC default
  bool check_steps = true;  // evaluate every step against f (JSON: step_check)
  std::string syntax;
  std::string route;  // "" or "matrix" (the default), or "index" (SPEC section 10)
  // A lower node budget than the engine's own (0: the engine's): the request fails with a
  // user error when its derivation makes more nodes. Tests use it to make the limit fire
  // at every point of a derivation.
  std::size_t max_nodes = 0;
};

// "Check my answer": a student's answer against the derived result.
struct CheckRequest {
  std::string expr;
  std::string wrt;
  std::string decls;
  std::string answer;  // in the input language
  std::uint32_t seed = 1;
  bool hessian = false;
  std::string layout;  // the layout the answer is written in; "" = the SPEC default
  std::string syntax;  // of the question (the answer is plain input)
};

Outcome parse(const ParseRequest& req);
Outcome evaluate(const EvalRequest& req);
Outcome derive(const DeriveRequest& req);
// json: {ok, correct, verdict, message, expected{text,latex}, answer{text,latex,shape},
// answer_error, symbolic, sizes, seed}. verdict: correct, convention, transposed, factor,
// sign, missing-term, extra-term, several-terms, assumes-symmetric, wrong-shape,
// backprop-form, chain-shorthand, unconstrained, different (the table: api/verdicts.h).
Outcome check_answer(const CheckRequest& req);
// Every rule of every table: {ok, rules: [{name, family, latex, source, note}]}.
Outcome rules();
// The vocabulary the page and tests share with the engine: {ok, verdicts: [{name,
// correct, label}], layouts, forms}.
Outcome vocabulary();

}  // namespace matcalc
