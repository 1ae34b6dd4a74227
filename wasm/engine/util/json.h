// A minimal JSON writer: enough for the engine's outcomes, no dependency.
#pragma once

#include <string>
#include <vector>

namespace matcalc {

std::string json_string(const std::string& s);  // quoted and escaped
std::string json_number(double v);              // null for NaN/inf

// Builds one object: add fields, then str().
class JsonObject {
 public:
  JsonObject& raw(const std::string& key, const std::string& json);
  JsonObject& str(const std::string& key, const std::string& value) {
    return raw(key, json_string(value));
  }
  JsonObject& num(const std::string& key, double v) { return raw(key, json_number(v)); }
  JsonObject& boolean(const std::string& key, bool v) { return raw(key, v ? "true" : "false"); }
  std::string str() const { return "{" + body_ + "}"; }

 private:
  std::string body_;
};

std::string json_array(const std::vector<std::string>& items);  // items already JSON

}  // namespace matcalc
