#!/usr/bin/env node
// Times two built sites against each other on a noisy machine (not a test): cold and warm
// visits of the two, interleaved (A, B, A, B, …), so a change in the machine's load falls
// on both alike. For the first visit's example (answered by the build) and for a link the
// engine answers (bench.mjs's two links), it prints each build's median and range of the
// time from navigation to the first rendered derivation (the page's own marks).
//
//   node bench/page/compare.mjs --a DIR --b DIR [--runs 8] [--only 'first visit'|'engine link'] [--cold-only]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, root, serve } from '../../tests/browser/lib/browser.mjs';
import { median, visit } from './measure.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const builds = ['a', 'b'].map((name) => path.resolve(option(name, '')));
if (builds.some((dir) => !fs.existsSync(path.join(dir, 'index.html')))) {
  console.error('usage: node bench/page/compare.mjs --a DIR --b DIR [--runs N]');
  process.exit(2);
}
const runs = Number(option('runs', 8));
const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));
const linkTo = (e) => `index.html#expr=${encodeURIComponent(e.expr)}&wrt=${encodeURIComponent(e.wrt)}` +
  (e.decl ? `&decl=${encodeURIComponent(e.decl)}` : '');
const first = examples[0];
const other = examples.find((e) => e.expr !== first.expr && !e.decl) || examples[1];
const links = [['first visit', linkTo(first)], ['engine link', linkTo(other)]]
  .filter(([label]) => !option('only', '') || label === option('only', ''));
const coldOnly = process.argv.includes('--cold-only');

const servers = await Promise.all(builds.map((dir) => serve(dir)));
const times = builds.map(() => Object.fromEntries(links.map(([label]) => [label, { cold: [], warm: [] }])));
try {
  console.log(`interleaved visits, ${runs} of each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  // Cold: a fresh profile per visit.
  for (let i = 0; i < runs; i += 1) {
    for (const [label, link] of links) {
      for (const b of [0, 1]) {
        const browser = await launch();
        const run = await visit(browser.context, servers[b].baseUrl + link);
        times[b][label].cold.push(run.times['first-derivation']);
        await browser.close();
      }
    }
  }
  // Warm: one profile per build, visited once (its service worker installs), then again.
  if (!coldOnly) {
    const browsers = await Promise.all(builds.map(() => launch()));
    for (const b of [0, 1]) {
      const primer = await visit(browsers[b].context, servers[b].baseUrl + links[0][1]);
      await primer.page.waitForTimeout(3000);
      await primer.page.close();
    }
    for (let i = 0; i < runs; i += 1) {
      for (const [label, link] of links) {
        for (const b of [0, 1]) {
          const run = await visit(browsers[b].context, servers[b].baseUrl + link);
          times[b][label].warm.push(run.times['first-derivation']);
          await run.page.close();
        }
      }
    }
    await Promise.all(browsers.map((browser) => browser.close()));
  }
  const show = (list) => `${Math.round(median(list))} ms (${Math.round(Math.min(...list))}–${Math.round(Math.max(...list))})`;
  for (const [label] of links) {
    for (const kind of coldOnly ? ['cold'] : ['cold', 'warm']) {
      console.log(`${label.padEnd(12)} ${kind}: ` + builds.map((dir, b) => `${path.basename(dir)} ${show(times[b][label][kind])}`).join('   '));
    }
  }
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  for (const server of servers) server.close();
}
