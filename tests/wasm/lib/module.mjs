// The WebAssembly module as the page's worker calls it, for the tests of tests/wasm: built
// for web/worker only (an ES module built with `node` in its environment fails in node
// 20), so the .wasm bytes are handed to the factory directly. Needs build-wasm/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const jsFile = path.join(root, 'build-wasm', 'matcalc_wasm.js');
const wasmFile = path.join(root, 'build-wasm', 'matcalc_wasm.wasm');
const { default: createMatcalc } = await import(pathToFileURL(jsFile).href);

export const engine = await createMatcalc({ wasmBinary: fs.readFileSync(wasmFile) });
export const parse = (expr, decls = '') => JSON.parse(engine.parse(expr, decls));
export const derive = (expr, wrt, decls = '') => JSON.parse(engine.derive(expr, wrt, decls, 1, false, ''));

// a equals b at three random instantiations (relative difference under 1e-9).
export function assertSame(a, b, decls = '') {
  for (const seed of [1, 2, 3]) {
    const out = JSON.parse(engine.evaluate(`norm2((${a}) - (${b})) / norm2(${b})`, decls, seed));
    assert.ok(out.ok, out.error?.message);
    assert.ok(Math.abs(out.value[0][0]) < 1e-9, `${a} should equal ${b} (seed ${seed})`);
  }
}
