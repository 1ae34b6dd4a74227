// The WebAssembly engine from dist/engine/, loaded in node, for checking what the page
// shows against an independent evaluation (e.g. that a result equals the textbook answer
// numerically).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist } from './browser.mjs';

let enginePromise = null;

export function loadEngine() {
  enginePromise ??= (async () => {
    const dir = path.join(dist, 'engine');
    const { default: createMatcalc } = await import(pathToFileURL(path.join(dir, 'matcalc_wasm.js')).href);
    return createMatcalc({ wasmBinary: fs.readFileSync(path.join(dir, 'matcalc_wasm.wasm')) });
  })();
  return enginePromise;
}

// The largest relative difference ||a - b|| / ||b|| between two expressions of the same
// shape, over a few random instantiations (one expression per seed, so both sides see
// the same inputs); null if the engine cannot evaluate it.
export async function relativeDifference(a, b, decl, seeds = [1, 2, 3]) {
  const engine = await loadEngine();
  let worst = 0;
  for (const seed of seeds) {
    const out = JSON.parse(engine.evaluate(`norm2((${a}) - (${b})) / norm2(${b})`, decl, seed));
    if (!out.ok) return null;
    worst = Math.max(worst, Math.abs(out.value[0][0]));
  }
  return worst;
}

// The text result the page shows, checked to equal `expected` numerically (not as text:
// the engine may print an equal expression differently).
export async function shownEquals(page, expected, decl = '') {
  const shown = (await page.textContent('#output .result-text')).trim();
  const difference = await relativeDifference(shown, expected, decl);
  return { ok: difference !== null && difference < 1e-9, shown, difference };
}
