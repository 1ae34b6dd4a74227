// What one fuzz input asks of the engine (shared by the libFuzzer target and the test that
// replays the inputs fuzzing found, tests/engine/fuzz_findings_test.cpp). An input is an
// operation letter, then tab-separated fields:
//   OP EXPR \t WRT \t DECLS \t ANSWER
// OP is one of kFuzzOps (any other byte picks one by its value): parse, evaluate, derive,
// Hessian, index route, numerator layout, check, NumPy export, another export (ANSWER
// names the language), LaTeX parse, LaTeX derive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api.h"

namespace matcalc_fuzz {

inline constexpr std::string_view kFuzzOps = "pedhincxyLl";

inline std::vector<std::string> fields(std::string_view rest) {
  std::vector<std::string> out;
  while (out.size() < 3) {
    std::size_t tab = rest.find('\t');
    if (tab == std::string_view::npos) break;
    out.emplace_back(rest.substr(0, tab));
    rest.remove_prefix(tab + 1);
  }
  out.emplace_back(rest);
  out.resize(4);
  return out;
}

inline void run(char op, const std::vector<std::string>& f) {
  const std::string &expr = f[0], &wrt = f[1], &decls = f[2], &answer = f[3];
  matcalc::DeriveRequest derive;
  derive.expr = expr, derive.wrt = wrt, derive.decls = decls;
  matcalc::ParseRequest parse;
  parse.expr = expr, parse.decls = decls;
  matcalc::ExportRequest code;
  code.expr = expr, code.wrt = wrt, code.decls = decls, code.lang = "numpy";
  switch (op) {
    case 'p':
      matcalc::parse(parse);
      break;
    case 'L':
      parse.syntax = "latex", matcalc::parse(parse);
      break;
    case 'e': {
      matcalc::EvalRequest eval;
      eval.expr = expr, eval.decls = decls, eval.verbose = true;
      matcalc::evaluate(eval);
      break;
    }
    case 'd':
      matcalc::derive(derive);
      break;
    case 'h':
      derive.hessian = true, matcalc::derive(derive);
      break;
    case 'i':
      derive.route = "index", matcalc::derive(derive);
      break;
    case 'n':
      derive.layout = "numerator", matcalc::derive(derive);
      break;
    case 'l':
      derive.syntax = "latex", matcalc::derive(derive);
      break;
    case 'c': {
      matcalc::CheckRequest check;
      check.expr = expr, check.wrt = wrt, check.decls = decls, check.answer = answer;
      matcalc::check_answer(check);
      break;
    }
    case 'x':
      matcalc::export_code(code);
      break;
    case 'y':
      code.lang = answer.empty() ? "eigen" : answer, matcalc::export_code(code);
      break;
  }
}

// Runs one input; the API never throws, so neither does this.
inline void run_input(std::string_view in) {
  if (in.empty()) return;
  char op = kFuzzOps.find(in[0]) != std::string_view::npos
                ? in[0]
                : kFuzzOps[static_cast<unsigned char>(in[0]) % kFuzzOps.size()];
  run(op, fields(in.substr(1)));
}

}  // namespace matcalc_fuzz
