// The `matcalc` command (SPEC section 4): reads the arguments, calls the engine's API
// once, prints the chosen form of the Outcome and maps it to an exit status:
//   0 ok, 1 ok but doubtful (warning on stderr), 2 bad input or usage, 3 internal error.
// All the mathematics is in the engine; this file only moves text in and out.
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "api.h"
#include "help.h"
#include "options.h"

namespace {

using matcalc::cli::Command;
using matcalc::cli::Format;
using matcalc::cli::Verb;

constexpr int kExitOk = 0;
constexpr int kExitWarning = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 3;

// Writes `text` and ends the line unless it already ends with one.
void print_line(std::ostream& out, std::string_view text) {
  out << text;
  if (text.empty() || text.back() != '\n') out << '\n';
}

matcalc::Outcome run_engine(const Command& cmd) {
  switch (cmd.verb) {
    case Verb::kDerive:
      return matcalc::derive(matcalc::DeriveRequest{cmd.expr, cmd.wrt, cmd.decls, cmd.seed,
                                                    cmd.hessian, cmd.layout, true, cmd.syntax,
                                                    cmd.route});
    case Verb::kParse:
      return matcalc::parse(matcalc::ParseRequest{cmd.expr, cmd.decls, cmd.syntax});
    case Verb::kEval:
      return matcalc::evaluate(
          matcalc::EvalRequest{cmd.expr, cmd.decls, cmd.seed, cmd.verbose, cmd.syntax});
    case Verb::kCheck:
      return matcalc::check_answer(matcalc::CheckRequest{
          cmd.expr, cmd.wrt, cmd.decls, cmd.answer, cmd.seed, cmd.hessian, cmd.layout, cmd.syntax});
    case Verb::kRules:
      return matcalc::rules();
    case Verb::kVocabulary:
      return matcalc::vocabulary();
    case Verb::kExport:
      return matcalc::export_code(
          matcalc::ExportRequest{cmd.expr, cmd.wrt, cmd.decls, cmd.lang, cmd.seed, cmd.syntax});
    case Verb::kHelp:
      break;
  }
  return {};
}

// The part of a successful Outcome that `--format` asks for. For parse and eval the
// text format is the human-readable report; for derive it is the bare result.
const std::string& chosen_output(const matcalc::Outcome& out, const Command& cmd) {
  switch (cmd.format) {
    case Format::kText:
      return cmd.verb == Verb::kDerive || cmd.verb == Verb::kExport ? out.text : out.human;
    case Format::kLatex:
      return out.latex;
    case Format::kJson:
      return out.json;
  }
  return out.text;
}

int report(const matcalc::Outcome& out, const Command& cmd) {
  if (!out.ok) {
    // A script that asked for JSON still gets the error as an object on stdout.
    if (cmd.format == Format::kJson && !out.json.empty()) print_line(std::cout, out.json);
    print_line(std::cerr, out.error.rendered.empty() ? out.error.message : out.error.rendered);
    return out.error.code == "internal" ? kExitInternal : kExitBadInput;
  }
  // --steps: the derivation in plain text, one step a line, before the result.
  if (cmd.steps && cmd.format == Format::kText) std::cout << out.steps;
  print_line(std::cout, chosen_output(out, cmd));
  // SPEC section 7: a convention that may have changed the question (exit status 0).
  if (!out.notes.empty()) std::cout.flush();
  for (const std::string& note : out.notes) print_line(std::cerr, "note: " + note);
  // `check` answers a question: exit 1 when the answer is wrong, so scripts can test it.
  if (cmd.verb == Verb::kCheck && out.text != "correct") return kExitWarning;
  if (!out.warning.empty()) {
    std::cout.flush();
    print_line(std::cerr, out.warning);
    return kExitWarning;
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const matcalc::cli::ParsedArgs parsed = matcalc::cli::parse_args(args);
  if (!parsed.command) {
    const std::string where = parsed.verb_name.empty() ? "" : " " + parsed.verb_name;
    std::cerr << "matcalc" << where << ": " << parsed.error << "\n"
              << "Run 'matcalc" << where << " --help' for usage.\n";
    return kExitBadInput;
  }
  const Command& cmd = *parsed.command;
  if (cmd.verb == Verb::kHelp) {
    std::cout << matcalc::cli::help_text(cmd.help_topic);
    return kExitOk;
  }
  try {
    return report(run_engine(cmd), cmd);
  } catch (const std::exception& e) {
    std::cerr << "matcalc: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "matcalc: internal error: unknown exception\n";
  }
  return kExitInternal;
}
