// The URL fragment holds the whole state: opening a link reproduces the derivation,
// editing updates the link, and the copy buttons copy what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownEquals } from '../lib/engine.mjs';
import { fragment, openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

// Polls `read` until its value equals `wanted` (or satisfies it, if a function), for up
// to 5 s; returns the last value read.
async function eventually(read, wanted) {
  const ok = typeof wanted === 'function' ? wanted : (value) => value === wanted;
  let value;
  for (let i = 0; i < 50; i += 1) {
    value = await read();
    if (ok(value)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return value;
}

const shared = { expr: "a'*X*b", wrt: 'X', decl: 'a: vector(n); b: vector(m)', seed: '7' };

export default function register(suite) {
  test('a share link reproduces the derivation, and editing updates the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    assert.equal(await page.inputValue('#expr'), shared.expr);
    assert.equal(await page.inputValue('#decl'), shared.decl);
    assert.equal(await page.isChecked('#variables input[value="X"]'), true);
    assert.ok((await shownEquals(page, "a*b'", shared.decl)).ok);
    assert.match(await page.textContent('#output .check'), /seed\s*7/);

    await typeInto(page, '#expr', "a'*X*X'*a");
    await waitForOutput(page, { expr: "a'*X*X'*a", wrt: 'X', states: ['ok'] });
    const link = page.url();
    assert.ok(link.includes(`expr=${encodeURIComponent("a'*X*X'*a")}`), link);
    assert.ok(link.includes('wrt=X') && link.includes('seed=7'), link);
    const result = (await page.textContent('#output .result-text')).trim();

    const second = await openPage(suite, link);
    await waitForOutput(second.page, { expr: "a'*X*X'*a", wrt: 'X', states: ['ok'] });
    assert.equal((await second.page.textContent('#output .result-text')).trim(), result);
    assert.deepEqual(second.problems, []);
    await second.page.close();

    assert.deepEqual(problems, []);
    await page.close();
  });

  test('choosing another variable and re-running the check update the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    await page.check('#variables input[value="a"]');
    await waitForOutput(page, { expr: shared.expr, wrt: 'a', states: ['ok'] });
    assert.ok(page.url().includes('wrt=a'), page.url());
    assert.ok((await shownEquals(page, 'X*b', shared.decl)).ok);

    await page.click('#output button.rerun');
    await page.waitForFunction(() => !/seed=7(&|$)/.test(location.hash));
    const seed = /seed=(\d+)/.exec(page.url())[1];
    await page.waitForFunction((s) => document.querySelector('#output .check')?.textContent.includes(`seed${s}`)
      || document.querySelector('#output .check')?.textContent.includes(`seed ${s}`), seed);
    assert.equal(await page.getAttribute('#output .check', 'data-check'), 'passed');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the copy buttons copy the LaTeX, the text and the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const text = (await page.textContent('#output .result-text')).trim();
    const typeset = await page.textContent('#output .result-math annotation');
    await page.click('#output button:has-text("Copy LaTeX")');
    await page.waitForSelector('.copy-feedback:has-text("copied")');
    const latex = await clipboard();
    assert.ok(latex.length > 0 && typeset.endsWith(`= ${latex}`), `${latex} is the typeset ${typeset}`);
    await page.click('#output button:has-text("Copy text")');
    assert.equal(await eventually(clipboard, text), text);
    await page.click('#output button:has-text("Copy link")');
    assert.equal(await eventually(clipboard, page.url()), page.url());
    await page.click('#output button:has-text("Copy embed code")');
    const snippet = await eventually(clipboard, (text) => text.startsWith('<iframe'));
    assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#expr=/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

export function registerOptions(suite) {
  test('options (Hessian, layout) are part of the link', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*A*x&wrt=x&hessian=1");
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.equal(await page.isChecked('#hessian'), true);
    assert.match(await page.textContent('#result-title'), /^Hessian/);
    assert.ok((await shownEquals(page, "A + A'")).ok);

    await page.fill('#expr', 'W*X');
    await page.check('#variables input[value="W"]');
    await page.uncheck('#hessian');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    const numerator = (await page.textContent('#output .result-text')).trim();
    await page.selectOption('#layout', 'denominator');
    await page.waitForFunction(() => /layout=denominator/.test(location.hash) && !/hessian/.test(location.hash));
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    assert.match(await page.textContent('#result-title'), /^Jacobian/);
    // The denominator layout is the transpose of the standard (numerator) one.
    const same = await shownEquals(page, `(${numerator})'`);
    assert.ok(same.ok, `${same.shown} should be the transpose of ${numerator}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
