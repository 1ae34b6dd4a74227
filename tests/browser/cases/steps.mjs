// Under the steps, whether each step was checked numerically (the engine's step_check,
// SPEC section 8): a short line when every step agrees with f, hidden with the steps;
// an honest warning naming the step when one does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';

export default function register(suite) {
  test('each step checked numerically: a line under the steps, hidden with them', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*W*W'*x&wrt=W");
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    const line = page.locator('#output .derivation .step-check');
    assert.equal(await line.count(), 1);
    assert.equal(await line.getAttribute('data-step-check'), 'passed');
    assert.match(await line.textContent(), /each step checked numerically/);
    assert.match(await line.textContent(), /5 steps/);
    // It follows the steps list, in the derivation card.
    assert.equal(await page.evaluate(() =>
      document.querySelector('#output .derivation .steps').nextElementSibling?.classList.contains('step-check')), true);
    assert.equal(await line.isVisible(), true);

    await page.click('#output button[aria-controls="steps-list"]');
    assert.equal(await line.isVisible(), false, 'hidden with the steps');
    await page.click('#output button[aria-controls="steps-list"]');
    assert.equal(await line.isVisible(), true);

    // A link with steps=0 shows neither the steps nor the line.
    const hidden = await openPage(suite, "#expr=x'*W*W'*x&wrt=W&steps=0");
    await waitForOutput(hidden.page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    assert.equal(await hidden.page.locator('#output .step-check').isVisible(), false);
    await hidden.page.close();

    // A Hessian and a Jacobian have their steps checked too.
    for (const [hash, expr, wrt] of [['#expr=norm2(A*x-b)^2&wrt=x&hessian=1', 'norm2(A*x-b)^2', 'x'],
      ['#expr=W*X&wrt=W', 'W*X', 'W']]) {
      await page.goto(new URL(hash, suite.baseUrl).href);
      await page.reload();
      await waitForOutput(page, { expr, wrt, states: ['ok'] });
      assert.equal(await line.getAttribute('data-step-check'), 'passed', expr);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a step that fails its numeric check is named; no line when the steps were not checked', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*x&wrt=x");
    await waitForOutput(page, { expr: "x'*x", wrt: 'x', states: ['ok'] });
    // The engine's derivations pass, so the view is given a failed step_check directly.
    const shown = await page.evaluate(async () => {
      const { stepCheckLine } = await import('./js/derivation-view.js');
      const failed = stepCheckLine({ ran: true, passed: false, steps: 5, failed_step: 2, max_rel_error: 0.31 });
      return {
        text: failed.textContent,
        state: failed.dataset.stepCheck,
        step: failed.dataset.failedStep,
        notRun: stepCheckLine({ ran: false, passed: false, steps: 0, failed_step: -1, max_rel_error: 0 }),
        missing: stepCheckLine(undefined),
      };
    });
    assert.equal(shown.state, 'failed');
    assert.equal(shown.step, '3');
    assert.match(shown.text, /Step 3 does not agree numerically/);
    assert.match(shown.text, /0\.31/);
    assert.match(shown.text, /bug in matcalc/);
    assert.doesNotMatch(shown.text, /each step checked/);
    assert.equal(shown.notRun, null);
    assert.equal(shown.missing, null);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
