// Issue 18, "the question as asked, or a clear refusal", through the `matcalc` command:
// definitions typed in the declarations field (plain and LaTeX), questions pasted the way
// people paste them (Unicode from papers and PDFs, LaTeX without backslashes), unknown
// functions, the variable a question names, Greek names, convention notes that name every
// scalar, and questions entry by entry read into the matrix question they stand for. Every
// reading is checked numerically against the plain problem it stands for (matcalc eval).
// Run with `node --test`; needs build/matcalc, or the binary named by MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSame, json, matcalc } from './lib/matcalc.mjs';

// The question as typed gives the derivative of the plain problem it stands for: same
// variable, same shape, the same values.
function assertReads({ expr, decl = '', wrt = '' }, plain, plainDecl = '', plainWrt = wrt) {
  const asked = json('derive', expr, ...(wrt ? ['--wrt', wrt] : []), '--decl', decl);
  const direct = json('derive', plain, '--wrt', plainWrt, '--decl', plainDecl);
  assert.equal(asked.wrt, plainWrt, `${expr}: differentiated by ${asked.wrt}`);
  assert.equal(asked.result.shape, direct.result.shape, expr);
  assert.equal(asked.check.ok ?? true, true, `${expr}: numeric check`);
  assertSame(asked.result.text, direct.result.text, plainDecl);
  return asked;
}

// A refusal: status 2, one message on stderr naming what and where, nothing on stdout.
function assertRefused(args, message, column, source = 'expression') {
  const run = matcalc(...args);
  assert.equal(run.status, 2, `${args.join(' ')}: ${run.stdout}${run.stderr}`);
  assert.equal(run.stdout, '');
  const first = run.stderr.split('\n')[0];
  assert.match(first, message, first);
  assert.ok(first.endsWith(`(${source}, column ${column})`), first);
  assert.match(run.stderr.split('\n')[2] ?? '', /\^/);
}

test('a definition typed in the declarations field is a definition (plain and LaTeX)', () => {
  assertReads({ expr: 'D', decl: 'D = W*X', wrt: 'W' }, 'W*X');
  assertReads({ expr: 'D', decl: '\\mathbf{D} = \\mathbf{W}\\mathbf{X}', wrt: 'W' }, 'W*X');
  assertReads({ expr: '\\mathbf{w}^T\\mathbf{w}', decl: '\\mathbf{w} = \\sigma(\\mathbf{X}^T\\mathbf{a})', wrt: 'X' },
    "sum(sigmoid(X'*a).^2)", 'a: vector');
  // Declarations and definitions side by side, in either order.
  assertReads({ expr: "D'*D", decl: 'x: vector(n); D = A*x', wrt: 'x' }, "(A*x)'*(A*x)", 'x: vector(n)');
  assertReads({ expr: 'f', decl: 'P := M*M\'\nf = tr(P)', wrt: 'M' }, "tr(M*M')");
  // The result is named as the user named the function.
  assert.equal(json('derive', 'D', '--wrt', 'W', '--decl', 'D = W*X').function, 'D');
  // The reading shows the definition.
  const parsed = json('parse', 'D', '--decl', 'D = W*X');
  assert.equal(parsed.reading.text, 'D = W*X\nD');
  assert.deepEqual(parsed.definitions.map((d) => d.name), []);
  assert.equal(parsed.function, 'D');
});

test('the declarations field refuses what is neither a declaration nor a definition', () => {
  assertRefused(['derive', 'x', '--wrt', 'x', '--decl', '\\mathbf{x}^T\\mathbf{x}'],
    /the declarations hold declarations .* and definitions .*; this is neither/, 1, 'declarations');
  assertRefused(['derive', 'x', '--wrt', 'x', '--decl', 'x vector(n)'], /missing operator|expected ':'/, 3,
    'declarations');
  // An error inside a definition there points into the declarations, at its column.
  assertRefused(['derive', 'D', '--wrt', 'W', '--decl', 'x: vector; D = W*(X'], /unbalanced '\('/, 18,
    'declarations');
});

