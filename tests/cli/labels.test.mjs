// How results are labelled and written in index notation (issue 19, found by a new
// user): a Jacobian of a function the question names (D = W*X) is labelled D, not F;
// the index form of a sum of logs says what is summed (\sum_i log(...), where the bare
// Einstein form log(exp(-y_i X_ij w_j) + 1_i) reads as a sum inside the exp).
// Run with `node --test`; needs build/matcalc, or the binary named by MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.MATCALC_BIN
  ? path.resolve(process.env.MATCALC_BIN)
  : path.join(root, 'build', 'matcalc');

function json(...args) {
  const run = spawnSync(binary, [...args, '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, `${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

test('a Jacobian of a named function is labelled with its name (D = W*X), not F', () => {
  const out = json('derive', 'D = W*X', '--wrt', 'W');
  assert.equal(out.function, 'D');
  assert.match(out.result.lhs, /\\operatorname\{vec\}\(D\)/);
  assert.doesNotMatch(out.result.lhs, /\bF\b/);
  assert.match(out.convention, /d vec\(D\) = J d vec\(W\)/);
  assert.ok(out.steps.some((step) => /vec\}\(D\)|\\mathrm\{d\}D/.test(step.latex)), 'the steps name D');
  // A bare expression keeps F.
  assert.match(json('derive', 'W*X', '--wrt', 'W').result.lhs, /\\operatorname\{vec\}\(F\)/);
});

test('the index form of a sum of logs writes its sum over i explicitly', () => {
  const out = json('derive', 'sum(log(1 + exp(-y.*(X*w))))', '--wrt', 'w');
  assert.match(out.index.f_text, /^sum_i log\(/, out.index.f_text);
  assert.match(out.index.f, /^\\sum_\{i\} \\log/, out.index.f);
  // A product keeps the Einstein form: each summed index is written twice.
  assert.equal(json('derive', "x'*W*W'*x", '--wrt', 'W').index.f_text, 'x_i*W_ij*W_kj*x_k');
  // So do the index route's steps of a quadratic form.
  const steps = json('derive', "x'*W*W'*x", '--wrt', 'W', '--route', 'index').steps.map((s) => s.text);
  assert.ok(steps.every((text) => !/sum_/.test(text)), steps.join(' | '));
});
