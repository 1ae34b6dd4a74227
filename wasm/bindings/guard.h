// What both WebAssembly modules (bindings.cpp, the whole engine; core.cpp, the first
// visit's part) do at the embind boundary: run one API call and return its JSON string.
// The engine promises not to throw; a C++ exception must never cross into JS as an
// opaque value anyway, so each call is guarded and a stray exception becomes an
// "internal" error object of the same shape as the engine's own errors.
#pragma once

#include <exception>
#include <string>

namespace matcalc::bindings {

inline std::string json_escape(const std::string& raw) {
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

inline std::string internal_error(const std::string& what) {
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

}  // namespace matcalc::bindings
