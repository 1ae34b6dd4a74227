// A first visit without surprises (issue 14): no link opens the built-in example, offered
// as a link; a new expression gets the variable a reader most likely means, with no
// notice about a link nobody opened, and the links the page gives carry that variable;
// the reader's own choice is kept while the expression has it; an error in a half-typed
// expression waits for a pause in the typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

export default function register(suite) {
  test('a first visit: the example as a link, then the likely variable and no stale notice', async () => {
    const { page, problems } = await openPage(suite, 'index.html');
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    const href = await page.getAttribute('#output .intro a', 'href');
    assert.match(href, /^#expr=x'\*W\*W'\*x&wrt=W$/);
    assert.equal(await page.locator('#output .notice').count(), 0);

    await typeInto(page, '#expr', 'norm2(X*w-y)^2');
    await waitForOutput(page, { expr: 'norm2(X*w-y)^2', states: ['ok'] });
    assert.equal(await page.getAttribute('#output', 'data-wrt'), 'w');
    assert.equal(await page.locator('#output .notice, #output .intro').count(), 0);
    assert.match(await page.evaluate(() => location.hash), /&wrt=w(&|$)/);
    await page.getByRole('button', { name: 'Copy link' }).click();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /&wrt=w(&|$)/);
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    assert.match(await page.evaluate(() => navigator.clipboard.readText()), /embed\.html#expr=[^"]*&amp;wrt=w[&"]/);

    await typeInto(page, '#expr', 'tr(A*X)');
    await waitForOutput(page, { expr: 'tr(A*X)', wrt: 'X', states: ['ok'] });
    // The reader's choice stays while the expression has it, whatever the page would pick.
    await page.check('#variables input[value="A"]');
    await waitForOutput(page, { expr: 'tr(A*X)', wrt: 'A', states: ['ok'] });
    await typeInto(page, '#expr', 'tr(A*X*B)');
    await waitForOutput(page, { expr: 'tr(A*X*B)', wrt: 'A', states: ['ok'] });
    assert.equal(await page.locator('#output .notice').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a link naming a missing variable says so, until the reader edits', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*A*x&wrt=W");
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.match(await page.textContent('#output [role=note].notice'), /link asks .*“W”/);
    await typeInto(page, '#expr', "x'*A*x + 1");
    await waitForOutput(page, { expr: "x'*A*x + 1", wrt: 'x', states: ['ok'] });
    assert.equal(await page.locator('#output .notice').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an error in a half-typed expression is shown after a pause, not at each key', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*x");
    await waitForOutput(page, { expr: "x'*x", states: ['ok'] });
    await page.evaluate(() => {
      window.keys = [];
      window.errorShownAt = null;
      document.addEventListener('keydown', () => window.keys.push(performance.now()), true);
      new MutationObserver(() => {
        if (document.getElementById('expr-error').textContent && window.errorShownAt === null) {
          window.errorShownAt = performance.now();
        }
      }).observe(document.getElementById('expr-error'), { childList: true, subtree: true });
    });
    await typeInto(page, '#expr', "x'*(A");
    await waitForOutput(page, { expr: "x'*(A", states: ['error'] });
    assert.match(await page.textContent('#expr-error'), /column/);
    // Lower bound only: the error waited at least most of the pause after the last key.
    const waited = await page.evaluate(() => window.errorShownAt - window.keys.at(-1));
    assert.ok(waited >= 600, `the error appeared ${Math.round(waited)} ms after the last key`);
    // The fixed expression clears it.
    await typeInto(page, '#expr', "x'*(A*x)");
    await waitForOutput(page, { expr: "x'*(A*x)", states: ['ok'] });
    assert.equal(await page.textContent('#expr-error'), '');
    assert.deepEqual(problems, []);
    await page.close();
  });
}
