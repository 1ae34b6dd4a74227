// Help pages for `matcalc`, written for someone who has never used it: what each
// command does, its options, and examples that can be pasted into a shell.
#include "help.h"

namespace matcalc::cli {
namespace {

constexpr std::string_view kOverview = R"help(matcalc - matrix calculus from the command line

Usage:
  matcalc derive EXPR --wrt VAR [--decl DECLS] [--format text|latex|json]
                 [--seed N] [--hessian] [--layout denominator|numerator] [--steps]
                 [--latex] [--route matrix|index]
  matcalc parse  EXPR [--decl DECLS] [--format text|latex|json]
  matcalc eval   EXPR [--decl DECLS] [--seed N] [--verbose] [--format text|json]
  matcalc check  EXPR --wrt VAR --answer ANSWER [--decl DECLS] [--hessian]
                 [--seed N] [--format text|json]
  matcalc rules  [--format text|json]
  matcalc vocabulary [--format text|json]
  matcalc export EXPR --wrt VAR --lang numpy|torch|eigen|matlab [--decl DECLS]
                 [--format text|json]
  matcalc help [COMMAND]        (also: matcalc --help, matcalc COMMAND --help)

Commands:
  derive   the gradient (or Jacobian, or Hessian) of EXPR with respect to VAR,
           checked numerically against finite differences
  parse    check EXPR and show how matcalc reads it, with the shapes it infers
  eval     evaluate EXPR at random inputs (reproducible with --seed)
  check    check your own ANSWER for the derivative: right, or how it is wrong
           (wrong shape, off by a transpose, a factor or a sign, a missing term)
  rules    every differentiation and simplification rule matcalc uses
  vocabulary  the verdicts of check, the layouts and the forms of a step, as JSON
  export   the derivative as code that runs: NumPy, PyTorch, Eigen or MATLAB/Octave

EXPR is written as in MATLAB or NumPy: x'*A*x, tr(W'*W), log(det(X)), sum(exp(A*x)),
x.*y, A./B, inv(A), norm2(A*x - b). Quote it for the shell. Unless declared otherwise,
names a-g are scalars, h-z column vectors and A-Z matrices; --decl overrides that:
  --decl "x: vector(n); W: matrix(n,m); S: symmetric(n); c: scalar"

Examples:
  matcalc derive "x'*W*W'*x" --wrt W             prints 2*x*x'*W
  matcalc derive "x'*A*x" --wrt x --format latex
  matcalc derive "logdet(S)" --wrt S --decl "S: spd(n)" --format json
  matcalc derive --wrt x -- "-x'*x"              an EXPR starting with '-' goes after --
  matcalc parse "tr(A*B')" --decl "A: matrix(n,m)"
  matcalc eval "norm2(A*x - y)" --seed 7 --verbose
  matcalc check "x'*W*W'*x" --wrt W --answer "x*x'*W"   not quite: off by a factor of 2

Exit status:
  0  success
  1  a result was printed but is doubtful (e.g. the numeric check failed; the
     warning is on standard error), or `check` found the answer wrong
  2  bad input or bad usage; the message is on standard error, with a caret under
     the offending part of the input
  3  internal error (a bug in matcalc: please report it with the command line)

Run 'matcalc help derive' (or parse, eval, check) for the options of one command.
)help";

constexpr std::string_view kDerive = R"help(matcalc derive - differentiate EXPR with respect to VAR

Usage:
  matcalc derive EXPR --wrt VAR [options]

