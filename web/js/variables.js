// Which variable to differentiate by, shared by the page and the engine worker.
//
// The requested one when the expression has it (the reader's choice, or a link's).
// Otherwise the one a reader most likely means, by the conventions textbooks and
// machine-learning courses write in: parameters (w, W, θ, β) before unknowns (x, X, z,
// M, S…), those before names that usually stand for data or constants (a–g, A–G, y,
// t); an undeclared name before a declared one (declarations mostly give the sizes of
// constants: `a: vector(n)` in `a'*X*b`); a vector or matrix before a scalar; then the
// first in the expression. So `norm2(X*w-y)^2` is differentiated by w, `tr(A*X)` by X,
// `x'*A*x` by x and `x'*W*W'*x` by W. A defined name (`P = M*M'`, kind 'defined') can be
// chosen but is never the pick: in `v = X'*a; w = sigmoid(v); w'*w` it is X, not w. The
// variable a question names (`\frac{\partial ...}{\partial W}`) comes as `requested`.
// A name declared on a constraint set (`X: orthogonal(n)`, `x: unit(n)`, SPEC 13; the
// engine marks it `constrained`) is the variable of an optimisation over that set: it
// comes first (symmetric, spd and diagonal are also how constants are declared).
// Null for an expression without variables.

const PARAMETERS = new Set(['w', 'W', 'theta', 'Theta', 'θ', 'Θ', 'beta', 'β', 'omega', 'ω']);
const UNKNOWNS = new Set(['x', 'X', 'z', 'Z', 'u', 'U', 'v', 'V', 'M', 'S', 'P', 'Q', 'K', 'L', 'H', 'mu', 'μ', 'Sigma', 'Σ']);
const CONSTANTS = new Set(['y', 'Y', 't', 'alpha', 'α', 'lambda', 'λ', 'I']);

// How likely a name is to be the variable, from its stem (`w_1` and `W2` read as w, W).
function nameScore(name) {
  const stem = String(name).replace(/^([^\d_']+).*$/, '$1');
  if (PARAMETERS.has(stem)) return 3;
  if (UNKNOWNS.has(stem)) return 2;
  if (CONSTANTS.has(stem) || /^[a-gA-G]$/.test(stem)) return 0;
  return 1;
}

// The variables in order of how likely a reader means each (the first is the pick).
export function rankVariables(variables) {
  return variables
    .map((v, order) => ({ v, order }))
    .sort((a, b) => Number(a.v.kind === 'defined') - Number(b.v.kind === 'defined')
      || Number(Boolean(b.v.constrained)) - Number(Boolean(a.v.constrained))
      || nameScore(b.v.name) - nameScore(a.v.name)
      || Number(a.v.declared) - Number(b.v.declared)
      || Number(a.v.kind === 'scalar') - Number(b.v.kind === 'scalar')
      || a.order - b.order)
    .map(({ v }) => v);
}

export function pickVariable(variables, requested) {
  if (!Array.isArray(variables) || variables.length === 0) return null;
  if (requested && variables.some((v) => v.name === requested)) return requested;
  return rankVariables(variables)[0].name;
}
