// Offline and installable: the first visit installs the service worker, which caches the
// whole site (both engine modules); with the network gone a reload still derives, a LaTeX
// question, an export and the index view still work, a lesson still opens, and a practice
// problem is generated and graded.
// The page links a web app manifest with a name and icons. This case launches its own
// browser: the suite's blocks service workers (they would bypass page.route).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, launch } from '../lib/browser.mjs';
import { typeInto, waitForOutput } from '../lib/harness.mjs';

export default function register(suite) {
  test('after one visit the calculator and the lessons work offline; the site is installable', async () => {
    const browser = await launch({ serviceWorkers: 'allow' });
    try {
      const page = await browser.context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(new URL("#expr=x'*A*x&wrt=x", suite.baseUrl).href);
      await waitForOutput(page, { expr: "x'*A*x", states: ['ok'] });

      const manifestHref = await page.getAttribute('link[rel=manifest]', 'href');
      const manifest = await page.evaluate(async (href) => (await fetch(href)).json(), manifestHref);
      assert.ok(manifest.name && manifest.short_name);
      assert.ok(manifest.icons.some((icon) => icon.sizes === '512x512'));
      for (const icon of manifest.icons) assert.ok(fs.existsSync(path.join(dist, icon.src)), icon.src);

      // The worker controls the page and has cached the site under a versioned name.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
      const version = fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/const VERSION = "([0-9a-f]+)"/)[1];
      await page.waitForFunction(async (name) => (await caches.keys()).includes(name) &&
        (await (await caches.open(name)).keys()).length > 50, `matcalc-${version}`, { timeout: 20_000 });

      await browser.context.setOffline(true);
      await page.reload();
      await waitForOutput(page, { expr: "x'*A*x", states: ['ok'] });
      await typeInto(page, '#expr', "norm2(X*w-y)^2");
      await waitForOutput(page, { expr: 'norm2(X*w-y)^2', wrt: 'w', states: ['ok'] });
      assert.equal(await page.getAttribute('#output .check', 'data-check'), 'passed');
      // The whole engine is in the cache too: a LaTeX question, an export and the index
      // view work offline.
      const latex = '\\|Xw - y\\|^2';
      await typeInto(page, '#expr', latex);
      await waitForOutput(page, { expr: latex, states: ['ok'], timeout: 20_000 });
      await page.getByRole('button', { name: 'Export', exact: true }).click();
      await page.waitForSelector('#export-panel[data-state="ok"]', { timeout: 20_000 });
      await page.getByRole('button', { name: 'index', exact: true }).click();
      await page.waitForSelector('#index-steps[data-state="ok"], #index-steps[data-state="unsupported"]',
        { timeout: 20_000 });

      await page.goto(new URL('lessons.html', suite.baseUrl).href);
      await page.waitForSelector('#lesson-view[data-state="ready"]');
      await page.click('#lesson-view a[href*="#lesson="]');
      await page.waitForSelector('#lesson-view[data-state="ready"][data-lesson]:not([data-lesson=""])', { timeout: 20_000 });
      await page.goto(new URL('rules.html', suite.baseUrl).href);
      await page.waitForSelector('#rules-view[data-state="ready"]', { timeout: 20_000 });
      // Practice problems are generated, derived and graded offline too.
      await page.goto(new URL('practice.html#topic=hessians&seed=3', suite.baseUrl).href);
      await page.waitForSelector('#practice[data-state="ready"]', { timeout: 20_000 });
      await page.fill('#practice-answer', '0');
      await page.getByRole('button', { name: 'Check' }).click();
      await page.waitForSelector('#practice-verdict[data-verdict]:not([data-verdict="failed"])', { timeout: 20_000 });
      assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
      assert.deepEqual(problems, []);
    } finally {
      await browser.close();
    }
  });
}
