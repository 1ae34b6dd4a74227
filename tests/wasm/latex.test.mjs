// Proves the LaTeX the WebAssembly module produces is LaTeX KaTeX renders (issue 2:
// "a node test renders every printer test case with katex.renderToString(...,
// {throwOnError: true})"): the parse of an expression of every construct of the
// language, and, for the derivations in tests/data/rule_examples.json (which together
// name every rule; tests/engine/rules_test.cpp checks that) and the worked examples
// (content/examples.json), the expression, every step, every identity shown beside a
// step, the result and its where-clause. The rule table's own identities, as the module
// lists them, render too.
// Needs build-wasm/ from scripts/build.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import katex from 'katex';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const jsFile = path.join(root, 'build-wasm', 'matcalc_wasm.js');
const wasmFile = path.join(root, 'build-wasm', 'matcalc_wasm.wasm');
const { default: createMatcalc } = await import(pathToFileURL(jsFile).href);
const engine = await createMatcalc({ wasmBinary: fs.readFileSync(wasmFile) });

const readJson = (...parts) => JSON.parse(fs.readFileSync(path.join(root, ...parts), 'utf8'));
// (the structures' forms too: their projections and facts are rules of the table)
const ruleExamples = [...readJson('tests', 'data', 'rule_examples.json'),
  ...readJson('tests', 'data', 'structures.json')];
const worked = readJson('content', 'examples.json');

function render(latex, what) {
  assert.equal(typeof latex, 'string', what);
  assert.ok(latex.length > 0, `${what}: empty LaTeX`);
  try {
    katex.renderToString(latex, { throwOnError: true });
  } catch (error) {
    assert.fail(`${what}: KaTeX cannot render ${latex}\n${error.message}`);
  }
}

// One expression per construct of SPEC section 1, and the printer's special cases:
// fractions for scalar division, \oslash, Greek and subscripted names, where-clauses.
const expressions = [
  ['2', ''], ['0.5*x', ''], ['1e-3*A', ''], ['x', ''], ['W', ''], ['sigma_1', ''],
  ['alpha*x', ''], ['W1*x', ''], ['x_max', ''], ['Sigma', ''], ["A'", ''], ["A''", ''],
  ['A*B', ''], ['A.*B', ''], ['A./B', ''], ['A.^c', ''], ['a^b', ''], ['A^2', ''],
  ['A^-1', ''], ['A/c', ''], ['a/b', ''], ['(a+b)/(c+d)', ''], ['A+B', ''], ['A-B', ''],
  ['-A', ''], ['1 - y.*(X*w)', ''], ['c*I + A', ''], ['ones(n,m)', ''], ['eye(n)', ''],
  ['tr(A)', ''], ['det(A)', ''], ['logdet(S)', 'S: spd(n)'], ['inv(A)', ''], ["inv(A)'", ''],
  ['sum(A)', ''], ['norm2(x)', ''], ['norm2(A)', ''], ['norm1(A)', ''], ['diag(v)', ''],
  ['diag(A)', ''], ['exp(A)', ''], ['log(A)', ''], ['sin(A)', ''], ['cos(A)', ''],
  ['tan(A)', ''], ['tanh(A)', ''], ['sqrt(A)', ''], ['sqrt(a)', ''], ['abs(A)', ''],
  ['sigmoid(A)', ''], ['relu(A)', ''], ['softplus(A)', ''], ['vec(A)', ''],
  ['kron(A, B)', ''], ['x.^-1', ''], ['a^-2', ''], ["(x'*y)^2", ''],
  ["sigmoid(X'*a).^2 .* sigmoid(-(X'*a))", 'a: vector(n)'],
  ["x'*inv(A + x*x')*x", ''], ['norm2(X*w - y)^2', ''], ["tr((M*M'-I)*(M*M'-I)')", ''],
];

test('the parse of every construct renders', () => {
  for (const [expr, decls] of expressions) {
    const out = JSON.parse(engine.parse(expr, decls));
    assert.equal(out.ok, true, `${expr}: ${out.error?.message}`);
    render(out.expr.latex, expr);
  }
});

