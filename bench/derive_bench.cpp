// Benchmark, not a test: the median wall time of one matcalc::derive call (parse,
// derivation, simplification and the numeric check, exactly what the CLI and the page
// run) for each worked example, natively. bench/wasm_bench.mjs measures the same calls
// through the WebAssembly module under node, so the two tables compare.
//
//   build/matcalc_bench [EXAMPLES.json]    (default: content/examples.json)
//   NOSTEPS=1 build/matcalc_bench          (without the step check, to see its cost)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "../tests/engine/json_cases.h"
#include "api.h"

namespace {

// The source tree, from where this file was compiled.
std::string source_dir() {
  std::string file = __FILE__;
  std::string bench = file.substr(0, file.find_last_of('/'));
  return bench.substr(0, bench.find_last_of('/'));
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// Runs `call` until at least 15 samples and 0.3 s (at most 500 samples; a call slower
// than 2 s is timed once), after one warm-up call; returns the median in milliseconds.
template <class Call>
double median_ms_of(Call call, matcalc::Outcome* last) {
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  *last = call();
  double first = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (first > 2000) return first;
  std::vector<double> samples;
  auto start = Clock::now();
  while (samples.size() < 500 &&
         (samples.size() < 15 || Clock::now() - start < std::chrono::milliseconds(300))) {
    t0 = Clock::now();
    *last = call();
    samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return median(samples);
}

double median_ms(const matcalc::DeriveRequest& req, matcalc::Outcome* last) {
  return median_ms_of([&] { return matcalc::derive(req); }, last);
}

// How a scaling case ended: refused (exit 2, with the message's start), or not.
std::string ending(const matcalc::Outcome& out) {
  if (out.ok) return "";
  return "  refused: " + out.error.message.substr(0, 70);
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = argc > 1 ? argv[1] : matcalc_test::worked_examples_path(source_dir());
  std::vector<matcalc_test::JsonCase> examples = matcalc_test::read_json_cases(path);
  std::printf("derive (parse + derivation + simplify + numeric check), native, median of runs\n");
  std::printf("examples: %s\n\n", path.c_str());
  std::printf("%-24s %-9s %10s  %s\n", "example", "kind", "median ms", "result");
  std::vector<double> all;
  for (const auto& e : examples) {
    matcalc::DeriveRequest req;
    req.expr = e.at("expr");
    req.wrt = e.at("wrt");
    req.decls = e.at("decl");
    req.check_steps = getenv("NOSTEPS") == nullptr;
    matcalc::Outcome out;
    double ms = median_ms(req, &out);
    all.push_back(ms);
    std::string result = out.ok ? out.text : "error: " + out.error.message;
    if (!out.warning.empty()) result += "  (check did not pass)";
    // (case files without ids or kinds, tests/data/structures.json: the expression and "gradient")
    std::string id = e.count("id") ? e.at("id") : e.at("expr").substr(0, 24);
    std::string kind = e.count("kind") ? e.at("kind") : "gradient";
    std::printf("%-24s %-9s %10.3f  %s\n", id.c_str(), kind.c_str(), ms, result.c_str());
  }
  std::printf("\n%-34s %10.3f\n", "median over the examples", median(all));
  if (getenv("NOSCALING")) return 0;

  // Scaling (issue 13): the cost of deep compositions and nested Kronecker products,
  // which should grow near-linearly, and inputs that once cost seconds.
  std::printf("\nscaling (median ms per derive)\n");
  auto layers = [](int depth) {
    std::string e = "x";
    for (int i = 0; i < depth; ++i) e = "sigmoid(W*" + e + ")";
    return "sum(" + e + ")";
  };
  double base = 0;
  for (int depth : {8, 16, 32, 64}) {
    matcalc::DeriveRequest req;
    req.expr = layers(depth);
    req.wrt = "W";
    matcalc::Outcome out;
    double ms = median_ms(req, &out);
    if (depth == 8) base = ms;
    std::printf("  %2d sigmoid layers wrt W %14.3f  (%.1fx depth 8)\n", depth, ms, ms / base);
  }
  const std::pair<const char*, const char*> kCases[] = {
      {"tr(kron(kron(kron(A,X),X),X))", "X"},
      {"kron(kron(kron(kron(kron(kron(kron(kron(x,x),x),x),x),x),x),x),x)", "x"},
      {"x'*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*A*x", "x"}};
  for (auto [expr, wrt] : kCases) {
    matcalc::DeriveRequest req;
    req.expr = expr;
    req.wrt = wrt;
    matcalc::Outcome out;
    std::printf("  %-60.60s %10.3f\n", expr, median_ms(req, &out));
  }
  // Small inputs random testing found costing seconds (issue 13): a tower of 100
  // powers, a chain of 1000 factors, 100 declared vectors the expression never uses.
  auto repeat = [](const std::string& first, const std::string& each, int n) {
    std::string e = first;
    for (int i = 1; i < n; ++i) e += each;
    return e;
  };
  std::string unused;
  for (int i = 0; i < 100; ++i) unused += "v" + std::to_string(i) + ": vector; ";
  const struct {
    const char* label;
    std::string expr, wrt, decls;
  } kFound[] = {
      {"a^a^...^a, 100 levels", repeat("a", "^a", 100), "a", ""},
      {"x'*A*...*A*x, 1000 factors", "x'*" + repeat("A", "*A", 1000) + "*x", "x", ""},
      {"x'*A*x with 100 unused vectors declared", "x'*A*x", "x", unused},
  };
  for (const auto& c : kFound) {
    matcalc::DeriveRequest req;
    req.expr = c.expr;
    req.wrt = c.wrt;
    req.decls = c.decls;
    matcalc::Outcome out;
    double ms = median_ms(req, &out);
    std::printf("  %-60.60s %10.3f%s\n", c.label, ms, ending(out).c_str());
  }
  // Issue 21: inputs under 4000 characters that cost seconds and gigabytes, or ran out of
  // memory; each now finishes in well under a second or is refused before the work.
  std::string nest = "x";
  for (int i = 0; i < 150; ++i) nest = "kron(" + nest + ",x)";
  std::string chain = "x'*" + repeat("X", "*X", 1000) + "*x";
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "v" + std::to_string(i) + ": vector; ";
  const struct {
    const char* label;
    std::string expr, wrt, decls, answer;  // an answer: timed under check
  } kIssue21[] = {
      {"kron(kron(...(x,x)...),x), 150 levels, wrt x", nest, "x", "", ""},
      {"x'*X*...*X*x, 1000 factors, under check", chain, "X", "", "x*x'"},
      {"x'*A*x with 2000 declared vectors", "x'*A*x", "x", many, ""},
  };
  for (const auto& c : kIssue21) {
    matcalc::Outcome out;
    double ms = median_ms_of(
        [&] {
          if (c.answer.empty()) {
            matcalc::DeriveRequest req;
            req.expr = c.expr, req.wrt = c.wrt, req.decls = c.decls;
            return matcalc::derive(req);
          }
          matcalc::CheckRequest req;
          req.expr = c.expr, req.wrt = c.wrt, req.decls = c.decls, req.answer = c.answer;
          return matcalc::check_answer(req);
        },
        &out);
    std::printf("  %-60.60s %10.3f%s\n", c.label, ms, ending(out).c_str());
  }
  return 0;
}
