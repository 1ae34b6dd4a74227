// Phones (390×844): the answer is on the first screen (the options and declarations come
// after it), and no equation is cut off: each fits its box, broken at top-level
// operators, or scrolls visibly (data-scrolls, a keyboard stop, edge shadows).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragment, openPage, waitForOutput } from '../lib/harness.mjs';

const cases = [
  { expr: "0.5*logdet(S) + 0.5*(x-mu)'*inv(S)*(x-mu)", wrt: 'S', decl: 'S: spd(n)' },
  { expr: 'sum(log(1 + exp(-y.*(X*w))))', wrt: 'w', decl: '' },
  { expr: 'W*X', wrt: 'W', decl: '' },
];

// Steps below the first screen are typeset after the result, as the page is idle.
const stepsTypeset = (page) => page.waitForFunction(() => [...document.querySelectorAll('#output .step-math')]
  .every((node) => node.querySelector('.katex')));

export default function register(suite) {
  test('on a phone the answer comes first and no equation is clipped', async () => {
    const { page, problems } = await openPage(suite);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const c of cases) {
      await page.goto(new URL(fragment(c), suite.baseUrl).href);
      await page.reload();
      await waitForOutput(page, { expr: c.expr, wrt: c.wrt, states: ['ok'] });
      await stepsTypeset(page);
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      const layout = await page.evaluate(() => {
        const box = (selector) => document.querySelector(selector).getBoundingClientRect();
        const clipped = [];
        for (const node of document.querySelectorAll('#output .tex-breakable, #preview .preview-math')) {
          const overflows = node.scrollWidth > node.clientWidth + 1;
          const marked = node.hasAttribute('data-scrolls') && node.tabIndex === 0;
          if (overflows && !marked) clipped.push(node.textContent.slice(0, 40));
          if (marked && !overflows) clipped.push(`marked but fits: ${node.textContent.slice(0, 40)}`);
        }
        return {
          resultBottom: box('#output .result-math').bottom,
          settingsTop: box('.settings').top,
          outputTop: box('#output').top,
          pageWidth: document.documentElement.scrollWidth,
          clipped,
        };
      });
      assert.ok(layout.resultBottom <= 844, `${c.expr}: the result ends at ${layout.resultBottom} px`);
      assert.ok(layout.settingsTop > layout.outputTop, 'options and declarations come after the answer');
      assert.equal(layout.pageWidth, 390, 'nothing widens the page');
      assert.deepEqual(layout.clipped, [], c.expr);
    }
    // A step wider than the screen is broken into lines rather than scrolled.
    await page.goto(new URL(fragment(cases[0]), suite.baseUrl).href);
    await page.reload();
    await waitForOutput(page, { expr: cases[0].expr, states: ['ok'] });
    await stepsTypeset(page);
    const lines = await page.evaluate(() => [...document.querySelectorAll('#output .step-math')].map((node) => {
      const tops = new Set([...node.querySelectorAll('.katex-html > .base')].map((b) => Math.round(b.getBoundingClientRect().top)));
      return tops.size;
    }));
    assert.ok(lines.some((n) => n > 1), `some step wraps (lines per step: ${lines})`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  // A wide screen (1280×800): options and declarations beside the expression, so the
  // result is on the first screen, the first visit's example and the cases above alike.
  test('at 1280×800 the result is on the first screen', async () => {
    const { page, problems } = await openPage(suite);
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const c of [{ expr: "x'*W*W'*x", wrt: 'W', first: true }, ...cases]) {
      await page.goto(new URL(c.first ? 'index.html' : fragment(c), suite.baseUrl).href);
      await page.reload();
      await waitForOutput(page, { expr: c.expr, wrt: c.wrt, states: ['ok'] });
      await page.waitForFunction(() => document.fonts.status === 'loaded');
      const bottom = await page.evaluate(() => document.querySelector('#output .result-math').getBoundingClientRect().bottom);
      assert.ok(bottom <= 800, `${c.expr}: the result ends at ${Math.round(bottom)} px`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}
