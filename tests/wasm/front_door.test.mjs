// Issue 18 through the WebAssembly module, as the page's worker calls it (parse, then
// derive with the variable the reading names): definitions typed in the declarations
// field, pasted questions, the reading note of an ambiguous paste, unknown functions, a
// question naming a variable its reading lacks, index notation refused, and the notes'
// shape. Every reading is compared numerically with the plain problem (evaluate).
// Needs build-wasm/ from scripts/build.sh (tests/wasm/lib/module.mjs loads it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSame, derive, parse } from './lib/module.mjs';

// What the page does: parse, take the variable the question names (or the given one),
// derive; the answer equals the plain problem's.
function asked(expr, decls, wrt, plain, plainDecls = '') {
  const parsed = parse(expr, decls);
  assert.equal(parsed.ok, true, `${expr}: ${parsed.error?.message}`);
  const variable = wrt || parsed.reading.wrt;
  const derived = derive(expr, variable, decls);
  assert.equal(derived.ok, true, derived.error?.message);
  const direct = derive(plain, variable, plainDecls);
  assert.equal(derived.result.shape, direct.result.shape, expr);
  assertSame(derived.result.text, direct.result.text, plainDecls);
  return { parsed, derived };
}

test('a definition in the declarations field is read and shown in the reading', () => {
  const { parsed, derived } = asked('D', '\\mathbf{D} = \\mathbf{W}\\mathbf{X}', 'W', 'W*X');
  assert.equal(parsed.reading.text, 'D = W*X\nD');
  assert.equal(derived.function, 'D');
  asked('\\mathbf{w}^T\\mathbf{w}', '\\mathbf{w} = \\sigma(\\mathbf{X}^T\\mathbf{a})', 'X',
    "sum(sigmoid(X'*a).^2)", 'a: vector');
  const wrong = parse('x', 'x^T x');
  assert.equal(wrong.ok, false);
  assert.equal(wrong.error.source, 'declarations');
});

test('pasted questions are read; the question names its variable', () => {
  asked('P≡MM^T, Q≡P-I, f=tr(QQ^T)', '', 'M', "tr((M*M' - I)*(M*M' - I)')");
  asked('‖Ax − b‖²', '', 'x', 'norm2(A*x - b)^2');
  const { parsed } = asked('∂(xᵀAx)/∂x', '', '', "x'*A*x");
  assert.equal(parsed.reading.wrt, 'x');
  assert.equal(parsed.reading.syntax, 'latex');
  assert.equal(parsed.reading.text, "x'*A*x");
});

test('notes: a reading note carries the other reading; a combined convention note its names', () => {
  const ambiguous = parse('P=MM^T; Q=P-I; f=tr(QQ^T)');
  assert.equal(ambiguous.ok, true);
  const [reading] = ambiguous.notes;
  assert.deepEqual(Object.keys(reading).sort(), ['declaration', 'expression', 'kind', 'message', 'variable']);
  assert.equal(reading.kind, 'reading');
  assert.equal(reading.expression, "P=MM'; Q=P-I; f=tr(QQ')");
  // read the other way, no letters are multiplied; P and Q are then typed but unused: said
  const other = parse(reading.expression).notes;
  assert.equal(other.filter((n) => /product of letters/.test(n.message)).length, 0);
  assert.deepEqual(other.map((n) => n.variable), ['P', 'Q']);
  assert.ok(other.every((n) => /is defined but f does not use it/.test(n.message)));
  const both = derive("a'*X*b", 'X');
  assert.deepEqual(both.notes.map((n) => [n.kind, n.variables, n.declaration]),
    [['convention', ['a', 'b'], 'a: vector; b: vector']]);
  assert.equal(derive("a'*X*b", 'X', both.notes[0].declaration).kind, 'gradient');
});

test('refusals are errors with their column, never another question answered', () => {
  const unknown = parse('\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=f(\\mathbf{v}),\\ \\mathbf{w}^T\\mathbf{w}');
  assert.equal(unknown.ok, false);
  assert.match(unknown.error.message, /^unknown function 'f'/);
  assert.equal(unknown.error.column, 48);
  const other = parse('\\frac{\\partial x^T A x}{\\partial y}');
  assert.equal(other.ok, false);
  assert.match(other.error.message, /asks for the derivative by y, which is not a variable/);
  const index = parse('x_i x_i x_i');
  assert.equal(index.ok, false);
  assert.match(index.error.message, /the index i three times in one product/);
  // Entry by entry, read into the matrix question (SPEC 14).
  const seed = parse('\\frac{\\partial \\sum_k m_{ik}m_{jk}}{\\partial m_{xy}}');
  assert.equal(seed.ok, true);
  assert.equal(seed.reading.text, "M*M'");
  assert.equal(seed.reading.wrt, 'M');
  // The module keeps working after each refusal.
  assert.equal(derive("x'*W*W'*x", 'W').result.text, "2*x*x'*W");
});
