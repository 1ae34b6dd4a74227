// Issue 23, matrix functions and eigenvalues (SPEC 12), through the `matcalc` command:
// every form of tests/data/matrix_functions.json derived, its numeric check and its step
// check passing, equal to the textbook form where there is one, and its result reading
// back; closed forms where the direction commutes; the conditions under which a
// derivative exists (stated in the steps, refused at a point where it fails); LaTeX
// spellings; and the refusals, each one message with its column.
// Run with `node --test`; needs build/matcalc, or the binary named by MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSame, json, matcalc } from './lib/matcalc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'data', 'matrix_functions.json'), 'utf8'));

function derived(expr, wrt, decl = '') {
  // (an expression that begins with '-' gets a leading space, as the CLI's help says)
  const out = json('derive', expr.startsWith('-') ? ` ${expr}` : expr, '--wrt', wrt, '--decl', decl);
  assert.equal(out.check.passed, true, `${expr}: numeric check ${JSON.stringify(out.check)}`);
  assert.equal(out.step_check.passed, true, `${expr}: step check ${JSON.stringify(out.step_check)}`);
  return out;
}

test('every SPEC 12 form derives, checks, reads back and equals its textbook form', () => {
  for (const c of cases) {
    const out = derived(c.expr, c.wrt, c.decl);
    // The result parses back (SPEC 4) with the question's declarations.
    const parsed = json('parse', ` ${out.result.text}`, '--decl', c.decl);
    assert.equal(parsed.ok ?? true, true, out.result.text);
    if (c.textbook) assertSame(out.result.text, c.textbook, c.decl);
  }
});

test('closed forms where the direction commutes with the argument', () => {
  assert.equal(derived('tr(expm(X))', 'X').result.text, "expm(X')");
  assert.equal(derived('tr(sqrtm(S))', 'S', 'S: spd(n)').result.text, '0.5*inv(sqrtm(S))');
  assert.equal(derived(' -tr(R*logm(R))', 'R', 'R: spd(n)').result.text, '-logm(R) - I');
  // No closed form: the Fréchet derivative at the transposed argument (Higham 3.6).
  assert.equal(derived('tr(B*expm(A))', 'A').result.text, "dexpm(A', B')");
  // A Fréchet derivative's value is the block-triangular identity's: dexpm(A, I) = expm(A).
  assertSame('dexpm(A, A)', 'expm(A)*A');
  assertSame('dlogm(S, eye(n))', 'inv(S)', 'S: spd(n)');
});

test('the steps name the rules and state the conditions', () => {
  const sym = derived('tr(B*expm(S))', 'S', 'S: symmetric(n)');
  const rules = sym.steps.map((s) => s.rule);
  assert.ok(rules.includes('d-expm') && rules.includes('adj-frechet'), rules.join(' '));
  assert.ok(sym.notes.some((n) => /Daleckii/.test(n.message)), JSON.stringify(sym.notes));
  const lam = derived('lambda_max(S)', 'S', 'S: symmetric(n)');
  assert.ok(lam.steps.some((s) => s.rule === 'd-lambda-max'));
  assert.ok(JSON.stringify(lam).includes('largest eigenvalue of S is simple'));
});

test('where a derivative does not exist, the output says so instead of a number', () => {
  // Every input makes the largest eigenvalue of c*I repeated.
  const run = matcalc('derive', 'lambda_max(c*eye(3))', '--wrt', 'c');
  assert.match(run.stderr + run.stdout, /largest eigenvalue \(.*\) is repeated/);
  const top = matcalc('eval', 'eigvec_max(eye(3))');
  assert.equal(top.status, 2);
  assert.match(top.stderr, /eigvec_max is not determined where the largest eigenvalue \(1\) is repeated/);
  const log = matcalc('eval', 'logm(-eye(3))');
  assert.equal(log.status, 2);
  assert.match(log.stderr, /logm has no real principal value here: it has the eigenvalue -1/);
});

