// Issue 18 on the page: the seeds' questions pasted as written give their answers in one
// step, with the reading visible above the result; a definition typed in the
// declarations field is read; an ambiguous paste's other reading and a combined
// convention note's fix are one click away; index notation gets its refusal with the
// matrix question. Results are compared numerically with the plain problem (in node).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownEquals } from '../lib/engine.mjs';
import { fragment, openPage, waitForOutput } from '../lib/harness.mjs';

async function assertShown(page, expected, decl = '') {
  const same = await shownEquals(page, expected, decl);
  assert.ok(same.ok, `${same.shown} should equal ${expected} (relative difference ${same.difference})`);
}

export default function register(suite) {
  test('seed 000 pasted as written: read as mathematics, shown back, answered by M', async () => {
    const expr = 'P≡MM^T, Q≡P-I, f=tr(QQ^T)';
    const { page, problems } = await openPage(suite, fragment({ expr }));
    await waitForOutput(page, { expr, wrt: 'M', states: ['ok'] });
    const reading = page.locator('#preview .preview-reading[data-syntax="latex"]');
    assert.equal((await reading.locator('.reading-text').textContent()).trim(),
      "P = M*M'\nQ = P - I\nf = tr(Q*Q')");
    await assertShown(page, "4*(M*M' - I)*M");
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('a definition typed in the declarations field is read, and the result named after it', async () => {
    const expr = 'D';
    const decl = '\\mathbf{D} = \\mathbf{W}\\mathbf{X}';
    const { page, problems } = await openPage(suite, fragment({ expr, decl, wrt: 'W' }));
    await waitForOutput(page, { expr, decl, wrt: 'W', states: ['ok'] });
    const reading = page.locator('#preview .preview-reading');
    assert.equal((await reading.locator('.reading-text').textContent()).trim(), 'D = W*X\nD');
    await assertShown(page, "kron(X', eye(n))", 'W: matrix(n,m); X: matrix(m,p)');
    assert.deepEqual(problems, []);
  });

  test('an ambiguous paste: the note says which reading, its button gives the other', async () => {
    const expr = 'P=MM^T; Q=P-I; f=tr(QQ^T)';
    const { page } = await openPage(suite, fragment({ expr, wrt: 'M' }));
    await waitForOutput(page, { expr, wrt: 'M', states: ['ok'] });
    const note = page.locator('#output [role=note][data-kind="reading"]');
    assert.match(await note.textContent(), /MM is read as a product of letters/);
    await note.getByRole('button', { name: /Read it as/ }).click();
    const other = "P=MM'; Q=P-I; f=tr(QQ')";
    await waitForOutput(page, { expr: other, states: ['ok'] });
    assert.equal(await page.inputValue('#expr'), other);
    // no product of letters now; P and Q are typed but unused, and their notes say so
    const after = await page.locator('#output [role=note][data-kind="reading"]').allTextContents();
    assert.equal(after.filter((t) => /product of letters/.test(t)).length, 0, after.join(' | '));
    assert.equal(after.filter((t) => /is defined but f does not use it/.test(t)).length, 2, after.join(' | '));
  });

  test('one note names every convention scalar, and its fix gives the gradient', async () => {
    const expr = "a'*X*b";
    const { page } = await openPage(suite, fragment({ expr, wrt: 'X' }));
    await waitForOutput(page, { expr, wrt: 'X', states: ['ok'] });
    const note = page.locator('#output [role=note][data-kind="convention"]');
    assert.equal(await note.count(), 1);
    await note.getByRole('button', { name: 'Declare a: vector; b: vector' }).click();
    await waitForOutput(page, { expr, wrt: 'X', decl: 'a: vector; b: vector', states: ['ok'] });
    await assertShown(page, "a*b'", 'a: vector(n); b: vector(m)');
  });

  test('seed 000 asked entry by entry is answered by M, its reading shown', async () => {
    const expr = '\\frac{\\partial \\sum_k m_{ik}m_{jk}}{\\partial m_{xy}}';
    const { page, problems } = await openPage(suite, fragment({ expr }));
    await waitForOutput(page, { expr, wrt: 'M', states: ['ok'] });
    const reading = page.locator('#preview .preview-reading');
    assert.equal((await reading.locator('.reading-text').textContent()).trim(), "M*M'");
    assert.match(await page.locator('#output').textContent(), /read entry by entry/);
    await assertShown(page, "kron(eye(n), M)*commutation(n, m) + kron(M, eye(n))", 'M: matrix(n,m)');
    assert.deepEqual(problems, []);
  });
}
