#!/usr/bin/env node
// Benchmark of the page (not a test): serves dist/ on localhost, drives headless Debian
// chromium and prints
//   1. the time from navigation to the first rendered derivation (first visit with an
//      empty cache, then the median of repeat visits), with the engine-ready and
//      first-answer times on the way;
//   2. the median time per derivation as typed: each worked example is typed into the
//      page key by key and timed from the last key press (or the click choosing the
//      variable) to its derivation on screen, typeset; this includes the page's 150 ms
//      input debounce, and the engine's own time is given beside it;
//   3. the gzip size (level 9) of every file the page loads, and the total.
// The page marks these moments itself (performance marks matcalc:*), so the numbers do
// not include the test driver's overhead. Needs dist/ (scripts/build.sh).
//
//   node bench/page/bench.mjs [--repeat N]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { dist, launch, root, serve } from '../../tests/browser/lib/browser.mjs';

const repeat = Number(process.argv[process.argv.indexOf('--repeat') + 1]) || 5;
const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));
const first = examples[0];
const firstLink = `#expr=${encodeURIComponent(first.expr)}&wrt=${encodeURIComponent(first.wrt)}`;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (value) => `${Math.round(value)} ms`;

async function marks(page) {
  await page.waitForFunction(() => performance.getEntriesByName('matcalc:first-derivation').length > 0,
    null, { timeout: 30_000 });
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark')
    .filter((m) => m.name.startsWith('matcalc:')).map((m) => [m.name.slice(8), m.startTime])));
}

async function firstDerivation(context, baseUrl, loaded) {
  const page = await context.newPage();
  page.on('response', (response) => loaded.add(response.url()));
  await page.goto(baseUrl + firstLink);
  const times = await marks(page);
  await page.close();
  return times;
}

async function typedDerivations(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}#expr=`);
  await page.waitForFunction(() => document.getElementById('output').dataset.state === 'idle');
  // The moment of the user's last action, in the page's clock.
  await page.evaluate(() => {
    for (const type of ['keydown', 'change']) {
      document.addEventListener(type, () => { window.lastAction = performance.now(); }, true);
    }
  });
  const rows = [];
  for (const example of examples) {
    await page.evaluate(() => performance.clearMarks('matcalc:derivation'));
    for (const [selector, text] of [['#decl', example.decl], ['#expr', example.expr]]) {
      await page.fill(selector, '');
      await page.locator(selector).pressSequentially(text);
    }
    await page.locator(`#variables input[value="${example.wrt}"]`).check({ timeout: 10_000 });
    const found = await page.waitForFunction(([expr, wrt]) => {
      const mark = performance.getEntriesByName('matcalc:derivation')
        .find((m) => m.detail.expr === expr && m.detail.wrt === wrt);
      const { dataset } = document.getElementById('output');
      if (mark) return { total: mark.startTime - window.lastAction, engine: mark.detail.engineMs };
      if (dataset.expr === expr && dataset.wrt === wrt && dataset.state !== 'ok') return { error: dataset.state };
      return false;
    }, [example.expr, example.wrt], { timeout: 30_000 });
    rows.push({ id: example.id, ...(await found.jsonValue()) });
  }
  await page.close();
  return rows;
}

function sizes(baseUrl, loaded) {
  const files = [...loaded]
    .filter((url) => url.startsWith(baseUrl))
    .map((url) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'index.html')
    .filter((file, i, all) => all.indexOf(file) === i && fs.existsSync(path.join(dist, file)))
    .map((file) => {
      const bytes = fs.readFileSync(path.join(dist, file));
      return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  return files;
}

const server = await serve(dist);
const loaded = new Set();
try {
  const cold = await launch();
  cold.context.on('request', (request) => loaded.add(request.url()));
  const firstVisit = await firstDerivation(cold.context, server.baseUrl, loaded);
  const repeats = [];
  for (let i = 0; i < repeat; i += 1) repeats.push(await firstDerivation(cold.context, server.baseUrl, loaded));
  const typed = await typedDerivations(cold.context, server.baseUrl);
  await cold.close();

  console.log('matcalc page benchmark (headless chromium, dist/ served by scripts/serve.py on 127.0.0.1)\n');
  console.log('Navigation to first rendered derivation ("x\'*W*W\'*x" wrt W, from a link):');
  const line = (label, t) => console.log(`  ${label.padEnd(24)} engine ready ${ms(t['engine-ready'])}, ` +
    `first answer ${ms(t['first-answer'])}, derivation rendered ${ms(t['first-derivation'])}`);
  line('first visit (cold cache)', firstVisit);
  const med = (key) => median(repeats.map((t) => t[key]));
  line(`repeat visits (median/${repeat})`, { 'engine-ready': med('engine-ready'), 'first-answer': med('first-answer'), 'first-derivation': med('first-derivation') });

  console.log('\nPer derivation as typed (last key press or variable click -> derivation on screen):');
  for (const row of typed) {
    console.log(`  ${row.id.padEnd(24)} ${row.error ? `no derivation (${row.error})` : `${ms(row.total).padStart(7)}   engine ${row.engine.toFixed(1)} ms`}`);
  }
  const good = typed.filter((row) => !row.error);
  console.log(`  median over ${good.length} examples: ${ms(median(good.map((r) => r.total)))} ` +
    `(engine ${median(good.map((r) => r.engine)).toFixed(1)} ms); includes the 150 ms debounce after a key press`);

  console.log('\nFiles the page loads (gzip -9):');
  const files = sizes(server.baseUrl, loaded);
  for (const f of files) {
    console.log(`  ${f.file.padEnd(44)} ${String(f.raw).padStart(8)} B  ${String(f.gzip).padStart(7)} B gzip`);
  }
  const total = (key) => files.reduce((sum, f) => sum + f[key], 0);
  console.log(`  ${'total'.padEnd(44)} ${String(total('raw')).padStart(8)} B  ${String(total('gzip')).padStart(7)} B gzip`);
  const engine = files.filter((f) => f.file.startsWith('engine/'));
  console.log(`  engine module (wasm + glue): ${(engine.reduce((s, f) => s + f.gzip, 0) / 1024).toFixed(0)} KB gzip`);
} finally {
  server.close();
}