test('pasted mathematics: Unicode and LaTeX without backslashes are read', () => {
  const MMT = "tr((M*M' - I)*(M*M' - I)')";
  assertReads({ expr: 'P≡MM^T, Q≡P-I, f=tr(QQ^T)', wrt: 'M' }, MMT);
  assertReads({ expr: 'P=MM^T, Q=P-I, f=tr(QQ^T)', wrt: 'M' }, MMT);
  assertReads({ expr: 'P ≔ MMᵀ; Q ≔ P − I; f = tr(QQᵀ)', wrt: 'M' }, MMT);
  assertReads({ expr: 'x^T W W^T x', wrt: 'W' }, "x'*W*W'*x");
  assertReads({ expr: 'xᵀWWᵀx', wrt: 'W' }, "x'*W*W'*x");
  assertReads({ expr: '‖Ax − b‖²', wrt: 'x' }, 'norm2(A*x - b)^2');
  assertReads({ expr: 'tr(AX⁻¹B)', wrt: 'X' }, 'tr(A*inv(X)*B)');
  assertReads({ expr: 'σ(Wx)ᵀσ(Wx)', wrt: 'W' }, "sigmoid(W*x)'*sigmoid(W*x)");
  assertReads({ expr: 'sum(x ⊙ log(y))', wrt: 'y' }, 'sum(x.*log(y))');
  assertReads({ expr: '∂(xᵀAx)/∂x' }, "x'*A*x", '', 'x');
  assertReads({ expr: '𝐱ᵀ𝐀𝐱 + λ‖𝐱‖²', wrt: 'x' }, "x'*A*x + lambda*norm2(x)^2");  // PDF letters
  assertReads({ expr: 'x\u00a0ᵀ\u2009A x', wrt: 'x' }, "x'*A*x");  // no-break and thin spaces
  assertReads({ expr: 'trace(Xᵀ A X) − log det X', wrt: 'X' }, "tr(X'*A*X) - logdet(X)");
  assertReads({ expr: 'x′ A x', wrt: 'x' }, "x'*A*x");
  // The derivative operator written first, connecting words typed without \text.
  assertReads({ expr: '∂/∂W tr(AWB)' }, 'tr(A*W*B)', '', 'W');
  assertReads({ expr: 'd/dx ‖x‖²' }, 'norm2(x)^2', '', 'x');
  assertReads({ expr: '∂f/∂X where f = tr(XᵀX)' }, "tr(X'*X)", '', 'X');
  assertReads({ expr: 'Let f = xᵀAx and compute ∂f/∂x' }, "x'*A*x", '', 'x');
  // Shown back in the input language.
  const parsed = json('parse', 'xᵀWWᵀx');
  assert.equal(parsed.reading.syntax, 'latex');
  assert.equal(parsed.reading.text, "x'*W*W'*x");
});

test('where a paste reads two ways, the note says which reading it took and gives the other', () => {
  const out = json('derive', 'P=MM^T; Q=P-I; f=tr(QQ^T)', '--wrt', 'M');
  const note = out.notes.find((n) => n.kind === 'reading');
  assert.ok(note, JSON.stringify(out.notes));
  assert.equal(note.variable, 'MM');
  assert.match(note.message, /MM is read as a product of letters/);
  assert.equal(note.expression, "P=MM'; Q=P-I; f=tr(QQ')");
  // The other reading, typed as the note gives it: one variable named MM.
  const other = json('derive', note.expression, '--wrt', 'QQ');
  assert.equal(other.notes.filter((n) => n.kind === 'reading' && /product of letters/.test(n.message)).length, 0);
  // read so, P and Q are typed but unused: said, never silently dropped
  assert.deepEqual(other.notes.filter((n) => /is defined but f does not use it/.test(n.message)).map((n) => n.variable), ['P', 'Q']);
  assert.equal(other.result.text, 'eye(m)');  // tr(QQ') by QQ
  // The plain language's own errors stay its own: written mathematics would hide them.
  assertRefused(['derive', "x'*A $ x", '--wrt', 'x'], /unexpected character '\$'|unexpected '\$'/, 6);
  assertRefused(['derive', '2 3', '--wrt', 'x'], /missing operator before '3'/, 3);
});

