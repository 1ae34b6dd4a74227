// Keyboard only: from the top of the page a visitor reaches the field, types, picks the
// variable with the arrow keys, expands a rule's identity and collapses the steps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';

async function tabTo(page, predicate, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`not reachable with Tab: ${predicate}`);
}

export default function register(suite) {
  test('the page works with the keyboard alone, with a visible focus', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await tabTo(page, () => document.activeElement.id === 'expr');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused field shows its focus');
    await page.keyboard.type("x'*W*W'*x");
    // The page picks W (the parameter-like name, variables.js); the arrows choose.
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });

    await tabTo(page, () => document.activeElement.name === 'wrt');
    await page.keyboard.press('ArrowLeft');
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'x', states: ['ok'] });
    await page.keyboard.press('ArrowRight');
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    // SPEC section 4 fixes this text.
    assert.equal((await page.textContent('#output .result-text')).trim(), "2*x*x'*W");

    await tabTo(page, () => document.activeElement.classList.contains('rule'));
    const controls = await page.evaluate(() => document.activeElement.getAttribute('aria-controls'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#${controls}:not([hidden]) .katex`);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');

    await tabTo(page, () => document.activeElement.textContent === 'Hide steps');
    await page.keyboard.press('Enter');
    assert.equal(await page.isHidden('#steps-list'), true);
    await page.waitForFunction(() => location.hash.includes('steps=0'));
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Show steps');
    await page.keyboard.press('Enter');
    assert.equal(await page.isVisible('#steps-list'), true);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
