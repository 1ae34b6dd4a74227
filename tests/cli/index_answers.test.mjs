// Questions entry by entry (SPEC 14, issue 22), answered and checked entry by entry: the
// index form of the answer in the question's own letters, the note on what the 4-index
// object is as a matrix (seed 000's "∂P/∂M = 2M", seed 001's "Xᵀ"), and `check` grading an
// answer written in index form — right, indices exchanged, factor, sign, a term missing,
// extra or off, indices that do not fit — pasted as LaTeX, Unicode or our own text form.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { matcalc } from './lib/matcalc.mjs';

function check(expr, answer, ...more) {
  const run = matcalc('check', expr, '--answer', answer, '--format', 'json', ...more);
  assert.equal(run.status === 2, false, `${expr} / ${answer}: ${run.stderr}`);
  const out = JSON.parse(run.stdout);
  assert.equal(out.ok, true, run.stdout);
  assert.equal(run.status, out.correct ? 0 : 1, `${expr} / ${answer}: exit status`);
  return out;
}

function derive(expr, ...more) {
  const run = matcalc('derive', expr, '--format', 'json', ...more);
  assert.equal(run.status, 0, `${expr}: ${run.stderr}`);
  return JSON.parse(run.stdout.split('\n')[0]);
}

// Each [question, plain question, variable, declarations?]: derived (its own check passed,
// by the variable it names, or by --wrt when it names none) and graded right by `check`
// against the plain question — finite differences independent of how it was read.
function answersThePlainQuestion(cases) {
  for (const [q, plain, wrt, decl] of cases) {
    const out = /[∂]|partial/.test(q) ? derive(q) : derive(q, '--wrt', wrt);
    assert.equal(out.wrt, wrt, q);
    assert.equal(out.check.passed, true, q);
    const graded = check(plain, out.result.text, '--wrt', wrt, ...(decl ? ['--decl', decl] : []));
    assert.equal(graded.correct, true, `${q}: ${out.result.text} against ${plain}`);
  }
}

const SEED000 = '\\frac{\\partial(\\sum_k m_{ik} m_{jk})}{\\partial m_{xy}}';
const SEED001 = 'f_{ij} = w_{ik}x_{kj}, \\frac{\\partial f_{ij}}{\\partial w_{mn}}';
const AXB = 'w_{ij}=\\sum_h\\sum_t a_{it}x_{th}b_{hj}, \\frac{\\partial w_{ij}}{\\partial x_{dc}}';
const SEED003 = 'v_g = \\sum_k X_{k,g} a_k, w_g = \\sigma(v_g), \\frac{\\partial \\sum_g w_g^2}{\\partial X_{ab}}';

test('the index form of the answer uses the letters of the question', () => {
  const cases = [
    [SEED000, 'delta_ix*M_jy + M_iy*delta_jx', "kron(eye(n), M)*commutation(n, m) + kron(M, eye(n))"],
    [SEED001, 'delta_im*X_nj', "kron(X', eye(n))"],
    [AXB, 'A_id*B_cj', "kron(B', A)"],
    // the question's j is the derivative's; the j summed inside y_i is renamed apart
    ['\\frac{\\partial y_i}{\\partial x_j}, y_i = \\tanh(W_{ij} x_j)', '(1 - (tanh(W_ik*x_k))^(2))*W_ij', null],
    ['\\frac{\\partial}{\\partial x_k} \\sum_k x_k^2', '2*x_k', '2*x'],
  ];
  for (const [q, index, matrix] of cases) {
    const out = derive(q);
    assert.equal(out.index.result_text, index, q);
    assert.equal(out.index.asked_by_entries, true, q);
    if (matrix) assert.equal(out.result.text, matrix, q);
    assert.equal(out.check.passed, true, q);
  }
});