test('an unknown function is an error that says what to write, never a product', () => {
  const seed = '\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=f(\\mathbf{v}),\\ \\mathbf{w}^T\\mathbf{w}';
  assertRefused(['derive', seed, '--wrt', 'X'], /^error: unknown function 'f': write one matcalc knows \(.*sigmoid.*\), or, if f is a number that multiplies, declare f: scalar/, 48);
  assertRefused(['derive', "v = X'*a; w = g(v); w'*w", '--wrt', 'X'], /unknown function 'g'/, 15);
  assertRefused(['derive', 'sigma(W*x)', '--wrt', 'W'], /unknown function 'sigma' \(did you mean sigmoid\?\)/, 1);
  assertRefused(['derive', '\\phi(Wx)', '--wrt', 'W'], /unknown function 'phi'/, 1);
  assertRefused(['derive', '\\psi(Wx)', '--wrt', 'W'], /unknown function 'psi'/, 1);
  assertRefused(['derive', "h(x)'*h(x)", '--wrt', 'x'], /unknown function 'h'/, 1);
  assertRefused(['derive', 'sigm(Wx)', '--wrt', 'W'], /unknown function 'sigm' \(did you mean sigmoid\?\)/, 1);
  // A declared scalar before a parenthesis multiplies, and the reading shows the product.
  // A lower-case Greek name is a scalar by typography (SPEC 6): \lambda(...) multiplies.
  assertReads({ expr: '\\lambda(x^Tx - 1)', wrt: 'x' }, "lambda*(x'*x - 1)", 'lambda: scalar');
  assertReads({ expr: 'f(x) = x^T A x - \\lambda (x^T x - 1)', wrt: 'x' }, "x'*A*x - lambda*(x'*x - 1)");
  assertReads({ expr: "c(x'*x - 1)", decl: 'c: scalar', wrt: 'x' }, "c*(x'*x - 1)", 'c: scalar');
  assert.equal(json('parse', 'c(x^T x - 1)', '--decl', 'c: scalar').reading.text, "c*(x'*x - 1)");
  assert.equal(json('parse', "c(x'*x - 1)", '--decl', 'c: scalar').expr.text, "c*(x'*x - 1)");
  // A matrix before a parenthesis is still a product (A(x + y), X(X^TX)^{-1}).
  assertReads({ expr: 'y^T A(x + y)', wrt: 'x' }, "y'*A*(x + y)");
  // \sigma( is the sigmoid.
  assertReads({ expr: '\\sigma(Wx)^T\\sigma(Wx)', wrt: 'W' }, "sigmoid(W*x)'*sigmoid(W*x)");
});

test('the variable a question names is the variable differentiated by, or an error', () => {
  assertRefused(['derive', '\\frac{\\partial x^T A x}{\\partial y}'],
    /the question asks for the derivative by y, which is not a variable of the expression as read \(its variables: x, A\)/, 34);
  // --wrt names a variable the expression lacks: an error naming both.
  const run = matcalc('derive', "x'*A*x", '--wrt', 'z');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^error: 'z' does not occur in the expression \(its variables: x, A\)/);
});

test('questions entry by entry are read into the matrix question they stand for', () => {
  // The seeds as written: 000's title and its \sum_k variant, 001's definition and its
  // accepted answer's AXB formula, 003's v_g program. Each is checked numerically against
  // the plain question, and the reading says what it made of the entries.
  const seeds = [
    [{ expr: '\\frac{\\partial \\sum_k m_{ik}m_{jk}}{\\partial m_{xy}}' }, "M*M'", 'M'],
    [{ expr: '∂(Σₖ m_ik m_jk)/∂m_xy' }, "M*M'", 'M'],
    [{ expr: '\\frac{∂(Σm_{ik}m_{jk})}{∂m_{xy}}' }, "M*M'", 'M'],
    [{ expr: 'f_{ij}=w_{ik}x_{kj}', wrt: 'W' }, 'W*X', 'W'],
    [{ expr: 'w_{ij}=\\sum_h\\sum_t a_{it}x_{th}b_{hj}', wrt: 'X' }, 'A*X*B', 'X'],
    [{ expr: 'v_g = \\sum_k X_{k,g} a_k, w_g = \\sigma(v_g), f = \\sum_g w_g^2', wrt: 'X' },
      "sum(sigmoid(X'*a).^2)", 'X', 'a: vector'],
    [{ expr: '\\frac{\\partial f}{\\partial W_{ab}}, f = \\sum_{i,j} W_{ij}^2' }, 'sum(W.^2)', 'W'],
    [{ expr: 'f = \\sum_{i} \\log(1 + \\exp(-y_i \\sum_j X_{ij} w_j))', wrt: 'w' },
      'sum(log(1 + exp(-y.*(X*w))))', 'w', 'y: vector'],
    [{ expr: 'L = \\sum_{i=1}^{n} (y_i - \\sum_{j=1}^{m} X_{ij}\\beta_j)^2', wrt: 'beta' },
      'norm2(y - X*beta)^2', 'beta', 'beta: vector'],
    [{ expr: 'f = \\sum_{i,j} A_{ij} B_{ji}', wrt: 'A' }, 'tr(A*B)', 'A'],
    [{ expr: 'f = \\sum_{i} A_{ii}', wrt: 'A' }, 'tr(A)', 'A'],
    [{ expr: 'f = \\sum_{i,j,k} A_{ij} B_{jk} C_{ki}', wrt: 'B' }, 'tr(A*B*C)', 'B'],
    [{ expr: 'x_i A_{ij} x_j', wrt: 'A' }, "x'*A*x", 'A'],
    [{ expr: 'F_{ij} = X_{ij} Y_{ij}', wrt: 'X' }, 'X.*Y', 'X'],
    [{ expr: 'D_{ij} = \\delta_{ij} x_i', wrt: 'x' }, 'diag(x)', 'x', 'x: vector'],
    [{ expr: 'F_{ij} = x_i A_{ij} y_j', wrt: 'A' }, 'diag(x)*A*diag(y)', 'A', 'x: vector; y: vector'],
    [{ expr: 'z_i = \\sum_j W_{ij} x_j + b_i, f = \\sum_i \\tanh(z_i)^2', wrt: 'W' },
      'sum(tanh(W*x + b).^2)', 'W', 'b: vector'],
    [{ expr: '\\sum_i x_i y_i', wrt: 'x' }, "x'*y", 'x'],
    // The same, typed without LaTeX: sum_k, and subscripts of several letters.
    [{ expr: 'sum_k m_ik m_jk', wrt: 'M' }, "M*M'", 'M'],
    [{ expr: 'f = sum_i (y_i - sum_j X_ij w_j)^2', wrt: 'w' }, 'norm2(y - X*w)^2', 'w'],
  ];
  for (const [question, plain, wrt, decl = ''] of seeds) {
    const out = assertReads(question, plain, decl, wrt);
    assert.ok(out.notes.some((n) => n.kind === 'reading' && /^read entry by entry/.test(n.message)),
      `${question.expr}: ${JSON.stringify(out.notes)}`);
  }
  // The reading is the plain question; the index form of the answer is in JSON.
  const seed000 = json('derive', '∂(Σₖ m_ik m_jk)/∂m_xy');
  assert.equal(seed000.reading.text, "M*M'");
  assert.equal(seed000.wrt, 'M');
  assert.equal(seed000.kind, 'jacobian');
  assert.match(json('parse', 'f_{ij}=w_{ik}x_{kj}').reading.text, /^F = W\*X$/);
  // Answered entry by entry too: the deltas contracted (SPEC 14, JSON index.result_text).
  // with the question's own letters (x, y of m_xy), summed indices renamed apart.
  assert.equal(seed000.index.result_text, 'delta_ix*M_jy + M_iy*delta_jx');
  assert.equal(json('derive', 'f_{ij}=w_{ik}x_{kj}', '--wrt', 'W').index.result_text, 'delta_ia*X_bj');
});

