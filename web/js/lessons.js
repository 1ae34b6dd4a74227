// lessons.html: the table of contents of content/lessons/index.json, or one lesson,
// chosen by the URL fragment: lessons.html#lesson=trace-trick (the lesson's id from
// index.json). The fragment only ever selects a lesson from index.json; anything else
// in it is shown as text (an unknown lesson) and never used as a URL.
//
// A lesson's file is fetched, parsed (lesson-format.js) and rendered (lesson-view.js);
// its derive blocks are sent to the engine worker in order, and the article's
// data-state becomes 'ready' once all of them are shown (the tests wait on it).
import { h, fill } from './dom.js';
import { engine as client } from './engine.js';
import { parseLesson } from './lesson-format.js';
import { inline, renderLessonBody } from './lesson-view.js';
import { loadRules } from './rules-table.js';
import { warmUp } from './tex.js';

const view = document.getElementById('lesson-view');
const statusLine = document.getElementById('status');
const lessonsUrl = new URL('../content/lessons/', import.meta.url);
const rules = loadRules();
rules.catch(() => {}); // shown where a rule is used
let generation = 0;
let index = null;

function lessonIdFromHash(hash) {
  for (const part of String(hash).replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === 'lesson') {
      try {
        return decodeURIComponent(part.slice(eq + 1));
      } catch {
        return part.slice(eq + 1);
      }
    }
  }
  return '';
}

const lessonHref = (entry) => `#lesson=${encodeURIComponent(entry.id)}`;
const ctxFor = (number, mine) => ({ client, rules, number, isCurrent: () => mine === generation });

function setStatus(text, kind = 'ready') {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

async function loadIndex() {
  index ??= fetch(new URL('index.json', lessonsUrl)).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status} for the list of lessons`);
    return response.json();
  }).then((list) => list.filter((entry) => entry && typeof entry.id === 'string' && typeof entry.file === 'string'));
  return index;
}

async function route({ focus = false } = {}) {
  const mine = ++generation;
  const id = lessonIdFromHash(location.hash);
  let list;
  try {
    list = await loadIndex();
  } catch (error) {
    index = null;
    showMessage(`The lessons could not be loaded: ${error.message}.`);
    return;
  }
  if (mine !== generation) return;
  const at = list.findIndex((entry) => entry.id === id);
  if (at < 0) {
    showContents(list, id);
  } else {
    await showLesson(list, at, mine);
  }
  if (focus && mine === generation) {
    window.scrollTo(0, 0);
    view.querySelector('h1')?.focus();
  }
}

function showMessage(text) {
  view.dataset.state = 'error';
  fill(view, h('p', { class: 'card message error', role: 'alert' }, text));
  setStatus(text, 'error');
}

function showContents(list, unknownId) {
  document.title = 'Lessons — matcalc';
  view.dataset.state = 'ready';
  view.dataset.lesson = '';
  const ctx = ctxFor(0, generation);
  fill(view,
    unknownId ? h('p', { class: 'notice', role: 'alert' },
      `There is no lesson “${unknownId}”. Here are all of them:`) : null,
    h('header', { class: 'lesson-header' },
      h('h1', { tabindex: '-1' }, 'Lessons'),
      h('p', { class: 'lesson-intro' }, 'Matrix calculus by differentials, in eleven short lessons. ',
        'Every derivation in them is computed by the engine as you read, with its numeric check, ',
        'and every lesson ends with exercises it checks for you.')),
    h('ol', { class: 'lesson-contents' }, list.map((entry, i) => h('li', {},
      h('a', { href: lessonHref(entry) },
        h('span', { class: 'lesson-number' }, `${i + 1}`),
        h('span', { class: 'lesson-title' }, entry.title)),
      entry.summary ? h('p', { class: 'lesson-summary' }, inline(entry.summary, ctx)) : null))));
  setStatus(`${list.length} lessons.`);
}

async function showLesson(list, at, mine) {
  const entry = list[at];
  const number = at + 1;
  view.dataset.lesson = entry.id;
  view.dataset.state = 'loading';
  setStatus(`Loading lesson ${number}…`, 'busy');
  let source;
  try {
    const response = await fetch(new URL(entry.file, lessonsUrl));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    source = await response.text();
  } catch (error) {
    if (mine === generation) showMessage(`Lesson ${number} could not be loaded: ${error.message}.`);
    return;
  }
  if (mine !== generation) return;
  const lesson = parseLesson(source);
  const title = lesson.title || entry.title;
  document.title = `${title} — matcalc lessons`;
  const { nodes, done } = renderLessonBody(lesson, ctxFor(number, mine));
  fill(view, h('article', { class: 'lesson', 'aria-labelledby': 'lesson-title' },
    h('header', { class: 'lesson-header' },
      h('p', { class: 'lesson-crumbs' }, h('a', { href: '#' }, 'Lessons'), ` › Lesson ${number} of ${list.length}`),
      h('h1', { id: 'lesson-title', tabindex: '-1' }, title)),
    nodes,
    pager(list, at)));
  setStatus(`Lesson ${number}: working out its derivations…`, 'busy');
  const outcomes = await done;
  if (mine !== generation) return;
  const failed = outcomes.filter((outcome) => outcome !== 'ok').length;
  view.dataset.state = 'ready';
  setStatus(failed
    ? `Lesson ${number}: ${failed} of ${outcomes.length} derivations could not be shown.`
    : `Lesson ${number}: ${outcomes.length} derivations, each checked numerically.`, failed ? 'warning' : 'ready');
}

// Previous and next lesson.
function pager(list, at) {
  const link = (entry, rel, label) => entry && h('a', { class: `pager-link ${rel}`, href: lessonHref(entry), rel },
    h('span', { class: 'pager-label' }, label), h('span', { class: 'pager-title' }, entry.title));
  return h('nav', { class: 'pager', 'aria-label': 'Lessons' },
    link(list[at - 1], 'prev', `← Lesson ${at}`) || h('span'),
    link(list[at + 1], 'next', `Lesson ${at + 2} →`) || h('a', { class: 'pager-link next', href: '#' },
      h('span', { class: 'pager-label' }, 'The end'), h('span', { class: 'pager-title' }, 'All lessons')));
}

window.addEventListener('hashchange', () => route({ focus: true }));
client.addEventListener('failed', (event) => setStatus(`${event.detail.message}. Reload the page to try again.`, 'error'));
route();
if (!client.ready) setTimeout(warmUp, 0);
