// The part of the engine the last call of the first visit's module needed and does not
// have ("latex", "index"), or "" (core_stubs.cpp records it, core.cpp reads it).
#pragma once

#include <string>

namespace matcalc::bindings {

const std::string& needed_part();
void clear_needed_part();

}  // namespace matcalc::bindings
