// A rule as the reader sees it: its stable name, the identity it applies, where the
// identity comes from and a note shown when it fires. Every table (differential,
// adjoint, vectorisation, simplification) holds these, so the record is a leaf that
// each layer can include.
#pragma once

namespace matcalc {

struct RuleInfo {
  const char* name;
  const char* latex;   // the identity
  const char* source;  // textbook / Matrix Cookbook reference
  const char* note;    // shown with the step when the rule fires (or "")
};

}  // namespace matcalc
