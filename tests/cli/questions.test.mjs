// Questions as people write them (issue 10; SPEC sections 5, 6, 7), through the
// `matcalc` command: LaTeX questions (derive --latex, the variable the question names,
// parse --latex printing the reading), definitions differentiated by a variable and by
// a defined name, each definitions error with its column, convention notes on standard
// error with exit status 0, `A^T` and `A.T`, and did-you-mean messages. Every result is
// also compared numerically with the plain problem it stands for (matcalc eval).
// Run with `node --test`; needs build/matcalc, or the binary named by MATCALC_BIN.
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
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20 });
  assert.equal(run.error, undefined, `could not run ${binary}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// Succeeds quietly: status 0, nothing on stderr; returns stdout without its newline.
function quietly(...args) {
  const run = matcalc(...args);
  assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
  assert.equal(run.stderr, '', args.join(' '));
  return run.stdout.replace(/\n$/, '');
}

const json = (...args) => JSON.parse(quietly(...args, '--format', 'json'));

// The largest relative difference ||a - b|| / ||b|| over three random instantiations.
function assertSame(a, b, decl = '') {
  for (const seed of ['1', '2', '3']) {
    const out = JSON.parse(quietly('eval', `norm2((${a}) - (${b})) / norm2(${b})`, '--decl', decl,
      '--seed', seed, '--format', 'json'));
    assert.ok(Math.abs(out.value[0][0]) < 1e-9, `${a} should equal ${b} (seed ${seed}: ${out.value[0][0]})`);
  }
}

// A user error: status 2, nothing on stdout, the whole message with its position.
function assertUserError(run, message) {
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr.split('\n')[0], `error: ${message}`);
}

// The seed questions of issue 10.
const FRAC = '\\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW }';
const SEED = '\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=\\sigma(\\mathbf{v}),\\ \\mathbf{w}^T\\mathbf{w}';
const PROGRAM = "P = M*M'; Q = P - I; f = tr(Q*Q')";

test('derive --latex reads the seed question; its variable comes from the question', () => {
  assert.equal(quietly('derive', '--latex', FRAC, '--wrt', 'W'), "2*x*x'*W");
  // Without --wrt: the question names W (d/dW), and the LaTeX is recognised without --latex.
  assert.equal(quietly('derive', '--latex', FRAC), "2*x*x'*W");
  assert.equal(quietly('derive', FRAC), "2*x*x'*W");
  const derived = json('derive', FRAC);
  assert.equal(derived.wrt, 'W');
  assert.deepEqual(derived.reading, { syntax: 'latex', text: "x'*W*W'*x", decls: '', wrt: 'W' });
  assertSame(derived.result.text, quietly('derive', "x'*W*W'*x", '--wrt', 'W'));
  // A question naming x is differentiated by x.
  assert.equal(quietly('derive', '\\frac{\\partial\\, x^T W W^T x}{\\partial x}'), "2*W*W'*x");
  // --wrt wins over the variable the question names, and a note says which the question asked.
  const chosen = matcalc('derive', FRAC, '--wrt', 'x');
  assertSame(chosen.stdout.trim(), "2*W*W'*x");
  assert.match(chosen.stderr, /the question asks for the derivative by W; answered by x, the variable chosen/);
});

test('the LaTeX seed with definitions, by X, equals the plain problem', () => {
  const derived = json('derive', SEED, '--wrt', 'X');
  assert.equal(derived.reading.text, "v = X'*a\nw = sigmoid(v)\nw'*w");
  assert.equal(derived.reading.decls, 'X: matrix; a: vector');
  assert.deepEqual(derived.definitions.map((d) => [d.name, d.text]), [['v', "X'*a"], ['w', 'sigmoid(v)']]);
  assert.equal(derived.check.passed, true);
  const plain = quietly('derive', "sum(sigmoid(X'*a).^2)", '--wrt', 'X', '--decl', 'a: vector');
  assertSame(derived.result.text, plain, 'a: vector');
  assertSame(derived.result.text, "2*a*(sigmoid(X'*a).^2.*sigmoid(-X'*a))'", 'a: vector');
});

test('parse --latex prints the reading in the input language', () => {
  assert.match(quietly('parse', '--latex', 'x^T W W^T x'), /^expression: x'\*W\*W'\*x$/m);
  const seed = quietly('parse', '--latex', SEED);
  assert.match(seed, /^definitions:\nv = X'\*a\nw = sigmoid\(v\)\nexpression: w'\*w$/m);
  assert.match(seed, /^ {2}X: matrix n×m \(declared\)$/m);
  const reading = json('parse', '--latex', '\\operatorname{tr}((MM^T - I)(MM^T - I)^T)').reading;
  assert.equal(reading.syntax, 'latex');
  assertSame(reading.text, "tr((M*M' - I)*(M*M' - I)')");
  // Plain input is read as plain.
  assert.equal(json('parse', "x'*A*x").reading.syntax, 'plain');
});

test('LaTeX as textbooks write it: |X| is det, ReLU and \\max(0, x), a \\cdot x, \\theta^T x', () => {
  // [LaTeX, --wrt ('' when the question names it), reading, answer, plain problem, its wrt, decl]
  const cases = [
    ['\\frac{\\partial |X|}{\\partial X}', '', 'det(X)', "det(X)*inv(X)'", 'det(X)', 'X', ''],
    ['\\frac{\\partial \\log|X|}{\\partial X}', '', 'logdet(X)', "inv(X)'", 'logdet(X)', 'X', ''],
    ['|AXB|', 'X', 'det(A*X*B)', "det(A*X*B)*A'*inv(A*X*B)'*B'", 'det(A*X*B)', 'X', ''],
    ['|X^\\top X|', 'X', "det(X'*X)", "2*det(X'*X)*X*inv(X'*X)", "det(X'*X)", 'X', ''],
    ['|a - b| + x^T x', 'x', "abs(a - b) + x'*x", '2*x', "x'*x", 'x', ''],
    ['y^T \\mathrm{ReLU}(Wx)', 'W', "y'*relu(W*x)", "(y.*step(W*x))*x'", "y'*relu(W*x)", 'W', ''],
    ['y^T \\operatorname{Relu}(Wx)', 'W', "y'*relu(W*x)", "(y.*step(W*x))*x'", "y'*relu(W*x)", 'W', ''],
    ['y^T \\max(0, Wx)', 'W', "y'*relu(W*x)", "(y.*step(W*x))*x'", "y'*relu(W*x)", 'W', ''],
    ['\\operatorname{LSE}(x)', 'x', 'logsumexp(x)', 'softmax(x)', 'logsumexp(x)', 'x', ''],
    ['\\nabla_x\\, \\mathbf{a}\\cdot\\mathbf{x}', '', "a'*x", 'a', "a'*x", 'x', 'a: vector'],
    ['\\frac{\\partial}{\\partial \\theta} \\log \\sigma(\\theta^\\top x)', '',
      "log(sigmoid(theta'*x))", "sigmoid(-theta'*x)*x", "log(sigmoid(theta'*x))", 'theta',
      'theta: vector'],
  ];
  for (const [tex, wrt, reading, answer, plain, plainWrt, decl] of cases) {
    const args = ['derive', '--latex', tex, ...(wrt ? ['--wrt', wrt] : [])];
    assert.equal(json(...args).reading.text, reading, tex);
    assert.equal(quietly(...args), answer, tex);  // quietly: no convention note either
    assertSame(answer, quietly('derive', plain, '--wrt', plainWrt, '--decl', decl), decl);
  }
  assertUserError(matcalc('derive', '--latex', '\\max(a, x)', '--wrt', 'x'),
    '\\max is read only as \\max(0, x) or \\max(x, 0), the ReLU relu(x) (expression, column 1)');
  assertUserError(matcalc('derive', '--latex', '\\operatorname{sigmod}(x)', '--wrt', 'x'),
    'unknown function \\operatorname{sigmod} (did you mean sigmoid?) (expression, column 1)');
});

test('an error in LaTeX points into the LaTeX as typed', () => {
  assertUserError(matcalc('derive', '--latex', '\\frac{\\partial \\foo x}{\\partial x}'),
    'unknown LaTeX command \\foo (expression, column 16)');
});

test('definitions: by a variable, and by a defined name (then independent)', () => {
  assert.equal(quietly('derive', PROGRAM, '--wrt', 'M'), "4*(M*M' - I)*M");
  assert.equal(quietly('derive', PROGRAM, '--wrt', 'Q'), '2*Q');
  assert.equal(quietly('derive', PROGRAM, '--wrt', 'P'), '2*(P - I)');
  assertSame("4*(M*M' - I)*M", quietly('derive', "tr((M*M' - I)*(M*M' - I)')", '--wrt', 'M'));
  assertSame('2*Q', quietly('derive', "tr(Q*Q')", '--wrt', 'Q'));
  assertSame('2*(P - I)', quietly('derive', "tr((P - I)*(P - I)')", '--wrt', 'P'));
  // Newlines and := separate and define as ; and = do.
  assert.equal(quietly('derive', "P := M*M'\nQ := P - I\nf := tr(Q*Q')", '--wrt', 'M'), "4*(M*M' - I)*M");
  const derived = json('derive', PROGRAM, '--wrt', 'M');
  assert.equal(derived.function, 'f');
  assert.equal(derived.result.named_text, '4*Q*M');
  assert.deepEqual(derived.definitions.map((d) => [d.name, d.text, d.shape]),
    [['P', "M*M'", 'n×n'], ['Q', 'P - I', 'n×n']]);
  // The steps go back through each definition, and say what "∂P/∂M = 2*M" stands for.
  const through = derived.steps.filter((s) => s.rule === 'chain-rule');
  assert.equal(through.length, 2);
  assert.match(through[1].notes.join(' '), /∂P\/∂M = 2\*M/);
  assert.equal(derived.step_check.passed, true);
  // A defined name is a variable of kind "defined" in the JSON's variables.
  assert.deepEqual(derived.shapes.filter((s) => s.kind === 'defined').map((s) => s.name), ['P', 'Q']);
});

test('each definitions error names the place with its column', () => {
  assertUserError(matcalc('derive', "P = M*M'; P = M; tr(P)", '--wrt', 'M'),
    "'P' is defined twice (first at column 1): give the second another name (expression, column 11)");
  assertUserError(matcalc('derive', "Q = P - I; P = M*M'; tr(Q)", '--wrt', 'M'),
    "'P' is used before it is defined (its definition is at column 12) (expression, column 5)");
  assertUserError(matcalc('derive', 'P = P*M; tr(P)', '--wrt', 'M'),
    "'P' is defined in terms of itself (a cycle): use another name (expression, column 5)");
  assertUserError(matcalc('derive', 'P = M; tr(P)', '--wrt', 'M', '--decl', 'P: matrix'),
    "'P' is both declared and defined: drop the declaration (a defined name takes its shape from its definition) or rename one (expression, column 1)");
  // On several lines, the line and the column within it, with the caret under it.
  const run = matcalc('derive', "P = M*M'\nP = M\ntr(P)", '--wrt', 'M');
  assertUserError(run, "'P' is defined twice (first at line 1, column 1): give the second another name (expression, line 2, column 1)");
  assert.deepEqual(run.stderr.split('\n').slice(1, 3), ['  P = M', '  ^']);
});

test('a convention note goes to standard error, with exit status 0', () => {
  const run = matcalc('derive', '0.5*norm2(A*x-b)^2', '--wrt', 'x');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, "A'*(A*x - b)\n");
  const notes = run.stderr.split('\n').filter(Boolean);
  assert.equal(notes.length, 1, run.stderr);
  assert.match(notes[0], /^note: b is a scalar by the naming convention .*declare it: b: vector$/);
  // Declared, there is no note, and the gradient is the least-squares one.
  assert.equal(quietly('derive', '0.5*norm2(A*x-b)^2', '--wrt', 'x', '--decl', 'b: vector'), "A'*(A*x - b)");
  // JSON: notes as objects.
  const derived = JSON.parse(matcalc('derive', '0.5*norm2(A*x-b)^2', '--wrt', 'x', '--format', 'json').stdout);
  assert.deepEqual(derived.notes.map(({ kind, variable, declaration }) => ({ kind, variable, declaration })),
    [{ kind: 'convention', variable: 'b', declaration: 'b: vector' }]);
  // A transposed scalar-by-convention name gets one too.
  const transposed = matcalc('derive', "a'*X*b + c", '--wrt', 'b');
  assert.equal(transposed.status, 0);
  assert.match(transposed.stderr, /^note: a is a scalar by the naming convention .* but it is transposed here.*a: vector$/m);
  // Where the convention scalars make f a matrix (a'*X*c), one note names them all (issue 18).
  const both = matcalc('derive', "a'*X*c", '--wrt', 'X');
  assert.equal(both.status, 0);
  assert.match(both.stderr, /^note: a, c are scalars by the naming convention .*declare them: a: vector; c: vector$/m);
});

test('A^T and A.T are transposes when T is not a variable', () => {
  assert.equal(quietly('derive', "x'*A^T*y", '--wrt', 'A'), "y*x'");
  assert.equal(quietly('derive', "x'*A.T*y", '--wrt', 'A'), "y*x'");
  assertSame(quietly('derive', "x'*A^T*A*x", '--wrt', 'x'), quietly('derive', "x'*A'*A*x", '--wrt', 'x'));
  // With T a declared matrix, A^T is a power with a matrix exponent: an error, positioned.
  assertUserError(matcalc('derive', "x'*A^T*y", '--wrt', 'A', '--decl', 'T: matrix'),
    'an exponent must be a scalar, but T is n×m (expression, column 6)');
});

test('did-you-mean messages for unknown functions and vector products', () => {
  assertUserError(matcalc('derive', 'norm(x)', '--wrt', 'x'),
    "unknown function 'norm' (did you mean norm2?) (expression, column 1)");
  assertUserError(matcalc('derive', 'sigm(x)', '--wrt', 'x'),
    "unknown function 'sigm' (did you mean sigmoid?) (expression, column 1)");
  assertUserError(matcalc('derive', 'x*x', '--wrt', 'x'),
    "x*x: cannot multiply n×1 by n×1 (did you mean x'*x, x*x' or x.*x?) (expression, column 1)");
  assert.equal(quietly('derive', 'trace(A)', '--wrt', 'A'), 'eye(n)');
});

// Issue 13: a deep composition shares its repeated parts. The LaTeX and the named text
// name them (where-clauses, u1 = ..., numbered past the letters) and grow with the
// shared size; the where-clauses and the named text form a program that `check`
// accepts as the answer; the text result writes everything out.
test('deep compositions name their repeated parts, and the named form reads back', () => {
  const layers = (depth) => {
    let e = 'x';
    for (let i = 0; i < depth; i += 1) e = `sigmoid(W*${e})`;
    return `sum(${e})`;
  };
  const sizes = {};
  for (const depth of [6, 12, 24]) {
    const out = json('derive', layers(depth), '--wrt', 'W');
    const { where, named_text: named, text, latex } = out.result;
    assert.ok(where.length >= depth, `${depth}: ${where.length} clauses`);
    for (const w of where) assert.match(w.name, /^[a-z][0-9]*$/, w.name);
    const program = [...where.map((w) => `${w.name} = ${w.text}`), named].join('\n');
    const check = matcalc('check', layers(depth), '--wrt', 'W', '--answer', program);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /^correct/);
    assert.ok(!text.includes('u1'), 'the text result writes the parts out');
    sizes[depth] = { latex: latex.length, text: text.length };
  }
  // Doubling the depth: the written-out text grows about eightfold, the shared forms
  // about twofold.
  assert.ok(sizes[24].text > 4 * sizes[12].text, JSON.stringify(sizes));
  assert.ok(sizes[24].latex < 3 * sizes[12].latex, JSON.stringify(sizes));
});

test('check reads an answer that names its parts (u = ...; then the answer)', () => {
  assert.match(quietly('check', "x'*A*x", '--wrt', 'x', '--answer', "u = A*x; u + A'*x"), /^correct/);
  const wrong = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', 'u = A*x; 2*u');
  assert.equal(wrong.status, 1);
  const unknown = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', "u = A*x; u + A'*y");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /'y'.*column 17/);
});

// Issue 13: the program as typed, for the page's preview (the canonical reading writes
// tr(Q*Q') for a symmetric Q as tr(Q^2)); the first step shows it too.
test('parse and derive give the program as typed beside its reading', () => {
  const program = "P = M*M'\nQ = P - I\nf = tr(Q*Q')";
  for (const out of [json('parse', program), json('derive', program, '--wrt', 'M')]) {
    assert.equal(out.typed_latex, '\\operatorname{tr}\\left(Q Q^{\\top}\\right)');
    assert.deepEqual(out.definitions.map((d) => d.typed_latex), ['M M^{\\top}', 'P - I']);
  }
  const derived = json('derive', program, '--wrt', 'M');
  assert.equal(derived.steps[0].text, "d(tr(Q*Q'))");
});

// Found by the third textbook set: a step with the differential of an inverse of a
// defined Gram matrix, x'*d(inv(S))*x, is evaluated accurately enough for its check
// (the step check failed at seed 1), and the program's answer is the inline one.
test('a program through S = L*L\' is checked at every step and answers as inline', () => {
  for (const seed of ['1', '2', '3']) {
    const out = json('derive', "S = L*L'; f = logdet(S) + x'*inv(S)*x", '--wrt', 'L', '--seed', seed);
    assert.equal(out.step_check.passed, true, JSON.stringify(out.step_check));
    assert.equal(out.result.text, "2*(I - inv(L*L')*x*x')*inv(L*L')*L");
  }
});

// Found by the fourth textbook set: a variable used directly and through a definition
// (weight sharing, an RNN unrolled) is checked at every step — the step through the
// definition holds its upstream gradient fixed — and a diagonal variable's gradient is
// diagonal, through definitions or not.
test('weight sharing through definitions checks every step; diagonal gradients are diagonal', () => {
  const rnn = json('derive', 'h1 = tanh(W*h0 + U*x1); h2 = tanh(W*h1 + U*x2); f = 0.5*norm2(h2 - y)^2',
    '--wrt', 'W', '--decl', 'W: matrix(n); U: matrix(n,m); h0: vector(n); x1: vector(m); x2: vector(m)');
  assert.equal(rnn.check.passed, true);
  assert.equal(rnn.step_check.passed, true, JSON.stringify(rnn.step_check));
  const shared = json('derive', 'h = W*x; g = W*h; f = sum(g)', '--wrt', 'W', '--decl', 'W: matrix(n)');
  assert.equal(shared.step_check.passed, true, JSON.stringify(shared.step_check));
  assert.equal(quietly('derive', 'tr(A*D)', '--wrt', 'D', '--decl', 'A: matrix(n); D: diagonal(n)'),
    'diag(diag(A))');
  assert.equal(quietly('derive', 'P = D*A; f = tr(P)', '--wrt', 'D', '--decl', 'A: matrix(n); D: diagonal(n)'),
    'diag(diag(A))');
  assert.match(quietly('check', 'tr(A*D)', '--wrt', 'D', '--decl', 'A: matrix(n); D: diagonal(n)', '--answer', 'A'),
    /correct as a gradient on diagonal matrices/);
});

test('a Greek name after a transposed or inverted matrix is a vector; a convention scalar right of a matrix is noted', () => {
  for (const [q, decls] of [['‖Wᵀδ‖²', 'delta: vector'], ['u^T W^T \\beta', 'beta: vector'], ['\\Sigma^{-1}\\mu', 'mu: vector']])
    assert.equal(json('parse', q).reading.decls, decls, q);
  const run = matcalc('derive', 'v = X^T a, w = σ(v), f = w^T w', '--wrt', 'X');
  assert.equal(run.status, 0);
  assert.match(run.stderr, /a is a scalar by the naming convention .*multiplies a matrix from the right.*declare it: a: vector/);
  // declared, the question is the scalar one the seed asks
  const declared = json('derive', 'v = X^T a, w = σ(v), f = w^T w', '--wrt', 'X', '--decl', 'a: vector');
  assert.equal(declared.kind, 'gradient');
});

test('--wrt as the question writes the name, ^T run into the next letter, a subscripted name by --wrt', () => {
  const q = "y'*X*beta + x'*W_1*x + tr(Sigma)";
  for (const [typed, plain] of [['β', 'beta'], ['\\beta', 'beta'], ['W₁', 'W_1'], ['\\mathbf{x}', 'x'], ['Σ', 'Sigma']])
    assert.equal(json('derive', q, '--wrt', typed).wrt, plain, typed);
  // x^TAx is x^T A x, as LaTeX reads ^ (one letter), with the reading's note
  const run = matcalc('derive', 'x^TAx', '--wrt', 'x');
  assert.equal(run.status, 0, run.stderr);
  assertSame(run.stdout.trim(), "(A + A')*x");
  assert.match(run.stderr, /TAx is read as a product of letters/);
  // --wrt W_{hh}: the name W_hh the question has, not the entry hh of W
  const rnn = json('derive', 'h = tanh(W x + W_{hh} h_0), f = \\mathbf{1}^T h', '--wrt', 'W_{hh}');
  assert.equal(rnn.wrt, 'W_hh');
  assertSame(rnn.result.text, "(1 - tanh(W*x + W_hh*h_0).^2)*h_0'");
});

test('a definition the objective does not use is said, and its steps are not in the derivation', () => {
  for (let seed = 1; seed <= 5; seed++) {
    const run = matcalc('derive', "u = sqrt(d)*x; f = x'*x", '--wrt', 'x', '--seed', String(seed));
    assert.equal(run.status, 0, run.stderr);
    assertSame(run.stdout.trim(), '2*x');
    assert.match(run.stderr, /^note: u is defined but f does not use it/m);
    assert.doesNotMatch(run.stderr, /a bug in matcalc/);
  }
});
