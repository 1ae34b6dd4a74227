// Lessons 4 and 5 walk through index manipulations with the live index route (a derive
// block with `route: index`, content/lessons/FORMAT.md): each such block shows the
// engine's steps in index notation (Einstein summation, Kronecker deltas), typeset
// without a KaTeX error, its result checked numerically, and a calculator link that
// opens the page's index view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, root } from '../lib/harness.mjs';
import { parseLesson } from '../../../web/js/lesson-format.js';

const lessonsDir = path.join(root, 'content', 'lessons');
const index = JSON.parse(fs.readFileSync(path.join(lessonsDir, 'index.json'), 'utf8'));
const indexBlocks = (entry) => parseLesson(fs.readFileSync(path.join(lessonsDir, entry.file), 'utf8'))
  .nodes.filter((node) => node.type === 'derive' && node.route === 'index');

// What each lesson's index blocks must show, by expression: a piece of a step's TeX.
const WANTED = {
  "x'*W*W'*x": ['x_{i}W_{ij}W_{kj}x_{k}', '\\delta_{ia}\\delta_{jb}', '2x_{a}W_{ib}x_{i}'],
  "M*M'": ['\\delta_{ia}M_{jb}+M_{ib}\\delta_{ja}', 'G_{aj}M_{jb}+G_{ia}M_{ib}'],
};

export default function register(suite) {
  test('lessons 4 and 5: live index-route blocks, typeset, checked, linked to the index view', async () => {
    const { page, problems } = await openPage(suite);
    const withIndex = index.filter((entry) => indexBlocks(entry).length);
    assert.deepEqual(withIndex.map((entry) => entry.file.slice(0, 2)), ['04', '05'], 'lessons 4 and 5 use the index route');
    for (const entry of withIndex) {
      await page.goto(new URL(`lessons.html#lesson=${entry.id}`, suite.baseUrl).href);
      await page.waitForFunction((id) => {
        const view = document.getElementById('lesson-view');
        return view.dataset.lesson === id && view.dataset.state === 'ready';
      }, entry.id, { timeout: 30_000 });
      const figures = page.locator('.lesson-derive[data-route="index"]');
      assert.equal(await figures.count(), indexBlocks(entry).length, entry.file);
      for (let i = 0; i < await figures.count(); i += 1) {
        const figure = figures.nth(i);
        const expr = await figure.getAttribute('data-expr');
        assert.equal(await figure.getAttribute('data-state'), 'ok', `${entry.file}: ${expr}`);
        assert.equal(await figure.getAttribute('data-check'), 'passed', `${entry.file}: ${expr}`);
        assert.match(await figure.locator('.derive-head').textContent(), /index notation/);
        const sources = (await figure.locator('li.step .step-math annotation').allTextContents())
          .map((s) => s.replace(/\s+/g, ''));
        for (const piece of WANTED[expr] || []) {
          assert.ok(sources.some((s) => s.includes(piece)), `${entry.file}: ${expr}: ${piece} in ${sources.join(' | ')}`);
        }
        assert.match(await figure.locator('a.open-link').getAttribute('href'), /[#&]route=index(&|$)/);
      }
      assert.equal(await page.locator('.katex-error, .tex-error, .lesson-invalid').count(), 0, `${entry.file}: typeset`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}
