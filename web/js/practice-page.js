// practice.html: generated problems by topic and difficulty (practice/), graded by the
// engine's check-my-answer, with hints that reveal the derivation one step at a time and
// the whole derivation after.
//
// Flow: the fragment (#topic=NAME&seed=N[&level=L], practice/link.js) names the problem;
// practice/generate.js draws it and has the engine derive and check it (the worker's
// 'derive'), redrawing until it passes; the problem is shown and #practice gets
// data-state=ready with the problem in data-expr, data-wrt, data-decl (SPEC 11). "Check"
// asks the worker's 'check' and shows its verdict in #practice-verdict[data-verdict]
// (`correct`, another verdict name of the engine's vocabulary, or `unreadable` for an
// answer that cannot be read). Progress per topic: practice/progress.js.
import { feedbackFor, verdictLabels } from './answer-view.js';
import { checkLine, kindTitle, programLatex, resultMath, stepCheckLine, stepsList } from './derivation-view.js';
import { h, fill } from './dom.js';
import { engine } from './engine.js';
import { formatFragment } from './fragment.js';
import { generate } from './practice/generate.js';
import { formatLink, parseLink, randomSeed } from './practice/link.js';
import { progress, record } from './practice/progress.js';
import { TOPICS, topicById } from './practice/topics.js';
import { Typesetter } from './typesetter.js';

const $ = (id) => document.getElementById(id);
const practice = $('practice');
const title = $('problem-title');
const problemNode = $('problem');
const answerInput = $('practice-answer');
const verdictNode = $('practice-verdict');
const hintsNode = $('hints');
const hintButton = $('hint');
const solutionButton = $('solution');
const levelSelect = $('level');
const typesetter = new Typesetter();

let current = null; // {link, problem, derivation, steps: [li], shown, checked}
let ticket = 0;
let writtenHash = '';

// The engine derives a drawn problem (always seed 1 for its numeric check, so the same
// problem is checked the same way).
const derive = (problem) => engine.enqueue({ op: 'derive', ...problem, seed: 1 }).then(({ result }) => result);

function showTopics(active) {
  fill($('topics'), TOPICS.map((topic) => {
    const { tried, solved } = progress(topic.id);
    return h('li', {},
      h('a', { href: formatLink({ topic: topic.id, seed: randomSeed(), level: Number(levelSelect.value) }), 'aria-current': topic.id === active ? 'true' : null }, topic.title),
      h('span', { class: 'topic-progress', dataset: { topic: topic.id, solved: String(solved) } },
        tried || solved ? `${solved} solved of ${Math.max(tried, solved)}` : ''));
  }));
}

