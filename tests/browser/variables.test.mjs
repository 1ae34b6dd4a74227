// The variable the page differentiates by when nobody chose one (web/js/variables.js),
// in node, with the variables the engine reads from each expression: the worked
// examples' own variable (the first example of an expression, where two differentiate
// it by different variables), and the cases of issue 14.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pickVariable, rankVariables } from '../../web/js/variables.js';
import { root } from './lib/browser.mjs';
import { loadEngine } from './lib/engine.mjs';

async function variablesOf(expr, decl = '') {
  const engine = await loadEngine();
  const parsed = JSON.parse(engine.parse(expr, decl));
  assert.ok(parsed.ok, `${expr} parses`);
  return parsed.variables;
}

test('with no choice, each worked example is differentiated by its own variable', async () => {
  const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));
  const seen = new Set();
  for (const example of examples) {
    const key = `${example.expr}|${example.decl}`;
    if (seen.has(key)) continue;
    seen.add(key);
    assert.equal(pickVariable(await variablesOf(example.expr, example.decl), ''), example.wrt, example.id);
  }
});

test('the likely variable: parameters, then unknowns, then data and constants', async () => {
  for (const [expr, wrt] of [["norm2(X*w-y)^2", 'w'], ['tr(A*X)', 'X'], ["x'*A*x", 'x'],
    ["x'*W*W'*x", 'W'], ["b'*x + c", 'x'], ['sum(exp(A*theta))', 'theta']]) {
    assert.equal(pickVariable(await variablesOf(expr), ''), wrt, expr);
  }
  // A declared name reads as a constant; the reader's choice wins while it exists.
  assert.equal(pickVariable(await variablesOf("a'*X*b", 'a: vector(n); b: vector(m)'), ''), 'X');
  assert.equal(pickVariable(await variablesOf("norm2(X*w-y)^2"), 'X'), 'X');
  assert.equal(pickVariable(await variablesOf("norm2(X*w-y)^2"), 'Q'), 'w');
  assert.deepEqual(rankVariables(await variablesOf("norm2(X*w-y)^2")).map((v) => v.name), ['w', 'X', 'y']);
  assert.equal(pickVariable([], 'x'), null);
  // A variable declared on a constraint set is the one optimised over (SPEC 13).
  assert.equal(pickVariable(await variablesOf("tr(A'*X)", 'X: orthogonal(n)'), ''), 'X');
  assert.equal(pickVariable(await variablesOf("norm2(S - L*L')^2", 'L: lower(n); S: spd(n)'), ''), 'L');
  assert.equal(pickVariable(await variablesOf("a'*x", 'x: unit(n)'), ''), 'x');
});

test('a defined name is a choice but never the pick; a question may name the variable', async () => {
  // Issue 10's seed: v and w are defined (kind 'defined'); X is the variable, though w
  // reads as a parameter.
  const seed = await variablesOf("v = X'*a; w = sigmoid(v); w'*w");
  assert.deepEqual(seed.filter((v) => v.kind === 'defined').map((v) => v.name), ['v', 'w']);
  assert.equal(pickVariable(seed, ''), 'X');
  assert.deepEqual(rankVariables(seed).map((v) => v.name).slice(-2).sort(), ['v', 'w']);
  const program = await variablesOf("P = M*M'; Q = P - I; f = tr(Q*Q')");
  assert.equal(pickVariable(program, ''), 'M');
  assert.equal(pickVariable(program, 'Q'), 'Q');
  // The variable a LaTeX question names comes as the request (worker.js).
  const engine = await loadEngine();
  const parsed = JSON.parse(engine.parse('\\frac{\\partial\\, x^T W W^T x}{\\partial x}', ''));
  assert.equal(parsed.reading.wrt, 'x');
  assert.equal(pickVariable(parsed.variables, ''), 'W');
  assert.equal(pickVariable(parsed.variables, parsed.reading.wrt), 'x');
});
