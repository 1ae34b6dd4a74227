// The details of issue 14: placeholder contrast, one Tab stop per rule chip, no status
// line above the lesson titles, shapes written with one product sign, the Hessian as a
// linear map, the functions of the syntax table from the engine's registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';
import { loadEngine } from '../lib/engine.mjs';

// WCAG contrast of two CSS colours (rgb()/rgba() as getComputedStyle gives them).
function contrast(fg, bg) {
  const channels = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = channels(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

export default function register(suite) {
  test('placeholders have a contrast of 4.5:1 or more, light and dark', async () => {
    const { page, problems } = await openPage(suite);
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await page.goto(new URL('#expr=', suite.baseUrl).href);
      await page.reload();
      for (const id of ['expr', 'decl']) {
        const [fg, bg] = await page.evaluate((field) => {
          const input = document.getElementById(field);
          return [getComputedStyle(input, '::placeholder').color, getComputedStyle(input).backgroundColor];
        }, id);
        const ratio = contrast(fg, bg);
        assert.ok(ratio >= 4.5, `${colorScheme} #${id} placeholder: ${ratio.toFixed(2)}:1 (${fg} on ${bg})`);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a rule chip is one Tab stop; its identity holds the link to the reference', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*W*W'*x&wrt=W");
    await waitForOutput(page, { expr: "x'*W*W'*x", states: ['ok'] });
    const stops = await page.evaluate(() => [...document.querySelectorAll('#output .rule-chip')].map((chip) =>
      [...chip.querySelectorAll('a, button')].filter((el) => el.tabIndex >= 0).length));
    assert.ok(stops.length > 2);
    assert.deepEqual(stops, stops.map(() => 1));
    await page.focus('#output .rule-toggle');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#output .identity:not([hidden]) a.rule-name[href^="rules.html#"]');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('shapes use one product sign, and a Hessian is shown as a linear map', async () => {
    const { page, problems } = await openPage(suite, '#expr=W*X&wrt=W');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    const shape = await page.textContent('#output .result-shape');
    assert.match(shape, /^shape n·p × n·m$/);
    await page.goto(new URL("#expr=x'*X*X*x&wrt=X&hessian=1", suite.baseUrl).href);
    await waitForOutput(page, { expr: "x'*X*X*x", wrt: 'X', states: ['ok'] });
    const map = await page.textContent('#output [data-form="linear-map"] .katex-mathml');
    assert.match(map, /↦/);
    assert.match(map, /H\[/);
    assert.match(await page.textContent('#output [data-form="linear-map"]'), /⟨|\\langle|so that/);
    assert.doesNotMatch(await page.textContent('#output'), /\d\*\w×|\w\*\w×/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('no status line shows above the lesson titles', async () => {
    const { page, problems } = await openPage(suite, 'lessons.html');
    await page.waitForSelector('#lesson-view[data-state="ready"] h1');
    const [status, title] = await page.evaluate(() => ['#status', '#lesson-view h1']
      .map((s) => document.querySelector(s).getBoundingClientRect()).map((r) => ({ h: r.height, top: r.top })));
    assert.ok(status.h <= 1 || status.top > title.top, `status ${JSON.stringify(status)}, title ${JSON.stringify(title)}`);
    assert.match(await page.textContent('#status'), /\S/, 'still there for screen readers');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("the syntax table's functions are the engine's registry, each linked to its rule", async () => {
    const engine = await loadEngine();
    const { functions } = JSON.parse(engine.vocabulary());
    const { page, problems } = await openPage(suite, '#expr=');
    await page.waitForSelector('#syntax-functions[data-state="ready"]', { state: 'attached' });
    const shown = await page.$$eval('.syntax .function-name', (links) => links.map((a) => ({
      name: a.textContent, href: a.getAttribute('href'),
    })));
    // One row per shape, in the order the shapes first appear (eigvecs, a square matrix to
    // a square matrix, sits with expm); a function with no derivative has no rule to link.
    const shapes = [...new Set(functions.map((f) => f.shape))];
    const grouped = shapes.flatMap((shape) => functions.filter((f) => f.shape === shape));
    assert.deepEqual(shown.map((f) => f.name), grouped.map((f) => f.name));
    for (const [i, f] of grouped.entries())
      assert.equal(shown[i].href, f.rule ? `rules.html#${f.rule}` : null, f.name);
    const text = await page.textContent('.syntax');
    for (const f of functions) assert.ok(text.includes(f.meaning), f.meaning);
    // The declarations row: every structure row of the engine (SPEC 13), linked to its rule.
    const { structures } = JSON.parse(engine.vocabulary());
    const declared = await page.$$eval('.syntax .structure-name', (links) => links.map((a) => ({
      name: a.textContent, href: a.getAttribute('href'),
    })));
    assert.deepEqual(declared.map((s) => s.name), structures.map((s) => s.declaration));
    for (const [i, s] of structures.entries()) assert.equal(declared[i].href, `rules.html#${s.rule}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
