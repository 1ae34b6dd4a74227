// Shortest decimal text that reads back as the same double.
#pragma once

#include <string>

namespace matcalc {

std::string format_number(double v);

}  // namespace matcalc
