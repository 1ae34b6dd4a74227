// The `matcalc` command for the tests of tests/cli: build/matcalc, or the binary named by
// MATCALC_BIN; runs, JSON outcomes, and numeric comparison through `matcalc eval`.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const binary = process.env.MATCALC_BIN
  ? path.resolve(process.env.MATCALC_BIN)
  : path.join(root, 'build', 'matcalc');

export function matcalc(...args) {
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.error, undefined, `could not run ${binary}`);
  return run;
}

// The JSON outcome of a command that succeeds.
export function json(...args) {
  const run = matcalc(...args, '--format', 'json');
  assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

// The largest relative difference ||a - b|| / ||b|| over three random instantiations.
export function assertSame(a, b, decl = '') {
  for (const seed of ['1', '2', '3']) {
    const out = json('eval', `norm2((${a}) - (${b})) / norm2(${b})`, '--decl', decl, '--seed', seed);
    assert.ok(Math.abs(out.value[0][0]) < 1e-9, `${a} should equal ${b} (seed ${seed}: ${out.value[0][0]})`);
  }
}
