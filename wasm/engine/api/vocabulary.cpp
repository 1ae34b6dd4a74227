// The engine's vocabulary, exported once for the page, the lessons and the tests: the
// verdicts of check_answer, the layouts, the forms a step can have, and the functions of
// the registry (the page's syntax table).
#include "api.h"
#include "api/report.h"
#include "api/verdicts.h"
#include "expr/derivation.h"
#include "expr/functions.h"
#include "expr/structures.h"
#include "util/json.h"

namespace matcalc {

// A row's shape rule in words, for the page's syntax table and the tests.
const char* shape_words(FnShape shape) {
  switch (shape) {
    case FnShape::Elementwise:
      return "element-wise";
    case FnShape::VectorToVector:
      return "vector to vector";
    case FnShape::VectorToScalar:
      return "vector to scalar";
    case FnShape::SquareToSame:
      return "square matrix to square matrix";
    case FnShape::SquareToVector:
      return "square matrix to vector";
    case FnShape::SquareToScalar:
      return "square matrix to scalar";
    case FnShape::MatrixToScalar:
      return "matrix to scalar";
    case FnShape::Frechet:
      return "Fréchet derivative: (A, E) to a matrix like A";
  }
  return "";
}

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
    std::vector<std::string> functions;
    for (const FunctionRow& f : function_rows()) {
      if (f.id == Fn::Sign || f.id == Fn::Step) continue;  // the engine's, in derivatives
      functions.push_back(JsonObject()
                              .str("name", f.name)
                              .str("meaning", f.meaning)
                              .str("shape", shape_words(f.shape))
                              .num("arguments", f.arity)
                              .boolean("symmetric_argument", f.needs_symmetric)
                              .boolean("differentiable", f.refusal == nullptr)
                              .str("rule", f.refusal ? "" : f.rule.name)
                              .str());
    }
    // The declarations of SPEC 2 and 13: one per structure row.
    std::vector<std::string> structures;
    for (const StructureRow& r : structure_rows())
      structures.push_back(
          JsonObject()
              .str("name", r.word)
              .str("meaning", r.meaning)
              .str("declaration",
                   std::string(r.word) + (r.shape == StructShape::Tall ? "(n,p)" : "(n)"))
              .str("shape", r.shape == StructShape::Tall     ? "n×p matrix, p <= n"
                            : r.shape == StructShape::Vector ? "vector of length n"
                                                             : "n×n matrix")
              .str("rule", r.rule.name)
              .boolean("jacobian", r.jacobian)
              .str());
    Outcome out;
    out.ok = true;
    out.json =
        JsonObject()
            .boolean("ok", true)
            .raw("verdicts", json_array(verdicts))
            .raw("layouts", json_array({json_string("denominator"), json_string("numerator")}))
            .raw("forms", json_array(forms))
            .raw("functions", json_array(functions))
            .raw("structures", json_array(structures))
            .str();
    out.human = std::to_string(verdicts.size()) + " verdicts";
    return out;
  });
}

}  // namespace matcalc
