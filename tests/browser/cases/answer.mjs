// Check my answer on the main page: under the derivation, the student's own answer for
// the current expression and variable gets the engine's verdict — right (also when
// written differently), or the kind of mistake, or the column where it cannot be read;
// the link carries the answer; a new question clears the verdict; in the other layout
// the answer is read in that layout; a hostile answer in a link is only text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injected, openPage, waitForOutput as outputShown } from '../lib/harness.mjs';

// The card loads once the page is idle after its first derivation (web/js/later-card.js):
// a derivation on screen, then the card beside it.
async function waitForOutput(page, options) {
  const state = await outputShown(page, options);
  if (state === 'ok') await page.waitForSelector('#answer-card:not([hidden]) .answer', { timeout: 15_000 });
  return state;
}

// Submits `answer` in the main page's card (typed, then Enter) and returns the verdict.
async function check(page, answer) {
  await page.fill('#answer-input', answer);
  await page.press('#answer-input', 'Enter');
  return shownVerdict(page, answer);
}

async function shownVerdict(page, answer) {
  await page.waitForFunction((text) => {
    const box = document.querySelector('#answer-card .answer');
    return box?.dataset.checked === text && ['correct', 'wrong', 'error'].includes(box.dataset.state);
  }, answer);
  const box = page.locator('#answer-card .answer');
  return {
    state: await box.getAttribute('data-state'),
    verdict: await box.getAttribute('data-verdict'),
    text: await page.textContent('#answer-feedback'),
  };
}

