// A first visit without surprises (issue 14): no link opens the built-in example, offered
// as a link; a new expression gets the variable a reader most likely means, with no
// notice about a link nobody opened, and the links the page gives carry that variable;
// the reader's own choice is kept while the expression has it; an error in a half-typed
// expression waits for a pause in the typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

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

// The first visit's answer is rendered in advance (scripts/prerender.mjs): it is the
// engine's own answer to the page's first request, and it is on screen even when the
// engine cannot load, which then shows on the next request.
export function registerFirstAnswer(suite) {
  test('the first visit\'s answer, derived at build time, is the engine\'s and needs no engine', async () => {
    const stored = JSON.parse(fs.readFileSync(path.join(dist, 'first-answer.json'), 'utf8'));
    const { default: create } = await import(pathToFileURL(path.join(dist, 'engine', 'matcalc_core.js')).href);
    const core = await create({ wasmBinary: fs.readFileSync(path.join(dist, 'engine', 'matcalc_core.wasm')) });
    const { request, result } = stored;
    assert.deepEqual(result.parse, JSON.parse(core.parse(request.expr, request.decl)));
    assert.deepEqual(result.derive, JSON.parse(core.derive(request.expr, result.wrt, request.decl, request.seed,
      request.hessian, request.layout)));

    const { page, problems } = await openPage(suite);
    await page.route('**/engine/*.wasm', (route) => route.abort());
    await page.goto(new URL('index.html', suite.baseUrl).href);
    await waitForOutput(page, { expr: request.expr, wrt: result.wrt, states: ['ok'] });
    assert.equal((await page.textContent('#output [data-result-text]')).trim(), result.derive.result.text);
    assert.equal(await page.locator('#output li.step').count(), result.derive.steps.length);
    await typeInto(page, '#expr', 'tr(A*X)');
    await waitForOutput(page, { expr: 'tr(A*X)', states: ['failed'] });
    assert.ok(problems.length > 0 && problems.every((p) => /request failed: .*\.wasm|console: /.test(p)), problems.join('\n'));
    await page.close();
  });

  test('the first visit\'s formulas, typeset at build time, are KaTeX\'s own and need no KaTeX script', async () => {
    const { request, result, typeset } = JSON.parse(fs.readFileSync(path.join(dist, 'first-answer.json'), 'utf8'));
    assert.ok(typeset.length >= 2, `${typeset.length} formulas typeset in advance`);

    // Without KaTeX's script: the answer is typeset all the same, its steps too (typeset
    // as they come near the screen or in idle time).
    const blocked = await openPage(suite);
    await blocked.page.route(/\/katex(-lite)?\.min\.js$/, (route) => route.abort());
    await blocked.page.goto(new URL('index.html', suite.baseUrl).href);
    await blocked.page.waitForFunction(() => performance.getEntriesByName('matcalc:first-derivation').length > 0);
    await waitForOutput(blocked.page, { expr: request.expr, wrt: result.wrt, states: ['ok'] });
    assert.equal(await blocked.page.locator('#output .result-math .katex .katex-html').count(), 1);
    assert.equal(await blocked.page.locator('#preview .katex .katex-mathml').count(), 1);
    await blocked.page.waitForFunction((count) => document.querySelectorAll('#steps-list .step-math .katex').length === count,
      result.derive.steps.length);
    assert.equal(await blocked.page.locator('.katex-error, #output .tex-source').count(), 0);
    await blocked.page.close();

    // Each is what KaTeX makes of it in the page, with the page's options.
    const { page, problems } = await openPage(suite, 'index.html');
    await waitForOutput(page, { expr: request.expr, wrt: result.wrt, states: ['ok'] });
    // The page's KaTeX (the smaller build, scripts/katex-lite.mjs), and the whole of it.
    await page.waitForFunction(() => Boolean(globalThis.katexLite));
    const differ = await page.evaluate(async (formulas) => {
      const { OPTIONS, loadFullKatex } = await import('./js/tex.js');
      const full = await loadFullKatex();
      return formulas.flatMap(([text, displayMode, made]) => [[globalThis.katexLite, 'lite'], [full, 'katex.min.js']]
        .filter(([katex]) => katex.renderToString(text, { ...OPTIONS, displayMode }) !== made)
        .map(([, name]) => `${name}: ${text}`));
    }, typeset);
    assert.deepEqual(differ, []);
    const shown = await page.evaluate(() => document.querySelector('#output .result-math .tex').innerHTML);
    assert.ok(typeset.some(([, , made]) => made === shown), 'the result on screen is the one typeset in advance');
    assert.deepEqual(problems, []);
    await page.close();
  });
}
