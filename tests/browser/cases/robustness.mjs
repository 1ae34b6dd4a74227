// Pathological input never freezes typing: deep nesting and huge expressions are refused
// quickly, a derivation too slow for the engine is stopped by the watchdog (the worker
// is replaced and the user told), and an enormous derivation is typeset without
// blocking the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

// Round-trip time of a trivial call into the page: seconds if the main thread is blocked
// (the bound below is loose so that a loaded test machine does not make it flaky).
async function mainThreadLatency(page) {
  const start = Date.now();
  await page.evaluate(() => 1);
  return Date.now() - start;
}

async function previewShows(page, expr, text) {
  await page.waitForFunction(([wanted, needle]) => {
    const { dataset } = document.getElementById('output');
    const preview = document.querySelector('#preview .katex-mathml');
    return dataset.expr === wanted && preview && preview.textContent.includes(needle);
  }, [expr, text], { timeout: 10_000 });
}

// The watchdog must not depend on finding an input that is slow in today's engine, so
// these tests serve a worker that, for any expression mentioning "slowpoke", answers the
// parse and then spins for a minute, as a runaway derivation would; and for one
// mentioning "crashme" reports a broken module, as an abort in the WebAssembly would.
const slow = "slowpoke'*A*slowpoke";
const patchedWorker = `
const parentOnMessage = self.onmessage;
const parentPost = self.postMessage.bind(self);
let spin = false;
self.onmessage = (event) => {
  spin = String(event.data.expr).includes('slowpoke');
  if (String(event.data.expr).includes('crashme')) {
    parentPost({ type: 'result', id: event.data.id, fatal: true, result: { error: 'RuntimeError: unreachable' } });
    return undefined;
  }
  return parentOnMessage(event);
};
self.postMessage = (message) => {
  parentPost(message);
  if (spin && message.type === 'parsed') {
    const end = Date.now() + 60000;
    while (Date.now() < end) { /* a runaway derivation */ }
  }
};`;

async function openWithSlowEngine(suite) {
  const opened = await openPage(suite);
  await opened.page.route('**/worker.js', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: `${await response.text()}\n${patchedWorker}` });
  });
  await opened.page.goto(new URL('#expr=', suite.baseUrl).href);
  return opened;
}

export default function register(suite) {
  test('1000 nested parentheses and a 5000-character expression leave the field responsive', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    const nested = `${'('.repeat(1000)}x${')'.repeat(1000)}`;
    await page.fill('#expr', nested);
    await waitForOutput(page, { expr: nested, states: ['error'] });
    assert.match(await page.textContent('#expr-error .error-message'), /nests too deeply.*column \d+/);
    const shown = await page.textContent('#expr-error .error-line');
    assert.ok(shown.length < 200, `a window of the long input is shown (${shown.length} characters)`);

    const huge = Array.from({ length: 715 }, (_, i) => `x'*A${i % 7}*x`).join('+').slice(0, 5000);
    assert.equal(huge.length, 5000);
    await page.fill('#expr', huge);
    await waitForOutput(page, { expr: huge, states: ['error'] });
    assert.match(await page.textContent('#expr-error .error-message'), /too long/);
    assert.ok(await mainThreadLatency(page) < 1000);

    await page.locator('#expr').press('End');
    await page.locator('#expr').press('ControlOrMeta+a');
    await page.locator('#expr').pressSequentially("y'*y");
    await previewShows(page, "y'*y", 'y');
    await waitForOutput(page, { expr: "y'*y", states: ['ok'] });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a derivation that runs too long is stopped after 3 s, and the next input works', async () => {
    const { page, problems } = await openWithSlowEngine(suite);
    await page.fill('#expr', slow);
    await page.waitForFunction(() => document.querySelector('#preview .katex'));
    // While the engine is busy the page stays interactive.
    await page.waitForTimeout(500);
    assert.ok(await mainThreadLatency(page) < 1000, 'the main thread is not blocked');
    await page.focus('#decl');
    await page.focus('#expr');
    const start = Date.now();
    await waitForOutput(page, { expr: slow, states: ['timeout'], timeout: 10_000 });
    assert.ok(Date.now() - start < 4000, `stopped ${Date.now() - start} ms after the preview`);
    assert.match(await page.textContent('#output'), /longer than 3 s/);
    assert.match(await page.textContent('#status'), /restarted/);

    await typeInto(page, '#expr', "x'*A*x");
    await waitForOutput(page, { expr: "x'*A*x", states: ['ok'] });
    assert.equal(await page.getAttribute('#output .check', 'data-check'), 'passed');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('typing over a slow derivation abandons it at once', async () => {
    const { page, problems } = await openWithSlowEngine(suite);
    await page.fill('#expr', slow);
    await page.waitForFunction(() => document.querySelector('#preview .katex'));
    await page.waitForTimeout(1300);
    const start = Date.now();
    await typeInto(page, '#expr', "x'*x");
    await waitForOutput(page, { expr: "x'*x", states: ['ok'] });
    assert.ok(Date.now() - start < 2500, `answered in ${Date.now() - start} ms, not after the timeout`);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a broken engine module is replaced, and the user told', async () => {
    const { page, problems } = await openWithSlowEngine(suite);
    await page.fill('#expr', "crashme'*crashme");
    await waitForOutput(page, { expr: "crashme'*crashme", states: ['failed'] });
    assert.match(await page.textContent('#output'), /went wrong in the engine.*restarted/);
    await typeInto(page, '#expr', "x'*x");
    await waitForOutput(page, { expr: "x'*x", states: ['ok'] });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a derivation of a hundred kilobytes is typeset without freezing the page', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    const deep = `sum(${'sigmoid('.repeat(15)}x${')'.repeat(15)})`;
    await page.fill('#expr', deep);
    await waitForOutput(page, { expr: deep, states: ['ok', 'error', 'timeout'], timeout: 20_000 });
    assert.ok(await mainThreadLatency(page) < 1000);
    await typeInto(page, '#expr', "x'*x");
    await waitForOutput(page, { expr: "x'*x", states: ['ok'] });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// Issue 14: after a timeout, changing an option does not send the same heavy input
// again (the reader may ask with "Try again"), and a light input is answered at once by
// the spare worker.
export function registerRecovery(suite) {
  test('after a timeout an option change does not re-run the input; Try again does', async () => {
    const { page, problems } = await openWithSlowEngine(suite);
    await page.evaluate(() => {
      window.analyzeRequests = 0;
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (message, ...rest) {
        if (message?.op === 'analyze') window.analyzeRequests += 1;
        return post.call(this, message, ...rest);
      };
    });
    await page.fill('#expr', slow);
    await waitForOutput(page, { expr: slow, states: ['timeout'], timeout: 10_000 });
    const sent = await page.evaluate(() => window.analyzeRequests);
    await page.check('#hessian');
    await page.selectOption('#layout', 'numerator');
    await waitForOutput(page, { expr: slow, states: ['timeout'] });
    assert.equal(await page.evaluate(() => window.analyzeRequests), sent, 'nothing re-sent');
    assert.equal(await page.getAttribute('#output', 'aria-busy'), null);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.waitForFunction((before) => window.analyzeRequests > before, sent);
    await waitForOutput(page, { expr: slow, states: ['timeout'], timeout: 10_000 });
    await page.uncheck('#hessian');
    await typeInto(page, '#expr', "x'*x");
    await waitForOutput(page, { expr: "x'*x", states: ['ok'] });
    assert.deepEqual(problems, []);
    await page.close();
  });
}
