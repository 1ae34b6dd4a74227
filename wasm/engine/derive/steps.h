// Turning the passes of a derivation into the steps a lecture shows, as data: each
// step is the rules it applied and the expression after it. Shared by the gradient,
// Jacobian and Hessian pipelines.
#pragma once

#include <string>
#include <vector>

#include "diff/forward.h"
#include "diff/pair_passes.h"
#include "expr/derivation.h"

namespace matcalc {

// The steps of one derivation, all about the same function `of` (written `of_name`).
class StepList {
 public:
  // `wrt`: the variable of these steps when it is not the derivation's (a defined name).
  StepList(std::vector<Step>& steps, Expr of, std::string of_name, std::string wrt = "")
      : steps_(steps), of_(of), of_name_(std::move(of_name)), wrt_(std::move(wrt)) {}

  void add(std::vector<std::string> rules, std::string title, Form form, Expr expr,
           std::vector<std::string> notes = {});
  // One step per forward pass worth pausing on; passes that used only light rules
  // (sums, transposes, traces) are merged into a neighbour.
  void add_forward(const std::vector<Pass>& passes);
  // The steps added from now on hold g at its value at the inputs when they are checked
  // (their function is <g, dP> with g the upstream gradient, fixed).
  void hold(Expr g) { held_ = g; }
  // The gradient G read off, mapped into a structured variable's tangent space by its
  // row's gradient map (expr/structures.h), as a step: the symmetric part for a
  // symmetric x (sym-gradient), (G - XG'X)/2 for an orthogonal one; G itself otherwise.
  Expr add_structured(Build& b, const VarInfo& x, Expr g);
  // The first half of every derivation: d(f) as a first step (rule `first_rule`, title
  // `title`), then d pushed inward. Returns d(f), linear in d(wrt); the notes the rules
  // add go to `notes`. (f is `of`, or `of` with names the steps keep.) `typed`, when
  // given, is how the first step shows d(f): f as the user typed it.
  Expr add_differential(Build& b, Expr f, const std::string& wrt, std::vector<std::string>& notes,
                        const std::string& first_rule = "differential",
                        const std::string& title = "take the differential",
                        std::vector<std::string> first_notes = {}, AsWritten typed = {});
  // One step per adjoint pass (<G_i, L_i> pairs, form Differential) or vectorisation
  // pass (M_i vec(L_i), form VecDifferential); light passes merged likewise.
  void add_pairs(Build& b, const std::vector<PairPass>& passes, const std::string& title,
                 bool vectorised);
  std::vector<Step>& steps() { return steps_; }

 private:
  std::vector<Step>& steps_;
  Expr of_;
  std::string of_name_;
  std::string wrt_;
  Expr held_ = nullptr;
};

// sum_i <G_i, L_i> as one expression of Inner nodes.
Expr inner_pairs(Build& b, const Pairs& pairs);
// sum_i M_i vec(L_i) as one expression (0 of `shape` when there are none).
Expr vec_pairs(Build& b, const Pairs& pairs, Shape shape);

}  // namespace matcalc
