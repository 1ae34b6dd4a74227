// Questions as people write them (issue 10; SPEC sections 5, 6, 7, 11): LaTeX pasted
// into the expression field, definitions typed line by line, and a convention note's
// one-click fix. Every result is compared numerically with the plain problem the
// question stands for, derived by the same engine in node (lib/engine.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine, shownEquals } from '../lib/engine.mjs';
import { fragment, openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

// The seed questions of issue 10.
const FRAC = '\\frac { d({ x }^{ T }W{ W }^{ T }x) }{ dW }';
const SEED = '\\mathbf{v}=\\mathbf{X}^T\\mathbf{a},\\ \\mathbf{w}=\\sigma(\\mathbf{v}),\\ \\mathbf{w}^T\\mathbf{w}';
const PROGRAM = "P = M*M'\nQ = P - I\nf = tr(Q*Q')";

// The engine's own answer to the plain problem (one-line language), for comparison.
async function plainResult(expr, wrt, decl = '') {
  const engine = await loadEngine();
  const derived = JSON.parse(engine.derive(expr, wrt, decl, 1, false, ''));
  assert.ok(derived.ok, `${expr} wrt ${wrt}: ${derived.error?.message}`);
  return derived.result.text;
}

// The page's result equals `expected` at random inputs (decl: the shapes to evaluate in).
async function assertShown(page, expected, decl = '') {
  const same = await shownEquals(page, expected, decl);
  assert.ok(same.ok, `${same.shown} should equal ${expected} (relative difference ${same.difference})`);
}

// Pastes `text` into #expr the way a reader does: through the clipboard, Ctrl+V.
async function paste(page, text) {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.locator('#expr').fill('');
  await page.focus('#expr');
  await page.keyboard.press('Control+V');
}

const hashOf = (url) => new URL(url).hash;

export default function register(suite) {
  test('a pasted LaTeX question is read, its variable chosen, and the link keeps the LaTeX', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await paste(page, FRAC);
    assert.equal(await page.inputValue('#expr'), FRAC);
    // The question names W (d/dW): it is chosen though nobody clicked it.
    await waitForOutput(page, { expr: FRAC, wrt: 'W', states: ['ok'] });
    assert.equal(await page.isChecked('#variables input[name="wrt"][value="W"]'), true);
    // The preview shows the reading in the input language, and typesets it.
    const reading = page.locator('#preview .preview-reading[data-syntax="latex"]');
    assert.equal((await reading.locator('.reading-text').textContent()).trim(), "x'*W*W'*x");
    assert.match(await reading.textContent(), /with respect to\s*W/);
    assert.ok(await page.locator('#preview .preview-math .katex').count() > 0);
    await assertShown(page, "2*x*x'*W");
    await assertShown(page, await plainResult("x'*W*W'*x", 'W'));

    // The link holds what was typed, the LaTeX, not its reading.
    const link = page.url();
    assert.ok(link.includes(`expr=${encodeURIComponent(FRAC)}`), link);
    const second = await openPage(suite, link);
    await waitForOutput(second.page, { expr: FRAC, wrt: 'W', states: ['ok'] });
    assert.equal(await second.page.inputValue('#expr'), FRAC);
    await assertShown(second.page, "2*x*x'*W");
    assert.deepEqual(second.problems, []);
    await second.page.close();

    // So does the embed code, and the embed shows the same derivation.
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    const src = /src="([^"]+)"/.exec(snippet)[1].replace(/&amp;/g, '&');
    assert.equal(hashOf(src), hashOf(link));
    const embed = await openPage(suite, src);
    await embed.page.waitForSelector('#embed[data-state="ok"]', { timeout: 15_000 });
    assert.equal(await embed.page.getAttribute('#embed', 'data-expr'), FRAC);
    assert.equal(await embed.page.getAttribute('#embed', 'data-wrt'), 'W');
    assert.deepEqual(embed.problems, []);
    await embed.page.close();

    // A question naming x, which the page would not pick by itself (it prefers W).
    const byX = '\\frac{\\partial\\, x^T W W^T x}{\\partial x}';
    await paste(page, byX);
    await waitForOutput(page, { expr: byX, wrt: 'x', states: ['ok'] });
    assert.equal(await page.isChecked('#variables input[name="wrt"][value="x"]'), true);
    await assertShown(page, "2*W*W'*x");
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the LaTeX seed with definitions is differentiated by X, as the plain problem', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await paste(page, SEED);
    await waitForOutput(page, { expr: SEED, wrt: 'X', states: ['ok'] });
    assert.equal(await page.getAttribute('#output .check', 'data-check'), 'passed');
    const reading = (await page.textContent('#preview .reading-text')).trim();
    assert.equal(reading, "v = X'*a\nw = sigmoid(v)\nw'*w");
    // The defined names are among the choices, after the variables, and not picked.
    const names = await page.$$eval('#variables input[name="wrt"]', (radios) => radios.map((r) => r.value));
    assert.deepEqual(names, ['X', 'a', 'v', 'w']);
    assert.match(await page.textContent('#variables label[data-name="w"]'), /defined/);
    await assertShown(page, await plainResult("sum(sigmoid(X'*a).^2)", 'X'));
    await assertShown(page, "2*a*(sigmoid(X'*a).^2.*sigmoid(-X'*a))'");
    // The named result lists the definitions it uses.
    assert.deepEqual(await page.$$eval('#output .result .where li.definition', (items) => items.map((i) => i.dataset.name)),
      ['v', 'w']);
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('definitions typed line by line: Enter starts a line, the derivation follows', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await typeInto(page, '#expr', "P = M*M'");
    // One line so far: the last statement is P's definition, a Jacobian by M.
    await waitForOutput(page, { expr: "P = M*M'", wrt: 'M', states: ['ok'] });
    await page.press('#expr', 'Enter');
    await page.locator('#expr').pressSequentially('Q = P - I');
    await waitForOutput(page, { expr: "P = M*M'\nQ = P - I", wrt: 'M', states: ['ok'] });
    await page.press('#expr', 'Enter');
    await page.locator('#expr').pressSequentially("f = tr(Q*Q')");
    assert.equal(await page.inputValue('#expr'), PROGRAM);
    await waitForOutput(page, { expr: PROGRAM, wrt: 'M', states: ['ok'] });
    // The field grew to show the three lines.
    const rows = await page.$eval('#expr', (field) => field.clientHeight / parseFloat(getComputedStyle(field).lineHeight));
    assert.ok(rows >= 3, `the field shows ${rows} lines`);

    await assertShown(page, "4*(M*M' - I)*M");
    await assertShown(page, await plainResult("tr((M*M' - I)*(M*M' - I)')", 'M'));
    assert.deepEqual(await page.$$eval('#output .result .where li.definition', (items) => items.map((i) => i.dataset.name)),
      ['P', 'Q']);
    const preview = await page.locator('#preview .preview-math .katex').count();
    assert.ok(preview > 0, 'the program is typeset in the preview');

    // Defined names are choices: Q is then independent (∂f/∂Q = 2Q), and so is P.
    for (const name of ['M', 'P', 'Q']) {
      assert.equal(await page.locator(`#variables input[name="wrt"][value="${name}"]`).count(), 1, name);
    }
    await page.check('#variables input[name="wrt"][value="Q"]');
    await waitForOutput(page, { expr: PROGRAM, wrt: 'Q', states: ['ok'] });
    await assertShown(page, '2*Q');
    await page.check('#variables input[name="wrt"][value="P"]');
    await waitForOutput(page, { expr: PROGRAM, wrt: 'P', states: ['ok'] });
    await assertShown(page, '2*(P - I)');

    // The link keeps the lines; opening it gives the same input and derivation.
    const link = page.url();
    assert.ok(link.includes(encodeURIComponent("M*M'\nQ")), link);
    const second = await openPage(suite, link);
    await waitForOutput(second.page, { expr: PROGRAM, wrt: 'P', states: ['ok'] });
    assert.equal(await second.page.inputValue('#expr'), PROGRAM);
    await assertShown(second.page, '2*(P - I)');
    assert.deepEqual(second.problems, []);
    await second.page.close();
    const embed = await openPage(suite, `embed.html${hashOf(link)}`);
    await embed.page.waitForSelector('#embed[data-state="ok"]', { timeout: 15_000 });
    assert.equal(await embed.page.getAttribute('#embed', 'data-expr'), PROGRAM);
    assert.equal(await embed.page.locator('.katex-error').count(), 0);
    assert.deepEqual(embed.problems, []);
    await embed.page.close();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a convention note names its variable and its fix adds the declaration", async () => {
    const expr = '0.5*norm2(A*x-b)^2';
    const { page, problems } = await openPage(suite, fragment({ expr, decl: 'x: vector(3)' }));
    await waitForOutput(page, { expr, wrt: 'x', decl: 'x: vector(3)', states: ['ok'] });
    const note = page.locator('#output [role="note"][data-variable="b"]');
    await note.waitFor();
    assert.match(await note.textContent(), /b is a scalar by the naming convention/);
    assert.equal(await page.locator('#output [role="note"]').filter({ hasText: '[object' }).count(), 0);
    // As written, b is added to every entry.
    await assertShown(page, "A'*(A*x - b*ones(m))", 'x: vector(3); A: matrix(m,3)');

    await note.getByRole('button', { name: 'Declare b: vector' }).click();
    await waitForOutput(page, { expr, wrt: 'x', decl: 'x: vector(3); b: vector', states: ['ok'] });
    assert.equal(await page.inputValue('#decl'), 'x: vector(3); b: vector');
    assert.equal(await page.locator('#output [role="note"][data-variable="b"]').count(), 0);
    await assertShown(page, "A'*(A*x - b)", 'x: vector(3); b: vector');
    assert.ok(page.url().includes(`decl=${encodeURIComponent('x: vector(3); b: vector')}`), page.url());
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('errors in LaTeX and in definitions are marked where they were typed', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    const latex = '\\frac{\\partial \\foo x}{\\partial x}';
    await paste(page, latex);
    await waitForOutput(page, { expr: latex, states: ['error'] });
    const error = page.locator('#expr-error .error');
    await error.waitFor();
    assert.match(await error.locator('.error-message').textContent(), /unknown LaTeX command \\foo \(column 16\)$/);
    assert.equal(await error.locator('mark').textContent(), '\\foo');
    assert.equal(await error.locator('.error-line').textContent(), latex);

    // In a program on several lines, the line and the column within it.
    await typeInto(page, '#expr', "P = M*M'\nP = M\ntr(P)");
    await waitForOutput(page, { expr: "P = M*M'\nP = M\ntr(P)", states: ['error'] });
    await page.waitForSelector('#expr-error .error[data-line="2"]');
    assert.match(await error.locator('.error-message').textContent(), /'P' is defined twice.*\(line 2, column 1\)$/);
    assert.equal(await error.locator('.error-line').textContent(), 'P = M');
    assert.equal(await error.locator('mark').textContent(), 'P');

    // A name both declared and defined.
    await page.fill('#decl', 'P: matrix');
    await typeInto(page, '#expr', "P = M*M'; tr(P)");
    await waitForOutput(page, { expr: "P = M*M'; tr(P)", decl: 'P: matrix', states: ['error'] });
    await page.waitForSelector('#expr-error .error[data-column="1"]');
    assert.match(await error.locator('.error-message').textContent(), /'P' is both declared and defined/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('Ctrl+Enter derives at once; plain Enter only starts a line', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await page.focus('#expr');
    await page.keyboard.type("x'*A*x");
    await page.keyboard.press('Enter');
    assert.equal(await page.inputValue('#expr'), "x'*A*x\n");
    await waitForOutput(page, { expr: "x'*A*x\n", wrt: 'x', states: ['ok'] });
    await page.keyboard.type('x+');
    await page.keyboard.press('Control+Enter');
    assert.equal(await page.inputValue('#expr'), "x'*A*x\nx+");
    // Shown without waiting for a pause in typing.
    await waitForOutput(page, { expr: "x'*A*x\nx+", states: ['error'] });
    await page.locator('#expr-error .error').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });
}