test('seed 000: the note says what the 4-index object is and what "2M" stands for', () => {
  const out = derive(SEED000);
  const note = out.notes.find((n) => n.kind === 'entries');
  assert.ok(note, JSON.stringify(out.notes));
  assert.match(note.message, /^dF_ij\/dM_xy = delta_ix\*M_jy \+ M_iy\*delta_jx is one number for each i, j, x and y: 4 indices/);
  assert.match(note.message, /one row per entry of vec\(F\) \(i varying fastest\)/);
  assert.match(note.message, /dF\/dM = 2\*M means the chain rule's shorthand/);
  assert.match(note.message, /dphi\/dM = \(G \+ G'\)\*M, which is 2\*G\*M when G is symmetric/);
  // The same from the \sum_k spelling and from Unicode.
  for (const q of ['∂(Σₖ m_ik m_jk)/∂m_xy', '\\frac{\\partial \\sum_{k=1}^{m} m_{ik} m_{jk}}{\\partial m_{xy}}'])
    assert.ok(derive(q).notes.some((n) => n.kind === 'entries' && /2\*M/.test(n.message)), q);
});

test('seed 001: dF_ij/dW_mn = delta_im X_nj, and why the notes write X\'', () => {
  const out = derive(SEED001);
  const note = out.notes.find((n) => n.kind === 'entries');
  assert.match(note.message, /^dF_ij\/dW_mn = delta_im\*X_nj/);
  assert.match(note.message, /dF\/dW = X' means the chain rule's shorthand: .* dphi\/dW = G\*X'/);
  assert.match(note.message, /on the right, with G left out/);
  // No shorthand where G sits inside the form: the backpropagation form is said instead.
  const axb = derive(AXB).notes.find((n) => n.kind === 'entries');
  assert.match(axb.message, /dphi\/dX = A'\*G\*B'/);
  assert.doesNotMatch(axb.message, /shorthand/);
});

test('check: right answers in index form, in every spelling', () => {
  const right = [
    [SEED000, '\\delta_{ix} m_{jy} + m_{iy}\\delta_{jx}'],
    [SEED000, 'δ_ix m_jy + m_iy δ_jx'],
    [SEED000, 'delta_ix*M_jy + M_iy*delta_jx'],  // our own text form, pasted back
    [SEED000, '\\delta_{jx} m_{iy} + m_{jy}\\delta_{ix}'],  // terms and factors in any order
    [SEED001, '\\delta_{im} x_{nj}'],
    [AXB, 'a_{id} b_{cj}'],
    [SEED003, '2 w_b^2 (1 - w_b) a_a'],
    // Einstein sums stay inside the parentheses and the function's argument.
    ['\\frac{\\partial}{\\partial W_{ab}} \\sum_i (\\sum_j W_{ij} x_j - y_i)^2', '2(W_{ak}x_k - y_a)x_b'],
    ['\\frac{\\partial y_i}{\\partial x_j}, y_i = \\tanh(W_{ij} x_j)', '(1-\\tanh^2(W_{ik}x_k))W_{ij}'],
    ['\\frac{\\partial \\sum_{i,j} A_{ij} X_{ij}}{\\partial X_{ab}}', 'A_{ab}'],
  ];
  for (const [q, a] of right) {
    const out = check(q, a);
    assert.equal(out.verdict, 'correct', `${q} / ${a}: ${out.message}`);
    assert.equal(out.by_entries, true);
    assert.match(out.message, /entry by entry/);
  }
  // A question by the whole variable: the answer's letters read in alphabetical order.
  const whole = check('\\frac{\\partial}{\\partial W} \\sum_i (W_{ij}x_j - y_i)^2', '2(W_{ak}x_k - y_a)x_b');
  assert.equal(whole.verdict, 'correct');
  assert.match(whole.message, /read as W_ab: the row's index first/);
});

test('check: each kind of wrong answer in index form gets its verdict', () => {
  const wrong = [
    [SEED000, '\\delta_{ix} m_{jy}', 'missing-term', /missing a term: M_\{iy\} \\delta_\{jx\}; your \\delta_\{ix\} m_\{jy\} is right/],
    [SEED000, '2\\delta_{ix} m_{jy} + m_{iy}\\delta_{jx}', 'factor', /off by a factor in one term: your 2\\delta_\{ix\} m_\{jy\} is 2 times the term/],
    [SEED000, '-\\delta_{ix} m_{jy} - m_{iy}\\delta_{jx}', 'sign', /minus ∂F_ij\/∂M_xy/],
    [SEED000, '3\\delta_{ix} m_{jy} + 3m_{iy}\\delta_{jx}', 'factor', /3 times ∂F_ij\/∂M_xy/],
    [SEED000, '\\delta_{ix} m_{jy} + m_{iy}\\delta_{jx} + \\delta_{ix}\\delta_{jy}', 'extra-term', /one term too many/],
    [SEED000, '\\delta_{ix} m_{jy} + m_{iy}', 'wrong-shape', /your term m_\{iy\} does not write the index j/],
    [SEED000, '\\delta_{ix} m_{jk} + m_{iy}\\delta_{jx}', 'wrong-shape', /the index k occurs once in your term/],
    [SEED000, '\\delta_{ia} m_{jb} + m_{ib}\\delta_{ja}', 'wrong-shape', /free indices i, j, x and y/],
    [SEED001, '\\delta_{im} x_{jn}', 'wrong-shape', /the index j runs over the columns of F/],
    [SEED003, '2 w_b (1 - w_b) a_a', 'different', /different from ∂f\/∂X_ab entry by entry/],
  ];
  for (const [q, a, verdict, message] of wrong) {
    const out = check(q, a);
    assert.equal(out.verdict, verdict, `${q} / ${a}: ${out.message}`);
    assert.match(out.message, message, `${q} / ${a}`);
  }
  // Indices exchanged, where their ranges agree (M square): the transpose's analogue.
  const square = check(SEED000, '\\delta_{iy} m_{jx} + m_{ix}\\delta_{jy}', '--decl', 'M: matrix(n,n)');
  assert.equal(square.verdict, 'transposed', square.message);
  assert.match(square.message, /with x and y exchanged/);
});

test('check: an index answer with only the variable\'s indices is the matrix it writes', () => {
  // 2 m_xy is 2*M: the chain rule's shorthand, as the matrix answer 2*M.
  const out = check(SEED000, '2 m_{xy}');
  assert.equal(out.verdict, 'chain-shorthand', out.message);
  // A matrix answer to an index question is read as a matrix.
  assert.equal(check(SEED000, 'kron(eye(n), M)*commutation(n, m) + kron(M, eye(n))').verdict, 'correct');
});

test('check: malformed index answers are errors with their column', () => {
  // (the question's own letters may repeat, as einsum's output: the element-wise a_i b_i)
  const run = matcalc('check', SEED000, '--answer', '\\delta_{ix} \\delta_{jy} m_{ak} m_{bk} m_{ck}');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /the index k occurs three times in one product \(answer, column \d+\)/);
});

test('--wrt m_xy: the derivative by one entry of a plain question', () => {
  const out = derive("M*M'", '--wrt', 'm_xy');
  assert.equal(out.wrt, 'M');
  assert.equal(out.index.result_text, 'delta_ix*M_jy + M_iy*delta_jx');
  assert.ok(out.notes.some((n) => n.kind === 'reading' && /the entry m_xy is read as the derivative by M/.test(n.message)));
  assert.equal(derive("x'*A*x", '--wrt', 'x_{k}').index.result_text, 'A_ki*x_i + x_i*A_ik');
  assert.equal(check("M*M'", '\\delta_{ix} m_{jy} + m_{iy}\\delta_{jx}', '--wrt', 'm_xy').verdict, 'correct');
  // A variable of that name stays the variable.
  assert.equal(derive('W_2*x', '--wrt', 'W_2').wrt, 'W_2');
});

test('the index form matcalc prints reads back as a right answer (LaTeX and text)', () => {
  const questions = [
    SEED000, SEED001, AXB, SEED003,
    '\\frac{\\partial}{\\partial x_i} (x_j A_{jk} x_k)',
    'L = \\frac{1}{2}\\sum_i (y_i - x_{ij} w_j)^2, \\frac{\\partial L}{\\partial w_k}',
    'p_i = \\frac{\\exp(z_i)}{\\sum_j \\exp(z_j)}, \\frac{\\partial p_i}{\\partial z_k}',
    'y_i = W_{ij} x_j + b_i, \\frac{\\partial y_i}{\\partial W_{kl}}',
    'E = \\frac12 \\sum_k (t_k - o_k)^2, o_k = \\sigma(\\sum_j w_{kj} h_j), \\frac{\\partial E}{\\partial w_{kj}}',
    'C_{ij} = A_{ik} B_{kj}, \\frac{\\partial C_{ij}}{\\partial B_{pq}}',
    '\\frac{\\partial}{\\partial a_k} \\| a \\|^2',
    '\\frac{\\partial}{\\partial X_{ab}} \\sum_{i,j,k} X_{ij} X_{jk} X_{ki}',
    '\\frac{\\partial y_i}{\\partial x_j}, y_i = \\tanh(W_{ij} x_j)',
    '\\frac{\\partial}{\\partial x_k} \\sum_i \\frac{y_i}{x_i}',
  ];
  for (const q of questions) {
    const out = derive(q);
    assert.equal(out.check.passed, true, q);
    for (const answer of [out.index.result, out.index.result_text]) {
      const graded = check(q, answer);
      assert.equal(graded.verdict, 'correct', `${q} / ${answer}: ${graded.message}`);
    }
  }
});

test('LaTeX pasted with Unicode reads m_ik as the entry m_{ik}', () => {
  for (const q of ['\\partial(Σₖ m_ik m_jk)/∂m_xy', '\\frac{∂ (Σ_k m_ik m_jk)}{∂ m_xy}']) {
    const out = derive(q);
    assert.equal(out.reading.text, "M*M'", q);
    assert.equal(out.index.result_text, 'delta_ix*M_jy + M_iy*delta_jx', q);
  }
  assert.equal(derive('f_ij = Σ_k w_ik x_kj, \\frac{\\partial f_ij}{\\partial w_mn}').index.result_text, 'delta_im*X_nj');
});

// tests/data/index_questions.json, the index questions bench/textbook_gap.py measures
// against the textbook's matrix forms: each derives with its numeric check passed, and its
// textbook form is graded correct (the measurement compares right answers only).
test('the index questions of the textbook measurement derive, and their textbook forms are right', async () => {
  const { readFileSync } = await import('node:fs');
  const url = new URL('../data/index_questions.json', import.meta.url);
  const problems = JSON.parse(readFileSync(url, 'utf8'));
  assert.ok(problems.length >= 20);
  for (const p of problems) {
    const decl = p.decl ? ['--decl', p.decl] : [];
    const out = derive(p.expr, '--wrt', p.wrt, ...decl);
    assert.equal(out.check.passed, true, `${p.id}: ${JSON.stringify(out.check)}`);
    const graded = check(p.expr, p.textbook, '--wrt', p.wrt, ...decl);
    assert.equal(graded.correct, true, `${p.id}: ${graded.message}`);
    // the index route derives it too, and its matrix form is the default route's answer
    const byIndex = derive(p.expr, '--wrt', p.wrt, '--route', 'index', ...decl);
    assert.equal(byIndex.check.passed, true, `${p.id} by the index route`);
    const agree = check(p.expr, byIndex.result.text, '--wrt', p.wrt, ...decl);
    assert.equal(agree.correct, true, `${p.id}: the routes disagree: ${agree.message}`);
  }
});

// Powers of one scalar in a term multiply as one: the norm's entries no longer leave
// (x_i x_i)^0.5 (x_i x_i)^-0.5 in the answer entry by entry.
test('powers of the same scalar merge in the index form', () => {
  assert.equal(derive('\\frac{\\partial}{\\partial x_j}\\|x\\|^2').index.result_text, '2*x_j');
  assert.equal(derive('\\frac{\\partial}{\\partial x_j}\\|x\\|').index.result_text,
    '(x_i*x_i)^(-0.5)*x_j');
});

// Found by probing pasted questions (session 9): each answers the question asked, graded
// against the plain question it stands for by `check` (its own finite differences), or is
// refused with its column — never the answer to another question.
test('pasted Σ is the sum sign; a trace written (M)_{ii}; matrix parts beside sums', () => {
  const cases = [
    // Σ (Unicode) with an index under it, before a parenthesis or a function
    ['zᵢ = Σⱼ Wᵢⱼ xⱼ + bᵢ, L = Σᵢ (zᵢ − yᵢ)²', "sum((W*x + b - y).^2)", 'W'],
    ['f = Σ_k \\exp(z_k) + Σ_k z_k', 'sum(exp(z)) + sum(z)', 'z'],
    ['L = \\log Σ_k \\exp(z_k)', 'log(sum(exp(z)))', 'z'],
    ['\\frac{∂}{∂x_j} Σ_i (x_i - y_i)^2', 'sum((x - y).^2)', 'x'],
    // an entry with a repeated index, in a sum or alone: a trace
    ['f = \\sum_i (X^T X)_{ii}', "tr(X'*X)", 'X'],
    ['f = \\sum_i (AB)_{ii}', 'tr(A*B)', 'A'],
    ['\\frac{\\partial A_{ii}}{\\partial A_{jk}}', 'tr(A)', 'A'],
    ['f = (AB)_{ii}', 'tr(A*B)', 'A'],
    // parts in matrix form beside entries
    ['f = \\sum_i x_i + \\|x\\|^2', 'sum(x) + norm2(x)^2', 'x'],
    ['f = \\sum_i A_{ii} + \\log\\det A', 'tr(A) + logdet(A)', 'A'],
    ['\\frac{\\partial}{\\partial w_j} \\left(\\lambda \\|\\mathbf{w}\\|^2 + \\sum_i (y_i - \\mathbf{x}_i^T\\mathbf{w})^2\\right)',
      "lambda*norm2(w)^2 + sum((y - X*w).^2)", 'w'],
  ];
  answersThePlainQuestion(cases);
});

test('a sum over part of its range, or an index summed twice, is refused with its column', () => {
  const refused = [
    ['\\frac{\\partial}{\\partial x_k} \\sum_{i=1}^{n} \\sum_{j=1}^{i} x_i x_j', /a sum up to the index i runs over part of the values/, 58],
    ['f = \\sum_{i<j} x_i x_j', /a sum over part of the values of its index is not read/, 11],
    ['f = \\sum_{i \\neq j} x_i x_j', /a sum over part of the values/, 11],
    ['f = \\sum_{i=2}^{n} x_i^2', /a sum over part of the values/, 11],
    ['y_i = \\sum_{j=1}^{i} x_j, f = \\sum_i y_i', /a sum up to the index i/, 19],
    ['f = \\sum_{} x_i', /the sum names no index under it/, 5],
    ['f = \\sum_i \\sum_i x_i', /the index i is summed twice/, 12],
  ];
  for (const [q, message, column] of refused) {
    const run = matcalc('derive', q, '--wrt', 'x');
    assert.equal(run.status, 2, `${q}: ${run.stdout}${run.stderr}`);
    assert.equal(run.stdout, '');
    const first = run.stderr.split('\n')[0];
    assert.match(first, message, first);
    assert.ok(first.endsWith(`(expression, column ${column})`), first);
  }
  // The whole range, written with limits, 1- or 0-based, is read.
  for (const q of ['f = \\sum_{i=1}^{n} x_i^2', 'f = \\sum_{i=0}^{n-1} x_i^2', 'f = \\sum_{i,j} x_i x_j'])
    assert.equal(derive(q, '--wrt', 'x').check.passed, true, q);
});

test('a power of a sum keeps its sum inside the parentheses in the index form', () => {
  const inside = derive('1/sum(x)', '--wrt', 'x');
  assert.equal(inside.index.f_text, '(sum_i x_i)^(-1)');
  assert.equal(inside.index.result_text, '-(sum_i x_i)^(-2)*1_a');
  const outside = derive('sum(1./x)', '--wrt', 'x');
  assert.equal(outside.index.f_text, 'sum_i x_i^(-1)');
  assert.equal(outside.index.result_text, '-x_a^(-2)');
});

test('terms on other indices broadcast (x_i - x_j), and Einstein reads across parentheses of entries', () => {
  const cases = [
    ['f = \\frac{1}{2}\\sum_{i,j} W_{ij} (x_i - x_j)^2', "1/2*sum(W.*(x*ones(1,n) - ones(n)*x').^2)", 'x'],
    ['f = \\sum_{i,j} \\exp(-(x_i - x_j)^2)', "sum(exp(-(x*ones(1,n) - ones(n)*x').^2))", 'x'],
    ['f = \\sum_{i,j} (x_i - y_j)^2', "sum((x*ones(1,m) - ones(n)*y').^2)", 'x'],
    ['f = (x_i - \\mu_i) S_{ij} (x_j - \\mu_j)', "(x - mu)'*S*(x - mu)", 'mu', 'mu: vector'],
    ['f = (x_i - y_i)^2 w_i', 'sum(w.*(x - y).^2)', 'x'],
  ];
  answersThePlainQuestion(cases);
  // A covariance per component stays a name: no entries in (x - \mu_k).
  assert.equal(derive('(x - \\mu_k)^T \\Sigma_k^{-1} (x - \\mu_k)', '--wrt', 'x').index?.asked_by_entries ?? false, false);
});

test('an index a \\sum names may occur three times in a product (SPEC 14); without one it is an error', () => {
  const cases = [
    ['f = \\sum_i a_i b_i c_i', 'sum(a.*b.*c)', 'a'],
    ['f = \\sum_i x_i^2 y_i z_i', 'sum(x.^2.*y.*z)', 'x'],
    ['F_{ij} = \\sum_k A_{ik} c_k B_{kj}', 'A*diag(c)*B', 'c', 'c: vector'],
    ['F_{ij} = \\sum_k A_{ik} c_k B_{kj}', 'A*diag(c)*B', 'A', 'c: vector'],
    ['f = \\sum_{i,j} A_{ij} x_i x_j y_i', "(x.*y)'*A*x", 'x'],
  ];
  answersThePlainQuestion(cases);
  const run = matcalc('derive', 'f = x_i x_i x_i', '--wrt', 'x');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /the index i three times in one product/);
});

test('plain sum_i before a parenthesis, Einstein inside a fraction, and Σ with limits pasted', () => {
  const cases = [
    ['f = sum_i (x_i - y_i)^2', 'sum((x - y).^2)', 'x'],
    // an entry before a parenthesis multiplies it (Einstein), not a function named x_i
    ['f = x_i (x_i - y_i)', 'sum(x.*(x - y))', 'x'],
    ['f = w_i (x_i - y_i)^2', 'sum(w.*(x - y).^2)', 'x'],
    ['f = \\frac{x_i y_i}{z_l z_l}', 'sum(x.*y)/sum(z.^2)', 'z'],
    ['\\frac{\\partial}{\\partial x_k} \\frac{x_i A_{ij} x_j}{x_l x_l}', "x'*A*x/(x'*x)", 'x'],
    ['Σᵢ₌₁ⁿ xᵢ²', 'sum(x.^2)', 'x'],
  ];
  answersThePlainQuestion(cases);
});

test('parts written with matrices beside entries keep their kinds, and a shape mismatch is the question\'s', () => {
  const out = derive('f = \\sum_i x_i^2 + x^T A x', '--wrt', 'x');
  assert.equal(out.check.passed, true);
  assert.equal(check("sum(x.^2) + x'*A*x", out.result.text, '--wrt', 'x').correct, true, out.result.text);
  const mixed = derive('f = \\sum_i x_i^2 + \\lambda x^T x', '--wrt', 'x');
  assert.equal(check("sum(x.^2) + lambda*x'*x", mixed.result.text, '--wrt', 'x').correct, true, mixed.result.text);
  const run = matcalc('derive', 'f = \\sum_i x_i + x^T A', '--wrt', 'x');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /its entries make it a number \(no free index\), but the parts written with matrices make it 1×\d/);
  assert.doesNotMatch(run.stderr, /a bug in matcalc/);
});

test('a bare Σ over entries sums its summand\'s index; malformed numbers are errors', () => {
  answersThePlainQuestion([['\\sum x_i^2', 'sum(x.^2)', 'x'], ['Σ xᵢ²', 'sum(x.^2)', 'x'], ['Σ x_i', 'sum(x)', 'x'],
    ['Σ log xᵢ', 'sum(log(x))', 'x'], ['Σ exp(x_i)', 'sum(exp(x))', 'x']]);
  // Σm_{ik}m_{jk} still sums the repeated k only (seed 000)
  assert.equal(derive('\\frac{\\partial(Σm_{ik}m_{jk})}{\\partial m_{xy}}').index.result_text, 'delta_ix*M_jy + M_iy*delta_jx');
  for (const [q, column] of [['1.5.2*x', 4], ["1e-3e4*x'*x", 5], ['1e3e*x', 4]]) {
    const run = matcalc('parse', q);
    assert.equal(run.status, 2, q);
    assert.ok(run.stderr.split('\n')[0].endsWith(`(expression, column ${column})`), run.stderr);
  }
});
