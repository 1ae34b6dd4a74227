// The calculator's smaller KaTeX (dist/vendor/katex/katex-lite.min.js, built by
// scripts/katex-lite.mjs from KaTeX's sources) against the whole one (katex.min.js), in
// node: every formula the engine writes for the worked examples (their parse, derivation
// by both routes, Hessian, every step and every identity), for the rule table, and for
// the page's own formulas, is accepted by the smaller build and typeset exactly as
// katex.min.js typesets it. What it leaves out throws, so the page falls back to
// katex.min.js (js/tex.js) instead of showing something else. Needs dist/ (scripts/build.sh).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { dist, root } from './lib/browser.mjs';
import { loadEngine } from './lib/engine.mjs';

const require = createRequire(import.meta.url);
const full = require(path.join(root, 'node_modules', 'katex', 'dist', 'katex.js'));
const context = vm.createContext({});
vm.runInContext(fs.readFileSync(path.join(dist, 'vendor', 'katex', 'katex-lite.min.js'), 'utf8'), context);
const lite = context.katexLite;
// The page's options (js/tex.js, which needs a document to import).
const OPTIONS = JSON.parse(/export const OPTIONS = (\{[^}]*\});/.exec(fs.readFileSync(path.join(dist, 'js', 'tex.js'), 'utf8'))[1]
  .replace(/(\w+):/g, '"$1":').replace(/'/g, '"'));
const examples = JSON.parse(fs.readFileSync(path.join(root, 'content', 'examples.json'), 'utf8'));

// Every string under a key that names LaTeX, anywhere in an engine answer.
function latexIn(value, key = '', found = []) {
  if (typeof value === 'string') {
    if (/latex/i.test(key) && value.trim()) found.push(value);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) latexIn(v, Array.isArray(value) ? key : k, found);
  }
  return found;
}

// What the lite build makes of `tex`, as the page calls it (breakable formulas are set in
// inline mode with \displaystyle, js/tex.js), or the error it throws.
const typeset = (katex, tex, displayMode, extra = {}) => {
  try {
    return katex.renderToString(tex, { ...OPTIONS, ...extra, displayMode });
  } catch (error) {
    return `throws: ${error.message}`;
  }
};

function differences(formulas) {
  const differ = [];
  for (const tex of new Set(formulas)) {
    for (const [text, displayMode] of [[tex, true], [`\\displaystyle ${tex}`, false]]) {
      const mine = typeset(lite, text, displayMode, { throwOnError: true });
      if (mine !== typeset(full, text, displayMode)) differ.push(`${mine.startsWith('throws') ? mine : 'differs'}: ${text}`);
    }
  }
  return differ;
}

test('the smaller KaTeX typesets every formula of the worked examples as katex.min.js does', async () => {
  const engine = await loadEngine();
  const formulas = [];
  for (const e of examples) {
    formulas.push(...latexIn(JSON.parse(engine.parse(e.expr, e.decl || ''))));
    formulas.push(...latexIn(JSON.parse(engine.derive(e.expr, e.wrt, e.decl || '', 1, false, ''))));
    formulas.push(...latexIn(JSON.parse(engine.deriveRoute(e.expr, e.wrt, e.decl || '', 1, false, '', 'index'))));
    formulas.push(...latexIn(JSON.parse(engine.derive(e.expr, e.wrt, e.decl || '', 1, true, ''))));
  }
  assert.ok(formulas.length > 300, `${formulas.length} formulas`);
  assert.deepEqual(differences(formulas), []);
});

test('the smaller KaTeX typesets every identity of the rule table as katex.min.js does', async () => {
  const engine = await loadEngine();
  const formulas = latexIn(JSON.parse(engine.rules()));
  assert.ok(formulas.length > 50, `${formulas.length} formulas`);
  assert.deepEqual(differences(formulas), []);
});

test('what the smaller KaTeX leaves out throws (the page then uses katex.min.js)', () => {
  for (const tex of ['\\begin{bmatrix} a \\\\ b \\end{bmatrix}', '\\mathcal{L}', '\\overbrace{a+b}', '\\widehat{x}',
    '\\vec{x}', '\\color{red} x', '\\href{https://example.com}{x}', '\\texttt{x}', '\\boxed{x}']) {
    assert.match(typeset(lite, tex, true, { throwOnError: true }), /^throws: /, tex);
    assert.doesNotMatch(typeset(full, tex, true), /^throws: /, tex);
  }
});
