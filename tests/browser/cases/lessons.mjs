// The lessons (lessons.html, content/lessons/): every lesson opens with every derive
// block derived, typeset without a KaTeX error and numerically checked; every
// exercise accepts its `answer` and rejects its `wrong` with the verdict FORMAT.md says
// (wrong_verdict); an unreadable answer shows its column; hints, answers, contents and
// previous/next work, with the keyboard too; a hostile route runs nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { injected, openPage, root } from '../lib/harness.mjs';
import { loadEngine } from '../lib/engine.mjs';
import { parseLesson } from '../../../web/js/lesson-format.js';

const lessonsDir = path.join(root, 'content', 'lessons');
const index = JSON.parse(fs.readFileSync(path.join(lessonsDir, 'index.json'), 'utf8'));
const lessons = index.map((entry) => ({
  entry, lesson: parseLesson(fs.readFileSync(path.join(lessonsDir, entry.file), 'utf8')),
}));
const blocks = (lesson, type) => lesson.nodes.filter((node) => node.type === type);

// The label of each verdict, from the engine's vocabulary (the page shows the same).
async function verdictLabels() {
  const vocabulary = JSON.parse((await loadEngine()).vocabulary());
  return new Map(vocabulary.verdicts.map((verdict) => [verdict.name, verdict.label]));
}

// Opens a lesson in `page` (a fresh load, or a hash change in the page already open)
// and waits until all its derive blocks are shown.
async function openLesson(page, suite, id, { fresh = false } = {}) {
  const url = new URL(`lessons.html#lesson=${id}`, suite.baseUrl).href;
  if (fresh || !page.url().includes('lessons.html')) await page.goto(url);
  else await page.evaluate((hash) => { location.hash = hash; }, `lesson=${id}`);
  await page.waitForFunction((wanted) => {
    const view = document.getElementById('lesson-view');
    return view.dataset.lesson === wanted && view.dataset.state === 'ready';
  }, id, { timeout: 30_000 });
}

// Types `answer` into an exercise, submits it with Enter, and returns what the box shows.
async function submit(page, id, answer) {
  const input = page.locator(`#exercise-${id}-input`);
  await input.fill(answer);
  await input.press('Enter');
  const box = page.locator(`#exercise-${id} .answer`);
  await page.waitForFunction(([selector, text]) => {
    const element = document.querySelector(selector);
    return element.dataset.checked === text && ['correct', 'wrong', 'error'].includes(element.dataset.state);
  }, [`#exercise-${id} .answer`, answer]);
  return {
    state: await box.getAttribute('data-state'),
    verdict: await box.getAttribute('data-verdict'),
    tag: (await box.locator('.verdict-tag').allTextContents()).join('').replace(/^kind of mistake: /, ''),
    text: await box.locator('.answer-feedback').textContent(),
  };
}