For a scalar EXPR the result is the gradient dEXPR/dVAR, shaped like VAR (denominator
layout: d EXPR = tr(G' dVAR)). For a vector or matrix EXPR it is the Jacobian of
vec(EXPR) with respect to vec(VAR) (Kronecker form where it exists); for a scalar VAR
it has EXPR's shape. Every result is checked against central finite differences at
random inputs; a failed check still prints the result, warns on standard error and
exits with status 1.

Options (before or after EXPR):
  --wrt VAR       the variable to differentiate with respect to (required)
  --decl DECLS    declarations separated by ';', e.g. "x: vector(n); W: matrix(n,m)".
                  Kinds: scalar, vector(n), matrix(n,m), matrix(n) (square),
                  symmetric(n), spd(n) (symmetric positive definite)
  --format F      text   (default) the result alone on one line, in the input language,
                         so it can be pasted back into matcalc, MATLAB or NumPy
                  latex  the result as LaTeX (KaTeX renders it)
                  json   one object: result.text, result.latex, steps (rule + latex),
                         shapes, and check (largest relative error of the numeric check)
  --seed N        seed of the random inputs of the numeric check (default 1)
  --hessian       differentiate twice: the Hessian of a scalar EXPR
  --latex         read EXPR (and DECLS) as LaTeX, e.g. "\\frac{\\partial x^T W W^T x}{\\partial W}"
                  (the default reads LaTeX when EXPR looks like it); the question
                  may name the variable, then --wrt can be left out
  --route index   derive by the index route: f in Einstein notation, differentiated
                  entry by entry (dX_ij/dX_ab = delta_ia delta_jb), read back in matrix form
  --steps         print the steps first, one a line: the rule names, then the step
                  in the input language (d(X) is the differential of X)
  --layout L      denominator or numerator. Default: denominator for gradients (shaped
                  like VAR), numerator for Jacobians (d vec(EXPR) = J d vec(VAR), SPEC).
                  The other layout is the transpose; the output says which it shows
  --              everything after this is EXPR, even if it begins with '-'
  -h, --help      this page

Examples:
  matcalc derive "x'*W*W'*x" --wrt W                       2*x*x'*W
  matcalc derive "sum(log(sigmoid(y.*(X*w))))" --wrt w --decl "X: matrix(m,n)"
  matcalc derive "logdet(S)" --wrt S --decl "S: spd(n)" --format latex
  matcalc derive "x'*A*x" --wrt x --hessian
  matcalc derive --wrt x -- "-x'*x"
  matcalc derive " -x'*x" --wrt x                           (leading space works too)
)help";

constexpr std::string_view kParse =
    R"help(matcalc parse - check an expression and show how it is read

Usage:
  matcalc parse EXPR [--decl DECLS] [--format text|latex|json]

Prints how matcalc understands EXPR: its structure and the shape of every variable and
of the result, so you can see what an undeclared name was taken to be. A mistake exits
with status 2 and a message that points at the offending column.

Options (before or after EXPR):
  --decl DECLS    declarations separated by ';', e.g. "x: vector(n); W: matrix(n,m)"
  --format F      text (default, a readable report), latex (EXPR as LaTeX) or json
  --              everything after this is EXPR, even if it begins with '-'
  -h, --help      this page

Examples:
  matcalc parse "x'*A*x"
  matcalc parse "tr(A*B')" --decl "A: matrix(n,m)"
  matcalc parse "inv(S)*x" --decl "S: spd(n)" --format latex
)help";

constexpr std::string_view kEval = R"help(matcalc eval - evaluate an expression at random inputs

Usage:
  matcalc eval EXPR [--decl DECLS] [--seed N] [--verbose] [--format text|json]

Gives every variable random values of small concrete sizes (symmetric or positive
definite where declared or needed) and prints the value of EXPR. The same seed gives
the same inputs.

Options (before or after EXPR):
  --decl DECLS    declarations separated by ';', e.g. "x: vector(n); W: matrix(n,m)"
  --seed N        seed of the random inputs (default 1)
  --verbose       also print the random inputs and their sizes
  --format F      text (default, a readable report) or json
  --              everything after this is EXPR, even if it begins with '-'
  -h, --help      this page

Examples:
  matcalc eval "x'*x"
  matcalc eval "norm2(A*x - y)" --seed 7 --verbose
  matcalc eval "det(S)" --decl "S: spd(3)" --format json
)help";

constexpr std::string_view kCheck =
    R"help(matcalc check - is ANSWER the derivative of EXPR with respect to VAR?

Usage:
  matcalc check EXPR --wrt VAR --answer ANSWER [options]

matcalc derives the result itself, reads ANSWER with the same variables and shapes,
and compares the two: symbolically where their canonical forms meet, and numerically
at random inputs always (so x*x'*W + x*x'*W and (W'*x*x')'*2 are both accepted for
2*x*x'*W). A wrong answer is explained: wrong shape, off by a transpose (the other
layout), off by a factor or a sign, a missing or an extra term, or different at given
sizes. Exit status 0 when the answer is right, 1 when it is wrong.

Options (before or after EXPR):
  --wrt VAR        the variable (required unless a LaTeX question names it)
  --answer ANSWER  your answer, in the input language or in LaTeX (required); it may
                   name its parts first: "u = A*x; u + A'*x"
  --decl DECLS     declarations, as for derive
  --hessian        ANSWER is the Hessian
  --layout L       denominator or numerator: the layout ANSWER is written in
  --latex          EXPR is LaTeX (detected without it when it has \commands or braces)
  --seed N         seed of the random inputs (default 1)
  --format F       text (default) or json: {correct, verdict, message, expected, answer}

Examples:
  matcalc check "x'*W*W'*x" --wrt W --answer "2*x*x'*W"      correct
  matcalc check "u'*X*v" --wrt X --answer "v*u'"              off by a transpose
  matcalc check "x'*A*x" --wrt x --answer "2*A*x"             right only if A is symmetric
)help";

}  // namespace

std::string_view help_text(std::string_view topic) {
  if (topic == "check") return kCheck;
  if (topic == "derive") return kDerive;
  if (topic == "parse") return kParse;
  if (topic == "eval") return kEval;
  return kOverview;
}

}  // namespace matcalc::cli
