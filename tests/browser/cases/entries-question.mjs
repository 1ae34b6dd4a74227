// A question asked entry by entry (SPEC section 14, issue 22) pasted in the main field:
// seed 000's question in LaTeX and in Unicode. The result card and the index view show
// the question as typed first ("asked: …", LaTeX typeset, Unicode as it is), then the
// answer entry by entry (∂F_ij/∂M_xy = δ_ix M_jy + M_iy δ_jx) before the matrix form, and
// the note of kind `entries` (what the 4-index object is as a matrix, and what
// "∂P/∂M = 2M" stands for) beside it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, waitForOutput } from '../lib/harness.mjs';

const LATEX = '\\frac{\\partial(\\sum_k m_{ik} m_{jk})}{\\partial m_{xy}}';
const UNICODE = '∂(Σₖ m_ik m_jk)/∂m_xy';
const ANSWER = /\\frac\{\\partialF_\{ij\}\}\{\\partialM_\{xy\}\}=\\delta_\{ix\}M_\{jy\}\+M_\{iy\}\\delta_\{jx\}/;

const compact = (s) => s.replace(/\s+/g, '').replace(/^\\displaystyle/, '');
const sources = (page, selector) => page.$$eval(`${selector} annotation`, (nodes) => nodes.map((n) => n.textContent));

async function indexState(page) {
  const handle = await page.waitForFunction(() => {
    const view = document.getElementById('index-steps');
    return view && ['ok', 'unsupported', 'failed'].includes(view.dataset.state) && view.dataset.state;
  }, null, { timeout: 20_000 });
  return handle.jsonValue();
}

// The block of a question asked by entries in `scope`: the typed question first, as
// LaTeX (typeset) or as text, then the answer entry by entry.
async function checkAsked(page, scope, typed, form) {
  const block = page.locator(`${scope} .entries-question`);
  assert.equal(await block.count(), 1, `${scope}: one block for the question as asked`);
  assert.equal(await block.isVisible(), true);
  const asked = block.locator('.asked');
  assert.match(await asked.locator('.asked-label').textContent(), /asked/);
  assert.equal(await asked.locator('.asked-typed').getAttribute('data-typed'), typed);
  if (form === 'latex') {
    await page.waitForFunction((s) => document.querySelector(`${s} .asked-line[data-form=latex] .katex`), scope);
    const [tex] = await sources(page, `${scope} .asked`);
    assert.equal(compact(tex), compact(typed), `${scope}: the typed LaTeX, typeset`);
  } else {
    assert.equal(await asked.locator('.asked-line[data-form=text]').textContent(), typed, `${scope}: the typed text as it is`);
    assert.equal(await asked.locator('.katex').count(), 0);
  }
  // The question comes before the answer entry by entry, which comes before the rest.
  const order = await page.$eval(`${scope} .entries-question`, (node) => {
    const a = node.querySelector('.asked');
    const r = node.querySelector('.entries-result');
    return Boolean(a && r && (a.compareDocumentPosition(r) & Node.DOCUMENT_POSITION_FOLLOWING));
  });
  assert.ok(order, `${scope}: asked first, then the answer`);
  const answer = (await sources(page, `${scope} .entries-result`)).map(compact);
  assert.ok(answer.some((s) => ANSWER.test(s)), `${scope}: the index answer: ${answer.join(' | ')}`);
}

export default function register(suite) {
  for (const [name, typed, form] of [['LaTeX', LATEX, 'latex'], ['Unicode', UNICODE, 'text']]) {
    test(`entries: seed 000's question in ${name} shows the question as typed and the index answer`, async () => {
      const { page, problems } = await openPage(suite, '#');
      await page.fill('#expr', typed);
      await waitForOutput(page, { expr: typed, states: ['ok'], timeout: 20_000 });
      assert.equal(await page.getAttribute('#output', 'data-wrt'), 'M');
      // The result card: the question as typed, the answer entry by entry, then the
      // matrix form (SPEC 11 hooks kept), and the entries note next to it.
      assert.equal(await page.getAttribute('#output .result', 'data-asked-by-entries'), 'true');
      await page.locator('#output .result .entries-result .katex').first().waitFor();
      await checkAsked(page, '#output .result', typed, form);
      const before = await page.$eval('#output .result', (card) => Boolean(card.querySelector('.entries-question')
        .compareDocumentPosition(card.querySelector('.result-math')) & Node.DOCUMENT_POSITION_FOLLOWING));
      assert.ok(before, 'the entries answer comes before the matrix form');
      assert.match(await page.textContent('#output [data-result-text]'), /kron\(eye\(n\), M\)\*commutation\(n, m\) \+ kron\(M, eye\(n\)\)/);
      const note = page.locator('#output .result [role=note][data-kind="entries"]');
      assert.equal(await note.count(), 1, 'the entries note in the result card');
      assert.equal(await note.isVisible(), true);
      assert.match(await note.textContent(), /dF_ij\/dM_xy = delta_ix\*M_jy \+ M_iy\*delta_jx/);
      assert.match(await note.textContent(), /2\*M/, 'what "dP/dM = 2M" stands for');

      // The index view: the question as typed first, f in index form, the answer, the
      // entries note, then the index route's steps.
      await page.getByRole('button', { name: /index/ }).click();
      assert.equal(await indexState(page), 'ok');
      await page.locator('#index-steps .entries-result .katex').first().waitFor();
      await checkAsked(page, '#index-steps', typed, form);
      const first = await page.$eval('#index-steps', (view) => view.firstElementChild?.classList.contains('entries-question'));
      assert.ok(first, 'the question as typed is the index view\'s first line');
      const fn = (await sources(page, '#index-steps .entries-function')).map(compact);
      assert.ok(fn.some((s) => s === 'F_{ij}=M_{ik}M_{jk}'), `f in index form: ${fn.join(' | ')}`);
      const indexNote = page.locator('#index-steps [role=note][data-kind="entries"]');
      assert.equal(await indexNote.count(), 1);
      assert.equal(await indexNote.isVisible(), true);
      assert.ok(await page.locator('#index-steps li.step').count() >= 3, 'the index route\'s steps follow');
      assert.equal(await page.locator('.katex-error').count(), 0);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  test('entries: a plain question keeps the result card and index view as before', async () => {
    const { page, problems } = await openPage(suite, "#expr=M*M'&wrt=M&route=index");
    await waitForOutput(page, { expr: "M*M'", wrt: 'M', states: ['ok'] });
    assert.equal(await indexState(page), 'ok');
    assert.equal(await page.locator('#output .entries-question').count(), 0);
    assert.equal(await page.locator('#output .result[data-asked-by-entries]').count(), 0);
    assert.equal(await page.locator('#index-steps .index-summary').count(), 1);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
