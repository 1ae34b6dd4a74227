// The URL fragment holds the whole state: opening a link reproduces the derivation,
// editing updates the link, and the copy buttons copy what they say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shownEquals } from '../lib/engine.mjs';
import { fragment, openPage, typeInto, waitForOutput } from '../lib/harness.mjs';

// Polls `read` until its value equals `wanted` (or satisfies it, if a function), for up
// to 5 s; returns the last value read.
async function eventually(read, wanted) {
  const ok = typeof wanted === 'function' ? wanted : (value) => value === wanted;
  let value;
  for (let i = 0; i < 50; i += 1) {
    value = await read();
    if (ok(value)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return value;
}

const shared = { expr: "a'*X*b", wrt: 'X', decl: 'a: vector(n); b: vector(m)', seed: '7' };

export default function register(suite) {
  test('a share link reproduces the derivation, and editing updates the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    assert.equal(await page.inputValue('#expr'), shared.expr);
    assert.equal(await page.inputValue('#decl'), shared.decl);
    assert.equal(await page.isChecked('#variables input[value="X"]'), true);
    assert.ok((await shownEquals(page, "a*b'", shared.decl)).ok);
    assert.match(await page.textContent('#output .check'), /seed\s*7/);

    await typeInto(page, '#expr', "a'*X*X'*a");
    await waitForOutput(page, { expr: "a'*X*X'*a", wrt: 'X', states: ['ok'] });
    const link = page.url();
    assert.ok(link.includes(`expr=${encodeURIComponent("a'*X*X'*a")}`), link);
    assert.ok(link.includes('wrt=X') && link.includes('seed=7'), link);
    const result = (await page.textContent('#output .result-text')).trim();

    const second = await openPage(suite, link);
    await waitForOutput(second.page, { expr: "a'*X*X'*a", wrt: 'X', states: ['ok'] });
    assert.equal((await second.page.textContent('#output .result-text')).trim(), result);
    assert.deepEqual(second.problems, []);
    await second.page.close();

    assert.deepEqual(problems, []);
    await page.close();
  });

  test('choosing another variable and re-running the check update the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    await page.check('#variables input[value="a"]');
    await waitForOutput(page, { expr: shared.expr, wrt: 'a', states: ['ok'] });
    assert.ok(page.url().includes('wrt=a'), page.url());
    assert.ok((await shownEquals(page, 'X*b', shared.decl)).ok);

    await page.click('#output button.rerun');
    await page.waitForFunction(() => !/seed=7(&|$)/.test(location.hash));
    const seed = /seed=(\d+)/.exec(page.url())[1];
    await page.waitForFunction((s) => document.querySelector('#output .check')?.textContent.includes(`seed${s}`)
      || document.querySelector('#output .check')?.textContent.includes(`seed ${s}`), seed);
    assert.equal(await page.getAttribute('#output .check', 'data-check'), 'passed');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('the copy buttons copy the LaTeX, the text and the link', async () => {
    const { page, problems } = await openPage(suite, fragment(shared));
    await waitForOutput(page, { expr: shared.expr, wrt: 'X', states: ['ok'] });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    const text = (await page.textContent('#output .result-text')).trim();
    const typeset = await page.textContent('#output .result-math annotation');
    await page.click('#output button:has-text("Copy LaTeX")');
    await page.waitForSelector('.copy-feedback:has-text("copied")');
    // The whole derivation as align* (SPEC 11): the function, every step with its rules,
    // the result as typeset; and KaTeX renders it.
    const latex = await clipboard();
    assert.match(latex, /^\\begin\{align\*\}\n[^]*\n\\end\{align\*\}$/);
    const rows = latex.split(' \\\\\n');
    const steps = await page.locator('#output li.step').count();
    assert.equal(rows.length, steps + 2, latex);
    assert.ok(rows.at(-1).replace(/\s+/g, '').includes(typeset.split('=').at(-1).replace(/\s+/g, '')), `${latex} ends with ${typeset}`);
    assert.match(rows[1], /&& \\text\{[a-z-]+/);
    // The whole of KaTeX (the calculator typesets with a smaller build, without align*).
    await page.evaluate(() => import('./js/tex.js').then(({ loadFullKatex }) => loadFullKatex()));
    assert.equal(await page.evaluate((tex) => {
      try {
        katex.renderToString(tex, { displayMode: true, throwOnError: true });
        return 'rendered';
      } catch (error) {
        return error.message;
      }
    }, latex), 'rendered');
    await page.click('#output button:has-text("Copy text")');
    assert.equal(await eventually(clipboard, text), text);
    await page.click('#output button:has-text("Copy link")');
    assert.equal(await eventually(clipboard, page.url()), page.url());
    await page.click('#output button:has-text("Copy embed code")');
    const snippet = await eventually(clipboard, (text) => text.startsWith('<iframe'));
    assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\.html#expr=/);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// "Download .tex" (issue 20): a standalone document of the whole derivation, which
// pdflatex (Debian's texlive-latex-base, installed by scripts/setup.sh) compiles with
// amsmath alone: a Gaussian's log-likelihood (Greek, logdet, inverse, symmetric) and a
// question through definitions.
export function registerLatexDocument(suite) {
  test('Download .tex: a document pdflatex compiles', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-tex-'));
    try {
      for (const [i, state] of [
        { expr: "0.5*logdet(S) + 0.5*(x-mu)'*inv(S)*(x-mu)", wrt: 'S', decl: 'S: spd(n)' },
        { expr: "P = M*M'\nQ = P - I\nf = tr(Q*Q')", wrt: 'M' },
      ].entries()) {
        const { page, problems } = await openPage(suite, fragment(state));
        await waitForOutput(page, { expr: state.expr, wrt: state.wrt, states: ['ok'] });
        const [download] = await Promise.all([page.waitForEvent('download'),
          page.click('#output button:has-text("Download .tex")')]);
        const file = path.join(dir, `derivation${i}.tex`);
        await download.saveAs(file);
        const source = fs.readFileSync(file, 'utf8');
        assert.match(source, /\\usepackage\{amsmath\}[^]*\\begin\{align\*\}[^]*\\end\{align\*\}[^]*\\end\{document\}/);
        const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', path.basename(file)],
          { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        assert.equal(run.error, undefined, 'pdflatex runs (scripts/setup.sh installs texlive-latex-base)');
        assert.equal(run.status, 0, `${source}\n${run.stdout.slice(-1500)}`);
        assert.ok(fs.statSync(file.replace(/\.tex$/, '.pdf')).size > 1000);
        assert.deepEqual(problems, []);
        await page.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

export function registerOptions(suite) {
  test('options (Hessian, layout) are part of the link', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*A*x&wrt=x&hessian=1");
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.equal(await page.isChecked('#hessian'), true);
    assert.match(await page.textContent('#result-title'), /^Hessian/);
    assert.ok((await shownEquals(page, "A + A'")).ok);

    await page.fill('#expr', 'W*X');
    await page.check('#variables input[value="W"]');
    await page.uncheck('#hessian');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    const numerator = (await page.textContent('#output .result-text')).trim();
    await page.selectOption('#layout', 'denominator');
    await page.waitForFunction(() => /layout=denominator/.test(location.hash) && !/hessian/.test(location.hash));
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    assert.match(await page.textContent('#result-title'), /^Jacobian/);
    // The denominator layout is the transpose of the standard (numerator) one.
    const same = await shownEquals(page, `(${numerator})'`);
    assert.ok(same.ok, `${same.shown} should be the transpose of ${numerator}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
