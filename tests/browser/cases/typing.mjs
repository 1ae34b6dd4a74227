// Typing is never blocked (issue 14): a 600-character nested input, typed key by key,
// derived, and its large formulas typeset, with the main thread's long tasks recorded
// by a PerformanceObserver('longtask'). The numbers are reported (t.diagnostic), not
// asserted: they depend on the machine and its load. Asserted: the result appears,
// typeset, with no KaTeX error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

const DEPTH = 66;
export const NESTED = `${'sigmoid('.repeat(DEPTH)}x'*x${')'.repeat(DEPTH)}`; // 599 characters

// Installed before the page's scripts: every long task (> 50 ms) of the main thread.
function recordLongTasks() {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

export default function register(suite) {
  test('typing a 600-character nested input: the longest main-thread task (reported)', async (t) => {
    const { page, problems } = await openPage(suite);
    await page.addInitScript(recordLongTasks);
    await page.goto(new URL('index.html', suite.baseUrl).href);
    await waitForOutput(page, { expr: "x'*W*W'*x", states: ['ok'] });
    await page.waitForFunction(() => performance.getEntriesByName('matcalc:first-derivation').length > 0);
    const typingStarts = await page.evaluate(() => performance.now());
    await typeInto(page, '#expr', NESTED);
    const typed = await page.evaluate(() => performance.now());
    await waitForOutput(page, { expr: NESTED, wrt: 'x', states: ['ok'], timeout: 30_000 });
    await page.waitForFunction((expr) => performance.getEntriesByName('matcalc:derivation')
      .some((mark) => mark.detail?.expr === expr), NESTED, { timeout: 30_000 });
    // Everything that follows the typing has had time to run (the typesetter's last slices).
    await page.waitForTimeout(500);
    const tasks = await page.evaluate(() => window.longTasks);
    const during = tasks.filter((task) => task.start >= typingStarts);
    const longest = (list) => list.reduce((max, task) => Math.max(max, task.duration), 0);
    const whileTyping = during.filter((task) => task.start < typed);
    const afterTyping = during.filter((task) => task.start >= typed);
    const summary = {
      characters: NESTED.length,
      longestMs: Math.round(longest(during)),
      longestWhileTypingMs: Math.round(longest(whileTyping)),
      longestAfterLastKeyMs: Math.round(longest(afterTyping)),
      longTasks: during.length,
      totalLongMs: Math.round(during.reduce((sum, task) => sum + task.duration, 0)),
      typingMs: Math.round(typed - typingStarts),
    };
    t.diagnostic(`longtask ${JSON.stringify(summary)}`);
    if (process.env.MATCALC_LONGTASK_LOG) {
      const { appendFileSync } = await import('node:fs');
      appendFileSync(process.env.MATCALC_LONGTASK_LOG, `${JSON.stringify({ ...summary, tasks: during.map((x) => Math.round(x.duration)) })}\n`);
    }

    assert.ok(await page.locator('#output .result-math .katex').count() > 0 || await page.locator('#output .result-math .tex-skipped').count() > 0,
      'the result is shown');
    assert.ok(await page.locator('#output li.step .katex').count() > 0, 'the steps are typeset');
    assert.equal(await page.locator('.katex-error').count(), 0, 'no KaTeX error');
    assert.ok((await page.textContent('#output [data-result-text]')).length > 1000);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
