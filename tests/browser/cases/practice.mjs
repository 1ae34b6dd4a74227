// practice.html (issue 20, SPEC 11 and 15): every topic generates 50 problems in the
// page's own engine worker that derive, pass their numeric check and typeset without a
// KaTeX error; a link reproduces its problem; a right answer written differently is
// graded correct and each kind of wrong answer gets the engine's verdict in
// #practice-verdict[data-verdict]; hints reveal one step at a time; progress survives a
// reload. The problems for the verdicts are found with the same generator and the engine
// in node (tests/browser/lib/engine.mjs), so the page is compared with the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage } from '../lib/harness.mjs';
import { loadEngine } from '../lib/engine.mjs';
import { generate } from '../../../web/js/practice/generate.js';
import { TOPICS } from '../../../web/js/practice/topics.js';

const PER_TOPIC = 50;

async function openProblem(suite, hash) {
  const opened = await openPage(suite, `practice.html${hash}`);
  await opened.page.waitForSelector('#practice[data-state=ready]', { timeout: 30_000 });
  return opened;
}

const shown = (page) => page.evaluate(() => {
  const { expr, wrt, decl, hessian, layout } = document.getElementById('practice').dataset;
  return { expr, wrt, decl, hessian: hessian === '1', layout };
});

// The top-level terms of a sum in the input language ("a + b*(c - d)" is ["a", "+ b*(c - d)"]).
function terms(text) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')') depth -= 1;
    else if (depth === 0 && i > 0 && (text[i] === '+' || text[i] === '-') && text[i - 1] === ' ') {
      out.push(text.slice(start, i).trim());
      start = i;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

// How a student gets each verdict from the right answer T of a problem (null: not from
// this problem).
const MISTAKES = {
  correct: (T) => `0.5*(2*(${T}))`,
  factor: (T) => `3*(${T})`,
  sign: (T) => `-(${T})`,
  transposed: (T) => `(${T})'`,
  // The Matrix Cookbook's convention for a symmetric variable: right, said to be another.
  convention: (T, p) => (/: (spd|symmetric)/.test(p.decl) ? `2*(${T}) - diag(diag(${T}))` : null),
  'missing-term': (T) => (terms(T).length > 1 ? terms(T).slice(0, -1).join(' ') : null),
  'extra-term': (T, p) => (p.hessian ? null : `${T} + 2*${p.wrt}`),
  // Two mistakes at once: the first term's sign flipped and a term added.
  'several-terms': (T, p) => {
    const ts = terms(T);
    return ts.length > 1 && !p.hessian ? `${[`-(${ts[0]})`, ...ts.slice(1)].join(' ')} + 2*${p.wrt}` : null;
  },
  'assumes-symmetric': (T) => (/\((\w) \+ \1'\)/.test(T) ? T.replace(/\((\w) \+ \1'\)/, '2*$1') : null),
  'wrong-shape': (T) => `sum(${T})`,
  different: (T) => `exp(${T})`,
};

// A problem (topic, level, seed) whose mistake `kind` gets that verdict from the engine.
async function problemFor(kind) {
  const engine = await loadEngine();
  const derive = async (p) => JSON.parse(engine.derive(p.expr, p.wrt, p.decl, 1, p.hessian, p.layout));
  for (let seed = 1; seed <= 40; seed += 1) {
    for (const topic of TOPICS) {
      for (const level of [1, 2, 3]) {
        const { problem: p, derivation } = await generate({ topic: topic.id, level, seed }, derive);
        const answer = MISTAKES[kind](derivation.result.text, p);
        if (!answer) continue;
        const verdict = JSON.parse(engine.checkAnswer(p.expr, p.wrt, p.decl, answer, 1, p.hessian, p.layout));
        if (verdict.ok && verdict.verdict === kind) return { link: { topic: topic.id, level, seed }, problem: p, answer };
      }
    }
  }
  throw new Error(`no generated problem gives the verdict ${kind}`);
}

const linkHash = ({ topic, level, seed }) => `#topic=${topic}&seed=${seed}${level > 1 ? `&level=${level}` : ''}`;

