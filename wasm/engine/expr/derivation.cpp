#include "expr/derivation.h"

namespace matcalc {

const char* form_name(Form f) {
  switch (f) {
#define MATCALC_FORM_NAME(id, text) \
  case Form::id:                    \
    return text;
    MATCALC_FORMS(MATCALC_FORM_NAME)
#undef MATCALC_FORM_NAME
  }
  return "";
}

}  // namespace matcalc
