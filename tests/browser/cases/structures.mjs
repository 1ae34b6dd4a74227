// Structured variables on the page (SPEC 13, issue 24): a variable declared on a
// constraint set is the one differentiated by, the variables list shows its structure,
// the result is the projected gradient with its step and its conventions line, and the
// input-language table lists the structures the engine knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';

export default function register(suite) {
  test('structures: Procrustes on O(n) derives the projected gradient with its step', async () => {
    const decl = 'X: orthogonal(n)';
    const { page, problems } = await openPage(suite,
      `#expr=${encodeURIComponent("tr(A'*X)")}&decl=${encodeURIComponent(decl)}`);
    await waitForOutput(page, { expr: "tr(A'*X)", wrt: 'X', decl, states: ['ok'] });
    assert.equal(await page.textContent('#output [data-result-text]').then((t) => t.trim()),
      "0.5*(A - X*A'*X)");
    assert.match(await page.textContent('#variables'), /orthogonal/);
    assert.match(await page.textContent('#output'), /Riemannian gradient/);
    assert.match(await page.textContent('#steps-list'), /project G onto the tangent space/);
    assert.equal(await page.locator('.katex-error').count(), 0);
    await page.locator('details.syntax summary').click();
    await page.waitForSelector('#syntax-structures[data-state="ready"]', { timeout: 15_000 });
    const row = await page.textContent('#syntax-structures');
    for (const word of ['orthogonal(n)', 'stiefel(n,p)', 'unit(n)', 'lower(n)', 'skew(n)'])
      assert.ok(row.includes(word), `${word} in the table: ${row}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
