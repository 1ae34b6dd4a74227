#!/usr/bin/env node
// Benchmark of the page (not a test): serves a built site on loopback, drives headless
// Debian chromium and prints the numbers of issue 19:
//   1. bytes (raw and gzip -9 of the files: the server's compression is not counted on)
//      of everything requested before the first derivation was on screen, the engine's
//      WebAssembly apart, for the first visit's example and for a link the engine answers;
//   2. navigation to the first rendered derivation: cold (a fresh profile: empty HTTP
//      cache, no service worker) and warm (a repeat visit of the same profile), with the
//      engine-ready and first-answer moments on the way;
//   3. keystroke latency: each worked example typed key by key, from the last key press
//      (or the click choosing the variable) to its derivation on screen, typeset;
//   4. long tasks: main-thread tasks over 50 ms while a 600-character input is typed;
//   5. the first screen at 1280×800 and 390×844: where the result ends, and formulas cut
//      (wider than the box that clips them, with no scrolling cue).
// Times come from the page's own marks (matcalc:*), not the driver's clock.
//
//   node bench/page/bench.mjs [--dist DIR] [--cold N] [--warm N] [--delay MS]
// DIR defaults to dist/ (scripts/build.sh); give another built site to compare.
import fs from 'node:fs';
import path from 'node:path';
import { dist as builtDist, launch, root, serve } from '../../tests/browser/lib/browser.mjs';
import { firstScreen, keystrokes, longTasksWhileTyping, median, recordLongTasks, sizes, visit } from './measure.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const dist = path.resolve(option('dist', builtDist));
const coldRuns = Number(option('cold', 3));
const warmRuns = Number(option('warm', 5));
const keyDelay = Number(option('delay', 30));
const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));
const first = examples[0];
const linkTo = (e) => `index.html#expr=${encodeURIComponent(e.expr)}&wrt=${encodeURIComponent(e.wrt)}` +
  (e.decl ? `&decl=${encodeURIComponent(e.decl)}` : '');
const firstLink = linkTo(first);
// The first example is the first visit's, whose answer the build derives in advance
// (scripts/prerender.mjs); a second link, which the engine must answer, times the engine's
// own path to a first derivation.
const other = examples.find((e) => e.expr !== first.expr && !e.decl) || examples[1];
const otherLink = linkTo(other);
// 66 nested sigmoids: 599 characters, unbalanced until the last key.
const NESTED = `${'sigmoid('.repeat(66)}x'*x${')'.repeat(66)}`;

const ms = (value) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'later');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const timesLine = (label, t) => console.log(`  ${label.padEnd(26)} engine ready ${ms(t['engine-ready'])}, ` +
  `first answer ${ms(t['first-answer'])}, derivation rendered ${ms(t['first-derivation'])}`);
const medianTimes = (runs) => Object.fromEntries(['engine-ready', 'first-answer', 'first-derivation']
  .map((key) => [key, median(runs.map((t) => t[key]))]));

