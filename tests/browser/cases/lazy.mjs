// The engine in two modules (SPEC 11: index.html loads no more than a first derivation
// needs): a first visit fetches the core (engine/matcalc_core.wasm) and not the whole
// engine (engine/matcalc_wasm.wasm) before its first derivation is on screen; a LaTeX
// question, an export and the index view each work on a cold page, where they load the
// whole engine themselves; once the page is idle the whole engine is prefetched. Each
// case launches a fresh browser (an empty HTTP cache, no service worker): the suite's
// shares its cache with every other test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from '../lib/browser.mjs';
import { fragment, typeInto, waitForOutput } from '../lib/harness.mjs';

const CORE = /\/engine\/matcalc_core\.wasm$/;
const WHOLE = /\/engine\/matcalc_wasm\.wasm$/;

// A fresh browser with one page that records what it requested and every problem.
async function coldPage(suite, hash) {
  const browser = await launch({ serviceWorkers: 'block' });
  const page = await browser.context.newPage();
  const requested = [];
  const problems = [];
  const sent = []; // {url, at}: when each request was sent (wall clock)
  browser.context.on('request', (request) => {
    requested.push(request.url());
    sent.push({ url: request.url(), at: Date.now() });
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(new URL(`index.html${hash}`, suite.baseUrl).href);
  // The requests sent before the first derivation was on screen, by the page's own mark
  // (the driver learns of the mark later, when more may have been sent).
  const before = async () => {
    const firstAt = await page.evaluate(() => performance.timeOrigin
      + performance.getEntriesByName('matcalc:first-derivation')[0].startTime);
    return sent.filter((r) => r.at <= firstAt + 1).map((r) => r.url);
  };
  return { browser, page, requested, problems, before };
}

const firstDerivation = (page) => page.waitForFunction(
  () => performance.getEntriesByName('matcalc:first-derivation').length > 0, null, { timeout: 20_000 });

export default function register(suite) {
  test('a formula the smaller KaTeX does not have is typeset by katex.min.js, loaded then', async () => {
    const { browser, page, requested, problems } = await coldPage(suite, "#expr=x'*A*x&wrt=x");
    try {
      await firstDerivation(page);
      assert.ok(!requested.some((url) => /katex\.min\.js$/.test(url)), 'not loaded for the derivation');
      // The page's typesetting (js/tex.js: its own module instance here, the same globals).
      await page.evaluate(() => import('./js/tex.js').then(({ tex }) => {
        const node = tex('\\overbrace{a + b}^{n} \\begin{bmatrix} 1 \\\\ 2 \\end{bmatrix}', { display: true });
        node.id = 'fallback-formula';
        document.body.append(node);
      }));
      await page.waitForSelector('#fallback-formula .katex');
      assert.equal(await page.locator('#fallback-formula .katex-error, #fallback-formula .tex-source').count(), 0);
      assert.ok(requested.some((url) => /katex\.min\.js$/.test(url)), 'katex.min.js is loaded for it');
      assert.ok(await page.evaluate(() => globalThis.matcalcKatexFallbacks >= 1));
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('a first visit loads the core module only; the whole engine follows once the page is idle', async () => {
    // Not the first visit's example, whose answer is derived at build time.
    const { browser, page, requested, problems, before: sentBefore } = await coldPage(suite, "#expr=x'*A*x&wrt=x");
    try {
      await firstDerivation(page);
      const before = await sentBefore();
      // (The derivation needed the core: its request is only looked for, since the driver
      // may learn of a worker's request after the page's mark on a loaded machine.)
      for (let waited = 0; !requested.some((url) => CORE.test(url)); waited += 100) {
        assert.ok(waited < 5_000, 'the core module is loaded');
        await page.waitForTimeout(100);
      }
      assert.ok(!before.some((url) => WHOLE.test(url)), 'the whole engine is not loaded before the first derivation');
      assert.ok(before.some((url) => /katex-lite\.min\.js$/.test(url)), 'KaTeX is loaded for it (the smaller build)');
      assert.ok(!before.some((url) => /katex\.min\.js$/.test(url)), 'the whole of KaTeX is not loaded for it');
      assert.ok(await page.locator('#output .result-math .katex').count() > 0, 'the result is typeset');
      assert.equal(await page.locator('#output [data-result-text]').textContent(), "(A + A')*x");
      // Prefetched once idle (by the worker: the page's own resource timing does not see it).
      for (let waited = 0; !requested.some((url) => WHOLE.test(url)); waited += 100) {
        assert.ok(waited < 20_000, 'the whole engine is prefetched once the page is idle');
        await page.waitForTimeout(100);
      }
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test("a link's question is asked by the boot script, and the page takes that answer", async () => {
    // The boot script sends the link's 'analyze' to the worker before the page's modules
    // load; the page's first request, the same, takes its answer instead of asking again.
    for (const [hash, result] of [
      ["#expr=x'*A*x&wrt=x", "(A + A')*x"],
      [`#expr=${encodeURIComponent("x'*S*x + c*u'*x")}&wrt=x&decl=${encodeURIComponent('S: symmetric(n)')}&seed=7&layout=numerator`, "(2*S*x + c*u)'"],
    ]) {
      const browser = await launch({ serviceWorkers: 'block' });
      try {
        const page = await browser.context.newPage();
        await page.addInitScript(() => {
          window.analyzeSent = [];
          const post = Worker.prototype.postMessage;
          Worker.prototype.postMessage = function (message, ...rest) {
            if (message?.op === 'analyze') window.analyzeSent.push(message.id);
            return post.call(this, message, ...rest);
          };
        });
        await page.goto(new URL(`index.html${hash}`, suite.baseUrl).href);
        await firstDerivation(page);
        assert.equal(await page.getAttribute('#output', 'data-state'), 'ok');
        assert.equal(await page.locator('#output [data-result-text]').textContent(), result, hash);
        assert.deepEqual(await page.evaluate(() => window.analyzeSent), [0], `one request, the boot script's (${hash})`);
      } finally {
        await browser.close();
      }
    }
  });

  test('a LaTeX question on a cold page loads the LaTeX reader and derives', async () => {
    const expr = '\\frac{\\partial\\, x^T W W^T x}{\\partial W}';
    const { browser, page, requested, problems } = await coldPage(suite, fragment({ expr }));
    try {
      await waitForOutput(page, { expr, states: ['ok'], timeout: 20_000 });
      assert.equal(await page.getAttribute('#output', 'data-wrt'), 'W');
      assert.equal(await page.locator('#output [data-result-text]').textContent(), "2*x*x'*W");
      assert.match(await page.textContent('#preview .reading-text'), /x'\*W\*W'\*x/);
      assert.ok(requested.some((url) => WHOLE.test(url)), 'the whole engine was loaded for it');
      assert.equal(await page.locator('.katex-error').count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('an export on a cold page loads the code printers', async () => {
    const { browser, page, problems } = await coldPage(suite, "#expr=x'*A*x&wrt=x");
    try {
      await waitForOutput(page, { expr: "x'*A*x", states: ['ok'] });
      // At once, before the page has had time to prefetch anything.
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await page.getByRole('tab', { name: 'NumPy', exact: true }).click();
      await page.waitForSelector('#export-panel[data-state="ok"][data-lang="numpy"]', { timeout: 20_000 });
      assert.match(await page.textContent('#export-panel pre > code'), /def f_and_grad\(/);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });

  test('the index view on a cold page loads the index route', async () => {
    const { browser, page, problems } = await coldPage(suite, "#expr=M*M'&wrt=M&route=index");
    try {
      await waitForOutput(page, { expr: "M*M'", states: ['ok'] });
      await page.waitForSelector('#index-steps[data-state="ok"]', { timeout: 20_000 });
      const steps = await page.locator('#index-steps li.step').count();
      assert.ok(steps >= 3, `${steps} index steps`);
      // The heading counts the steps shown; the check line says how many were checked.
      assert.match(await page.textContent('#steps-title'), new RegExp(`${steps} steps`));
      assert.match(await page.textContent('#index-steps .step-check'), new RegExp(`of the ${steps} steps checked numerically`));
      assert.ok(await page.locator('#index-steps .index-summary .katex').count() > 0, 'f in index notation');
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
}

// The first visit's example is answered in advance (scripts/prerender.mjs): its page asks
// for no WebAssembly and no KaTeX script before that answer is on screen, then starts
// the engine and KaTeX at once, without waiting for the reader.
export function registerDeferredEngine(suite) {
  test('a first visit shows its example before any WebAssembly is fetched, then loads the core', async () => {
    const { browser, page, requested, problems, before } = await coldPage(suite, '');
    try {
      await firstDerivation(page);
      const sent = await before();
      assert.ok(!sent.some((url) => /\.wasm$/.test(url)), `nothing of the engine before: ${sent.join(', ')}`);
      // Its formulas come typeset (scripts/prerender.mjs): KaTeX's script loads after.
      assert.ok(!sent.some((url) => /katex(-lite)?\.min\.js$/.test(url)), `no KaTeX script before: ${sent.join(', ')}`);
      assert.ok(await page.locator('#output .result-math .katex').count() > 0, 'the result is typeset');
      for (let waited = 0; !requested.some((url) => /katex-lite\.min\.js$/.test(url)); waited += 100) {
        assert.ok(waited < 10_000, 'KaTeX is loaded right after the first derivation');
        await page.waitForTimeout(100);
      }
      for (let waited = 0; !requested.some((url) => CORE.test(url)); waited += 100) {
        assert.ok(waited < 10_000, 'the core is loaded right after the first derivation');
        await page.waitForTimeout(100);
      }
      await typeInto(page, '#expr', 'tr(A*X*B)');
      await waitForOutput(page, { expr: 'tr(A*X*B)', wrt: 'X', states: ['ok'] });
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
}