function renderDerivation(example, route = '') {
  const { expr, wrt, decl } = example;
  const what = `d/d${wrt} ${expr}${route ? ` (${route} route)` : ''}`;
  const out = JSON.parse(engine.deriveRoute(expr, wrt, decl, 1, example.hessian === 'true',
    example.layout ?? '', route));
  if (route === 'index' && !out.ok && out.error.code === 'unsupported') return new Set();
  assert.equal(out.ok, true, `${what}: ${out.error?.message}`);
  render(out.expr.latex, `${what}: expression`);
  render(out.result.latex, `${what}: result`);
  for (const clause of out.result.where ?? []) render(clause.latex, `${what}: where ${clause.name}`);
  const rules = new Set();
  out.steps.forEach((step, i) => {
    render(step.latex, `${what}: step ${i + 1}`);
    for (const identity of step.identities) {
      render(identity.latex, `${what}: identity of ${identity.rule}`);
      rules.add(identity.rule);
    }
  });
  return rules;
}

// One derivation through each function of the engine's registry (its vocabulary), with
// the argument kept in (0.25, 0.75), where every one of them is defined.
function functionExamples() {
  const arg = '(0.25*tanh(x) + 0.5)';
  const functions = JSON.parse(engine.vocabulary()).functions.filter((f) => f.differentiable);
  return functions.map(({ name, shape, arguments: arity, symmetric_argument: symmetric }) => {
    const decl = symmetric ? 'S: symmetric(n)' : '';
    if (shape === 'vector to vector') return { expr: `y'*${name}(${arg})`, wrt: 'x', decl };
    if (shape === 'vector to scalar') return { expr: `${name}(${arg})`, wrt: 'x', decl };
    if (shape === 'square matrix to square matrix')
      return { expr: `tr(${name}(A)*B)`, wrt: 'A', decl };
    if (shape === 'square matrix to vector') return { expr: `y'*${name}(S)`, wrt: 'S', decl };
    if (shape === 'square matrix to scalar') return { expr: `${name}(S)`, wrt: 'S', decl };
    if (shape === 'matrix to scalar') return { expr: `${name}(A)`, wrt: 'A', decl };
    if (arity === 2) return { expr: `tr(B*${name}(C, A))`, wrt: 'A', decl };
    return { expr: `sum(${name}(${arg}))`, wrt: 'x', decl };
  });
}

test('every step and identity of the rule examples renders, covering every rule', () => {
  const seen = new Set();
  const examples = [...ruleExamples, ...functionExamples()];
  for (const example of examples) for (const rule of renderDerivation(example)) seen.add(rule);
  // The index route's idx- rules, through the same examples.
  for (const example of examples)
    if (example.hessian !== 'true')
      for (const rule of renderDerivation(example, 'index')) seen.add(rule);
  const table = JSON.parse(engine.rules()).rules.map((r) => r.name);
  const missing = table.filter((name) => !seen.has(name));
  assert.deepEqual(missing, [], 'rules whose identity no example derivation shows');
});

test('every step of the worked examples renders', () => {
  for (const example of worked) renderDerivation(example);
});

// The textbook set (tests/data/textbook.json), by both routes, and deep compositions
// whose results name their parts (where-clauses, transposes of named parts).
test('every step of the textbook set and of deep compositions renders', () => {
  for (const example of readJson('tests', 'data', 'textbook.json')) {
    renderDerivation(example);
    renderDerivation(example, 'index');
  }
  for (const depth of [3, 12, 30]) {
    let e = 'x';
    for (let i = 0; i < depth; i += 1) e = `sigmoid(W*${e})`;
    renderDerivation({ expr: `sum(${e})`, wrt: 'W', decl: '' });
  }
});

test("every identity in the module's rule table renders", () => {
  const { rules } = JSON.parse(engine.rules());
  assert.ok(rules.length > 40);
  for (const rule of rules) render(rule.latex, `rule ${rule.name}`);
});
