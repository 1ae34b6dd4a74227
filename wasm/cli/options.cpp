// Argument parsing for `matcalc`. The grammar is `matcalc VERB [OPTION | EXPR]...`:
// options may come before or after the one EXPR, `--name VALUE` and `--name=VALUE` are
// both accepted, the last occurrence of an option wins, and everything after `--` is
// positional (so an EXPR that begins with '-' can be given there).
#include "options.h"

#include <charconv>
#include <string_view>

namespace matcalc::cli {
namespace {

struct OptionSpec {
  std::string_view name;
  bool takes_value;
  bool for_derive, for_parse, for_eval, for_check;
  bool for_export = false;
};

constexpr OptionSpec kOptions[] = {
    {"wrt", true, true, false, false, true, true},
    {"decl", true, true, true, true, true, true},
    {"format", true, true, true, true, true, true},
    {"seed", true, true, false, true, true, true},
    {"hessian", false, true, false, false, true},
    {"layout", true, true, false, false, true},
    {"verbose", false, false, false, true, false},
    {"answer", true, false, false, false, true},
    {"steps", false, true, false, false, false},
    {"latex", false, true, true, true, true, true},
    {"lang", true, false, false, false, false, true},
    {"route", true, true, false, false, false},
};

std::optional<Verb> verb_from(std::string_view word) {
  if (word == "derive") return Verb::kDerive;
  if (word == "parse") return Verb::kParse;
  if (word == "eval" || word == "evaluate") return Verb::kEval;
  if (word == "check") return Verb::kCheck;
  if (word == "rules") return Verb::kRules;
  if (word == "vocabulary") return Verb::kVocabulary;
  if (word == "export") return Verb::kExport;
  return std::nullopt;
}

bool applies_to(const OptionSpec& spec, Verb verb) {
  switch (verb) {
    case Verb::kDerive:
      return spec.for_derive;
    case Verb::kParse:
      return spec.for_parse;
    case Verb::kEval:
      return spec.for_eval;
    case Verb::kCheck:
      return spec.for_check;
    case Verb::kExport:
      return spec.for_export;
    case Verb::kRules:
    case Verb::kVocabulary:
      return spec.name == "format";
    case Verb::kHelp:
      return false;
  }
  return false;
}

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& spec : kOptions) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

ParsedArgs fail(std::string message, std::string verb_name) {
  return ParsedArgs{std::nullopt, std::move(message), std::move(verb_name)};
}

std::optional<Format> format_from(std::string_view value, Verb verb) {
  if (value == "text") return Format::kText;
  if (value == "json") return Format::kJson;
  if (value == "latex" && verb != Verb::kEval && verb != Verb::kRules && verb != Verb::kVocabulary)
    return Format::kLatex;
  return std::nullopt;
}

std::optional<std::uint32_t> seed_from(std::string_view value) {
  std::uint32_t seed = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, seed);
  if (value.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return seed;
}

// Stores one option's value into `cmd`; returns an error message, empty on success.
std::string apply_option(Command& cmd, std::string_view name, const std::string& value) {
  if (name == "wrt") {
    if (value.empty()) return "--wrt needs a variable name";
    cmd.wrt = value;
  } else if (name == "decl") {
    cmd.decls = value;
  } else if (name == "format") {
    auto format = format_from(value, cmd.verb);
    if (!format) {
      return "unknown --format '" + value + "' (expected " +
             (cmd.verb == Verb::kEval ? "text or json)" : "text, latex or json)");
    }
    cmd.format = *format;
  } else if (name == "seed") {
    auto seed = seed_from(value);
    if (!seed) return "--seed needs a whole number from 0 to 4294967295, not '" + value + "'";
    cmd.seed = *seed;
  } else if (name == "layout") {
    if (value != "denominator" && value != "numerator") {
      return "unknown --layout '" + value + "' (expected denominator or numerator)";
    }
    cmd.layout = value;
  } else if (name == "answer") {
    cmd.answer = value;
  } else if (name == "hessian") {
    cmd.hessian = true;
  } else if (name == "route") {
    if (value != "matrix" && value != "index")
      return "unknown --route '" + value + "' (expected matrix or index)";
    cmd.route = value;
  } else if (name == "lang") {
    if (value != "numpy" && value != "torch" && value != "pytorch" && value != "eigen" &&
        value != "matlab" && value != "octave")
      return "unknown --lang '" + value + "' (expected numpy, torch, eigen or matlab)";
    cmd.lang = value;
  } else if (name == "latex") {
    cmd.syntax = "latex";
  } else if (name == "steps") {
    cmd.steps = true;
  } else if (name == "verbose") {
    cmd.verbose = true;
  }
  return "";
}

ParsedArgs help_for(std::string topic) {
  Command cmd;
  cmd.help_topic = std::move(topic);
  return ParsedArgs{cmd, "", cmd.help_topic};
}

}  // namespace

