// The engine's vocabulary, exported once for the page, the lessons and the tests: the
// verdicts of check_answer, the layouts, and the forms a step can have.
#include "api.h"
#include "api/report.h"
#include "api/verdicts.h"
#include "expr/derivation.h"
#include "util/json.h"

namespace matcalc {

Outcome vocabulary() {
  return guarded("", "", [&]() -> Outcome {
    std::vector<std::string> verdicts, forms;
    for (const VerdictInfo& v : kVerdicts)
      verdicts.push_back(JsonObject()
                             .str("name", v.name)
                             .boolean("correct", v.correct)
                             .str("label", v.label)
                             .str());
#define MATCALC_FORM_JSON(id, text) forms.push_back(json_string(text));
    MATCALC_FORMS(MATCALC_FORM_JSON)
#undef MATCALC_FORM_JSON
    forms.push_back(json_string("layout"));
    Outcome out;
    out.ok = true;
    out.json =
        JsonObject()
            .boolean("ok", true)
            .raw("verdicts", json_array(verdicts))
            .raw("layouts", json_array({json_string("denominator"), json_string("numerator")}))
            .raw("forms", json_array(forms))
            .str();
    out.human = std::to_string(verdicts.size()) + " verdicts";
    return out;
  });
}

}  // namespace matcalc
