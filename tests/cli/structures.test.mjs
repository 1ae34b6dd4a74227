// Issue 24, structured variables (SPEC 13), through the `matcalc` command: every form of
// tests/data/structures.json derived at points of its set, its numeric check (tangent
// directions, the answer in the tangent space) and its step check passing, equal to the
// textbook form on the set, the projection named as a step; LaTeX declarations; what
// check-my-answer says of the unconstrained gradient; and the refusals, one message each.
// Run with `node --test`; needs build/matcalc, or the binary named by MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSame, json, matcalc } from './lib/matcalc.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cases = JSON.parse(readFileSync(path.join(root, 'tests', 'data', 'structures.json'), 'utf8'));

function derived(expr, wrt, decl = '') {
  const out = json('derive', expr.startsWith('-') ? ` ${expr}` : expr, '--wrt', wrt, '--decl', decl);
  assert.equal(out.check.passed, true, `${expr}: numeric check ${JSON.stringify(out.check)}`);
  assert.equal(out.step_check.passed, true, `${expr}: step check ${JSON.stringify(out.step_check)}`);
  return out;
}

const rulesOf = (out) => out.steps.flatMap((s) => s.rules ?? [s.rule]);

test('every SPEC 13 form derives on its set, checks, reads back and equals its textbook form', () => {
  for (const c of cases) {
    const out = derived(c.expr, c.wrt, c.decl);
    const structured = /(lower|upper|skew|orthogonal|stiefel|unit|symmetric|diagonal|spd)\(/.test(
      c.decl.split(';').find((d) => d.trim().startsWith(`${c.wrt}:`)) ?? '');
    if (structured) assert.ok(out.check.tangent_error >= 0 && out.check.tangent_error < 1e-9, c.expr);
    const parsed = json('parse', ` ${out.result.text}`, '--decl', c.decl);
    assert.equal(parsed.ok ?? true, true, out.result.text);
    if (c.rule) assert.ok(rulesOf(out).includes(c.rule), `${c.expr}: ${rulesOf(out).join(' ')}`);
    // On the set: `matcalc eval` draws the declared variables as points of their sets.
    if (c.textbook) assertSame(out.result.text, c.textbook, c.decl);
  }
});

test('the derivation shows the unconstrained gradient, then the projection with its identity', () => {
  const out = derived("tr(A'*X)", 'X', 'X: orthogonal(n)');
  const rules = rulesOf(out);
  assert.ok(rules.indexOf('read-off') < rules.indexOf('orthogonal-gradient'), rules.join(' '));
  const projection = out.steps.find((s) => (s.rules ?? [s.rule]).includes('orthogonal-gradient'));
  assert.match(projection.title, /X'X = I: project G onto the tangent space/);
  assert.match(out.convention, /X is orthogonal.*Riemannian gradient/);
  const reference = json('rules');
  const row = reference.rules.find((r) => r.name === 'orthogonal-gradient');
  assert.equal(row.family, 'structure');
  assert.match(row.source, /Absil, Mahony & Sepulchre/);
  assert.equal(json('parse', 'x', '--decl', 'x: unit(n)').variables[0].kind, 'unit');
});

test('LaTeX declarations of the structures', () => {
  const reads = (tex, wrt, decl, plain) => {
    const asked = json('derive', tex, '--wrt', wrt);
    assert.equal(asked.check.passed, true, tex);
    const direct = derived(plain, wrt, decl);
    assert.equal(asked.result.text, direct.result.text, tex);
  };
  reads("\\operatorname{tr}(A^T X), \\quad X \\in O(n)", 'X', 'X: orthogonal(n)', "tr(A'*X)");
  reads('x^T A x,\\ x \\in S^{n-1}', 'x', 'x: unit(n)', "x'*A*x");
  reads("\\operatorname{tr}(X^\\top A X),\\ X \\in \\mathrm{St}(n,p)", 'X', 'X: stiefel(n,p)',
    "tr(X'*A*X)");
  reads("\\log\\det(L L^\\top),\\ L \\in \\mathbb{R}^{n\\times n} \\text{ lower triangular}", 'L',
    'L: lower(n)', "logdet(L*L')");
  reads("\\|X - A\\|_F^2,\\ X \\in \\mathbb{R}^{n\\times n}\\text{, skew-symmetric}", 'X',
    'X: skew(n)', 'norm2(X - A)^2');
  // Constraints as papers write them, and the variable under \min / \max.
  const asked = (tex, wrt) => {
    const out = json('derive', tex, ...(wrt ? ['--wrt', wrt] : []));
    assert.equal(out.check.passed, true, tex);
    return out;
  };
  assert.equal(asked('x^T A x, \\quad \\|x\\| = 1', 'x').reading.decls, 'x: unit');
  assert.equal(asked('x^\\top A x \\text{ subject to } x^\\top x = 1', 'x').reading.decls, 'x: unit');
  assert.equal(asked('x^T A x, x \\in \\mathbb{R}^n, \\|x\\|_2 = 1', 'x').reading.decls, 'x: unit(n)');
  const brockett = asked('\\max_{X^\\top X = I_p} \\operatorname{tr}(X^\\top A X)');
  assert.equal(brockett.reading.wrt, 'X');
  assert.equal(brockett.reading.decls, 'X: stiefel');
  assert.equal(asked('\\arg\\min_{X \\in O(n)} \\|X - A\\|_F^2').result.text, "X*A'*X - A");
  assert.equal(asked('\\min_W \\|W X - Y\\|^2').reading.wrt, 'W');
  const over = matcalc('derive', '\\max_i x_i');
  assert.equal(over.status, 2);
  assert.match(over.stderr, /a maximum or minimum over an index is not read/);
  const bad = matcalc('derive', 'x', '--wrt', 'x', '--decl', 'x \\in \\mathbb{R}^{n}\\text{ spiky}');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /'spiky' is not a structure this reader knows/);
});

test('check my answer names the unconstrained gradient of a constrained variable', () => {
  // (a wrong answer exits with status 1, its verdict on stdout)
  const check = (expr, wrt, decl, answer) =>
    JSON.parse(matcalc('check', expr, '--wrt', wrt, '--decl', decl, '--answer', answer,
      '--format', 'json').stdout);
  const procrustes = check("tr(A'*X)", 'X', 'X: orthogonal(n)', 'A');
  assert.equal(procrustes.correct, false);
  assert.equal(procrustes.verdict, 'unconstrained');
  assert.match(procrustes.message, /projection onto the tangent space, \(G - X\*G'\*X\)\/2/);
  assert.equal(check("tr(A'*X)", 'X', 'X: orthogonal(n)', "(A - X*A'*X)/2").correct, true);
  const rayleigh = check("x'*A*x", 'x', 'x: unit(n); A: symmetric(n)', '2*A*x');
  assert.equal(rayleigh.verdict, 'unconstrained');
  assert.equal(check("x'*A*x", 'x', 'x: unit(n); A: symmetric(n)', "2*A*x - 2*x*x'*A*x").correct, true);
  assert.equal(check("logdet(L*L')", 'L', 'L: lower(n)', "2*inv(L)'").verdict, 'unconstrained');
  // The symmetric case keeps its convention (SPEC 3): the symmetric part is the answer.
  assert.equal(check("tr(A'*S)", 'S', 'S: symmetric(n)', 'A').correct, true);
});

test('refusals: Jacobians and Hessians by a constrained variable, impossible sizes', () => {
  const jac = matcalc('derive', 'X*a', '--wrt', 'X', '--decl', 'X: orthogonal(n); a: vector(n)');
  assert.equal(jac.status, 2);
  assert.match(jac.stderr, /a Jacobian by X, a structured variable \(orthogonal\), is not derived yet/);
  const hes = matcalc('derive', "x'*A*x", '--wrt', 'x', '--decl', 'x: unit(n)', '--hessian');
  assert.equal(hes.status, 2);
  assert.match(hes.stderr, /Riemannian Hessian on its set is left for later/);
  const tall = matcalc('derive', "tr(X'*X)", '--wrt', 'X', '--decl', 'X: stiefel(2,3)');
  assert.equal(tall.status, 2);
  assert.match(tall.stderr, /stiefel\(n,p\) has p <= n: 2 rows cannot hold 3 orthonormal columns/);
});

test('exported code projects, documents the convention and self-checks along tangent directions', () => {
  const out = matcalc('export', "x'*A*x", '--wrt', 'x', '--decl', 'x: unit(n); A: symmetric(n)',
    '--lang', 'numpy');
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /x is a unit vector/);
  assert.match(out.stdout, /_h = _h - _x \* np\.sum\(_x \* _h\)/);
});
