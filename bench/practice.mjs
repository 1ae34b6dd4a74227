#!/usr/bin/env node
// Measures the practice generator (web/js/practice/) with the engine in node: for every
// topic and level, N problems (seeds 1..N) generated as practice.html generates them
// (each drawn problem derived and checked by the engine; too-long answers and failed
// derivations drawn again), and prints per topic the number of problem shapes, how many
// draws were rejected and why, the distinct problems, the median time per problem and the
// longest answer. Not a test (tests/browser/cases/practice.mjs is).
//
//   node bench/practice.mjs [--count N] [--engine DIR]   (DIR: build-wasm/ by default)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const count = Number(option('count', 50));
const engineDir = path.resolve(option('engine', path.join(root, 'build-wasm')));
const { TOPICS } = await import(pathToFileURL(path.join(root, 'web/js/practice/topics.js')).href);
const { generate, LEVELS } = await import(pathToFileURL(path.join(root, 'web/js/practice/generate.js')).href);
const { default: create } = await import(pathToFileURL(path.join(engineDir, 'matcalc_wasm.js')).href);
const engine = await create({ wasmBinary: fs.readFileSync(path.join(engineDir, 'matcalc_wasm.wasm')) });
const derive = (p) => JSON.parse(engine.derive(p.expr, p.wrt, p.decl, 1, p.hessian, p.layout));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let allDraws = 0;
let allRejected = 0;
let longRejected = 0;
console.log(`practice problems: ${count} per topic and level (${LEVELS.join(', ')}), engine ${path.relative(root, engineDir)}\n`);
for (const topic of TOPICS) {
  let draws = 0;
  const reasons = {};
  const distinct = new Set();
  const times = [];
  let longest = '';
  for (const level of LEVELS) {
    for (let seed = 1; seed <= count; seed += 1) {
      const start = performance.now();
      const made = await generate({ topic: topic.id, level, seed }, async (p) => derive(p));
      times.push(performance.now() - start);
      draws += made.draws;
      for (const [reason, n] of Object.entries(made.rejected)) reasons[reason] = (reasons[reason] || 0) + n;
      distinct.add(JSON.stringify(made.problem));
      if (made.derivation.result.text.length > longest.length) longest = made.derivation.result.text;
    }
  }
  const rejected = Object.values(reasons).reduce((a, b) => a + b, 0);
  allDraws += draws;
  allRejected += rejected;
  longRejected += reasons['answer too long'] || 0;
  const why = Object.entries(reasons).map(([r, n]) => `${n} ${r}`).join(', ') || 'none';
  console.log(`${topic.id.padEnd(17)} ${String(topic.shapes.length).padStart(2)} shapes  ${distinct.size} distinct of ${LEVELS.length * count}  ` +
    `rejected ${rejected} of ${draws} draws (${(100 * rejected / draws).toFixed(1)} %: ${why})  ` +
    `median ${median(times).toFixed(1)} ms  longest answer ${longest.length} chars`);
}
console.log(`\nall topics: ${allRejected} of ${allDraws} draws rejected (${(100 * allRejected / allDraws).toFixed(1)} %), ` +
  `${longRejected} as too long (${(100 * longRejected / allDraws).toFixed(1)} %)`);
