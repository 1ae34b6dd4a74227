// Tests of the WebAssembly module through its embind API, run with `node --test`.
// The module is built for web/worker only (an ES module built with `node` in its
// environment fails in node 20), so the .wasm bytes are handed to the factory directly.
// Needs build-wasm/ from scripts/build.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const jsFile = path.join(root, 'build-wasm', 'matcalc_wasm.js');
const wasmFile = path.join(root, 'build-wasm', 'matcalc_wasm.wasm');

const { default: createMatcalc } = await import(pathToFileURL(jsFile).href);
const engine = await createMatcalc({ wasmBinary: fs.readFileSync(wasmFile) });

const parse = (expr, decls = '') => JSON.parse(engine.parse(expr, decls));
const evaluate = (expr, decls = '', seed = 1) => JSON.parse(engine.evaluate(expr, decls, seed));
const derive = (expr, wrt, decls = '', seed = 1, hessian = false, layout = 'denominator') =>
  JSON.parse(engine.derive(expr, wrt, decls, seed, hessian, layout));

function assertUserError(outcome, source) {
  assert.equal(outcome.ok, false);
  const { error } = outcome;
  assert.equal(typeof error, 'object');
  assert.ok(['parse', 'shape', 'unknown-symbol', 'unsupported', 'declaration'].includes(error.code),
    `error code ${error.code}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.equal(typeof error.rendered, 'string');
  if (source) assert.equal(error.source, source);
}

test('the module exports parse, evaluate and derive', () => {
  for (const name of ['parse', 'evaluate', 'derive']) {
    assert.equal(typeof engine[name], 'function', name);
  }
});

test('parse of a well-formed expression is ok', () => {
  const out = parse("x'*A*x");
  assert.equal(out.ok, true);
});

test('parse honours declarations', () => {
  const out = parse("x'*W*y", 'x: vector(n); W: matrix(n,m); y: vector(m)');
  assert.equal(out.ok, true);
});

test('evaluate is ok and reproducible for a given seed', () => {
  const first = engine.evaluate("x'*x", '', 7);
  assert.equal(JSON.parse(first).ok, true);
  assert.equal(engine.evaluate("x'*x", '', 7), first);
});

test('derive returns result, steps, shapes and check (SPEC section 4 example)', () => {
  const out = derive("x'*W*W'*x", 'W');
  assert.equal(out.ok, true);
  assert.equal(out.result.text, "2*x*x'*W");
  assert.equal(typeof out.result.latex, 'string');
  assert.ok(out.result.latex.length > 0);
  assert.ok(Array.isArray(out.steps) && out.steps.length > 0, 'steps');
  for (const step of out.steps) {
    assert.equal(typeof step.rule, 'string');
    assert.equal(typeof step.latex, 'string');
  }
  assert.equal(typeof out.shapes, 'object');
  assert.ok(out.check !== undefined && out.check !== null, 'check');
});

test('a malformed expression is an error with a position', () => {
  const out = parse('(x+');
  assertUserError(out, 'expression');
  assert.equal(out.error.code, 'parse');
  assert.ok(Number.isInteger(out.error.column), 'column is an integer');
  assert.ok(out.error.column >= 1 && out.error.column <= 4, `column ${out.error.column}`);
  assert.ok(out.error.length >= 1, `length ${out.error.length}`);
  assert.match(out.error.rendered, /\^/);
});

test('derive and evaluate report a malformed expression the same way', () => {
  assertUserError(derive('(x+', 'x'), 'expression');
  assertUserError(evaluate('(x+'), 'expression');
});

test('a malformed declaration is an error about the declarations', () => {
  assertUserError(parse('x', 'x: vector('), 'declarations');
});

test('the module keeps working after 200 bad inputs in a row', () => {
  const bad = ['(x+', ')', 'x+*y', 'tr(', '@', '((((', 'A*(B', 'x+', '*x', 'x $ y', 'x)(',
    'det()'];
  for (let i = 0; i < 200; i += 1) {
    const expr = bad[i % bad.length];
    const out = i % 3 === 0 ? parse(expr) : i % 3 === 1 ? evaluate(expr) : derive(expr, 'x');
    assertUserError(out);
  }
  assert.equal(parse("x'*A*x").ok, true);
  assert.equal(derive("x'*W*W'*x", 'W').result.text, "2*x*x'*W");
});

test('a deeply nested expression returns an outcome instead of trapping', () => {
  const depth = 1000;
  const out = parse('('.repeat(depth) + 'x' + ')'.repeat(depth));
  assert.equal(typeof out.ok, 'boolean');
  if (!out.ok) assert.notEqual(out.error.code, 'internal');
  assert.equal(parse("x'*A*x").ok, true);
});

test('vocabulary() spells the verdicts of check my answer, the layouts and the step forms', () => {
  assert.equal(typeof engine.vocabulary, 'function');
  const out = JSON.parse(engine.vocabulary());
  assert.equal(out.ok, true);
  assert.ok(out.verdicts.length >= 10);
  for (const verdict of out.verdicts) {
    assert.deepEqual(Object.keys(verdict).sort(), ['correct', 'label', 'name']);
    assert.equal(typeof verdict.correct, 'boolean');
    assert.ok(verdict.label.length > 0, verdict.name);
  }
  const byName = new Map(out.verdicts.map((verdict) => [verdict.name, verdict]));
  assert.equal(byName.get('correct').correct, true);
  assert.equal(byName.get('convention').correct, true);
  assert.equal(byName.get('transposed').correct, false);
  assert.deepEqual(out.layouts, ['denominator', 'numerator']);
  assert.ok(out.forms.includes('differential') && out.forms.includes('gradient'));
  // The module says what the CLI says (same engine, same table).
  assert.equal(engine.vocabulary(), engine.vocabulary());
});

test('checkAnswer takes 7 arguments, the last the layout the answer is written in', () => {
  const check = (answer, layout) =>
    JSON.parse(engine.checkAnswer("x'*A*x", 'x', '', answer, 1, false, layout));
  const numerator = check("x'*(A+A')", 'numerator');
  assert.equal(numerator.ok, true);
  assert.equal(numerator.correct, true, numerator.message);
  assert.equal(numerator.layout, 'numerator');
  const plain = check("x'*(A+A')", '');
  assert.equal(plain.correct, false);
  assert.equal(plain.verdict, 'transposed');
  assert.equal(plain.layout, 'denominator');
  assert.equal(check("(A+A')*x", 'denominator').correct, true);
  assert.equal(check("(A+A')*x", 'numerator').verdict, 'transposed');
  // An unreadable answer keeps its own column in either layout.
  const broken = check("x'*(A+A'", 'numerator');
  assert.equal(broken.ok, false);
  assert.equal(broken.error.source, 'answer');
  assert.equal(broken.error.column, 4);
  // An unknown layout is the caller's mistake, reported as data.
  const sideways = check("x'*(A+A')", 'sideways');
  assert.equal(sideways.ok, false);
  assert.notEqual(sideways.error.code, 'internal');
  // Six arguments are refused (embind counts them).
  assert.throws(() => engine.checkAnswer("x'*A*x", 'x', '', "x'*A", 1, false));
});

test('derive reports its step check: every step evaluated against f', () => {
  const out = derive("x'*W*W'*x", 'W');
  assert.equal(out.step_check.ran, true);
  assert.equal(out.step_check.passed, true);
  assert.equal(out.step_check.failed_step, -1);
  assert.ok(out.step_check.max_rel_error < 1e-6);
  for (const step of out.steps) assert.equal(typeof step.text, 'string');
});