export default function register(suite) {
  test(`practice: every topic generates ${PER_TOPIC} problems that derive, check and typeset`, async () => {
    const { page, problems } = await openProblem(suite, '#topic=trace-trick&seed=1');
    const report = await page.evaluate(async (count) => {
      const [{ generate: make }, { TOPICS: topics }, { engine }, { programLatex, resultLatex }] = await Promise.all([
        import('./js/practice/generate.js'), import('./js/practice/topics.js'), import('./js/engine.js'),
        import('./js/derivation-view.js')]);
      const derive = (p) => engine.enqueue({ op: 'derive', ...p, seed: 1 }).then(({ result }) => result);
      const out = [];
      for (const topic of topics) {
        const seen = new Set();
        const failures = [];
        for (let seed = 1; seed <= count; seed += 1) {
          const level = 1 + (seed % 3);
          try {
            const { problem, derivation } = await make({ topic: topic.id, level, seed }, derive);
            seen.add(problem.expr);
            for (const latex of [programLatex(derivation), resultLatex(derivation), ...derivation.steps.map((s) => s.latex)]) {
              katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'ignore' });
            }
            if (!derivation.check.passed) failures.push(`${problem.expr}: check`);
          } catch (error) {
            failures.push(`level ${level} seed ${seed}: ${error.message}`);
          }
        }
        out.push({ topic: topic.id, distinct: seen.size, failures });
      }
      return out;
    }, PER_TOPIC);
    for (const { topic, distinct, failures } of report) {
      assert.deepEqual(failures, [], topic);
      // A grammar, not a list: most seeds give a problem of their own.
      assert.ok(distinct >= PER_TOPIC * 0.6, `${topic}: only ${distinct} distinct problems of ${PER_TOPIC}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('practice: a link reproduces its problem; Next problem makes a new link', async () => {
    const hash = '#topic=elementwise&seed=4242&level=2';
    const first = await openProblem(suite, hash);
    const problem = await shown(first.page);
    const second = await openProblem(suite, hash);
    assert.deepEqual(await shown(second.page), problem);
    assert.equal(new URL(second.page.url()).hash, hash);
    // The same problem as the generator gives in node with the engine there.
    const engine = await loadEngine();
    const { problem: expected } = await generate({ topic: 'elementwise', level: 2, seed: 4242 },
      async (p) => JSON.parse(engine.derive(p.expr, p.wrt, p.decl, 1, p.hessian, p.layout)));
    assert.deepEqual(problem, { ...expected, decl: expected.decl });

    await second.page.getByRole('button', { name: 'Next problem' }).click();
    await second.page.waitForFunction((old) => location.hash !== old, hash);
    await second.page.waitForSelector('#practice[data-state=ready]');
    assert.match(new URL(second.page.url()).hash, /^#topic=elementwise&seed=\d+&level=2$/);
    // Topics are links; following one shows that topic.
    await second.page.click('a[href*="topic=det-inverse"]');
    await second.page.waitForFunction(() => document.getElementById('practice').dataset.topic === 'det-inverse'
      && document.getElementById('practice').dataset.state === 'ready');
    assert.deepEqual([...first.problems, ...second.problems], []);
    await first.page.close();
    await second.page.close();
  });

  test('practice: a right answer is correct and each kind of wrong answer gets its verdict', async () => {
    for (const kind of [...Object.keys(MISTAKES), 'unreadable']) {
      const found = kind === 'unreadable'
        ? { link: { topic: 'quadratic-forms', level: 1, seed: 3 }, answer: '2*(x' }
        : await problemFor(kind);
      const { page, problems } = await openProblem(suite, linkHash(found.link));
      if (found.problem) assert.deepEqual(await shown(page), found.problem, kind);
      await page.fill('#practice-answer', found.answer);
      await page.getByRole('button', { name: 'Check' }).click();
      await page.waitForSelector('#practice-verdict[data-verdict]:not([aria-busy])');
      assert.equal(await page.getAttribute('#practice-verdict', 'data-verdict'), kind, `${found.answer} for ${JSON.stringify(found.link)}`);
      assert.ok((await page.textContent('#practice-verdict')).trim().length > 0);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('practice: hints one step at a time, then the derivation; progress is kept', async () => {
    const { page, problems } = await openProblem(suite, '#topic=quadratic-forms&seed=11');
    await page.evaluate(() => localStorage.removeItem('matcalc:practice'));
    const visibleSteps = () => page.locator('#hints li.step:visible').count();
    assert.equal(await visibleSteps(), 0);
    const total = await page.locator('#hints li.step').count();
    assert.ok(total >= 2, `${total} steps`);
    await page.click('#hint');
    assert.equal(await visibleSteps(), 1);
    await page.click('#hint');
    assert.equal(await visibleSteps(), 2);
    await page.click('#solution');
    assert.equal(await visibleSteps(), total);
    assert.ok(await page.locator('#hints .practice-solution .katex').first().isVisible());
    assert.equal(await page.locator('#hints .katex-error').count(), 0);

    const engine = await loadEngine();
    const p = await shown(page);
    const right = JSON.parse(engine.derive(p.expr, p.wrt, p.decl, 1, p.hessian, p.layout)).result.text;
    await page.fill('#practice-answer', right);
    await page.press('#practice-answer', 'Enter');
    await page.waitForSelector('#practice-verdict[data-verdict=correct]');
    await page.reload();
    await page.waitForSelector('#practice[data-state=ready]');
    assert.equal(await page.getAttribute('.topic-progress[data-topic=quadratic-forms]', 'data-solved'), '1');
    assert.deepEqual(problems, []);
    await page.close();
  });
}
