// libFuzzer target over the engine's whole public face (api.h): plain and LaTeX
// questions, programs, derive (gradient, Hessian, the index route, the other layout),
// check my answer, evaluate and code export. Built with clang under ASan and UBSan by
// scripts/fuzz.sh (CMake option MATCALC_FUZZ); any crash, leak, sanitizer report or
// input slower than libFuzzer's -timeout fails the run. The API promises never to throw,
// so an exception out of it is a crash too (libFuzzer reports the abort).
//
// An input is an operation letter, then tab-separated fields:
//   OP EXPR \t WRT \t DECLS \t ANSWER
// OP is one of kOps below (any other byte picks one by its value). The seed corpus
// (tests/fuzz/seeds.py) writes every question of the tests in this form.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api.h"

namespace {

constexpr std::string_view kOps = "pedhincxyLl";

std::vector<std::string> fields(std::string_view rest) {
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

void run(char op, const std::vector<std::string>& f) {
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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  char op = kOps.find(in[0]) != std::string_view::npos
                ? in[0]
                : kOps[static_cast<unsigned char>(in[0]) % kOps.size()];
  run(op, fields(in.substr(1)));
  return 0;
}
