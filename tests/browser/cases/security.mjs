// Hostile links: whatever a fragment holds (in expr, wrt or decl) is shown as text and
// never runs: no dialog opens, no element or attribute from the link enters the DOM,
// and nothing is fetched for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injected, openPage, waitForOutput } from '../lib/harness.mjs';

const img = '<img src=x onerror=alert(1)>';
const hostile = [
  { fragment: `#expr=${img}`, expr: img },
  { fragment: `#expr=${encodeURIComponent(img)}&wrt=${encodeURIComponent('<script>alert(2)</script>')}&decl=${encodeURIComponent('<svg onload=alert(3)>')}`, expr: img },
  { fragment: "#expr=x'*x&wrt=<img src=x onerror=alert(4)>", expr: "x'*x", wrt: 'x', text: '<img src=x onerror=alert(4)>' },
  { fragment: "#expr=x'*x&decl=<img src=x onerror=alert(5)>: vector(n)", expr: "x'*x", text: '<img src=x onerror=alert(5)>' },
  { fragment: '#expr="><script>alert(6)</script>', expr: '"><script>alert(6)</script>' },
  { fragment: '#expr=\\href{javascript:alert(7)}{x}', expr: '\\href{javascript:alert(7)}{x}' },
  { fragment: '#expr=<iframe src="javascript:alert(8)">&seed=<b>9</b>', expr: '<iframe src="javascript:alert(8)">' },
  { fragment: '#expr=%E0%A4%A&wrt=%', expr: '%E0%A4%A' },
];

export default function register(suite) {
  test('hostile links show as text and run no script', async () => {
    const { page, problems, dialogs } = await openPage(suite);
    for (const [i, attack] of hostile.entries()) {
      // Alternate fresh loads and in-page navigation (hashchange).
      if (i % 2 === 0) await page.goto('about:blank');
      await page.goto(new URL(attack.fragment, suite.baseUrl).href);
      await waitForOutput(page, { expr: attack.expr, wrt: attack.wrt, states: ['ok', 'error'] });
      await page.waitForTimeout(100);
      assert.equal(await page.inputValue('#expr'), attack.expr, attack.fragment);
      assert.deepEqual(await page.evaluate(injected), [], attack.fragment);
      if (attack.text) {
        assert.ok((await page.textContent('main')).includes(attack.text) ||
          (await page.inputValue('#decl')).includes(attack.text), `${attack.fragment}: shown as text`);
      }
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the error line shows hostile input as text', async () => {
    const { page, problems, dialogs } = await openPage(suite, `#expr=${encodeURIComponent(img)}`);
    await waitForOutput(page, { expr: img, states: ['error'] });
    assert.equal(await page.textContent('#expr-error .error-line'), img);
    assert.equal(await page.locator('#expr-error mark').textContent(), '<');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
