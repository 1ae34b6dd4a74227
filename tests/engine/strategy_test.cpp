// The strategies the simplifier is built from (simplify/strategy.h): chain applies every
// rewrite in turn, do_one only the first that changes something, bottom_up reaches every
// node, and exhaust says whether it reached a fixed point or ran out of budget.
#include "simplify/strategy.h"

#include <gtest/gtest.h>

#include "parse/frontend.h"
#include "print/text.h"
#include "support.h"

namespace matcalc_test {
namespace {

// x -> 2x for a scalar variable, and c -> c + 1 for a constant: two small rewrites.
Expr doubled(Build& b, Expr e) { return e->kind == Kind::Var ? b.scale(2, e) : e; }
Expr plus_one(Build& b, Expr e) { return e->kind == Kind::Const ? b.num(e->value + 1) : e; }
Expr negated(Build& b, Expr e) { return e->kind == Kind::Var ? e : e; }

TEST(Strategy, ChainDoOneBottomUpAndExhaust) {
  Context ctx;
  Build b(ctx);
  Expr a = matcalc::build_expression(ctx, "a", "");
  Expr three = b.num(3);
  // chain: both apply, in turn; do_one: only the first that changes.
  EXPECT_EQ(matcalc::chain({plus_one, plus_one})(b, three), b.num(5));
  EXPECT_EQ(matcalc::do_one({doubled, plus_one})(b, three), b.num(4));
  EXPECT_EQ(matcalc::do_one({doubled, plus_one})(b, a), b.scale(2, a));
  // bottom_up reaches the variable inside a sum: a + 1 -> 2a + 1.
  Expr sum = b.add(a, b.num(1));
  EXPECT_EQ(matcalc::to_text(ctx, matcalc::bottom_up(doubled)(b, sum)), "2*a + 1");
  // exhaust: a rewrite that settles reaches its fixed point; one that never does
  // (a -> 2a -> 4a ...) stops on the budget and says so.
  matcalc::Exhausted settled = matcalc::exhaust(negated, b, sum, 10);
  EXPECT_TRUE(settled.fixed_point);
  EXPECT_EQ(settled.passes, 1);
  matcalc::Exhausted runaway = matcalc::exhaust(matcalc::bottom_up(doubled), b, a, 5);
  EXPECT_FALSE(runaway.fixed_point);
  EXPECT_EQ(runaway.passes, 5);
  EXPECT_EQ(matcalc::to_text(ctx, runaway.expr), "32*a");
}

}  // namespace
}  // namespace matcalc_test
