// The help texts of `matcalc`: an overview and one page per command.
#pragma once

#include <string_view>

namespace matcalc::cli {

// `topic` is "" for the overview, or "derive", "parse", "eval".
std::string_view help_text(std::string_view topic);

}  // namespace matcalc::cli
