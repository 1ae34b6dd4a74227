// The course pages' custom element (SPEC 11 and 15, issue 20): a page on another origin
// (a course site served on another port of the loopback interface) loads
// matcalc-derivation.js and shows two derivations inline, sized by their content, with
// one engine worker between them; a bad expression gets data-state=error and a message;
// a changed attribute derives again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from '../lib/browser.mjs';
import { openPage } from '../lib/harness.mjs';

const coursePage = (site) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lecture 3</title><link rel="icon" href="data:,">
<script type="module" src="${site}matcalc-derivation.js"></script></head>
<body><h1>Lecture 3: gradients</h1>
<p>The gradient of the quadratic form:</p>
<matcalc-derivation id="first" expr="x'*W*W'*x" wrt="W"></matcalc-derivation>
<p>Least squares, steps closed:</p>
<matcalc-derivation id="second" expr="norm2(A*x - y)^2" steps="closed"></matcalc-derivation>
<p>A typo:</p>
<matcalc-derivation id="third" expr="tr(A*X" wrt="X"></matcalc-derivation>
<p id="after">After the derivations.</p>
</body></html>`;

export default function register(suite) {
  test('matcalc-derivation: two elements on a course page of another origin render and size', async () => {
    const site = suite.baseUrl;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-course-'));
    fs.writeFileSync(path.join(dir, 'lecture.html'), coursePage(site));
    const course = await serve(dir);
    const { page, problems } = await openPage(suite);
    const workers = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${course.baseUrl}lecture.html`);
    await page.waitForSelector('#first[data-state=ok]', { timeout: 20_000 });
    await page.waitForSelector('#second[data-state=ok]');
    await page.waitForSelector('#third[data-state=error]');

    const facts = await page.evaluate(() => [...document.querySelectorAll('matcalc-derivation')].map((el) => ({
      height: el.getBoundingClientRect().height,
      katex: el.shadowRoot.querySelectorAll('.katex').length,
      errors: el.shadowRoot.querySelectorAll('.katex-error').length,
      mathml: el.shadowRoot.querySelectorAll('.katex math').length,
      steps: el.shadowRoot.querySelectorAll('li.step').length,
      open: el.shadowRoot.querySelector('details')?.open ?? null,
      check: el.shadowRoot.querySelector('.check-line')?.dataset.check ?? null,
      text: el.shadowRoot.textContent,
    })));
    const [first, second, third] = facts;
    for (const f of [first, second]) {
      assert.ok(f.katex > 2 && f.errors === 0 && f.mathml > 0, JSON.stringify(f));
      assert.equal(f.check, 'passed');
      assert.ok(f.steps >= 3);
    }
    assert.equal(first.open, true);
    assert.equal(second.open, false);
    assert.match(first.text, /Gradient with respect to W/);
    assert.match(second.text, /Gradient with respect to x/);
    // Sized by content: the open steps make the first taller than the closed second.
    assert.ok(first.height > second.height + 100 && second.height > 60, `${first.height} ${second.height}`);
    const after = await page.locator('#after').boundingBox();
    const last = await page.locator('#third').boundingBox();
    assert.ok(after.y >= last.y + last.height, 'the text after the elements follows them');
    assert.match(third.text, /No derivation of tr\(A\*X/);
    // KaTeX's fonts are declared in the course page itself (a shadow root's are ignored).
    await page.evaluate(() => document.fonts.ready);
    assert.equal(await page.evaluate(() => [...document.fonts]
      .some((face) => face.family.replace(/["']/g, '') === 'KaTeX_Main' && face.status === 'loaded')), true);
    // One engine worker for the three elements (the typesetting worker apart).
    assert.equal(workers.filter((url) => !url.includes('tex-worker')).length, 1, workers.join(', '));

    await page.evaluate(() => document.getElementById('third').setAttribute('expr', 'tr(A*X)'));
    await page.waitForSelector('#third[data-state=ok]');
    assert.match(await page.evaluate(() => document.getElementById('third').shadowRoot.textContent), /Gradient with respect to X/);
    assert.deepEqual(problems, []);
    await page.close();
    course.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
}
