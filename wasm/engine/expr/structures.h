// The registry of structures of variables (SPEC 2 and 13): every structure a variable
// can be declared with — symmetric, spd, diagonal, lower, upper, skew, orthogonal,
// stiefel, unit — is one row. A row holds its declaration word and shape, its LaTeX
// spellings, the facts its node carries (Prop bits, which the factories and the
// simplifier's fact rows read: X' = -X, X'*X = I, x'*x = 1), a random point of the set,
// the orthogonal projection onto its tangent space (the numeric check's directions and
// its membership test), the gradient map with the step's rule, the conventions line and
// what "check my answer" says of the unconstrained gradient. The declaration readers,
// typer, instances, checks, derivation steps, printers and code writers read the row,
// so a new structure is one row (structures.cpp), one id below, and its tests.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <string>
#include <vector>

#include "expr/build.h"
#include "expr/rule_info.h"

namespace matcalc {

enum class Structure { Symmetric, Spd, Diagonal, Lower, Upper, Skew, Orthogonal, Stiefel, Unit };

enum class StructShape {
  Square,  // n×n: declared word(n)
  Tall,    // n×p with p <= n: declared word(n,p)
  Vector,  // n×1: declared word(n)
};

struct StructureRow {
  Structure id;
  const char* word;     // the declaration word: "orthogonal" in `X: orthogonal(n)`
  const char* meaning;  // a few words for the syntax table and the help
  StructShape shape;
  unsigned props;  // the facts the variable's node carries (Prop bits)
  // A gradient with any of these facts lies in the tangent space already (a symmetric G
  // of a symmetric variable); 0: always project.
  unsigned in_space;

  // A random point of the set, made from random entries `m` of the variable's size
  // (`conditioned`: it is inverted, or its determinant taken). Empty when the sizes do
  // not allow one (stiefel(n,p) with p > n).
  Eigen::MatrixXd (*point)(Eigen::MatrixXd m, bool conditioned);
  // The orthogonal (Frobenius) projection of g onto the tangent space at x: the
  // gradient map, numerically; the check's directions are projections of random ones.
  Eigen::MatrixXd (*project)(const Eigen::MatrixXd& x, const Eigen::MatrixXd& g);
  // The same map built symbolically: R from the unconstrained gradient g.
  Expr (*gradient)(Build& b, Expr x, Expr g);
  RuleInfo rule;           // the step that applies the map: its name, identity and source
  const char* step_title;  // "orthogonal variable: project onto the tangent space"
  // The conventions line of a gradient; '@' stands for the variable's name.
  const char* convention;

  // "Check my answer" on an unconstrained gradient G (one whose projection is the
  // answer): `ambient_correct` rows call it correct (only the symmetric part of G meets a
  // symmetric dS, the SPEC 3 convention); the others name the mistake. '@': the name.
  bool ambient_correct;
  const char* ambient_verdict;
  // The Matrix Cookbook's 2G - diag(diag(G)) is a known convention for this structure.
  bool cookbook_convention = false;
  // Jacobians and Hessians by a variable of this structure (the others are refused: the
  // Riemannian Hessian is left for later).
  bool jacobian = false;

  // Spellings in LaTeX declarations: the set after \in (letters, any \mathrm or
  // \mathcal around them: "O" for X \in O(n)), and words a \text{} after the set may
  // say ("lower triangular").
  std::array<const char*, 3> latex_sets{};
  std::array<const char*, 4> words{};
  // Relations to 0 that declare it in LaTeX (S \succ 0: "succ").
  std::array<const char*, 2> relations{};
  // The projection in exported NumPy / torch code (its self-check's directions): '#' the
  // direction, '%' the point, '$' the module (np or torch); '@' is Python's product.
  const char* tangent_python = "#";
  // The index route's row for the same map, where it has one of its own.
  const char* index_rule = nullptr;
};

const std::vector<StructureRow>& structure_rows();
const StructureRow& structure_row(Structure s);
const StructureRow* find_structure(const std::string& word);  // by declaration word
// By a LaTeX relation to 0 that declares it ("succ" for S \succ 0), or nullptr.
const StructureRow* find_structure_by_relation(const std::string& command);
// The structure of a variable (its declared kind), or null for scalar, vector, matrix.
const StructureRow* structure_of(const VarInfo& v);
// A row's text with '@' standing for the variable's name.
std::string with_name(const char* text, const std::string& name);
// The declaration words of every kind, for messages: "scalar, vector, matrix, symmetric, …".
std::string declaration_words();

}  // namespace matcalc
