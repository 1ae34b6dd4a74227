// Proves issue 3's "Done when" for the worked examples (content/examples.json, the only
// copy in the repository):
// each goes through the `matcalc` command as a user would run it, and
//   - the derivation succeeds and its numeric check passed (not inconclusive);
//   - the text result is one line that `matcalc parse` reads back, with the same
//     declarations, as a value of the right kind (a gradient has its variable's kind);
//   - the text result is about as simple as the expected answer: it has at most
//     kSizeMargin more tokens. Tokens are names, numbers and operators (' * .* / ./ ^ .^
//     + -); parentheses and commas are not counted, since equally simple forms place
//     them differently ((X'*a)' and a'*X). A node count would depend on the engine's
//     own canonical form, which is what is being measured.
// Run with `node --test`; needs build/matcalc from scripts/build.sh, or the binary named
// by the environment variable MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = process.env.MATCALC_BIN
  ? path.resolve(process.env.MATCALC_BIN)
  : path.join(root, 'build', 'matcalc');
const examplesFile = path.join(root, 'content', 'examples.json');
const examples = JSON.parse(fs.readFileSync(examplesFile, 'utf8'));
const kSizeMargin = 3;

function matcalc(...args) {
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.error, undefined, `could not run ${binary}`);
  return run;
}

function tokens(text) {
  const pattern = /[A-Za-z][A-Za-z0-9_]*|\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+|\.[*/^]|[-+*/^']/g;
  return text.match(pattern) ?? [];
}

// The kind of value a variable's gradient has: a symmetric matrix is a matrix.
function valueKind(variable) {
  return ['scalar', 'vector'].includes(variable.kind) ? variable.kind : 'matrix';
}

test('the token measure counts names, numbers and operators, not parentheses', () => {
  assert.deepEqual(tokens("2*(X'*a)'"), ['2', '*', 'X', "'", '*', 'a', "'"]);
  assert.equal(tokens('sigmoid(-y.*(X*w)).^2').length, 9);
  assert.equal(tokens('1e-3*x + 0.5').length, 5);
});

test('there are worked examples of both kinds', () => {
  assert.ok(examples.some((e) => e.kind === 'gradient'));
  assert.ok(examples.some((e) => e.kind === 'jacobian'));
});

for (const example of examples) {
  const name = `${example.id}: d/d${example.wrt} ${example.expr} (${example.kind})`;
  test(name, () => {
    const derived = matcalc('derive', '--wrt', example.wrt, '--decl', example.decl,
      '--format', 'json', '--', example.expr);
    assert.equal(derived.status, 0, derived.stderr);
    const out = JSON.parse(derived.stdout);
    assert.equal(out.ok, true);
    assert.equal(out.check.passed, true, `numeric check: ${JSON.stringify(out.check)}`);
    assert.equal(out.check.inconclusive, false);
    const result = out.result.text;
    assert.doesNotMatch(result, /\n/);

    // The text format prints the same result alone on one line.
    const plain = matcalc('derive', '--wrt', example.wrt, '--decl', example.decl, '--',
      example.expr);
    assert.equal(plain.stdout, `${result}\n`);

    const reparsed = matcalc('parse', '--decl', example.decl, '--format', 'json', '--', result);
    assert.equal(reparsed.status, 0, `${result} does not parse back:\n${reparsed.stderr}`);
    if (example.kind === 'gradient') {
      const variable = out.shapes.find((v) => v.name === example.wrt);
      assert.equal(JSON.parse(reparsed.stdout).kind, valueKind(variable), result);
    }

    const size = tokens(result).length;
    const expected = tokens(example.expected).length;
    assert.ok(size <= expected + kSizeMargin,
      `${result} has ${size} tokens; the expected ${example.expected} has ${expected}`);
  });
}
