// Tests of the `matcalc` command (SPEC section 4): exit statuses, where messages go,
// and the argument forms. Run with `node --test`; needs build/matcalc from
// scripts/build.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = path.join(root, 'build', 'matcalc');

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
  assertUsageError(matcalc('derive', "x'*x"), /missing --wrt/);
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
