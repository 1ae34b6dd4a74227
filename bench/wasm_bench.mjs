// Benchmark, not a test: the median wall time of one derive call of the WebAssembly
// module (parse, derivation, simplification, numeric check, and the JSON the page
// parses) for each worked example, under node. build/matcalc_bench measures the same
// calls natively, so the two tables compare.
//
//   node bench/wasm_bench.mjs [--module PATH] [EXAMPLES.json]   (needs build-wasm/ from
//   scripts/build.sh; --module names another build of a module without its extension,
//   e.g. build-wasm/matcalc_core, the first visit's module: PATH.js and PATH.wasm)
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const at = args.indexOf('--module');
const module = at >= 0 ? path.resolve(args.splice(at, 2)[1]) : path.join(root, 'build-wasm', 'matcalc_wasm');
const { default: createMatcalc } = await import(pathToFileURL(`${module}.js`).href);
const engine = await createMatcalc({ wasmBinary: fs.readFileSync(`${module}.wasm`) });

const content = path.join(root, 'content', 'examples.json');
const file = args[0] ?? content;
const examples = JSON.parse(fs.readFileSync(file, 'utf8'));

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

const derive = (e) => JSON.parse(engine.derive(e.expr, e.wrt, e.decl, 1, false, ''));

// At least 15 samples and 0.3 s (at most 500 samples).
function medianMs(example) {
  const call = () => derive(example);
  let out = call();
  const samples = [];
  const start = performance.now();
  while (samples.length < 500 && (samples.length < 15 || performance.now() - start < 300)) {
    const t0 = performance.now();
    out = call();
    samples.push(performance.now() - t0);
  }
  return [median(samples), out];
}

// V8 compiles WebAssembly in tiers: run every example for a second first, so the
// table measures the optimised code, as a page does after its first few derivations.
for (const start = performance.now(); performance.now() - start < 1000;) examples.forEach(derive);

console.log('derive (parse + derivation + simplify + numeric check), WebAssembly under node',
  process.version, ', median of runs');
console.log(`module: ${path.relative(root, module)}.wasm, examples: ${file}\n`);
console.log(`${'example'.padEnd(24)} ${'kind'.padEnd(9)} ${'median ms'.padStart(10)}  result`);
const all = [];
for (const example of examples) {
  const [ms, out] = medianMs(example);
  all.push(ms);
  const result = out.ok ? out.result.text : `error: ${out.error.message}`;
  const checked = out.ok && !out.check.passed ? '  (check did not pass)' : '';
  console.log(`${example.id.padEnd(24)} ${example.kind.padEnd(9)} ${ms.toFixed(3).padStart(10)}  ` +
    `${result}${checked}`);
}
console.log(`\n${'median over the examples'.padEnd(34)} ${median(all).toFixed(3).padStart(10)}`);
