// The first visit's WebAssembly module (matcalc_core): what a first derivation needs —
// the plain reader, the derivation, the simplifier, the numeric check, the text and
// LaTeX printers — and nothing else (SPEC 11: index.html loads no more than it needs).
// The LaTeX reader, the index route, code export, check my answer, the vocabulary and
// the rule table live only in the whole engine (bindings.cpp, matcalc_wasm), which the
// page loads when first used or once it is idle.
//
// The functions have the same names and arguments as the whole engine's. A call that
// reaches a part this module does not have (a LaTeX question or answer: core_stubs.cpp)
// answers {"ok":false,"needs":"latex"} instead of an error, and web/worker.js asks the
// whole engine.
#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <utility>

#include "api.h"
#include "core_stubs.h"
#include "guard.h"

namespace {

using matcalc::bindings::guarded;

template <typename Call>
std::string answered(Call&& call) {
  matcalc::bindings::clear_needed_part();
  std::string json = guarded(call);
  const std::string& part = matcalc::bindings::needed_part();
  if (part.empty()) return json;
  return R"({"ok":false,"needs":")" + part + R"("})";
}

std::string parse(std::string expr, std::string decls) {
  matcalc::ParseRequest req;
  req.expr = std::move(expr);
  req.decls = std::move(decls);
  return answered([&] { return matcalc::parse(req); });
}

std::string derive(std::string expr, std::string wrt, std::string decls, int seed, bool hessian,
                   std::string layout) {
  matcalc::DeriveRequest req;
  req.expr = std::move(expr);
  req.wrt = std::move(wrt);
  req.decls = std::move(decls);
  req.seed = static_cast<std::uint32_t>(seed);
  req.hessian = hessian;
  req.layout = std::move(layout);
  return answered([&] { return matcalc::derive(req); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(matcalc_core) {
  emscripten::function("parse", &parse);
  emscripten::function("derive", &derive);
}