test('LaTeX spellings of the matrix and spectral functions', () => {
  const reads = (tex, decl, plain, wrt) => {
    const asked = json('derive', tex, '--wrt', wrt, '--decl', decl);
    const direct = derived(plain, wrt, decl);
    assertSame(asked.result.text, direct.result.text, decl);
  };
  reads('\\operatorname{tr}(e^{X})', 'X: matrix(n)', 'tr(expm(X))', 'X');
  reads('\\lambda_{\\max}(X^T X)', '', "lambda_max(X'*X)", 'X');
  reads('\\|W\\|_2', 'W: matrix(n,m)', 'norm_op(W)', 'W');
  reads('\\|X\\|_*', 'X: matrix(n,m)', 'norm_nuc(X)', 'X');
  reads('\\operatorname{tr}(S^{1/2})', 'S: spd(n)', 'tr(sqrtm(S))', 'S');
  reads('\\sigma_{\\max}(A)', 'A: matrix(n,m)', 'norm_op(A)', 'A');
  // \|x\|_2 of a vector stays the Euclidean norm; e^{x} of a vector stays exp.
  reads('\\|x\\|_2^2', 'x: vector(n)', "x'*x", 'x');
  // The engine's LaTeX of the new forms reads back as the same question.
  for (const plain of ["dexpm(A', B')", 'sqrtm(S)', "lambda_max(A + A')", 'norm_op(A)', 'norm_nuc(A)', 'expm(A)']) {
    const tex = json('parse', plain, '--decl', 'A: matrix(n); B: matrix(n); S: spd(n)').expr.latex;
    const back = json('parse', tex, '--decl', 'A: matrix(n); B: matrix(n); S: spd(n)');
    assert.equal(back.expr.text, plain, `${plain} printed as ${tex}`);
  }
});

test('a superscript on e^{A} or A^{1/2} parenthesises it: no double superscript', () => {
  // KaTeX (and TeX) refuse A^{1/2}^{-1}: the page would show an error where the result is.
  const decl = 'A: matrix(n); S: spd(n)';
  for (const plain of ['inv(sqrtm(S))', 'inv(expm(A))', "inv(sqrtm(S))'", "x'*inv(sqrtm(S))*x"]) {
    const parsed = json('parse', plain, '--decl', decl);
    for (const tex of [parsed.expr.latex, parsed.typed_latex].filter(Boolean)) {
      assert.doesNotMatch(tex, /\^\{[^{}]*\}\^/, `${plain} printed as ${tex}`);
      assert.doesNotMatch(tex, /@/, `${plain} printed as ${tex}`);
    }
    const back = json('parse', parsed.expr.latex, '--decl', decl);
    assertSame(back.expr.text, parsed.expr.text, decl);
  }
  const nuclear = derived('norm_nuc(X)', 'X');
  assert.doesNotMatch(nuclear.result.latex, /\^\{[^{}]*\}\^/, nuclear.result.latex);
  const root = json('derive', 'tr(sqrtm(S))', '--wrt', 'S', '--decl', 'S: spd(n)');
  assert.doesNotMatch(root.typed_latex, /@/, root.typed_latex);
});

test('refusals say what and where', () => {
  const refused = (args, message, column) => {
    const run = matcalc(...args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}`);
    const first = run.stderr.split('\n')[0];
    assert.match(first, message, first);
    if (column) assert.ok(first.endsWith(`column ${column})`), first);
  };
  refused(['derive', 'lambda_max(X)', '--wrt', 'X'], /lambda_max needs a symmetric matrix, and X is not symmetric/, 12);
  refused(['derive', 'tr(A^0.3)', '--wrt', 'A'], /principal power of a symmetric positive definite S/, 4);
  refused(['derive', "eigvec_max(S)'*x", '--wrt', 'S', '--decl', 'S: symmetric(n)'], /derivative of an eigenvector is not supported/);
  refused(['derive', 'expm(X)', '--wrt', 'X'], /Jacobian through dexpm has no Kronecker form/);
  // asked for a Hessian, the message is about the Hessian
  refused(['derive', 'tr(expm(expm(X)))', '--wrt', 'X', '--hessian'], /^error: the Hessian through dexpm has no Kronecker form here: Hessians through matrix functions are not available yet/);
  refused(['derive', 'tr(dexpm(X, B))', '--wrt', 'X'], /second Fréchet derivative/);
  refused(['derive', 'tr(dexpm(X, B))', '--wrt', 'X', '--route', 'index'], /./);
  refused(['derive', 'dexpm(A, x)', '--wrt', 'A'], /needs a direction E of A's shape/, 10);
});

test('a symmetric argument by its form is accepted', () => {
  derived("lambda_max(A + A')", 'A');
  derived("sum(eigvals(X'*X))", 'X');
  derived("lambda_min(B*S*B')", 'B', 'S: symmetric(n)');
});