ParsedArgs parse_args(const std::vector<std::string>& args) {
  if (args.empty()) return fail("missing command (derive, parse, eval, check or rules)", "");
  const std::string& first = args[0];
  if (first == "-h" || first == "--help") return help_for("");
  if (first == "help") {
    if (args.size() < 2) return help_for("");
    if (!verb_from(args[1])) return fail("no help on '" + args[1] + "'", "");
    return help_for(args[1] == "evaluate" ? "eval" : args[1]);
  }
  auto verb = verb_from(first);
  if (!verb) {
    if (!first.empty() && first[0] == '-') {
      return fail("unknown option '" + first +
                      "' (the command comes first: derive, parse, eval, check or rules)",
                  "");
    }
    return fail("unknown command '" + first + "' (expected derive, parse, eval, check or rules)",
                "");
  }
  const std::string verb_name = first == "evaluate" ? "eval" : first;

  Command cmd;
  cmd.verb = *verb;
  bool have_expr = false;
  // After "--" the next argument is EXPR even if it begins with '-'; options may still
  // follow it (matcalc derive -- "-x'*x" --wrt x).
  bool expr_next = false;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool looks_like_option = !expr_next && arg.size() > 1 && arg[0] == '-';
    expr_next = false;
    if (!looks_like_option) {
      if (have_expr) {
        return fail("unexpected extra argument '" + arg +
                        "' (one EXPR only; quote an expression that contains spaces)",
                    verb_name);
      }
      cmd.expr = arg;
      have_expr = true;
      continue;
    }
    if (arg == "--") {
      expr_next = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") return help_for(verb_name);
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq).substr(arg.starts_with("--") ? 2 : 1);
    const OptionSpec* spec = arg.starts_with("--") ? find_option(name) : nullptr;
    if (!spec && arg.starts_with("--")) return fail("unknown option '" + arg + "'", verb_name);
    if (!spec) {
      return fail("unknown option '" + arg +
                      "'; an EXPR that begins with '-' goes after '--' or gets a leading "
                      "space, e.g. matcalc derive --wrt x -- \"-x'*x\"",
                  verb_name);
    }
    if (!applies_to(*spec, cmd.verb)) {
      return fail("option --" + name + " does not apply to 'matcalc " + verb_name + "'", verb_name);
    }
    std::string value;
    if (spec->takes_value) {
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return fail("option --" + name + " needs a value", verb_name);
      }
    } else if (eq != std::string::npos) {
      return fail("option --" + name + " takes no value", verb_name);
    }
    if (std::string error = apply_option(cmd, name, value); !error.empty()) {
      return fail(error, verb_name);
    }
  }
  bool takes_no_expr = cmd.verb == Verb::kRules || cmd.verb == Verb::kVocabulary;
  if (!have_expr && !takes_no_expr)
    return fail("missing EXPR (the expression to work on)", verb_name);
  if (have_expr && takes_no_expr)
    return fail("'matcalc " + verb_name + "' takes no expression", verb_name);
  if (cmd.verb == Verb::kCheck && cmd.answer.empty())
    return fail("missing --answer ANSWER (the answer to check)", verb_name);
  if (cmd.verb == Verb::kExport && cmd.lang.empty())
    return fail("missing --lang numpy|torch|eigen|matlab (the language to export to)", verb_name);
  // Without --wrt the question may name its variable itself (\frac{\partial f}{\partial W},
  // ∂(xᵀAx)/∂x); when it does not, the engine says so.
  return ParsedArgs{cmd, "", verb_name};
}

}  // namespace matcalc::cli
