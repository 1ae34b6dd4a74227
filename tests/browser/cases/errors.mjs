// Malformed input: the engine's message shows under the field it is about, with the
// column, and the input line with the offending span marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

async function errorUnder(page, field) {
  const error = page.locator(`#${field}-error .error`);
  await error.waitFor();
  return {
    message: (await error.locator('.error-message').textContent()).trim(),
    marked: await error.locator('mark').textContent(),
    line: await error.locator('.error-line').textContent(),
  };
}

export default function register(suite) {
  test('a malformed expression shows its message with the column, span marked', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await typeInto(page, '#expr', "x'*A*(x+");
    await waitForOutput(page, { expr: "x'*A*(x+", states: ['error'] });
    const error = await errorUnder(page, 'expr');
    assert.match(error.message, /needs an operand/);
    assert.match(error.message, /\(column 8\)$/);
    assert.equal(error.marked, '+');
    assert.equal(error.line, "x'*A*(x+");
    assert.equal(await page.getAttribute('#expr', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#output'), /Fix the expression/);

    // Columns count characters (code points), not UTF-16 units. (A mathematical 𝑥 is read
    // as x since issue 18; a character no mathematics uses is still an error.)
    await typeInto(page, '#expr', 'a + 🙂 + b');
    await waitForOutput(page, { expr: 'a + 🙂 + b', states: ['error'] });
    const wide = await errorUnder(page, 'expr');
    assert.match(wide.message, /column 5/);
    assert.equal(wide.marked, '🙂');

    // A shape error names both shapes; fixing the input clears the error.
    await typeInto(page, '#decl', 'A: matrix(2,3)');
    await typeInto(page, '#expr', 'tr(A*A)');
    await waitForOutput(page, { expr: 'tr(A*A)', decl: 'A: matrix(2,3)', states: ['error'] });
    const shape = await errorUnder(page, 'expr');
    assert.match(shape.message, /cannot multiply 2×3 by 2×3 \(column 4\)$/);
    assert.equal(shape.marked, 'A*A');
    await typeInto(page, '#expr', "tr(A*A')");
    await waitForOutput(page, { expr: "tr(A*A')", states: ['ok'] });
    assert.equal(await page.locator('#expr-error .error').count(), 0);
    assert.equal(await page.getAttribute('#expr', 'aria-invalid'), null);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a bad declaration shows its message under the declarations field', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await typeInto(page, '#expr', "x'*x");
    await typeInto(page, '#decl', 'x: vecto(n)');
    await waitForOutput(page, { expr: "x'*x", decl: 'x: vecto(n)', states: ['error'] });
    const error = await errorUnder(page, 'decl');
    assert.match(error.message, /unknown kind 'vecto'.*\(column 4\)$/);
    assert.equal(error.marked, 'vecto');
    assert.equal(await page.locator('#expr-error .error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a request the engine refuses (unknown variable in a link) falls back with a notice', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*x&wrt=q");
    await waitForOutput(page, { expr: "x'*x", wrt: 'x', states: ['ok'] });
    assert.match(await page.textContent('#output .notice'), /“q”.*showing x instead/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an empty expression asks for one, without an error', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await page.waitForSelector('#output[data-state="idle"] .message');
    assert.match(await page.textContent('#output'), /Type an expression/);
    assert.equal(await page.locator('.error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
