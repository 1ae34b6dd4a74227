// Tests of the `matcalc` command (SPEC section 4): exit statuses, where messages go,
// and the argument forms; derive --steps, the steps as data (SPEC section 8), the
// vocabulary and check in a layout. Run with `node --test`; needs build/matcalc from
// scripts/build.sh, or the binary named by the environment variable MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.MATCALC_BIN
  ? path.resolve(process.env.MATCALC_BIN)
  : path.join(root, 'build', 'matcalc');

function matcalc(...args) {
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.error, undefined, `could not run ${binary}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// A usage error: status 2, nothing on stdout, a message on stderr matching `pattern`.
function assertUsageError(run, pattern) {
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, pattern);
}

test('--help, help and COMMAND --help print usage with examples and exit 0', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const run = matcalc(...args);
    assert.equal(run.status, 0, args.join(' '));
    assert.match(run.stdout, /matcalc derive EXPR --wrt VAR/);
    assert.match(run.stdout, /Examples/);
    assert.equal(run.stderr, '');
  }
  for (const args of [['derive', '--help'], ['help', 'derive'], ['derive', "x'*x", '-h']]) {
    const run = matcalc(...args);
    assert.equal(run.status, 0, args.join(' '));
    assert.match(run.stdout, /--wrt VAR/);
    assert.match(run.stdout, /--format/);
  }
  assert.match(matcalc('parse', '--help').stdout, /matcalc parse EXPR/);
  assert.match(matcalc('eval', '--help').stdout, /--verbose/);
});

test('usage errors exit 2 with one clear message', () => {
  assertUsageError(matcalc(), /missing command/);
  assertUsageError(matcalc('differentiate', 'x'), /unknown command 'differentiate'/);
  assertUsageError(matcalc('derive', "x'*x"), /no variable to differentiate by: the question names none \(name it with --wrt/);
  assertUsageError(matcalc('derive', '--wrt', 'x'), /missing EXPR/);
  assertUsageError(matcalc('derive', "x'*x", '--wrt', 'x', '--bogus'), /unknown option '--bogus'/);
  assertUsageError(matcalc('derive', "x'*x", '--wrt', 'x', '--format', 'pdf'),
    /unknown --format 'pdf'/);
  assertUsageError(matcalc('eval', "x'*x", '--format', 'latex'), /unknown --format 'latex'/);
  assertUsageError(matcalc('derive', "x'*x", '--wrt'), /--wrt needs a value/);
  assertUsageError(matcalc('derive', "x'*x", '--wrt', 'x', '--seed', 'abc'), /--seed/);
  assertUsageError(matcalc('derive', "x'*x", '--wrt', 'x', '--layout', 'sideways'),
    /--layout/);
  assertUsageError(matcalc('parse', "x'*x", '--wrt', 'x'), /does not apply/);
  assertUsageError(matcalc('derive', 'x', 'y', '--wrt', 'x'), /unexpected extra argument 'y'/);
});

test('an EXPR that begins with - without -- is refused with a hint', () => {
  assertUsageError(matcalc('derive', '--wrt', 'x', "-x'*x"), /after '--'/);
});

test('SPEC example: derive prints the result alone on one line', () => {
  const run = matcalc('derive', "x'*W*W'*x", '--wrt', 'W');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "2*x*x'*W\n");
});

test('the text result parses back', () => {
  const result = matcalc('derive', "x'*W*W'*x", '--wrt', 'W').stdout.trim();
  const run = matcalc('parse', result);
  assert.equal(run.status, 0, run.stderr);
});

test('options may come before or after EXPR, and as --name=value', () => {
  const after = matcalc('derive', "x'*A*x", '--wrt', 'x', '--format', 'latex');
  const before = matcalc('derive', '--format', 'latex', '--wrt', 'x', "x'*A*x");
  const joined = matcalc('derive', '--format=latex', '--wrt=x', "x'*A*x");
  assert.equal(after.status, 0, after.stderr);
  assert.ok(after.stdout.trim().length > 0);
  assert.equal(before.stdout, after.stdout);
  assert.equal(joined.stdout, after.stdout);
});

test('an EXPR beginning with - goes after -- or with a leading space', () => {
  const dashed = matcalc('derive', '--wrt', 'x', '--', "-x'*x");
  assert.equal(dashed.status, 0, dashed.stderr);
  assert.equal(dashed.stdout.split('\n').length, 2, 'one line');
  const spaced = matcalc('derive', " -x'*x", '--wrt', 'x');
  assert.equal(spaced.status, 0, spaced.stderr);
  assert.equal(spaced.stdout, dashed.stdout);
});

test('a malformed expression exits 2 with a caret under the input', () => {
  const run = matcalc('derive', '(x+', '--wrt', 'x');
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  const lines = run.stderr.split('\n');
  assert.ok(lines.some((line) => line.includes('(x+')), 'echoes the input');
  assert.ok(lines.some((line) => /^\s*\^+\s*$/.test(line)), `caret line in:\n${run.stderr}`);
});

test('parse and eval report malformed input the same way', () => {
  for (const verb of ['parse', 'eval']) {
    const run = matcalc(verb, '(x+');
    assert.equal(run.status, 2, verb);
    assert.match(run.stderr, /\^/);
  }
});

test('--format json prints one object with result, steps, shapes and check', () => {
  const run = matcalc('derive', "x'*W*W'*x", '--wrt', 'W', '--format', 'json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.result.text, "2*x*x'*W");
  assert.equal(typeof out.result.latex, 'string');
  assert.ok(Array.isArray(out.steps));
  assert.ok('shapes' in out);
  assert.ok('check' in out);
});

test('parse and eval succeed with text and json output', () => {
  for (const verb of ['parse', 'eval']) {
    const text = matcalc(verb, "x'*A*x");
    assert.equal(text.status, 0, `${verb}: ${text.stderr}`);
    assert.ok(text.stdout.trim().length > 0);
    const json = matcalc(verb, "x'*A*x", '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).ok, true);
  }
  const verbose = matcalc('eval', "x'*x", '--seed', '7', '--verbose');
  assert.equal(verbose.status, 0, verbose.stderr);
});

test('derive --steps prints one line per step, "rules: text", then the result', () => {
  const json = JSON.parse(matcalc('derive', "x'*W*W'*x", '--wrt', 'W', '--format', 'json').stdout);
  const run = matcalc('derive', "x'*W*W'*x", '--wrt', 'W', '--steps');
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.equal(lines.pop(), '', 'ends with a newline');
  assert.equal(lines.length, json.steps.length + 1, `one line per step and the result:\n${run.stdout}`);
  assert.match(lines[0], /^differential: /);
  json.steps.forEach((step, i) => {
    assert.equal(lines[i], `${step.rules.join(', ')}: ${step.text}`, `step ${i + 1}`);
  });
  assert.equal(lines.at(-1), "2*x*x'*W");
  assert.equal(lines.at(-1), json.result.text);
  // Without --steps, the result alone.
  assert.equal(matcalc('derive', "x'*W*W'*x", '--wrt', 'W').stdout, "2*x*x'*W\n");
});

test('JSON steps of a gradient derivation have a form and a text in the input language', () => {
  for (const [expr, wrt] of [["x'*W*W'*x", 'W'], ["x'*A*x", 'x'], ['norm2(A*x-b)^2', 'x']]) {
    const run = matcalc('derive', expr, '--wrt', wrt, '--format', 'json');
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.equal(out.kind, 'gradient');
    assert.ok(out.steps.length >= 2, `${expr}: steps`);
    for (const step of out.steps) {
      assert.ok(['differential', 'gradient'].includes(step.form), `${expr}: form ${step.form}`);
      assert.equal(typeof step.text, 'string', `${expr}: text of ${step.rule}`);
      if (step.form === 'differential') assert.match(step.text, /\bd\(/, `${expr}: ${step.text}`);
      // The text is in the input language: it parses back.
      const plain = step.text.replace(/\bd\(/g, '(');
      assert.equal(matcalc('parse', '--', plain).status, 0, `${expr}: ${step.text} does not parse`);
    }
    assert.equal(out.steps[0].form, 'differential');
    assert.equal(out.steps.at(-1).form, 'gradient');
    assert.equal(out.steps.at(-1).text, out.result.text);
    assert.deepEqual(Object.keys(out.step_check).sort(),
      ['condition', 'failed_step', 'inconclusive', 'max_rel_error', 'passed', 'ran', 'steps']);
    assert.equal(out.step_check.ran, true, expr);
    assert.equal(out.step_check.passed, true, `${expr}: ${JSON.stringify(out.step_check)}`);
  }
});

test('vocabulary --format json: the verdicts with their labels, the layouts, the forms', () => {
  const run = matcalc('vocabulary', '--format', 'json');
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.equal(out.ok, true);
  const names = out.verdicts.map((verdict) => verdict.name);
  assert.equal(new Set(names).size, names.length, 'each verdict once');
  for (const verdict of out.verdicts) {
    assert.equal(typeof verdict.correct, 'boolean', verdict.name);
    assert.ok(typeof verdict.label === 'string' && verdict.label.length > 0, verdict.name);
  }
  const accepted = out.verdicts.filter((v) => v.correct).map((v) => v.name).sort();
  assert.deepEqual(accepted, ['convention', 'correct']);
  const rejected = out.verdicts.filter((v) => !v.correct).map((v) => v.name).sort();
  // The README's list of the kinds of mistake.
  assert.deepEqual(rejected, ['assumes-symmetric', 'backprop-form', 'chain-shorthand',
    'different', 'extra-term', 'factor', 'missing-term', 'several-terms', 'sign', 'transposed',
    'unconstrained', 'wrong-shape']);
  assert.equal(out.verdicts.find((v) => v.name === 'factor').label, 'wrong factor');
  assert.deepEqual(out.layouts, ['denominator', 'numerator']);
  for (const form of ['differential', 'vec-differential', 'gradient', 'derivative', 'jacobian',
    'second-differential', 'layout']) {
    assert.ok(out.forms.includes(form), form);
  }
  // Every step form the engine writes is in the vocabulary.
  for (const args of [["x'*A*x", '--wrt', 'x', '--layout', 'numerator'], ['W*X', '--wrt', 'W'],
    ['norm2(A*x-b)^2', '--wrt', 'x', '--hessian']]) {
    const derived = JSON.parse(matcalc('derive', ...args, '--format', 'json').stdout);
    for (const step of derived.steps) assert.ok(out.forms.includes(step.form), `${args[0]}: ${step.form}`);
  }
});

test('check --layout numerator reads the answer in numerator layout', () => {
  const numerator = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "x'*(A+A')",
    '--layout', 'numerator', '--format', 'json');
  assert.equal(numerator.status, 0, numerator.stderr);
  const accepted = JSON.parse(numerator.stdout);
  assert.equal(accepted.correct, true, accepted.message);
  assert.equal(accepted.verdict, 'correct');
  assert.equal(accepted.layout, 'numerator');
  assert.doesNotMatch(accepted.message, /denominator/);

  // In the default (denominator) layout the same answer is the transpose.
  const plain = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "x'*(A+A')", '--format', 'json');
  assert.equal(plain.status, 1);
  const rejected = JSON.parse(plain.stdout);
  assert.equal(rejected.correct, false);
  assert.equal(rejected.verdict, 'transposed');
  assert.equal(rejected.layout, 'denominator');

  // And the column vector is transposed in numerator layout; text output and statuses.
  const column = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "(A+A')*x", '--layout', 'numerator');
  assert.equal(column.status, 1);
  assert.match(column.stdout, /transpose/);
  const text = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "x'*(A+A')", '--layout', 'numerator');
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^correct/);
  assertUsageError(matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "x'*A", '--layout', 'sideways'),
    /--layout/);
});

// Found by the textbook set (issue 13): expressions defined only where one variable
// outweighs another are checked at inputs of different scales (check crashed on them,
// derive said "could not run"); "0" answers a zero gradient of any shape; "--" makes
// only the next argument EXPR.
test('log barriers and differences are checked; a zero answer of any shape; -- then options', () => {
  const cases = [
    ['sum(log(y - x))', 'x', '', '1./(x-y)'],
    ['sum(log(-x))', 'x', '', '1./x'],
    ['sum(sqrt(y - x))', 'x', '', '-0.5./sqrt(y-x)'],
    ['log(b-a)', 'a', '', '1/(a-b)'],
    [' -sum(log(b - A*x))', 'x', 'A: matrix(m,n); b: vector(m)', "A'*(1./(b - A*x))"],
    [' -sum(y.*log(p) + (1-y).*log(1-p))', 'p', '', '(1-y)./(1-p) - y./p'],
  ];
  for (const [expr, wrt, decl, answer] of cases) {
    const derived = JSON.parse(matcalc('derive', expr, '--wrt', wrt, '--decl', decl, '--format', 'json').stdout);
    assert.equal(derived.check.passed, true, `${expr}: ${JSON.stringify(derived.check)}`);
    const run = matcalc('check', expr, '--wrt', wrt, '--decl', decl, '--answer', answer);
    assert.equal(run.status, 0, `${expr}: ${run.stdout}${run.stderr}`);
    assert.match(run.stdout, /^correct/);
  }
  const zero = matcalc('check', 'det(inv(X)*A*X)', '--wrt', 'X', '--answer', '0');
  assert.equal(zero.status, 0, zero.stdout);
  assert.equal(matcalc('check', 'tr(X)', '--wrt', 'X', '--answer', '0').status, 1);
  const dashed = matcalc('derive', '--', "-x'*x", '--wrt', 'x');
  assert.equal(dashed.status, 0, dashed.stderr);
  assert.equal(dashed.stdout.trim(), '-2*x');
});

// Issue 13: one notation for the inner product, introduced once — at the first step
// that writes ⟨·,·⟩, and at no other.
test('the first step that writes an inner product says what it is, once', () => {
  for (const [expr, wrt] of [["x'*W*W'*x", 'W'], ['norm2(X*w-y)^2', 'w'], ['logdet(X)', 'X']]) {
    const out = JSON.parse(matcalc('derive', expr, '--wrt', wrt, '--format', 'json').stdout);
    const first = out.steps.findIndex((s) => s.latex.includes('\\langle'));
    assert.ok(first > 0, expr);
    const noted = out.steps.map((s, i) => [i, (s.notes || []).some((n) => n.startsWith('⟨A, B⟩'))])
      .filter(([, has]) => has).map(([i]) => i);
    assert.deepEqual(noted, [first], expr);
    assert.match(out.steps[first].notes[0], /tr\(Aᵀ B\)/);
  }
});

// Issue 13 (found by random testing): a function that varies faster than any step of
// the finite differences resolves (cos(exp(27))) is not a "FAILED" check blamed on
// matcalc: the estimates disagree with each other, so the check says it could not settle.
test('a check the finite differences cannot settle says so, not FAILED', () => {
  const run = matcalc('derive', 'cos(exp(abs(det(diag(cos(y) + 2)))))', '--wrt', 'y', '--format', 'json');
  assert.equal(run.status, 1);
  assert.match(run.stderr, /could not settle/);
  assert.doesNotMatch(run.stderr, /FAILED/);
  const out = JSON.parse(run.stdout);
  assert.equal(out.check.inconclusive, true);
  assert.equal(out.check.inputs, 'unresolved');
});

// Found by the third textbook set: check reads a LaTeX answer as it reads a LaTeX
// question, and its help's examples are what check says.
test('check reads a LaTeX answer; its help examples hold', () => {
  const tex = matcalc('check', '\\frac{\\partial}{\\partial W} \\operatorname{tr}(W^\\top A W B)',
    '--answer', 'AWB + A^\\top W B^\\top');
  assert.equal(tex.status, 0, tex.stdout + tex.stderr);
  const wrong = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', '(A + A^\\top x');
  assert.equal(wrong.status, 2);
  assert.match(wrong.stderr, /answer, column 1/);
  const help = matcalc('check', '--help').stdout;
  for (const line of help.split('\n').filter((l) => l.trim().startsWith('matcalc check "'))) {
    const [, expr, wrt, answer, verdict] = line.match(/check "(.*?)" --wrt (\S+) --answer "(.*?)"\s+(.*)$/);
    const run = matcalc('check', expr, '--wrt', wrt, '--answer', answer);
    assert.ok(run.stdout.includes(verdict.trim()), `${line}\n${run.stdout}`);
  }
});

// Found by the fifth textbook set: \pi is the number; an answer may restate a definition
// of the question; 1 - 2*sigmoid(z) for sigmoid(-z) - sigmoid(z); 0.5./b.
test('pi, restated definitions in answers, sigmoid pairs and element-wise quotients', () => {
  const pi = matcalc('eval', '--latex', '\\log(2\\pi)');
  assert.match(pi.stdout, /1\.837877/);
  const kalman = matcalc('check', "E = I - K*H; Q = E*P*E' + K*R*K'; f = tr(Q)", '--wrt', 'K',
    '--decl', 'K: matrix(n,m); H: matrix(m,n); P: symmetric(n); R: symmetric(m)',
    '--answer', "E = I - K*H; -2*E*P*H' + 2*K*R");
  assert.equal(kalman.status, 0, kalman.stdout + kalman.stderr);
  const ica = matcalc('derive', 'sum(log(sigmoid(W*X).*(1 - sigmoid(W*X)))) + c*logdet(W)', '--wrt', 'W',
    '--decl', 'W: matrix(n); X: matrix(n,p)');
  assert.equal(ica.stdout.trim(), "c*inv(W)' + (1 - 2*sigmoid(W*X))*X'");
  const hetero = matcalc('derive', 'sum(0.5*b.*(y - W*h).^2 - 0.5*log(b))', '--wrt', 'b',
    '--decl', 'b: vector(n); W: matrix(n,m)');
  assert.equal(hetero.stdout.trim(), '0.5*(y - W*h).^2 - 0.5./b');
});

// Found by the Jacobian/Hessian set: a transposed Jacobian is said to be the other
// layout; a log barrier's Hessian passes its step check.
test('the transposed-Jacobian verdict names the other layout; log Hessians check every step', () => {
  const t = matcalc('check', 'A*X*B', '--wrt', 'X', '--decl', 'A: matrix(n); X: matrix(n); B: matrix(n)',
    '--answer', "kron(B, A')");
  assert.match(t.stdout, /\(the denominator layout/);
  const h = JSON.parse(matcalc('derive', '--hessian', '--wrt', 'x', '--decl', 'x: vector(n)', '--format', 'json',
    '--', '-sum(log(x))').stdout);
  assert.equal(h.result.text, 'diag(1./x.^2)');
  assert.equal(h.step_check.passed, true, JSON.stringify(h.step_check));
});