const server = await serve(dist);
try {
  console.log(`matcalc page benchmark: ${path.relative(process.cwd(), dist) || '.'} served by scripts/serve.py on 127.0.0.1, headless chromium\n`);

  // Cold visits, each in a fresh profile; the first one's requests are the bytes counted.
  const cold = [];
  let before = [];
  for (let i = 0; i < coldRuns; i += 1) {
    const browser = await launch();
    const run = await visit(browser.context, server.baseUrl + firstLink);
    cold.push(run.times);
    if (i === 0) before = run.before;
    await browser.close();
  }

  const coldOther = [];
  let beforeOther = [];
  for (let i = 0; i < coldRuns; i += 1) {
    const browser = await launch();
    const run = await visit(browser.context, server.baseUrl + otherLink);
    coldOther.push(run.times);
    if (i === 0) beforeOther = run.before;
    await browser.close();
  }

  // Warm visits: one profile, visited once (its service worker installs, its caches
  // fill), then again.
  const browser = await launch();
  const warm = [];
  const warmOther = [];
  const primer = await visit(browser.context, server.baseUrl + firstLink);
  await primer.page.waitForTimeout(3000); // the service worker's install and the idle prefetch
  await primer.page.close();
  for (let i = 0; i < warmRuns; i += 1) {
    const run = await visit(browser.context, server.baseUrl + firstLink);
    warm.push(run.times);
    await run.page.close();
    const again = await visit(browser.context, server.baseUrl + otherLink);
    warmOther.push(again.times);
    await again.page.close();
  }

  const total = (list, key) => list.reduce((sum, f) => sum + f[key], 0);
  const bytesTable = (title, urls) => {
    console.log(title);
    const files = sizes(dist, server.baseUrl, urls);
    for (const f of files) console.log(`  ${f.file.padEnd(44)} ${String(f.raw).padStart(8)} B ${String(f.gzip).padStart(8)} B gzip`);
    const wasm = files.filter((f) => f.file.endsWith('.wasm'));
    console.log(`  total: ${kb(total(files, 'raw'))} raw, ${kb(total(files, 'gzip'))} gzip; ` +
      `WebAssembly ${kb(total(wasm, 'raw'))} raw, ${kb(total(wasm, 'gzip'))} gzip`);
  };
  bytesTable('Bytes requested before the first derivation was on screen (cold visit of the first visit\'s example, gzip -9 of each file):', before);
  bytesTable(`\nBytes requested before the first derivation was on screen (cold visit of a link the engine answers, "${other.expr}"):`, beforeOther);

  console.log('\nNavigation to the first rendered derivation ("x\'*W*W\'*x" wrt W, from a link; the first visit\'s example, derived at build time):');
  cold.forEach((t, i) => timesLine(`cold ${i + 1}`, t));
  timesLine(`cold (median of ${cold.length})`, medianTimes(cold));
  timesLine(`warm (median of ${warm.length})`, medianTimes(warm));
  console.log(`\nNavigation to the first rendered derivation of a link the engine answers ("${other.expr}" wrt ${other.wrt}):`);
  coldOther.forEach((t, i) => timesLine(`cold ${i + 1}`, t));
  timesLine(`cold (median of ${coldOther.length})`, medianTimes(coldOther));
  timesLine(`warm (median of ${warmOther.length})`, medianTimes(warmOther));

  const page = await browser.context.newPage();
  await page.addInitScript(recordLongTasks);
  await page.goto(server.baseUrl + firstLink);
  await page.waitForFunction(() => performance.getEntriesByName('matcalc:first-derivation').length > 0);
  const typed = await keystrokes(page, examples);
  console.log('\nKeystroke latency (last key press or variable click -> derivation on screen, typeset):');
  for (const row of typed) {
    console.log(`  ${row.id.padEnd(24)} ${row.error ? `no derivation (${row.error})` : `${ms(row.total).padStart(7)}   engine ${row.engine.toFixed(1)} ms`}`);
  }
  const good = typed.filter((row) => !row.error);
  const latencies = good.map((r) => r.total);
  console.log(`  median ${ms(median(latencies))}, max ${ms(Math.max(...latencies))} over ${good.length} examples ` +
    `(engine median ${median(good.map((r) => r.engine)).toFixed(1)} ms)`);

  const tasks = await longTasksWhileTyping(page, NESTED, keyDelay);
  console.log(`\nLong tasks (> 50 ms on the main thread), typing ${tasks.characters} characters at ${keyDelay} ms a key ` +
    `(${(tasks.typingMs / 1000).toFixed(1)} s):`);
  console.log(`  while typing: ${tasks.whileTyping}, the longest ${ms(tasks.longestWhileTyping)}; ` +
    `after the last key (a 66-layer derivation typeset): ${tasks.afterLastKey}, the longest ${ms(tasks.longestAfterLastKey)}`);

  console.log('\nFirst screen (the first visit\'s example and three phone cases):');
  const screenCases = [
    { label: 'first visit', hash: '' },
    { label: 'Gaussian in S', hash: `#expr=${encodeURIComponent("0.5*logdet(S) + 0.5*(x-mu)'*inv(S)*(x-mu)")}&wrt=S&decl=${encodeURIComponent('S: spd(n)')}` },
    { label: 'logistic loss', hash: `#expr=${encodeURIComponent('sum(log(1 + exp(-y.*(X*w))))')}&wrt=w` },
    { label: 'W*X', hash: '#expr=W*X&wrt=W' },
  ];
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const c of screenCases) {
      await page.goto(`${server.baseUrl}index.html${c.hash}`);
      const screen = await firstScreen(page, width, height);
      console.log(`  ${`${width}×${height}`.padEnd(9)} ${c.label.padEnd(14)} result ends at ${screen.resultBottom} px ` +
        `(${screen.resultBottom <= height ? 'in' : 'below'} the first screen), ${screen.cut.length} formulas cut` +
        `${screen.cut.length ? `: ${screen.cut.join(' | ')}` : ''}${screen.pageWidth > width ? `, page ${screen.pageWidth} px wide` : ''}`);
    }
  }
  await page.close();
  await browser.close();
} finally {
  server.close();
}