export default function register(suite) {
  test('check my answer: right in any form, the kind of mistake, the column, the link', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*W*W'*x&wrt=W");
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    assert.equal(await page.isVisible('#answer-card'), true);
    assert.match(await page.textContent('#answer-card label'), /gradient with respect to W/);

    for (const right of ["2*x*x'*W", "x*x'*W + x*x'*W", "(W'*x*x')'*2"]) {
      const shown = await check(page, right);
      assert.equal(shown.state, 'correct', `${right}: ${shown.text}`);
    }
    await page.waitForFunction(() => location.hash.includes(`answer=${encodeURIComponent("(W'*x*x')'*2")}`));

    const factor = await check(page, "x*x'*W");
    assert.deepEqual([factor.state, factor.verdict], ['wrong', 'factor']);
    assert.match(factor.text, /wrong factor/);
    assert.match(factor.text, /2 times your answer/);
    const transposed = await check(page, "2*W'*x*x'");
    assert.deepEqual([transposed.state, transposed.verdict], ['wrong', 'transposed']);

    const broken = await check(page, "2*x*x'*(W");
    assert.equal(broken.state, 'error');
    assert.match(await page.textContent('#answer-feedback .error-message'), /\(column 8\)$/);
    assert.equal(await page.textContent('#answer-feedback mark'), '(');
    assert.equal(await page.getAttribute('#answer-input', 'aria-invalid'), 'true');

    // A link with the answer checks it on opening.
    await check(page, "x*x'*W");
    const second = await openPage(suite, page.url());
    const reopened = await shownVerdict(second.page, "x*x'*W");
    assert.deepEqual([reopened.state, reopened.verdict], ['wrong', 'factor']);
    assert.deepEqual(second.problems, []);
    await second.page.close();

    // A new question clears the verdict, and the answer leaves the link.
    await page.check('#variables input[value="x"]');
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'x', states: ['ok'] });
    assert.equal(await page.getAttribute('#answer-card .answer', 'data-state'), 'idle');
    assert.equal(await page.textContent('#answer-feedback'), '');
    assert.match(await page.textContent('#answer-card label'), /with respect to x/);
    await page.waitForFunction(() => !location.hash.includes('answer='));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('check my answer in numerator layout, and for a Hessian', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*A*x&wrt=x&layout=numerator");
    await waitForOutput(page, { expr: "x'*A*x", wrt: 'x', states: ['ok'] });
    assert.match(await page.textContent('#answer-card'), /numerator layout/);
    // The engine reads the answer in the layout shown (checkAnswer's layout), as typed.
    const right = await check(page, "x'*(A+A')");
    assert.equal(right.state, 'correct', right.text);
    assert.doesNotMatch(right.text, /denominator/);
    assert.match(await page.textContent('#answer-feedback .read-as'), /read as/);
    const column = await check(page, "(A+A')*x");
    assert.deepEqual([column.state, column.verdict], ['wrong', 'transposed']);
    assert.match(column.text, /numerator-layout answer/);
    assert.doesNotMatch(column.text, /denominator-layout/);
    const broken = await check(page, "x'*(A+A'");
    assert.equal(broken.state, 'error');
    assert.equal(await page.textContent('#answer-feedback mark'), '(', 'the column is in the answer as typed');

    await page.goto(new URL("#expr=norm2(A*x-b)^2&wrt=x&hessian=1", suite.baseUrl).href);
    await page.reload();
    await waitForOutput(page, { expr: 'norm2(A*x-b)^2', wrt: 'x', states: ['ok'] });
    assert.match(await page.textContent('#answer-card label'), /Hessian with respect to x/);
    assert.equal((await check(page, "2*A'*A")).state, 'correct');
    const half = await check(page, "A'*A");
    assert.deepEqual([half.state, half.verdict], ['wrong', 'factor']);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('check my answer: a Jacobian in denominator layout, and the default layout unchanged', async () => {
    const { page, problems } = await openPage(suite, '#expr=W*X&wrt=W&layout=denominator');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    assert.match(await page.textContent('#answer-card'), /denominator layout/);
    const right = await check(page, 'kron(X, eye(n))');
    assert.equal(right.state, 'correct', right.text);
    assert.doesNotMatch(right.text, /numerator/);
    const transposed = await check(page, "kron(X', eye(n))");
    assert.deepEqual([transposed.state, transposed.verdict], ['wrong', 'transposed']);

    // Back to the default layout: no layout note, and the vec-layout answer is right.
    await page.selectOption('#layout', '');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    await page.waitForFunction(() => document.querySelector('.answer-layout-note').hidden);
    assert.equal((await check(page, "kron(X', eye(n))")).state, 'correct');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a hostile answer in a link is checked as text and runs no script', async () => {
    const answer = '<img src=x onerror=alert(1)>';
    const { page, problems, dialogs } = await openPage(suite, `#expr=x'*x&answer=${encodeURIComponent(answer)}`);
    const shown = await shownVerdict(page, answer);
    assert.equal(shown.state, 'error');
    assert.equal(await page.inputValue('#answer-input'), answer);
    assert.equal(await page.textContent('#answer-feedback .error-line'), answer);
    assert.deepEqual(await page.evaluate(injected), []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

// Issue 14: a Jacobian's answer in the backprop form the page shows is named as such (the
// engine's verdict backprop-form since issue 20), and a wrong shape is said once.
export function registerBackprop(suite) {
  test('check my answer: the backprop form of a Jacobian is recognised, the wrong shape said at most once', async () => {
    const { page, problems } = await openPage(suite, '#expr=W*X&wrt=W');
    await waitForOutput(page, { expr: 'W*X', wrt: 'W', states: ['ok'] });
    await page.fill('#answer-input', "G*X'");
    await page.click('#answer-card button[type=submit]');
    await page.waitForSelector('#answer-card .answer[data-state="wrong"][data-verdict="backprop-form"]');
    await page.waitForSelector('#answer-card [data-also="backprop"] .katex');
    const feedback = await page.textContent('#answer-card .answer-feedback');
    assert.match(feedback, /backpropagation form/);
    assert.match(feedback, /not as the Jacobian/);
    assert.ok((feedback.match(/wrong shape/gi) || []).length <= 1, feedback);
    // A plain wrong answer gets no such line.
    await page.fill('#answer-input', "X'");
    await page.click('#answer-card button[type=submit]');
    await page.waitForSelector(`#answer-card .answer[data-checked="X'"]:not([data-state="checking"])`);
    assert.equal(await page.locator('#answer-card [data-also]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
