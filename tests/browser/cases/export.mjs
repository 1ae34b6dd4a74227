// The Export panel (SPEC sections 9 and 11): a tab per language with the engine's code
// in a visible pre/code, a copy button, the language kept in the link, vjp for a
// matrix-valued expression, definitions kept by name, errors shown like the page's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fragment, openPage, waitForOutput } from '../lib/harness.mjs';

const LANGUAGES = [
  ['numpy', 'NumPy'], ['torch', 'PyTorch'], ['eigen', 'Eigen'], ['matlab', 'MATLAB/Octave'],
];

// Waits until the panel shows `lang`'s code (or an error); returns the code's text.
async function shownCode(page, lang, states = ['ok']) {
  await page.waitForFunction(([wanted, wantedStates]) => {
    const panel = document.getElementById('export-panel');
    return panel && !panel.hidden && panel.dataset.lang === wanted && wantedStates.includes(panel.dataset.state);
  }, [lang, states], { timeout: 15_000 });
  const code = page.locator('#export-panel pre > code');
  return (await code.count()) ? code.textContent() : '';
}

async function eventually(read, ok) {
  let value;
  for (let i = 0; i < 50; i += 1) {
    value = await read();
    if (ok(value)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return value;
}

export default function register(suite) {
  test('Export shows f_and_grad in every language, copies it, and the link keeps the language', async () => {
    const { page, problems } = await openPage(suite, fragment({ expr: "x'*A*x", wrt: 'x' }));
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.equal(await page.locator('#export-panel').isHidden(), true);
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    assert.equal(await exportButton.getAttribute('aria-expanded'), 'false');
    await exportButton.click();
    assert.equal(await exportButton.getAttribute('aria-expanded'), 'true');
    const codes = {};
    for (const [lang, name] of LANGUAGES) {
      const tab = page.getByRole('tab', { name, exact: true });
      await tab.click();
      assert.equal(await tab.getAttribute('aria-selected'), 'true');
      codes[lang] = await shownCode(page, lang);
      assert.match(codes[lang], /f_and_grad/, `${name}: ${codes[lang].slice(0, 200)}`);
      assert.ok(await page.locator('#export-panel pre > code').isVisible(), `${name}: the code is visible`);
      await page.waitForFunction((l) => new RegExp(`(^#|&)export=${l}(&|$)`).test(location.hash), lang);
    }
    assert.match(codes.numpy, /import numpy as np/);
    assert.match(codes.torch, /import torch/);
    assert.match(codes.eigen, /#include <Eigen/);
    assert.match(codes.matlab, /function \[/);

    // The copy button copies the code shown (MATLAB/Octave, the last tab chosen).
    await page.getByRole('button', { name: 'Copy code' }).click();
    await page.waitForSelector('#export-panel .copy-feedback:has-text("copied")');
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    assert.equal(await eventually(clipboard, (text) => text === codes.matlab), codes.matlab);

    // The arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'MATLAB/Octave' }).focus();
    await page.keyboard.press('ArrowLeft');
    assert.match(await shownCode(page, 'eigen'), /f_and_grad/);
    await page.waitForFunction(() => /(^#|&)export=eigen(&|$)/.test(location.hash));

    // The link opens the panel on the chosen tab.
    const link = page.url();
    const second = await openPage(suite, link);
    await waitForOutput(second.page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.equal(await shownCode(second.page, 'eigen'), codes.eigen);
    assert.equal(await second.page.getByRole('tab', { name: 'Eigen' }).getAttribute('aria-selected'), 'true');
    assert.equal(await second.page.getByRole('button', { name: 'Export', exact: true }).getAttribute('aria-expanded'), 'true');
    assert.deepEqual(second.problems, []);
    await second.page.close();

    // Closing the panel takes the language out of the link.
    await exportButton.click();
    assert.equal(await page.locator('#export-panel').isHidden(), true);
    await page.waitForFunction(() => !/export=/.test(location.hash));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a matrix-valued expression exports f_and_vjp, and the panel follows a new input', async () => {
    const { page, problems } = await openPage(suite, fragment({ expr: 'W*X', wrt: 'W', export: 'numpy' }));
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    const code = await shownCode(page, 'numpy');
    assert.match(code, /def f_and_vjp/);
    assert.doesNotMatch(code, /def f_and_grad/);
    assert.match(await page.textContent('#export-panel .export-facts'), /f_and_vjp\(.*\) returns the value and vjp\(G\)/);
    await page.getByRole('tab', { name: 'PyTorch' }).click();
    assert.match(await shownCode(page, 'torch'), /f_and_vjp/);

    // Typing another expression re-exports it in the chosen language.
    await page.fill('#expr', "x'*x");
    await waitForOutput(page, { expr: "x'*x", wrt: 'x', states: ['ok'] });
    await page.waitForFunction(() => /f_and_grad/.test(document.querySelector('#export-panel pre > code')?.textContent || ''));
    assert.match(await shownCode(page, 'torch'), /def f_and_grad\(x\)/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a program with definitions keeps its names in the export', async () => {
    const expr = "P = M*M'\nf = tr(P*P)";
    const { page, problems } = await openPage(suite, fragment({ expr, wrt: 'M', export: 'numpy' }));
    await waitForOutput(page, { expr, wrt: 'M', states: ['ok'] });
    const numpy = await shownCode(page, 'numpy');
    assert.match(numpy, /^\s*P_? = M @ M\.T$/m, numpy);
    await page.getByRole('tab', { name: 'MATLAB/Octave' }).click();
    const matlab = await shownCode(page, 'matlab');
    assert.match(matlab, /^\s*P_? = M \* M\.?';?$/m, matlab);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an export the engine refuses shows its error as the page does', async () => {
    // The engine's export needs the variable to be in the expression; a request for a
    // variable it does not have is answered with an error (page asked through the worker).
    const { page, problems } = await openPage(suite, fragment({ expr: "x'*A*x", wrt: 'x', export: 'numpy' }));
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    await shownCode(page, 'numpy');
    const outcome = await page.evaluate(async () => {
      const { engine } = await import('./js/engine.js');
      const { result } = await engine.enqueue({ op: 'export', expr: "x'*A*y", wrt: 'q', decl: '', lang: 'eigen', seed: 1 });
      return result;
    });
    assert.equal(outcome.ok, false);
    assert.match(outcome.error.message, /'q' does not occur/);

    // An expression whose export fails in the page: the panel says so, with the
    // engine's message, in the page's error style.
    await page.evaluate(async () => {
      const { ExportPanel } = await import('./js/export-panel.js');
      const fake = { enqueue: async () => ({ result: { ok: false, error: { code: 'unsupported', message: 'no export for this', column: 3, length: 2, source: 'expression' } } }) };
      const panel = new ExportPanel(fake);
      const { panel: node } = panel.attach({ expr: "x'*A*x", wrt: 'x', decl: '', seed: 1 });
      node.id = 'export-panel-test';
      document.body.append(node);
      panel.setLanguage('numpy');
    });
    await page.waitForSelector('#export-panel-test[data-state="error"] [role=alert] .error-message:has-text("no export for this")');
    assert.equal(await page.locator('#export-panel-test .error-line mark').textContent(), '*A');
    assert.deepEqual(problems, []);
    await page.close();
  });
}
