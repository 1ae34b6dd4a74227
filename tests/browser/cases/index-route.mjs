// The steps' "matrix | index" switch (SPEC sections 10 and 11): the index route's steps
// (entry by entry, Kronecker deltas, the contraction with an upstream G) beside the
// default route's result card, kept in the link as route=index; a construct the index
// route has no rule for shows the engine's message in the index view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';

// Waits until the index view is done (ok, unsupported or failed) and returns its state.
async function indexState(page) {
  const handle = await page.waitForFunction(() => {
    const view = document.getElementById('index-steps');
    return view && ['ok', 'unsupported', 'failed'].includes(view.dataset.state) && view.dataset.state;
  }, null, { timeout: 15_000 });
  return handle.jsonValue();
}

// The TeX source of every formula in the index view's steps (KaTeX's MathML annotation).
const stepSources = (page) => page.$$eval('#index-steps li.step .step-math annotation',
  (nodes) => nodes.map((node) => node.textContent));

export default function register(suite) {
  test('index switch: M*M\' wrt M shows the delta object and its contraction with G', async () => {
    const { page, problems } = await openPage(suite, "#expr=M*M'&wrt=M");
    await waitForOutput(page, { expr: "M*M'", wrt: 'M', states: ['ok'] });
    const indexButton = page.getByRole('button', { name: /index/ });
    assert.equal(await indexButton.count(), 1, 'one control named "index"');
    assert.equal(await indexButton.getAttribute('aria-pressed'), 'false');
    assert.equal(await page.locator('#index-steps').isVisible(), false);
    const resultBefore = await page.textContent('#output [data-result-text]');

    await indexButton.click();
    assert.equal(await indexState(page), 'ok');
    assert.equal(await indexButton.getAttribute('aria-pressed'), 'true');
    assert.match(page.url(), /[#&]route=index(&|$)/, 'the link keeps the index view');
    assert.equal(await page.locator('#steps-list').isVisible(), false, 'the matrix steps are hidden');
    assert.equal(await page.locator('#index-steps').isVisible(), true);
    // The default route's result card stays.
    assert.equal(await page.textContent('#output [data-result-text]'), resultBefore);

    const sources = await stepSources(page);
    assert.ok(sources.length >= 3, `index steps: ${sources.join(' | ')}`);
    const compact = sources.map((s) => s.replace(/\s+/g, ''));
    assert.ok(compact.some((s) => s.includes('\\delta_{ia}M_{jb}+M_{ib}\\delta_{ja}')),
      `the delta object δ_ia M_jb + M_ib δ_ja: ${sources.join(' | ')}`);
    assert.ok(compact.some((s) => /G_\{\w+\}M_\{\w+\}\+G_\{\w+\}M_\{\w+\}/.test(s) && s.includes('\\phi')),
      `the contraction with G: ${sources.join(' | ')}`);
    const steps = page.locator('#index-steps li.step');
    assert.match(await steps.last().textContent(), /upstream gradient G/);
    // The index route's answer and its check; the backpropagation form (G + G')M.
    assert.equal(await page.locator('#index-steps .index-answer .check-line.passed').count(), 1);
    assert.match(await page.textContent('#index-steps .index-answer'), /\(G \+ G'\)\*M|G\^\{\\top\}/);
    // The default route's index form of f and of the result.
    const summary = await page.$$eval('#index-steps .index-summary annotation', (n) => n.map((a) => a.textContent));
    assert.ok(summary.some((s) => /M_\{ik\}\s*M_\{jk\}/.test(s)), `f in index notation: ${summary.join(' | ')}`);
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.match(await page.textContent('#steps-title'), new RegExp(`${await steps.count()} steps`));

    // Back to matrix: the matrix steps again, the link without route.
    await page.getByRole('button', { name: 'matrix' }).click();
    assert.equal(await page.locator('#steps-list').isVisible(), true);
    assert.equal(await page.locator('#index-steps').isVisible(), false);
    assert.doesNotMatch(page.url(), /route=/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('index switch: x\'*W*W\'*x wrt W from a link with route=index; a new expression keeps the view', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*W*W'*x&wrt=W&route=index");
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    assert.equal(await indexState(page), 'ok');
    assert.equal(await page.getByRole('button', { name: /index/ }).getAttribute('aria-pressed'), 'true');
    const sources = (await stepSources(page)).map((s) => s.replace(/\s+/g, ''));
    assert.ok(sources.some((s) => s.includes('x_{i}W_{ij}W_{kj}x_{k}')), `f in Einstein notation: ${sources.join(' | ')}`);
    assert.ok(sources.some((s) => s.includes('\\delta_{ia}\\delta_{jb}')), 'differentiated by one entry');
    assert.ok(sources.some((s) => s.includes('2x_{a}W_{ib}x_{i}')), 'like terms collected');
    assert.ok(sources.at(-1).includes('2xx^{\\top}W'), `read back: ${sources.at(-1)}`);
    assert.equal(await page.locator('#index-steps .index-answer').getAttribute('data-agrees'), 'true');
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.match(page.url(), /route=index/);

    // Typing a new expression keeps the index view, for the new derivation.
    await page.fill('#expr', "x'*A*x");
    await waitForOutput(page, { expr: "x'*A*x", states: ['ok'] });
    assert.equal(await indexState(page), 'ok');
    const after = (await stepSources(page)).map((s) => s.replace(/\s+/g, ''));
    assert.ok(after.some((s) => s.includes('x_{i}A_{ij}x_{j}')), `the new function: ${after.join(' | ')}`);
    assert.match(page.url(), /route=index/);
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('index switch: a construct the index route has no rule for shows the engine\'s message', async () => {
    // (kron has entry rules since issue 22: a matrix function has none)
    const { page, problems } = await openPage(suite, '#expr=tr(A*expm(X))&wrt=X');
    await waitForOutput(page, { expr: 'tr(A*expm(X))', wrt: 'X', states: ['ok'] });
    await page.getByRole('button', { name: /index/ }).click();
    assert.equal(await indexState(page), 'unsupported');
    const message = await page.textContent('#index-steps .index-message');
    assert.match(message, /index route/);
    assert.match(message, /matrix function/i, `the engine's message: ${message}`);
    // The page is whole: the default route's result and its steps are still there.
    assert.equal(await page.locator('#output .result-math .katex').count() > 0, true);
    assert.equal(await page.getAttribute('#output', 'data-state'), 'ok');
    await page.getByRole('button', { name: 'matrix' }).click();
    assert.ok(await page.locator('#steps-list li.step').count() >= 1);
    assert.equal(await page.locator('.katex-error').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
