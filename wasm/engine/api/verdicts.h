// The verdicts of "check my answer", spelled once: check.cpp returns them, and the
// page, the lessons and the tests read this table through vocabulary(), never a copy.
#pragma once

namespace matcalc {

struct VerdictInfo {
  const char* name;
  bool correct;       // whether the answer is accepted
  const char* label;  // a few words for a tag beside the message
};

inline constexpr VerdictInfo kVerdicts[] = {
    {"correct", true, "correct"},
    {"convention", true, "another convention"},
    {"transposed", false, "transposed"},
    {"factor", false, "wrong factor"},
    {"sign", false, "wrong sign"},
    {"missing-term", false, "missing term"},
    {"extra-term", false, "extra term"},
    {"assumes-symmetric", false, "assumes symmetry"},
    {"wrong-shape", false, "wrong shape"},
    {"different", false, "different value"},
    // a structured variable's unconstrained gradient, not its projection (SPEC 13)
    {"unconstrained", false, "unconstrained gradient"},
    // several terms of a sum off (a factor, a sign, a transpose), each named
    {"several-terms", false, "several terms off"},
    // a Jacobian answered by the backpropagation form dphi/dX for an upstream G = dphi/dF
    {"backprop-form", false, "backprop form, not the Jacobian"},
    // "dF/dX = A" for dphi/dX = G*A (or A*G), perhaps only for a symmetric upstream G
    {"chain-shorthand", false, "chain-rule shorthand"},
};

}  // namespace matcalc