test('index errors are user errors with their column', () => {
  assertRefused(['derive', 'x_i x_i x_i', '--wrt', 'x'], /the index i three times in one product/, 1);
  assertRefused(['derive', 'w_{ik}x_{kj} + b_m', '--wrt', 'W'], /a free index on one side of '\+' only/, 16);
  // A derivative index the expression sums too is another index there, and the reading says so.
  const clash = matcalc('derive', '\\frac{\\partial}{\\partial x_k} \\sum_k x_k^2');
  assert.equal(clash.status, 0);
  assert.match(clash.stderr, /the index k summed in the expression is another index than the derivative's k/);
  // A vector on one of a matrix's two indices broadcasts (a bias per row, a mean per column).
  assertReads({ expr: 'w_{ik}x_{kj} + b_i', wrt: 'W' }, "W*X + b*ones(1,p)", 'b: vector');
  assertReads({ expr: '\\sum_{i,j} (X_{ij} - \\mu_j)^2', wrt: 'mu' }, "sum((X - ones*mu').^2)", 'mu: vector');
  assertRefused(['derive', 'f = \\sum_{i,j} \\delta_i x_j', '--wrt', 'x'], /\\delta with 1 index/, 16);
  // Sums whose every index they bind, and subscripted names, stay as they were.
  assertReads({ expr: 'W_{hh} h + W_{xh} x', wrt: 'h' }, 'W_hh*h + W_xh*x');
  assertReads({ expr: '(x - \\mu_k)^T \\Sigma_k^{-1} (x - \\mu_k)', wrt: 'x' },
    "(x - mu_k)'*inv(Sigma_k)*(x - mu_k)", 'mu_k: vector');
});

test('Greek names follow the LaTeX rule in plain input too', () => {
  // Ridge regression: lambda is a number, the answer a gradient.
  const ridge = assertReads({ expr: 'norm2(X*w-y)^2 + lambda*norm2(w)^2', wrt: 'w' },
    'norm2(X*w-y)^2 + lambda*norm2(w)^2', 'lambda: scalar');
  assertSame(ridge.result.text, "2*X'*(X*w - y) + 2*lambda*w", 'lambda: scalar');
  assert.equal(ridge.kind, 'gradient');
  // A transposed Greek name, or one right after a matrix, is a vector.
  assert.equal(json('derive', 'norm2(X*theta - y)^2', '--wrt', 'theta').kind, 'gradient');
  assert.equal(json('derive', "theta'*x", '--wrt', 'theta').result.text, 'x');
  // A scalar Greek name broadcast against a vector: the note names it.
  const run = matcalc('derive', 'norm2(x - mu)^2', '--wrt', 'x');
  assert.equal(run.status, 0);
  assert.match(run.stderr, /^note: mu is a scalar by the naming convention \(lower-case Greek names are scalars\)/);
  assert.match(run.stderr, /declare it: mu: vector/);
  // Capital Greek is a matrix.
  assert.equal(json('derive', "x'*Sigma*x", '--wrt', 'Sigma').result.text, "x*x'");
});

test('convention notes name every scalar that makes f non-scalar; the fix declares all', () => {
  const out = json('derive', "a'*X*b", '--wrt', 'X');
  const conv = out.notes.filter((n) => n.kind === 'convention');
  assert.equal(conv.length, 1, JSON.stringify(conv));
  assert.deepEqual(conv[0].variables, ['a', 'b']);
  assert.equal(conv[0].declaration, 'a: vector; b: vector');
  assert.match(conv[0].message, /a, b are scalars by the naming convention/);
  // After the fix: the gradient the user wanted.
  const fixed = json('derive', "a'*X*b", '--wrt', 'X', '--decl', conv[0].declaration);
  assert.equal(fixed.kind, 'gradient');
  assertSame(fixed.result.text, "a*b'", 'a: vector(n); b: vector(m)');
  assert.equal(fixed.notes.filter((n) => n.kind === 'convention').length, 0);
  // One scalar alone keeps its own note (b in A*x - b), whose fix it names.
  const one = json('derive', 'norm2(A*x - b)^2', '--wrt', 'x');
  assert.deepEqual(one.notes.map((n) => n.declaration), ['b: vector']);
});

// A second derivative asked in LaTeX is the Hessian by its variable (it was refused): the
// same answer as the plain question with --hessian, its numeric check passed.
test('second derivatives are read as the Hessian', () => {
  const cases = [
    ['\\frac{\\partial^2 f}{\\partial x \\partial x^T}, f = x^T A x', "x'*A*x", 'x'],
    ['\\frac{\\partial^2}{\\partial x^2} \\|Ax - b\\|^2', 'norm2(A*x - b)^2', 'x'],
    ['\\nabla^2_x \\log(1 + e^{w^T x})', "log(1 + exp(w'*x))", 'x'],
    ['\\nabla_x^2 (x^T x)^2', "(x'*x)^2", 'x'],
    ['\\frac{\\partial^{2} (x^T A x)}{\\partial x\\,\\partial x^{\\top}}', "x'*A*x", 'x'],
    // entries name the Hessian's entry (i, j): the Hessian by the vector
    ['\\frac{\\partial^2 f}{\\partial x_i \\partial x_j}, f = \\sum_k \\exp(x_k)', 'sum(exp(x))', 'x'],
    // pasted with Unicode
    ['∂²(xᵀAx)/∂x²', "x'*A*x", 'x'],
    ['∂²f/∂x∂xᵀ, f = ‖Ax − b‖²', 'norm2(A*x - b)^2', 'x'],
  ];
  for (const [question, plain, wrt] of cases) {
    const asked = json('derive', question);
    const direct = json('derive', plain, '--wrt', wrt, '--hessian');
    assert.equal(asked.kind, 'hessian', question);
    assert.equal(asked.wrt, wrt, question);
    assert.equal(asked.check.passed, true, question);
    assertSame(asked.result.text, direct.result.text);
  }
  assertRefused(['derive', '\\frac{\\partial^2 f}{\\partial x \\partial y}, f = x^T A y'],
    /a mixed second derivative \(by x, then by another variable\) is not read/, 20);
  assertRefused(['export', '\\nabla^2 (x^T x)', '--lang', 'numpy'],
    /code export writes the gradient, and this question asks for the Hessian/, 1);
});

test('export by a defined name takes that name as the input, and no size only the definition had', () => {
  for (const lang of ['numpy', 'torch', 'eigen', 'matlab']) {
    const out = matcalc('export', "P = M*M'; f = tr(P*A)", '--wrt', 'P', '--lang', lang);
    assert.equal(out.status, 0, out.stderr);
    const signature = out.stdout.slice(out.stdout.indexOf('f_and_grad('), out.stdout.indexOf(')', out.stdout.indexOf('f_and_grad(')) + 1);
    assert.match(signature, /\bP\b/, `${lang}: ${signature}`);
    assert.match(signature, /\bA\b/, `${lang}: ${signature}`);
    assert.doesNotMatch(signature, /\bm\b/, `${lang}: ${signature}`);
  }
});

// Session 10: what a probe of ~300 pasted questions found answered for another question.
test('a number or a name after "/" divides alone when the rest is set apart (1/2 ‖Ax − b‖²)', () => {
  assertReads({ expr: '1/2 ‖Ax − b‖²', decl: 'b: vector', wrt: 'x' }, '0.5*norm2(A*x - b)^2', 'b: vector');
  assertReads({ expr: '1/2 xᵀAx', wrt: 'x' }, "0.5*x'*A*x");
  assertReads({ expr: 'λ/2 ‖w‖² + 1/2 ‖Xw − y‖²', wrt: 'w' }, '0.5*lambda*norm2(w)^2 + 0.5*norm2(X*w - y)^2',
    'lambda: scalar');
  assertReads({ expr: '1/2(x + y)ᵀ(x + y)', wrt: 'x' }, "0.5*(x + y)'*(x + y)");
  // Written against it, the letters divide with it; a run led by a norm is the divisor.
  assertReads({ expr: '1/2π xᵀx', wrt: 'x' }, "x'*x/(2*3.141592653589793)");
  assertReads({ expr: 'xᵀy/‖x‖‖y‖', wrt: 'x' }, "x'*y/(norm2(x)*norm2(y))");
  // A name the convention makes a vector, dividing, is a number, and the note says so.
  const mean = assertReads({ expr: '1/n ‖Xw − y‖²', wrt: 'w' }, 'norm2(X*w - y)^2/n', 'n: scalar');
  assert.deepEqual(mean.notes.map((n) => n.declaration), ['n: scalar']);
});

test('a transposed 1 is the vector of ones (1ᵀx, log 1ᵀexp(x))', () => {
  assertReads({ expr: '1ᵀx', wrt: 'x' }, "ones(n)'*x");
  assertReads({ expr: 'log(1ᵀ exp(x))', wrt: 'x' }, "log(sum(exp(x)))");
  assertReads({ expr: '1^T \\sigma(Wx)', wrt: 'W' }, 'sum(sigmoid(W*x))');
});

test('a defined name written as a function of its variables is that definition', () => {
  assertReads({ expr: 'E = ‖Wx − t‖²; ∇_W E(W)' }, 'norm2(W*x - t)^2', '', 'W');
  assertReads({ expr: 'f = xᵀAx; ∂f(x)/∂x' }, "x'*A*x", '', 'x');
  assertReads({ expr: '\\frac{\\partial J(\\theta)}{\\partial \\theta}', decl: 'J = \\|X\\theta - y\\|^2' },
    'norm2(X*theta - y)^2', 'theta: vector', 'theta');
  // A product stays one where the parenthesis is not a variable of the definition.
  const product = json('parse', 'P = A^TA; x^T P(x+y)');
  assert.match(product.reading.text, /P\*\(x \+ y\)/);
});

test('df/dx and dL/dW are the derivative, in plain input and pasted', () => {
  assertReads({ expr: 'df/dx', decl: "f = x'*A*x" }, "x'*A*x", '', 'x');
  assertReads({ expr: 'dL/dW', decl: 'L = norm2(W*x-t)^2' }, 'norm2(W*x - t)^2', '', 'W');
  assertReads({ expr: 'L = ‖Wx − t‖²; dL/dW' }, 'norm2(W*x - t)^2', '', 'W');
  assertReads({ expr: 'd(xᵀAx)/dx' }, "x'*A*x", '', 'x');
});

test('pasted Greek names keep the naming convention and its notes; capitals used as numbers are noted', () => {
  // x^T mu: mu ends a product after a row, a vector (the plain reading too).
  assertReads({ expr: 'xᵀμ', wrt: 'x' }, "x'*mu", 'mu: vector');
  // ‖x − μ‖² by μ: a scalar by the convention, and the note says so (it was silent).
  const run = matcalc('derive', '‖x − μ‖²', '--wrt', 'μ');
  assert.equal(run.status, 0);
  assert.match(run.stderr, /note: mu is a scalar by the naming convention .* declare it: mu: vector/);
  // x'*g: a convention scalar after a row vector makes a Jacobian; the note names it.
  assert.deepEqual(json('derive', "x'*g", '--wrt', 'x').notes.map((n) => n.declaration), ['g: vector']);
  // N/2 log|Σ|: N a matrix by the convention makes f a matrix; the note says to declare it a scalar.
  const counts = json('derive', 'N/2*logdet(S) + 1/2*tr(inv(S)*C)', '--wrt', 'S');
  assert.deepEqual(counts.notes.map((n) => n.declaration), ['N: scalar']);
  assertReads({ expr: 'N/2*logdet(S) + 1/2*tr(inv(S)*C)', decl: 'N: scalar', wrt: 'S' },
    'N/2*logdet(S) + 1/2*tr(inv(S)*C)', 'N: scalar');
});

test('\\frac12, √(…), ASCII bars, ^\\mathsf{T} are read; NumPy and Python operators are refused with the fix', () => {
  // \frac34 x was 4/x: the digits were split by changing the token, and a statement read twice lost one.
  assertReads({ expr: '\\frac34 x^T x', wrt: 'x' }, "0.75*x'*x");
  assertReads({ expr: '\\frac12 \\|Ax - b\\|^2', decl: 'b: vector', wrt: 'x' }, '0.5*norm2(A*x - b)^2', 'b: vector');
  assertReads({ expr: '√(xᵀx)', wrt: 'x' }, "sqrt(x'*x)");
  assertReads({ expr: '||x||^2 + 0.5*||A*x - y||^2', wrt: 'x' }, 'norm2(x)^2 + 0.5*norm2(A*x - y)^2');
  assertReads({ expr: 'log|X| + |X|', wrt: 'X' }, 'logdet(X) + det(X)');
  assertReads({ expr: 'x^\\mathsf{T} A x', wrt: 'x' }, "x'*A*x");
  assertRefused(['derive', 'x.T @ A @ x', '--wrt', 'x'], /'@' is NumPy's matrix product: write \*/, 5);
  assertRefused(['derive', 'norm2(A*x-b)**2', '--wrt', 'x'], /'\*\*' is Python's power: write \^/, 13);
  assertRefused(['derive', 'sum(max(0, 1 - y.*(X*w)))', '--wrt', 'w'], /unknown function 'max' \(did you mean relu\(z\) for max\(0, z\)\?\)/, 5);
  assertRefused(['derive', '\\frac123 x', '--wrt', 'x'], /\\frac123 is ambiguous/, 1);
});

test('Greek letters name variables in plain declarations; --wrt W_{1} is W_1', () => {
  assertReads({ expr: '(x-μ)ᵀΣ⁻¹(x-μ)', decl: 'μ: vector; Σ: spd(n)', wrt: 'μ' },
    "(x - mu)'*inv(Sigma)*(x - mu)", 'mu: vector; Sigma: spd(n)', 'mu');
  assertReads({ expr: "x'*mu", decl: 'μ: vector(n)', wrt: 'x' }, "x'*mu", 'mu: vector(n)');
  assert.equal(json('derive', "x'*W_1*x + tr(W_hh)", '--wrt', 'W_{1}').wrt, 'W_1');
});

test('σ₁(A) is the largest singular value; λ₁(S), σᵢ(A) are refused with what to write (were products)', () => {
  assertReads({ expr: 'σ₁(A)', wrt: 'A' }, 'norm_op(A)');
  assertReads({ expr: '\\sigma_1(A^T A)', wrt: 'A' }, "norm_op(A'*A)");
  assertRefused(['derive', '\\lambda_1(S)', '--wrt', 'S', '--decl', 'S: symmetric(n)'],
    /\\lambda_1\(\.\.\.\), an eigenvalue by its number, is not read .*\\lambda_\{\\max\}\(S\)/, 1);
  assertRefused(['derive', '\\sum_i \\sigma_i(A)', '--wrt', 'A'], /\\sigma_i\(\.\.\.\), a singular value by its index, is not read: .*nuclear norm/, 8);
  // A multiplier per constraint still multiplies its parenthesis.
  assertReads({ expr: '\\lambda_1(x^Tx - 1) + x^T A x', wrt: 'x' }, "lambda_1*(x'*x - 1) + x'*A*x", 'lambda_1: scalar');
});

test('check reads an answer pasted with Unicode or factors side by side', () => {
  for (const answer of ['(A+Aᵀ)x', "(A+A')x", '(A + A^T)x'])
    assert.equal(json('check', "x'*A*x", '--wrt', 'x', '--answer', answer).verdict, 'correct', answer);
  assert.equal(json('check', 'norm2(W*x-y)^2', '--wrt', 'W', '--answer', '2(Wx − y)xᵀ').verdict, 'correct');
  // still graded, not re-read: a wrong one is wrong
  const wrong = matcalc('check', "x'*A*x", '--wrt', 'x', '--answer', '2Ax', '--format', 'json');
  assert.equal(wrong.status, 1, wrong.stderr);
  assert.notEqual(JSON.parse(wrong.stdout).verdict, 'correct');
});

test('S ≻ 0 and S \\succ 0 declare S positive definite (the structure row\'s relation)', () => {
  const pasted = assertReads({ expr: 'log|Σ| + tr(Σ⁻¹S), Σ ≻ 0', wrt: 'Σ' }, 'logdet(Sigma) + tr(inv(Sigma)*S)',
    'Sigma: spd(n)', 'Sigma');
  assert.match(pasted.reading?.decls ?? json('parse', 'log|Σ| + tr(Σ⁻¹S), Σ ≻ 0').reading.decls, /Sigma: spd/);
  assert.equal(json('parse', 'x^TSx; S \\succeq 0').reading.decls, 'S: spd');
});

test('second probe: divisors, ones, sums of bars, positivity, defined functions, numbered eigenvalues', () => {
  assertReads({ expr: '1/(2σ²) ‖x − μ‖²', decl: 'μ: vector', wrt: 'x' }, '0.5*norm2(x - mu)^2/sigma^2', 'mu: vector; sigma: scalar');
  assertReads({ expr: '1/2x^TAx', wrt: 'x' }, "0.5*x'*A*x");
  assertReads({ expr: '1/2\u00a0xᵀAx', wrt: 'x' }, "0.5*x'*A*x");
  assertReads({ expr: '1/\\lambda x^Tx', wrt: 'x' }, "x'*x/lambda", 'lambda: scalar');
  assertReads({ expr: 'λ1ᵀx', wrt: 'x' }, "lambda*ones(n)'*x", 'lambda: scalar');
  assertReads({ expr: '1ᵀX1', wrt: 'X' }, 'sum(X)');
  assertReads({ expr: 'x^T μ/2', wrt: 'x' }, "x'*mu/2", 'mu: vector');
  assertReads({ expr: 'w^T(x+y)', wrt: 'w' }, "w'*(x + y)");
  assertReads({ expr: "d(x'*A*x)/dx" }, "x'*A*x", '', 'x');
  assertReads({ expr: 'E(W)', decl: 'E = norm2(W*x-t)^2', wrt: 'W' }, 'norm2(W*x - t)^2');
  assertReads({ expr: 'lambda*sum(|W|)', wrt: 'W' }, 'lambda*norm1(W)', 'lambda: scalar');
  assertReads({ expr: 'wᵀSw + c(1 − wᵀw)', wrt: 'w' }, "w'*S*w + c*(1 - w'*w)");
  assertReads({ expr: 'H = A + xx^T; x^T H(x)', wrt: 'x' }, "x'*(A + x*x')*x");
  // sizes are named apart from the variables: the result parses back
  const mean = json('derive', 'sum(x)/n', '--wrt', 'x');
  assertSame(mean.result.text, 'ones(m)/n', 'n: scalar; x: vector(m)');
  assertRefused(['derive', 'x \\succ 0,\\ \\mathbf{1}^T\\log x', '--wrt', 'x'], /declares a matrix positive definite .* x is not a matrix/, 1);
  assertRefused(['derive', 'f(x) = x^TAx; f(y)', '--wrt', 'y'], /f is defined as a function of x: f of another argument is not read/, 15);
  assertRefused(['derive', 'λ₁(Σ)', '--wrt', 'Σ'], /an eigenvalue by its number, is not read/, 1);
  assertReads({ expr: '\\lambda_1(x^Tx - 1) + x^TAx', wrt: 'x' }, "lambda_1*(x'*x - 1) + x'*A*x", 'lambda_1: scalar');
  // no note for a matrix-valued expression read alone; A/B stays refused
  assert.deepEqual(json('parse', '2*A').notes ?? [], []);
  assertRefused(['derive', 'A/B', '--wrt', 'A'], /'\/' divides by a scalar/, 3);
});

test('a definition used beside its own variable passes every step check (was "a bug in matcalc")', () => {
  // The chain rule's <G, d name> with G held: G pinned as a node was pinned inside the
  // definition too when the two share it (G = x for u = A*x; G = x*x' for H = x*x').
  for (const [expr, plain] of [["u = A*x; u'*x", "(A*x)'*x"], ["H = x*x'; x'*H*x", "x'*x*x'*x"],
    ["H = A + x*x'; x'*H*x", "x'*(A + x*x')*x"]]) {
    const run = matcalc('derive', expr, '--wrt', 'x');
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '', `${expr}: ${run.stderr}`);
    assertSame(run.stdout.trim(), json('derive', plain, '--wrt', 'x').result.text);
  }
});
