// Reads the test data files (tests/data/*.json, content/examples.json): a JSON array of
// flat objects whose values are strings, numbers or booleans. Header-only so that the
// benchmark, which is not linked with the tests, reads the same files the same way.
// Anything beyond that shape is rejected with std::runtime_error, never guessed at.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace matcalc_test {

using JsonCase = std::map<std::string, std::string>;  // numbers and booleans as written

class FlatJsonReader {
 public:
  explicit FlatJsonReader(std::string text) : s_(std::move(text)) {}

  std::vector<JsonCase> cases() {
    std::vector<JsonCase> out;
    expect('[');
    if (peek() == ']') return ++i_, out;
    while (true) {
      out.push_back(object());
      if (peek() == ']') return ++i_, out;
      expect(',');
    }
  }

 private:
  JsonCase object() {
    JsonCase c;
    expect('{');
    if (peek() == '}') return ++i_, c;
    while (true) {
      std::string key = string();
      expect(':');
      c[key] = peek() == '"' ? string() : scalar();
      if (peek() == '}') return ++i_, c;
      expect(',');
    }
  }

  std::string string() {
    expect('"');
    std::string out;
    while (i_ < s_.size() && s_[i_] != '"') {
      char ch = s_[i_++];
      if (ch != '\\') {
        out += ch;
        continue;
      }
      char esc = s_.at(i_++);
      if (esc == 'n')
        out += '\n';
      else if (esc == 't')
        out += '\t';
      else if (esc == 'u')
        throw std::runtime_error("json: \\u escapes are not supported");
      else
        out += esc;  // \" \\ \/
    }
    expect('"');
    return out;
  }

  std::string scalar() {
    std::size_t start = i_;
    while (i_ < s_.size() && std::string(",}] \n\r\t").find(s_[i_]) == std::string::npos) ++i_;
    if (i_ == start) fail("a value");
    return s_.substr(start, i_ - start);
  }

  char peek() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
    if (i_ >= s_.size()) fail("more input");
    return s_[i_];
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("'") + c + "'");
    ++i_;
  }
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("json: expected " + what + " at offset " + std::to_string(i_));
  }

  std::string s_;
  std::size_t i_ = 0;
};

inline std::vector<JsonCase> read_json_cases(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return FlatJsonReader(text.str()).cases();
}

// The worked examples: content/examples.json, the one copy the page, the tests and the
// benchmarks read.
inline std::string worked_examples_path(const std::string& source_dir) {
  return source_dir + "/content/examples.json";
}

}  // namespace matcalc_test
