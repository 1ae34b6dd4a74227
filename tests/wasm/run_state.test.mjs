// One failed request leaves nothing behind in the module (issue 21): a node budget hit at
// any point of a derivation (reading, differentiating, simplifying, checking) is a user
// error, and the next derivation in the same module instance — as in the page's
// long-lived worker — gives the same answer, its numeric check passed, as before it.
// Needs build-wasm/ from scripts/build.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const jsFile = path.join(root, 'build-wasm', 'matcalc_wasm.js');
const wasmFile = path.join(root, 'build-wasm', 'matcalc_wasm.wasm');
const { default: createMatcalc } = await import(pathToFileURL(jsFile).href);
const engine = await createMatcalc({ wasmBinary: fs.readFileSync(wasmFile) });

// Its textbook answer comes from the simplifier's regrouping lookahead (README). Every
// budget from 16 nodes up to one the derivation fits in stops it at another point.
const expr = "norm2(b - X*inv(X'*X)*X'*b)^2";
const decls = 'b: vector(5); X: matrix(5, 3)'; // X'X invertible
const derive = () => JSON.parse(engine.derive(expr, 'X', decls, 1, false, 'denominator'));

test('a node limit hit mid-derivation leaves the next derivation unaffected', () => {
  const reference = derive();
  assert.equal(reference.ok, true);
  assert.equal(reference.check.passed, true);
  let failures = 0;
  for (let limit = 16; ; limit += 1) {
    const out = JSON.parse(engine.deriveLimited(expr, 'X', decls, limit));
    if (out.ok) break;
    failures += 1;
    assert.equal(out.error.code, 'unsupported', out.error.message);
    const again = derive();
    assert.equal(again.ok, true);
    assert.equal(again.result.text, reference.result.text, `after a failure at ${limit} nodes`);
    assert.equal(again.check.passed, true);
  }
  assert.ok(failures > 50, `${failures} failures`);
});
