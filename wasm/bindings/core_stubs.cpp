// Stand-ins, in the first visit's module (core.cpp), for the parts of the engine it
// leaves out: the LaTeX reader, the index route and the values of the matrix and spectral
// functions (Eigen's MatrixFunctions, Schur–Parlett, the SVD: most of a first visit's
// bytes for questions few first visits ask). The engine's own code calls them
// as it always does; linked before the engine's library, these definitions keep the
// reader's and the index route's objects out of the module. Each stand-in records
// which part was needed (needed_part) and refuses with a UserError, which the engine
// reports as usual; core.cpp then answers {"ok":false,"needs":PART} and the page asks
// the whole engine (matcalc_wasm) instead.
//
// Signatures follow parse/latex_reader.h, derive/index_route.h, expr/index_translate.h,
// print/index_latex.h and diff/index_rules.h: if one of them changes, this file no
// longer links (the core module's build says so), it never silently diverges.
#include "core_stubs.h"

#include <string>
#include <vector>

#include "api/entries_note.h"
#include "derive/index_route.h"
#include "diff/index_rules.h"
#include "expr/error.h"
#include "expr/index_translate.h"
#include "expr/matrix_values.h"
#include "parse/latex_reader.h"
#include "print/index_latex.h"

namespace matcalc {

namespace {

std::string needed;

[[noreturn]] void refuse(const char* part) {
  needed = part;
  throw UserError("unsupported",
                  std::string("the ") + part + " part of the engine is not loaded in this module");
}

}  // namespace

const std::string& bindings::needed_part() { return needed; }
void bindings::clear_needed_part() { needed.clear(); }

// The matrix and spectral functions of SPEC 12 (expr/matrix_values.h): a question that
// evaluates one goes to the whole engine.
Matrix expm_value(const Matrix&) { refuse("matrix-functions"); }
Matrix logm_value(const Matrix&) { refuse("matrix-functions"); }
Matrix sqrtm_value(const Matrix&) { refuse("matrix-functions"); }
Matrix dexpm_value(const Matrix&, const Matrix&) { refuse("matrix-functions"); }
Matrix dlogm_value(const Matrix&, const Matrix&) { refuse("matrix-functions"); }
Matrix dsqrtm_value(const Matrix&, const Matrix&) { refuse("matrix-functions"); }
Matrix eigvals_value(const Matrix&) { refuse("matrix-functions"); }
Matrix eigvecs_value(const Matrix&) { refuse("matrix-functions"); }
Matrix lambda_max_value(const Matrix&) { refuse("matrix-functions"); }
Matrix lambda_min_value(const Matrix&) { refuse("matrix-functions"); }
Matrix eigvec_max_value(const Matrix&) { refuse("matrix-functions"); }
Matrix eigvec_min_value(const Matrix&) { refuse("matrix-functions"); }
Matrix norm_op_value(const Matrix&) { refuse("matrix-functions"); }
Matrix norm_nuc_value(const Matrix&) { refuse("matrix-functions"); }
std::string logm_undefined(const Matrix&) { refuse("matrix-functions"); }
std::string top_eigenvalue_repeated(const Matrix&) { refuse("matrix-functions"); }
std::string bottom_eigenvalue_repeated(const Matrix&) { refuse("matrix-functions"); }
std::string eigenvalues_repeated(const Matrix&) { refuse("matrix-functions"); }
std::string top_singular_value_repeated(const Matrix&) { refuse("matrix-functions"); }
std::string rank_deficient(const Matrix&) { refuse("matrix-functions"); }

// Any input with a backslash or a brace may be LaTeX (plain input has neither, SPEC 6):
// it goes to the whole engine, whose looks_like_latex decides.
bool looks_like_latex(const std::string& s) { return s.find_first_of("\\{}") != std::string::npos; }

LatexReading read_latex(const std::string&, const std::vector<std::string>&, const std::string&,
                        const DefinedUses&) {
  refuse("latex");
}

IndexDerivation derive_index(Context&, Expr, const std::string&, const DeriveOptions&) {
  refuse("index");
}

// Reached only after derive_index, which the core refuses.
std::string entries_note(Context&, const Derivation&, const std::string&, const std::string&,
                         const std::string&, const std::string&, std::uint32_t) {
  return "";
}

// The default route's `index` field (SPEC 10) is null here: index_json in api/derive.cpp
// turns this refusal into null, and the page shows the index view from the whole engine.
IndexSum to_index(Build&, IndexSpace&, Expr, int, int, const Placeholder*) {
  throw UserError("unsupported", "index notation is not loaded in this module");
}

std::string index_latex(Context&, const IndexSpace&, const IndexForm&) { return ""; }
std::string index_text(Context&, const IndexSpace&, const IndexForm&) { return ""; }
std::string index_step_latex(Context&, const IndexSpace&, const IndexStep&) { return ""; }
std::string index_step_text(Context&, const IndexSpace&, const IndexStep&) { return ""; }

// No index rows: their identities are shown by the index route, in the whole engine.
const std::vector<IndexRule>& index_rules() {
  static const std::vector<IndexRule> none;
  return none;
}

}  // namespace matcalc
