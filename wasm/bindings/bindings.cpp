// The WebAssembly face of the engine: embind functions that take plain strings
// and numbers and return the Outcome's JSON string (JSON.parse it in JS). No logic
// lives here. The engine promises not to throw; a C++ exception must never cross into
// JS as an opaque value anyway, so each call is guarded and a stray exception becomes
// an "internal" error object of the same shape as the engine's own errors.
#include <emscripten/bind.h>

#include <cstdint>
#include <exception>
#include <string>

#include "api.h"

namespace {

std::string json_escape(const std::string& raw) {
  std::string out;
  for (unsigned char c : raw) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string internal_error(const std::string& what) {
  const std::string message = json_escape("internal error: " + what);
  return R"({"ok":false,"error":{"code":"internal","message":")" + message +
         R"(","source":"","column":0,"length":0,"rendered":")" + message + R"("}})";
}

template <typename Call>
std::string guarded(Call&& call) {
  try {
    return call().json;
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

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
