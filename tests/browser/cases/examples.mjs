// Every worked example of content/examples.json, its expression typed in key by key: the page shows a
// result that agrees numerically with the example's expected answer, and a passing
// check. Jacobian examples may still be answered with an engine error ("not supported
// yet"): then the page must show that error inline; once the engine answers them, the
// same assertions as for gradients apply automatically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, root, typeInto, waitForOutput } from '../lib/harness.mjs';
import { relativeDifference, shownEquals } from '../lib/engine.mjs';

const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));

async function assertDerivation(page, example) {
  const check = await page.getAttribute('#output .check', 'data-check');
  assert.equal(check, 'passed', `${example.id}: numeric check ${check}`);
  const shown = (await page.textContent('#output .result-text')).trim();
  assert.ok(shown.length > 0, `${example.id}: result text shown`);
  assert.ok(await page.locator('#output .result-math .katex').count() > 0,
    `${example.id}: result typeset`);
  const difference = await relativeDifference(shown, example.expected, example.decl);
  assert.ok(difference !== null && difference < 1e-9,
    `${example.id}: ${shown} should equal ${example.expected} (relative difference ${difference})`);
  assert.ok(await page.locator('#output .step').count() >= 2, `${example.id}: steps shown`);
}

export default function register(suite) {
  test('every worked example typed in gives its expected result and a passing check', async () => {
    assert.ok(examples.length >= 17, 'content/examples.json holds the worked examples');
    const { page, problems } = await openPage(suite, '#expr=');
    let jacobiansAnswered = 0;
    for (const example of examples) {
      await page.fill('#decl', example.decl);
      await typeInto(page, '#expr', example.expr);
      const radio = page.locator(`#variables input[name="wrt"][value="${example.wrt}"]`);
      await radio.check({ timeout: 10_000 });
      const state = await waitForOutput(page, { expr: example.expr, wrt: example.wrt, decl: example.decl });
      if (example.kind === 'jacobian' && state !== 'ok') {
        const message = (await page.textContent('#output .error-message')).trim();
        assert.ok(message.length > 10, `${example.id}: the engine's error is shown inline`);
        continue;
      }
      assert.equal(state, 'ok', `${example.id}: ${await page.textContent('#output')}`);
      if (example.kind === 'jacobian') jacobiansAnswered += 1;
      await assertDerivation(page, example);
    }
    if (jacobiansAnswered) console.log(`# ${jacobiansAnswered} Jacobian examples answered`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the examples menu loads an example and marks it as a worked example', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await page.waitForSelector('#examples:not([disabled])');
    const example = examples.find((e) => e.id === 'logdet_spd');
    await page.selectOption('#examples', example.id);
    await waitForOutput(page, { expr: example.expr, wrt: example.wrt, states: ['ok'] });
    assert.equal(await page.inputValue('#expr'), example.expr);
    assert.equal(await page.inputValue('#decl'), example.decl);
    assert.match(await page.textContent('#example-note'), /Textbook answer/);
    const same = await shownEquals(page, example.expected, example.decl);
    assert.ok(same.ok, `${same.shown} should equal ${example.expected}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
