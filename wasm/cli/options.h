// Command-line parsing for `matcalc` (SPEC section 4): turns the argument list into one
// Command, or into a usage error message. Knows nothing of the engine; main.cpp runs
// the Command.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace matcalc::cli {

enum class Verb { kHelp, kDerive, kParse, kEval, kCheck, kRules, kVocabulary, kExport };
enum class Format { kText, kLatex, kJson };

struct Command {
  Verb verb = Verb::kHelp;
  std::string help_topic;  // kHelp: "" for the overview, else a command name
  std::string expr;
  std::string wrt;
  std::string decls;
  Format format = Format::kText;
  std::uint32_t seed = 1;
  bool hessian = false;
  bool verbose = false;
  bool steps = false;  // kDerive: print the steps in plain text before the result
  std::string syntax;  // "latex" with --latex; "" reads LaTeX when the input looks like it
  std::string lang;    // kExport: numpy, torch, eigen or matlab
  std::string route;   // kDerive: "" (the matrix route) or "index"
  std::string layout;  // "" = the SPEC default for the result's kind
  std::string answer;  // kCheck: the answer to check
};

struct ParsedArgs {
  std::optional<Command> command;  // set on success
  std::string error;               // one-line usage error otherwise
  std::string verb_name;           // the command word, when known (for the help hint)
};

// `args` excludes the program name.
ParsedArgs parse_args(const std::vector<std::string>& args);

}  // namespace matcalc::cli
