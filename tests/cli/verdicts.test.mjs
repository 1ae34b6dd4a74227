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
  // 2*w is no multiple of 2*c*w: c differs between the two draws.
  const out = check(LS, 'w', "2*X'*(X*w-y) + 2*w");
  assert.equal(out.verdict, 'different');
  assert.match(out.message, /your term 2\*w agrees with the gradient's|your term 2\*X'\*\(X\*w - y\) agrees with the gradient's, but 2\*w matches none of its other terms/);
});

test('an answer that multiplies out a product the result keeps factored: the one wrong term', () => {
  // The result is 2*c*w + 2*X'*(X*w - y); the answers expand it.
  const cases = [
    ["2*X'*X*w + 2*c*w", 'missing-term', /^missing a term: -2\*X'\*y\.$/],
    ["2*X'*X*w - X'*y + 2*c*w", 'factor', /the gradient's term -2\*X'\*y is 2 times your -X'\*y .*; the other terms are right/],
    ["2*X'*X*w + 2*X'*y + 2*c*w", 'sign', /your 2\*X'\*y is minus the gradient's term -2\*X'\*y/],
    ["2*X'*X*w - 2*X'*y + 2*c*w + 2*w", 'extra-term', /one term too many: 2\*w/],
    ["X'*X*w - 2*X'*y + 2*c*w", 'factor', /the gradient's term 2\*X'\*X\*w is 2 times your X'\*X\*w/],
  ];
  for (const [answer, verdict, message] of cases) {
    const out = check(LS, 'w', answer);
    assert.equal(out.verdict, verdict, `${answer}: ${out.message}`);
    assert.match(out.message, message, answer);
  }
});

test('a wrong term inside a product the answer keeps factored is found by multiplying out both', () => {
  const sign = check(LS, 'w', "2*X'*(X*w+y) + 2*c*w");
  assert.equal(sign.verdict, 'sign', sign.message);
  assert.match(sign.message, /your 2\*X'\*y is minus the gradient's term -2\*X'\*y/);
  const factor = check(LS, 'w', "2*X'*(X*w - 2*y) + 2*c*w");
  assert.equal(factor.verdict, 'factor', factor.message);
  assert.match(factor.message, /your -4\*X'\*y is 2 times the gradient's term -2\*X'\*y/);
});

test('two independent mistakes are both named: a factor and a missing term, a sign and a missing term', () => {
  const cases = [
    [LS, 'w', "2*X'*X*w + c*w", '', [/2\*c\*w is 2 times your c\*w/, /missing a term: -2\*X'\*y/]],
    [QUAD, 'x', "2*(A+A')*x", QUAD_DECL, [/your 2\*\(A \+ A'\)\*x is 2 times the gradient's term \(A \+ A'\)\*x/, /missing a term: b/]],
    [QUAD, 'x', 'A*x - b', QUAD_DECL, [/your -b is minus the gradient's term b/, /missing a term: A'\*x/]],
    [QUAD, 'x', "3*(A+A')*x + b + x", QUAD_DECL, [/3 times the gradient's term \(A \+ A'\)\*x/, /one term too many: x/]],
  ];
  for (const [expr, wrt, answer, decl, messages] of cases) {
    const out = check(expr, wrt, answer, decl);
    assert.equal(out.verdict, 'several-terms', `${answer}: ${out.message}`);
    for (const message of messages) assert.match(out.message, message, answer);
  }
});

// Right answers rewritten (multiplied out, regrouped, reordered, factored differently)
// stay correct, for every per-term path: a verdict never calls a right answer wrong.
test('right answers written other ways are correct', () => {
  const cases = [
    [LS, 'w', '', ["2*X'*X*w - 2*X'*y + 2*c*w", "2*(X'*X + c*eye(m))*w - 2*X'*y", "2*c*w + 2*X'*X*w - 2*X'*y",
      "2*(X'*(X*w - y) + c*w)", "-2*X'*y + 2*(X'*X*w + c*w)", "2*X'*X*w + 2*c*w - 2*X'*y"]],
    [QUAD, 'x', QUAD_DECL, ["A*x + A'*x + b", "(A' + A)*x + b", "b + A'*x + A*x", "(A + A')*x + 0.5*(2*b)"]],
    ["norm2(A*X - B)^2 + c*tr(X'*X)", 'X', '', ["2*A'*A*X - 2*A'*B + 2*c*X", "2*(A'*A*X + c*X - A'*B)",
      "2*A'*(A*X - B) + 2*c*X", "2*(A'*A + c*eye(m))*X - 2*A'*B"]],
    ["(x - m)'*S*(x - m)", 'x', 'S: symmetric(n)', ['2*S*x - 2*S*m', '2*S*(x - m)', 'S*x + S*x - 2*S*m']],
  ];
  for (const [expr, wrt, decl, answers] of cases) {
    for (const answer of answers) {
      const out = check(expr, wrt, answer, decl);
      assert.equal(out.verdict, 'correct', `${expr} / ${answer}: ${out.message}`);
    }
  }
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

test('a term sum is written with its signs: "X - F", not "X + -F"', () => {
  const out = check('norm2(X - F)^2 + a*norm_nuc(X)', 'X', "a*X*inv(sqrtm(X'*X)) + X - F", 'a: scalar');
  assert.equal(out.verdict, 'factor', out.message);
  assert.match(out.message, /is 2 times your X - F /);
});

// The top-level terms of a sum in the input language, each with its sign:
// "a - b*(c + d)" is ["a", "-b*(c + d)"].
function signedTerms(text) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    else if (depth === 0 && i > 0 && (text[i] === '+' || text[i] === '-') && text[i - 1] === ' ') {
      out.push(text.slice(start, i).trim());
      start = i;
    }
  }
  out.push(text.slice(start).trim());
  return out.map((t) => t.replace(/^\+\s*/, '').replace(/^-\s+/, '-'));
}

// The term with its first parenthesised sum multiplied out, "2*X'*(X*w - y)" ->
// "2*X'*X*w - 2*X'*y", or null when it has none in a place a product distributes over
// (not under a function, a power or a transpose).
function multipliedOut(term) {
  for (let open = term.indexOf('('); open >= 0; open = term.indexOf('(', open + 1)) {
    if (open > 0 && !/[*\-]/.test(term[open - 1])) continue;  // a function's argument
    let depth = 0;
    let close = open;
    for (; close < term.length; close += 1) {
      if (term[close] === '(') depth += 1;
      else if (term[close] === ')' && (depth -= 1) === 0) break;
    }
    const after = term.slice(close + 1);
    if (after && !after.startsWith('*')) continue;  // a transpose or a power of the sum
    const inner = signedTerms(term.slice(open + 1, close));
    if (inner.length < 2) continue;
    const before = term.slice(0, open);
    return inner.map((t) => `${before}(${t})${after}`).join(' + ');
  }
  return null;
}

// Random right answers rewritten — multiplied out, terms reordered, a term split in two —
// for generated practice problems of every topic: never a wrong verdict on a right answer.
test('random right answers rewritten stay correct', async () => {
  const { TOPICS } = await import('../../web/js/practice/topics.js');
  const { Names } = await import('../../web/js/practice/names.js');
  const { Random } = await import('../../web/js/practice/random.js');
  let tried = 0;
  for (const topic of TOPICS) {
    const random = new Random('verdicts-rewritten', topic.id);
    for (let i = 0; i < 4; i += 1) {
      const level = 1 + (i % 3);
      const shapes = topic.shapes.filter((s) => s.level <= level);
      const p = random.pick(shapes).make({ random, names: new Names(random), level });
      const args = ['derive', p.expr, '--wrt', p.wrt, '--format', 'json'];
      if (p.decl) args.push('--decl', p.decl);
      if (p.hessian) args.push('--hessian');
      if (p.layout) args.push('--layout', p.layout);
      const derived = JSON.parse(matcalc(...args).stdout);
      if (!derived.ok || !derived.check?.passed) continue;
      const T = derived.result.text;
      const terms = signedTerms(T);
      const rewrites = [
        terms.map((t) => multipliedOut(t) ?? t).join(' + '),
        [...terms].reverse().join(' + '),
        [`0.25*(${terms[0]})`, `0.75*(${terms[0]})`, ...terms.slice(1)].join(' + '),
      ];
      for (const answer of new Set(rewrites)) {
        const checkArgs = ['check', p.expr, '--wrt', p.wrt, '--answer', answer, '--format', 'json'];
        if (p.decl) checkArgs.push('--decl', p.decl);
        if (p.hessian) checkArgs.push('--hessian');
        if (p.layout) checkArgs.push('--layout', p.layout);
        const out = JSON.parse(matcalc(...checkArgs).stdout);
        assert.equal(out.ok, true, `${p.expr} / ${answer}: ${JSON.stringify(out.error)}`);
        assert.equal(out.verdict, out.correct ? out.verdict : 'correct', `${p.expr} (${topic.id}) answered ${answer}: ${out.message}`);
        assert.equal(out.correct, true, `${p.expr} answered ${answer}`);
        tried += 1;
      }
    }
  }
  assert.ok(tried >= 60, `only ${tried} rewritten answers checked`);
});

// A LaTeX answer is read into the same parse tree as a plain one, its spans into the LaTeX:
// an error in it points at the part that is wrong, not at the whole answer.
test('a LaTeX answer keeps its spans', () => {
  const run = matcalc('check', 'x^T A x', '--wrt', 'x', '--answer',
    '\\mathrm{tr}(\\mathbf{x}) \\mathbf{x}', '--format', 'json');
  const out = JSON.parse(run.stdout);
  assert.equal(out.verdict, 'wrong-shape');
  assert.equal(out.answer_error.column, 13);
  assert.equal(out.answer_error.length, '\\mathbf{x}'.length);
  assert.match(out.answer_error.message, /tr needs a square matrix, but x is/);
});