export default function register(suite) {
  test('every lesson: derivations checked, no KaTeX error, every exercise right and wrong', async () => {
    const { page, problems, dialogs } = await openPage(suite);
    const labels = await verdictLabels();
    let derived = 0;
    let exercised = 0;
    for (const { entry, lesson } of lessons) {
      await openLesson(page, suite, entry.id);
      const where = entry.file;
      assert.equal((await page.textContent('#lesson-title')).trim(), entry.title, where);
      const derives = await page.$$eval('.lesson > .lesson-derive', (figures) =>
        figures.map((f) => ({ expr: f.dataset.expr, wrt: f.dataset.wrt, state: f.dataset.state, check: f.dataset.check,
          steps: f.querySelectorAll('.step').length, result: Boolean(f.querySelector('.result-math .katex')),
          stepCheck: f.querySelector('.step-check')?.dataset.stepCheck ?? 'none' })));
      assert.deepEqual(derives.map((d) => [d.expr, d.wrt]), blocks(lesson, 'derive').map((b) => [b.expr, b.wrt]), where);
      for (const d of derives) {
        assert.deepEqual([d.state, d.check, d.result], ['ok', 'passed', true], `${where}: ${d.expr} wrt ${d.wrt}`);
        assert.ok(d.steps >= 2, `${where}: ${d.expr}: steps shown`);
        assert.equal(d.stepCheck, 'passed', `${where}: ${d.expr}: each step checked numerically`);
      }
      derived += derives.length;
      assert.equal(await page.locator('.katex-error, .tex-error, .lesson-invalid').count(), 0, `${where}: a formula failed`);
      assert.equal(await page.locator('.rule-card').count(), blocks(lesson, 'rule').length, where);
      assert.equal(await page.locator('.rule-card[data-state="ok"] .rule-identity .katex').count(),
        blocks(lesson, 'rule').length, `${where}: rule blocks show their identity`);

      for (const exercise of blocks(lesson, 'exercise')) {
        const right = await submit(page, exercise.id, exercise.answer);
        assert.equal(right.state, 'correct', `${exercise.id}: ${exercise.answer} → ${right.text}`);
        const wrong = await submit(page, exercise.id, exercise.wrong);
        assert.equal(wrong.state, 'wrong', `${exercise.id}: ${exercise.wrong} → ${wrong.text}`);
        assert.equal(wrong.verdict, exercise.wrong_verdict, `${exercise.id}: ${exercise.wrong} → ${wrong.text}`);
        assert.equal(wrong.tag, labels.get(exercise.wrong_verdict), `${exercise.id}: the kind of mistake is shown`);
        assert.ok(wrong.text.length > 20, `${exercise.id}: the engine's message is shown`);
        exercised += 1;
      }
      assert.equal(await page.locator('.katex-error').count(), 0, `${where}: feedback typeset`);
    }
    console.log(`# ${lessons.length} lessons, ${derived} derivations, ${exercised} exercises`);
    assert.ok(derived >= 9 && exercised >= 18);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('an unreadable answer shows its message with the column marked; editing clears the mark', async () => {
    const { page, problems } = await openPage(suite);
    const { entry, lesson } = lessons[2];
    const exercise = blocks(lesson, 'exercise')[0];
    await openLesson(page, suite, entry.id, { fresh: true });
    const broken = `(${exercise.answer}`;
    const shown = await submit(page, exercise.id, broken);
    assert.equal(shown.state, 'error');
    const feedback = page.locator(`#exercise-${exercise.id}-feedback`);
    assert.match(await feedback.locator('.error-message').textContent(), /\(column \d+\)$/);
    const column = Number((await feedback.locator('.error-column').textContent()).match(/\d+/)[0]);
    assert.equal(await feedback.locator('.error-line').textContent(), broken);
    assert.equal(await feedback.locator('mark').textContent(), Array.from(broken)[column - 1]);
    assert.equal(await page.getAttribute(`#exercise-${exercise.id}-input`, 'aria-invalid'), 'true');

    // An answer that reads but does not fit together is marked where it fails.
    const misfit = await submit(page, exercise.id, 'x*y');
    assert.equal(misfit.state, 'wrong');
    assert.equal(misfit.verdict, 'wrong-shape');
    assert.equal(await feedback.locator('mark').count(), 1);

    await page.locator(`#exercise-${exercise.id}-input`).fill(exercise.answer);
    assert.equal(await page.getAttribute(`#exercise-${exercise.id}-input`, 'aria-invalid'), null);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('keyboard only: reach an exercise, check an answer, open the hint and the answer', async () => {
    const { page, problems } = await openPage(suite);
    const { entry, lesson } = lessons[0];
    const exercise = blocks(lesson, 'exercise')[0];
    await openLesson(page, suite, entry.id, { fresh: true });
    await page.focus(`#exercise-${exercise.id}-input`);
    await page.keyboard.type(exercise.answer);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`#exercise-${exercise.id} .answer[data-state="correct"]`);
    await page.keyboard.press('Tab'); // the Check button
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => document.activeElement.textContent);
    assert.ok(['Show a hint', 'Show the answer'].includes(label), label);
    if (exercise.hint) {
      assert.equal(label, 'Show a hint');
      await page.keyboard.press('Enter');
      assert.equal(await page.isVisible(`#exercise-${exercise.id}-hint`), true);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter'); // Show the answer
    const solution = page.locator(`#exercise-${exercise.id}-solution`);
    await solution.locator('.lesson-derive[data-state="ok"][data-check="passed"]').waitFor();
    assert.equal(await solution.locator('.solution-text').textContent(), exercise.answer);
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused button shows its focus');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('lessons are linked from the page header; contents and previous/next walk through them', async () => {
    const { page, problems } = await openPage(suite, '#expr=');
    await page.click('.masthead a[href="lessons.html"]');
    await page.waitForSelector('#lesson-view[data-state="ready"] .lesson-contents');
    const titles = await page.$$eval('.lesson-contents .lesson-title', (nodes) => nodes.map((n) => n.textContent));
    assert.deepEqual(titles, index.map((entry) => entry.title));
    assert.equal(await page.locator('.lesson-summary .katex').count() > 0, true, 'summaries typeset');

    await page.click(`.lesson-contents a[href="#lesson=${index[0].id}"]`);
    await page.waitForSelector(`#lesson-view[data-lesson="${index[0].id}"][data-state="ready"]`);
    assert.equal(await page.locator('.pager .prev').count(), 0);
    await page.click('.pager .next');
    await page.waitForSelector(`#lesson-view[data-lesson="${index[1].id}"][data-state="ready"]`);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lesson-title', 'focus moves to the new lesson');
    assert.match(await page.title(), new RegExp(index[1].title));
    await page.click('.pager .prev');
    await page.waitForSelector(`#lesson-view[data-lesson="${index[0].id}"][data-state="ready"]`);
    await page.click('.lesson-crumbs a');
    await page.waitForSelector('#lesson-view[data-state="ready"] .lesson-contents');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a hostile lesson route shows as text and runs no script', async () => {
    const { page, problems, dialogs } = await openPage(suite);
    const routes = [
      '<img src=x onerror=alert(1)>',
      '"><script>alert(2)</script>',
      '../../../etc/passwd',
      'javascript:alert(3)',
      '%E0%A4%A',
    ];
    for (const [i, route] of routes.entries()) {
      if (i % 2 === 0) await page.goto('about:blank');
      await page.goto(new URL(`lessons.html#lesson=${route}`, suite.baseUrl).href);
      await page.waitForSelector('#lesson-view[data-state="ready"] .lesson-contents');
      const notice = await page.textContent('#lesson-view .notice');
      assert.ok(notice.includes(route.startsWith('%') ? route : decodeURIComponent(encodeURIComponent(route))), notice);
      assert.deepEqual(await page.evaluate(injected), [], route);
    }
    assert.deepEqual(dialogs, []);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
