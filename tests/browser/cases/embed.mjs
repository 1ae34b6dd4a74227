// embed.html in an <iframe>: it renders one derivation from the same fragment format as
// the page, posts its height to the parent, and posts again when its size changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragment, openPage } from '../lib/harness.mjs';

const example = { expr: "x'*W*W'*x", wrt: 'W' };

async function parentPage(suite, hash, width = 640) {
  const opened = await openPage(suite);
  const src = new URL(`embed.html${hash}`, suite.baseUrl).href;
  await opened.page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="frame" title="derivation" style="width:${width}px;border:0" height="100"></iframe>
    <script>
      window.heights = [];
      addEventListener('message', (event) => {
        if (event.data && event.data.type === 'matcalc-embed-height') {
          window.heights.push(event.data.height);
          document.getElementById('frame').style.height = event.data.height + 'px';
        }
      });
    </script></body>`);
  await opened.page.evaluate((url) => { document.getElementById('frame').src = url; }, src);
  const frame = await (await opened.page.waitForSelector('#frame')).contentFrame();
  return { ...opened, frame };
}

export default function register(suite) {
  test('the embed view renders a derivation and posts its height', async () => {
    const { page, frame, problems, dialogs } = await parentPage(suite, `${fragment(example)}&steps=1`);
    await frame.waitForSelector('#embed[data-state="ok"] .result-math .katex');
    assert.match(await frame.textContent('#embed'), /numeric check passed/);
    assert.equal(await frame.locator('#embed .step').count() > 2, true);
    assert.equal(await frame.getAttribute('.embed-foot a[target="_blank"]', 'href'),
      new URL(`index.html${fragment(example)}&steps=1`, suite.baseUrl).href);

    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 200);
    const reported = await page.evaluate(() => window.heights.at(-1));
    const actual = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.ok(Math.abs(reported - actual) <= 1, `reported ${reported}, content ${actual}`);
    // Its frame now fits the content: nothing to scroll.
    assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight <= innerHeight + 1), true);

    // Collapsing the steps shrinks it, and the parent hears of it.
    await frame.click('summary');
    await page.waitForFunction((before) => window.heights.at(-1) < before - 50, reported);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an embed opens its steps only when they fit the frame, or when the link says steps=1', async () => {
    const open = (frame) => frame.evaluate(() => document.querySelector('#embed details').open);
    // A frame of 1200 px holds the five steps of x'Wꞌx; one of 300 px does not.
    for (const [height, expected] of [[1200, true], [300, false]]) {
      const { page, problems } = await openPage(suite);
      await page.setContent(`<!doctype html><body style="margin:0"><iframe id="frame" title="derivation"
        style="width:390px;border:0" height="${height}"></iframe></body>`);
      await page.evaluate((url) => { document.getElementById('frame').src = url; },
        new URL(`embed.html${fragment(example)}`, suite.baseUrl).href);
      const frame = await (await page.waitForSelector('#frame')).contentFrame();
      await frame.waitForSelector('#embed[data-state="ok"] .result-math .katex');
      await frame.waitForFunction(() => document.querySelectorAll('#embed li.step .katex').length > 2);
      assert.equal(await open(frame), expected, `a frame ${height} px tall`);
      // The summary says how many steps there are either way.
      assert.match(await frame.textContent('#embed summary'), /\d+ steps/);
      assert.deepEqual(problems, []);
      await page.close();
    }
    const { page, frame, problems } = await parentPage(suite, `${fragment(example)}&steps=1`, 390);
    await frame.waitForSelector('#embed[data-state="ok"] .result-math .katex');
    assert.equal(await open(frame), true, 'steps=1 opens them in a small frame');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the embed view honours steps=0 and shows errors inline', async () => {
    const { page, frame, problems } = await parentPage(suite, `${fragment(example)}&steps=0`, 320);
    await frame.waitForSelector('#embed[data-state="ok"]');
    assert.equal(await frame.evaluate(() => document.querySelector('#embed details').open), false);
    await frame.evaluate(() => { location.hash = '#expr=(x%2B&wrt=x'; });
    await frame.waitForSelector('#embed[data-state="error"] .error-message');
    assert.match(await frame.textContent('#embed .error-message'), /column 3/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// Issue 14: the height from the start (never the loading placeholder's), an embed off
// screen sized without being scrolled to, a Jacobian with its differential and backprop.
export function registerHeights(suite) {
  test('the embed reports its real height from the start, on screen or off', async () => {
    const { page, problems } = await openPage(suite);
    const src = new URL(`embed.html${fragment({ expr: 'W*X', wrt: 'W' })}`, suite.baseUrl).href;
    await page.setContent(`<!doctype html><body style="margin:0">
      <div style="height:3000px"></div>
      <iframe id="frame" title="derivation" style="width:600px;border:0" height="480"></iframe>
      <script>
        window.heights = [];
        addEventListener('message', (event) => {
          if (event.data && event.data.type === 'matcalc-embed-height') {
            window.heights.push(event.data.height);
            document.getElementById('frame').style.height = event.data.height + 'px';
          }
        });
      </script></body>`);
    await page.evaluate((url) => { document.getElementById('frame').src = url; }, src);
    const frame = await (await page.waitForSelector('#frame', { state: 'attached' })).contentFrame();
    await frame.waitForSelector('#embed[data-state="ok"] .result-math .katex', { state: 'attached' });
    const text = await frame.textContent('#embed');
    assert.match(text, /backpropagation/i);
    assert.match(text, /differential/i);
    // Off screen, never scrolled into view: the last height is the content's.
    await page.waitForFunction(() => window.heights.length > 0);
    let last = 0;
    let actual = -1;
    for (let tries = 0; tries < 100 && Math.abs(last - actual) > 1; tries += 1) {
      if (tries) await page.waitForTimeout(100);
      last = await page.evaluate(() => window.heights.at(-1));
      actual = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    }
    assert.ok(Math.abs(last - actual) <= 1, `reported ${last}, content ${actual}`);
    const heights = await page.evaluate(() => window.heights);
    assert.ok(Math.min(...heights) >= 0.6 * heights.at(-1), `no collapse while loading: ${heights}`);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
