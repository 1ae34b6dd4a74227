// Unification of symbolic dimensions. Each dimension variable is free (to be
// inferred), rigid (a name the user gave, or a number), or a product of two others
// (the rows of vec(A), of kron(A,B)). Free variables carry a provisional name so an
// error can print a shape before inference is done; at the end the free dimensions
// that remain are renamed n, m, p, ... in order of first appearance.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "expr/context.h"

namespace matcalc {

class DimSolver {
 public:
  using Id = int;
  // non_unit: the dimension of a vector or matrix by naming convention, which is
  // never 1 (x*x for a vector x is an error, not a 1x1 product).
  Id fresh(bool non_unit = false);
  Id named(const std::string& name);              // rigid: the same name gives the same id
  bool has_named(const std::string& name) const;  // a size the declarations named
  Id constant(long long c);
  Id product(Id a, Id b);
  Id one() { return constant(1); }

  bool unify(Id a, Id b);
  bool is_one(Id a);
  std::string text(Id a);  // "n", "3", "n*m"

  // Final names for free dimensions (avoiding rigid names), then context dims.
  void finish(Context& ctx, const std::set<std::string>& avoid = {});
  Dim to_dim(Context& ctx, Id a);

 private:
  enum class Sort { Free, Named, Const, Product };
  struct Var {
    Sort sort;
    int parent;
    std::string name;
    long long value = 0;
    Id a = -1, b = -1;
    bool non_unit = false;
  };
  Id find(Id a);
  // Whether target's class occurs in the structure of from's.
  bool reaches(Id from, Id target);
  // A dimension as coefficient * sorted list of root ids (free or named roots).
  std::pair<long long, std::vector<Id>> flatten(Id a);
  std::string unused_name();

  std::vector<Var> vars_;
  std::set<std::string> avoid_;  // names a free dimension may not take (finish)
  // Where unused_name() starts looking: the candidates before it are taken. Names are only
  // added between two clearings (which reset it), so a thousand declared vectors cost a
  // thousand short searches, not a thousand searches through every candidate.
  std::size_t first_candidate_ = 0;
};

}  // namespace matcalc
