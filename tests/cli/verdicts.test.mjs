// Sharper verdicts of `check` (issue 20): the per-term diagnosis of sums, and a Jacobian's
// answer in the backprop form or the chain-rule shorthand, through definitions as inlined.
// `check` exits 1 for a wrong answer, so stdout is parsed here rather than through json().
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { matcalc } from './lib/matcalc.mjs';

function check(expr, wrt, answer, decl = '') {
  const args = ['check', expr, '--wrt', wrt, '--answer', answer, '--format', 'json'];
  if (decl) args.push('--decl', decl);
  const run = matcalc(...args);
  const out = JSON.parse(run.stdout);
  assert.equal(out.ok, true, run.stdout);
  assert.equal(run.status, out.correct ? 0 : 1, `${expr} / ${answer}: exit status`);
  return out;
}

const LS = "norm2(X*w-y)^2 + c*w'*w";
const QUAD = "x'*A*x + b'*x";
const QUAD_DECL = 'x: vector; b: vector; A: matrix';

test('the issue\'s sum: the second term is off by a factor 2, named', () => {
  const out = check(LS, 'w', "2*X'*(X*w-y) + c*w");
  assert.equal(out.verdict, 'factor');
  assert.match(out.message, /in one term: the gradient's term 2\*c\*w is 2 times your c\*w/);
  assert.match(out.message, /the other terms are right/);
});

test('terms written out differently are grouped before they are compared', () => {
  // 2*X'*X*w - 2*X'*y is the result's 2*X'*(X*w - y), in two terms.
  const out = check(LS, 'w', "2*X'*X*w - 2*X'*y + c*w");
  assert.equal(out.verdict, 'factor');
  assert.match(out.message, /2\*c\*w is 2 times your c\*w/);
  assert.equal(check(LS, 'w', "2*X'*X*w - 2*X'*y + 2*c*w").verdict, 'correct');
});

test('per term: sign, factor, missing, extra, several', () => {
  const cases = [
    ["(A+A')*x - b", 'sign', /your -b is minus the gradient's term b/],
    ["(A+A')*x + 2*b", 'factor', /your 2\*b is 2 times the gradient's term b/],
    ["(A+A')*x", 'missing-term', /missing a term: b\./],
    ["A*x + b", 'missing-term', /missing a term: A'\*x\./],
    ["(A+A')*x + b + x", 'extra-term', /one term too many: x\./],
    ["3*(A+A')*x - b", 'several-terms', /3 times the gradient's term \(A \+ A'\)\*x; your -b is minus/],
    ['2*A*x+b', 'assumes-symmetric', /right only if A is symmetric/],
  ];
  for (const [answer, verdict, message] of cases) {
    const out = check(QUAD, 'x', answer, QUAD_DECL);
    assert.equal(out.verdict, verdict, `${answer}: ${out.message}`);
    assert.match(out.message, message, answer);
  }
});

test('per term: a transposed term of a matrix gradient', () => {
  const out = check("tr(A*X) + tr(X'*B)", 'X', "A + B'");
  // the whole answer is the other layout; one term transposed is named as such
  assert.equal(out.verdict, 'transposed');
  const one = check("tr(A*X*C) + tr(X'*B)", 'X', "C*A + B", 'A: matrix(n,n); C: matrix(n,n); B: matrix(n,n)');
  assert.equal(one.verdict, 'transposed', one.message);
  assert.match(one.message, /one term transposed: your C\*A is the transpose of the gradient's term A'\*C'; the other terms are right/);
});

test('an unexplained rest says which terms agree', () => {
  const out = check(LS, 'w', "2*X'*(X*w+y) + 2*c*w");
  assert.equal(out.verdict, 'different');
  assert.match(out.message, /your term 2\*c\*w agrees with the gradient's, but .* matches none of its other terms/);
});

test('a factor must hold at two draws: a scalar is not "off by a factor" of any other', () => {
  const out = check('x^3', 'x', 'x', 'x: scalar');
  assert.equal(out.verdict, 'different', out.message);
  assert.equal(check('x^3', 'x', '6*x^2', 'x: scalar').verdict, 'factor');
});

for (const [name, expr] of [['inlined', "M*M'"], ['through a definition', "P = M*M'"]]) {
  test(`${name}: the backprop form, the Jacobian, and "dP/dM = 2M"`, () => {
    const bp = check(expr, 'M', "(G+G')*M");
    assert.equal(bp.verdict, 'backprop-form', bp.message);
    assert.equal(bp.correct, false);
    assert.match(bp.message, /right as the backpropagation form, not as the Jacobian/);
    assert.match(bp.message, /The Jacobian itself \(n\*n×n\*m, in numerator layout\) is /);
    assert.equal(check(expr, 'M', "G*M + G'*M").verdict, 'backprop-form');
    const jac = check(expr, 'M', 'kron(M, eye(n)) + kron(eye(n), M)*commutation(n, m)');
    assert.equal(jac.verdict, 'correct', jac.message);
    const short = check(expr, 'M', '2*M');
    assert.equal(short.verdict, 'chain-shorthand', short.message);
    assert.match(short.message, /dphi\/dM = 2\*G\*M for an upstream gradient G = dphi\/d[PF] that is symmetric/);
    assert.match(short.message, /the backpropagation form \(G \+ G'\)\*M equals 2\*G\*M when G = G'/);
    const sym = check(expr, 'M', '2*G*M');
    assert.equal(sym.verdict, 'assumes-symmetric', sym.message);
    assert.match(sym.message, /only if the upstream gradient G = dphi\/d[PF] is symmetric/);
    // a wrong form shaped like M is still the wrong shape
    assert.equal(check(expr, 'M', '3*G*M').verdict, 'wrong-shape');
  });
}

test('through a definition the function is named by it', () => {
  const out = check("P = M*M'", 'M', '2*M');
  assert.match(out.message, /"dP\/dM = 2\*M"/);
});

test('the shorthand on the other side: M\'*M gives 2*M*G', () => {
  const out = check("M'*M", 'M', '2*M');
  assert.equal(out.verdict, 'chain-shorthand');
  assert.match(out.message, /2\*M\*G/);
});

test('a linear map needs no symmetry: A*X*B answered A\'*G*B\' is the backprop form', () => {
  assert.equal(check('A*X*B', 'X', "A'*G*B'").verdict, 'backprop-form');
});