function writeLink(link) {
  const hash = formatLink(link);
  writtenHash = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

// The problem the fragment names; what it leaves out is chosen (the first topic, the
// difficulty chosen on the page, a random seed) and written back, so the link reproduces it.
function linkFromLocation() {
  const found = parseLink(location.hash);
  return {
    topic: found.topic || TOPICS[0].id,
    seed: found.seed || randomSeed(),
    level: found.level || (found.topic ? 1 : Number(levelSelect.value) || 1),
  };
}

async function load(link) {
  const mine = ++ticket;
  writeLink(link);
  levelSelect.value = String(link.level);
  showTopics(link.topic);
  practice.dataset.state = 'loading';
  practice.setAttribute('aria-busy', 'true');
  const topic = topicById(link.topic);
  fill(title, `${topic.title}: generating a problem…`);
  let made;
  try {
    made = await generate(link, derive);
  } catch (error) {
    if (mine !== ticket) return;
    practice.dataset.state = 'error';
    practice.removeAttribute('aria-busy');
    fill(title, `${topic.title}: no problem`);
    fill(problemNode, h('p', { class: 'card message error', role: 'alert' },
      `The engine could not make a problem: ${error.message}. Try another seed (“Next problem”).`));
    return;
  }
  if (mine !== ticket) return;
  await show(link, made);
}

async function show(link, { problem, derivation, shape }) {
  const mine = ticket;
  current = { link, problem, derivation, shown: 0, checked: false };
  const batch = typesetter.batch();
  const topic = topicById(link.topic);
  fill(title, `${topic.title} · level ${link.level}`, h('span', { class: 'visually-hidden' }, ` (${shape})`));
  const lhs = derivation.result?.lhs || `\\frac{\\partial f}{\\partial ${derivation.wrt}}`;
  const facts = [];
  if (problem.decl) facts.push(h('span', {}, 'declared: ', h('code', {}, problem.decl)));
  facts.push(h('span', {}, 'undeclared names: a–g scalars, h–z vectors, A–Z matrices'));
  const convention = derivation.convention || derivation.layout_note;
  fill(problemNode,
    h('p', { class: 'ask' }, `Find the ${kindTitle(derivation.kind).toLowerCase()} `,
      batch.add(h('span', { class: 'tex' }), lhs, {}), problem.layout ? ` in ${problem.layout} layout` : '', ' of'),
    batch.add(h('div', { class: 'tex problem-math' }), programLatex(derivation), { display: true }),
    convention ? h('p', { class: 'facts' }, convention) : null,
    h('p', { class: 'facts' }, facts.map((f, i) => [i ? ' · ' : '', f]).flat()));
  // The hints: every step, hidden until asked for; the result after the last.
  const list = stepsList(derivation.steps, batch, { idPrefix: 'practice-identity' });
  current.steps = [...list.querySelectorAll('li.step')];
  for (const step of current.steps) step.hidden = true;
  current.solution = h('div', { class: 'practice-solution', hidden: true },
    resultMath(derivation, batch), checkLine(derivation.check), stepCheckLine(derivation.step_check, derivation.steps?.length));
  fill(hintsNode, list, current.solution);
  answerInput.value = '';
  answerInput.removeAttribute('aria-invalid');
  fill(verdictNode);
  delete verdictNode.dataset.verdict;
  updateHintButtons();
  const calculator = new URL('index.html', location.href);
  calculator.hash = formatFragment({ ...problem, seed: 1 });
  $('open-calculator').href = calculator.href;
  await batch.run();
  if (mine !== ticket) return;
  Object.assign(practice.dataset, {
    expr: problem.expr, wrt: problem.wrt, decl: problem.decl,
    hessian: problem.hessian ? '1' : '', layout: problem.layout, topic: link.topic, seed: String(link.seed), level: String(link.level),
  });
  practice.dataset.state = 'ready';
  practice.removeAttribute('aria-busy');
}

function updateHintButtons() {
  const total = current?.steps?.length || 0;
  const left = total - (current?.shown || 0);
  hintButton.disabled = !current || left <= 0;
  fill(hintButton, left > 0 ? `Show a hint (step ${current.shown + 1} of ${total})` : 'No more hints');
  solutionButton.disabled = !current || !current.solution.hidden;
}

function showHint() {
  if (!current || current.shown >= current.steps.length) return;
  current.steps[current.shown].hidden = false;
  current.shown += 1;
  if (current.shown === current.steps.length) current.solution.hidden = false;
  updateHintButtons();
}

function showSolution() {
  if (!current) return;
  for (const step of current.steps) step.hidden = false;
  current.shown = current.steps.length;
  current.solution.hidden = false;
  updateHintButtons();
}

async function check() {
  if (!current) return;
  const { problem, link } = current;
  const answer = answerInput.value;
  const mine = ticket;
  if (!answer.trim()) {
    verdictNode.dataset.verdict = 'empty';
    fill(verdictNode, h('p', { class: 'feedback-hint' }, 'Type your answer first, then press Check (or Enter).'));
    return;
  }
  verdictNode.setAttribute('aria-busy', 'true');
  let outcome;
  let labels;
  try {
    [outcome, labels] = await Promise.all([
      engine.enqueue({ op: 'check', ...problem, answer, seed: 1 }).then(({ result }) => result),
      engine.vocabulary().then(verdictLabels, () => new Map()),
    ]);
  } catch (error) {
    if (mine !== ticket) return;
    verdictNode.removeAttribute('aria-busy');
    verdictNode.dataset.verdict = 'failed';
    fill(verdictNode, h('p', { class: 'error-message' }, `The engine could not check this answer: ${error.message}.`));
    return;
  }
  if (mine !== ticket || answerInput.value !== answer) return;
  const { node, invalid, verdict } = feedbackFor(outcome, answer, labels);
  verdictNode.removeAttribute('aria-busy');
  verdictNode.dataset.verdict = outcome?.ok ? verdict : 'unreadable';
  if (invalid) answerInput.setAttribute('aria-invalid', 'true');
  else answerInput.removeAttribute('aria-invalid');
  fill(verdictNode, node);
  record(link.topic, `${link.level}:${link.seed}`, Boolean(outcome?.ok && outcome.correct), !current.checked);
  current.checked = true;
  showTopics(link.topic);
}

$('answer-form').addEventListener('submit', (event) => {
  event.preventDefault();
  check();
});
answerInput.addEventListener('input', () => answerInput.removeAttribute('aria-invalid'));
hintButton.addEventListener('click', showHint);
solutionButton.addEventListener('click', showSolution);
$('next').addEventListener('click', () => {
  const link = current?.link || linkFromLocation();
  load({ ...link, seed: randomSeed() });
});
levelSelect.addEventListener('change', () => {
  const link = current?.link || linkFromLocation();
  load({ ...link, level: Number(levelSelect.value), seed: randomSeed() });
});
window.addEventListener('hashchange', () => {
  if (location.hash === writtenHash) return;
  load(linkFromLocation());
});

load(linkFromLocation());
