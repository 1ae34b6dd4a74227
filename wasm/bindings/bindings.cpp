// The WebAssembly face of the whole engine (matcalc_wasm): embind functions that take
// plain strings and numbers and return the Outcome's JSON string (JSON.parse it in JS).
// No logic lives here. The page loads this module only for what the first visit's
// module (core.cpp) leaves out: LaTeX questions, code export, the index route and the
// rule table (README, "The engine in two modules").
#include <emscripten/bind.h>

#include <cstdint>
#include <string>

#include "api.h"
#include "guard.h"

namespace {

using matcalc::bindings::guarded;

std::string parse(std::string expr, std::string decls) {
  return guarded([&] { return matcalc::parse(matcalc::ParseRequest{expr, decls}); });
}

std::string evaluate(std::string expr, std::string decls, int seed) {
  return guarded([&] {
    return matcalc::evaluate(
        matcalc::EvalRequest{expr, decls, static_cast<std::uint32_t>(seed), false});
  });
}

std::string derive(std::string expr, std::string wrt, std::string decls, int seed, bool hessian,
                   std::string layout) {
  return guarded([&] {
    return matcalc::derive(matcalc::DeriveRequest{
        expr, wrt, decls, static_cast<std::uint32_t>(seed), hessian, layout});
  });
}

// derive with a route: "" / "matrix" (the default) or "index" (SPEC 10).
std::string derive_route(std::string expr, std::string wrt, std::string decls, int seed,
                         bool hessian, std::string layout, std::string route) {
  return guarded([&] {
    matcalc::DeriveRequest req{expr, wrt, decls, static_cast<std::uint32_t>(seed), hessian, layout};
    req.route = route;
    return matcalc::derive(req);
  });
}

// derive under a node budget lower than the engine's own: the request fails with a user
// error past it (the tests make the limit fire at every point of a derivation).
std::string derive_limited(std::string expr, std::string wrt, std::string decls, int max_nodes) {
  return guarded([&] {
    matcalc::DeriveRequest req{expr, wrt, decls};
    req.max_nodes = static_cast<std::size_t>(max_nodes > 0 ? max_nodes : 0);
    return matcalc::derive(req);
  });
}

std::string check_answer(std::string expr, std::string wrt, std::string decls, std::string answer,
                         int seed, bool hessian, std::string layout) {
  return guarded([&] {
    return matcalc::check_answer(matcalc::CheckRequest{
        expr, wrt, decls, answer, static_cast<std::uint32_t>(seed), hessian, layout});
  });
}

std::string export_code(std::string expr, std::string wrt, std::string decls, std::string lang,
                        int seed) {
  return guarded([&] {
    return matcalc::export_code(
        matcalc::ExportRequest{expr, wrt, decls, lang, static_cast<std::uint32_t>(seed)});
  });
}

std::string vocabulary() {
  return guarded([] { return matcalc::vocabulary(); });
}

std::string rules() {
  return guarded([] { return matcalc::rules(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(matcalc) {
  emscripten::function("checkAnswer", &check_answer);
  emscripten::function("rules", &rules);
  emscripten::function("vocabulary", &vocabulary);
  emscripten::function("exportCode", &export_code);  // (export is a reserved word in JS)
  emscripten::function("parse", &parse);
  emscripten::function("evaluate", &evaluate);
  emscripten::function("derive", &derive);
  emscripten::function("deriveRoute", &derive_route);
  emscripten::function("deriveLimited", &derive_limited);
}
