#include "derive/finish.h"

#include <set>

#include "expr/build.h"
#include "simplify/where.h"

namespace matcalc {

void name_result_parts(Context& ctx, Derivation& d) {
  std::set<std::string> taken;
  for (const VarInfo& v : ctx.vars()) taken.insert(v.name);
  Build b(ctx);
  name_repeated(b, d.result, taken, d.where, d.where_order);
}

}  // namespace matcalc
