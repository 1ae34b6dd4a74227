// Issue 10 through the WebAssembly module, as the page's worker calls it: a LaTeX
// question derived with the variable it names (the worker passes '' or the question's
// variable), the `reading` of parse and derive, definitions in JSON, and the notes'
// shape (SPEC section 7: objects {kind, variable, message, declaration}; step notes stay
// strings). Results are compared numerically with the plain problem (evaluate).
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
const derive = (expr, wrt, decls = '') => JSON.parse(engine.derive(expr, wrt, decls, 1, false, ''));

function assertSame(a, b, decls = '') {
  for (const seed of [1, 2, 3]) {
    const out = JSON.parse(engine.evaluate(`norm2((${a}) - (${b})) / norm2(${b})`, decls, seed));
    assert.ok(out.ok, out.error?.message);
    assert.ok(Math.abs(out.value[0][0]) < 1e-9, `${a} should equal ${b} (seed ${seed})`);
  }
}

const FRAC = '\\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW }';
const SEED = '\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=\\sigma(\\mathbf{v}),\\ \\mathbf{w}^T\\mathbf{w}';

test('a LaTeX question: its reading names the variable, and derive answers it', () => {
  const parsed = parse(FRAC);
  assert.equal(parsed.ok, true);
  assert.deepEqual(parsed.reading, { syntax: 'latex', text: "x'*W*W'*x", decls: '', wrt: 'W' });
  const derived = derive(FRAC, parsed.reading.wrt);
  assert.equal(derived.ok, true);
  assert.equal(derived.wrt, 'W');
  assert.equal(derived.result.text, "2*x*x'*W");
  assert.deepEqual(derived.reading, parsed.reading);
  assert.equal(derived.check.passed, true);
  assertSame(derived.result.text, derive("x'*W*W'*x", 'W').result.text);
});

test('the LaTeX seed: definitions and the declarations its typography makes', () => {
  const parsed = parse(SEED);
  assert.equal(parsed.ok, true);
  assert.equal(parsed.reading.decls, 'X: matrix; a: vector');
  assert.deepEqual(parsed.definitions.map((d) => d.name), ['v', 'w']);
  for (const d of parsed.definitions) {
    for (const key of ['name', 'text', 'latex', 'shape']) assert.equal(typeof d[key], 'string', `${d.name}.${key}`);
  }
  assert.deepEqual(parsed.variables.map((v) => [v.name, v.kind]),
    [['X', 'matrix'], ['a', 'vector'], ['v', 'defined'], ['w', 'defined']]);
  const derived = derive(SEED, 'X');
  assert.equal(derived.ok, true);
  assertSame(derived.result.text, derive("sum(sigmoid(X'*a).^2)", 'X', 'a: vector').result.text, 'a: vector');
});

test('an error in LaTeX carries the column into the LaTeX as typed', () => {
  const out = parse('\\frac{\\partial \\foo x}{\\partial x}');
  assert.equal(out.ok, false);
  assert.equal(out.error.source, 'expression');
  assert.equal(out.error.column, 16);
  assert.equal(out.error.length, 4);
  assert.equal(out.error.message, 'unknown LaTeX command \\foo');
});

test('notes are objects {kind, variable, message, declaration}; step notes are strings', () => {
  const derived = derive('0.5*norm2(A*x-b)^2', 'x');
  assert.equal(derived.ok, true);
  assert.equal(derived.result.text, "A'*(A*x - b)");
  assert.equal(derived.notes.length, 1);
  const [note] = derived.notes;
  assert.deepEqual(Object.keys(note).sort(), ['declaration', 'kind', 'message', 'variable']);
  assert.equal(note.kind, 'convention');
  assert.equal(note.variable, 'b');
  assert.equal(note.declaration, 'b: vector');
  assert.match(note.message, /^b is a scalar by the naming convention/);
  // The suggested declaration, added, makes the note go away.
  assert.deepEqual(derive('0.5*norm2(A*x-b)^2', 'x', note.declaration).notes, []);
  // A rule's note (a subgradient at a kink) has kind "rule"; notes inside steps are strings.
  const kink = derive('norm1(x)', 'x');
  assert.deepEqual(kink.notes.map(({ kind, variable, declaration }) => ({ kind, variable, declaration })),
    [{ kind: 'rule', variable: '', declaration: '' }]);
  assert.match(kink.notes[0].message, /sign\(0\) = 0/);
  const program = derive("P = M*M'; Q = P - I; f = tr(Q*Q')", 'M');
  assert.deepEqual(program.notes, []);
  const stepNotes = program.steps.flatMap((s) => s.notes || []);
  assert.ok(stepNotes.length >= 2);
  assert.ok(stepNotes.every((n) => typeof n === 'string'));
});
