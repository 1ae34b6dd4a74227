// The matcalc page: the expression and declarations a visitor types, the variable they
// choose, and the derivation the engine worker returns.
//
// Flow: every edit (debounced) writes the state into the URL fragment and sends one
// 'analyze' request to the worker; its parse arrives first (preview, variables, errors
// under the fields), then the derivation (result, numeric check, steps). Each request
// gets a ticket and only the latest ticket's answers are shown, so typing is never
// held up by an older, slower answer. The worker's watchdog lives in EngineClient.
// Under the derivation, the "Check my answer" card (answer-card.js, loaded once the page
// is idle: later-card.js).
import { checkVerdict, kindTitle, programLatex } from './derivation-view.js';
import { h, fill } from './dom.js';
import { SupersededError, TimeoutError } from './engine-client.js';
import { engine as client } from './engine.js';
import { errorView } from './error-view.js';
import { ExportPanel } from './export-panel.js';
import { formatFragment, newSeed, parseFragment } from './fragment.js';
import { formatShape } from './format.js';
import { LaterAnswerCard } from './later-card.js';
import { OutputView } from './output-view.js';
import { loadKatex, renderTex, tex, warmUp, WORKER_MIN_LENGTH } from './tex.js';
import { watchOverflow } from './overflow.js';
import { pickVariable } from './variables.js';
import { VariablesView } from './variables-view.js';
import { Debounce } from './debounce.js';
import { firstDerivationShown, whenIdle } from './when-idle.js';
import { FIRST_EXAMPLE } from './first-example.js';
import { firstAnswerReady, takeFirstAnswer } from './first-answer.js';

const BUSY_NOTICE_MS = 300;
// An error in a half-typed expression is shown only once typing has paused this long
// (counted from the last key press); Enter, a link or an example show it at once.
const ERROR_PAUSE_MS = 700;

const $ = (id) => document.getElementById(id);
const exprInput = $('expr');
const declInput = $('decl');
const exprError = $('expr-error');
const declError = $('decl-error');
const preview = $('preview');
const statusLine = $('status');
const exampleSelect = $('examples');
const exampleNote = $('example-note');
const hessianBox = $('hessian');
const layoutSelect = $('layout');
// What each layout means, beside the select (the note in the result says which one a
// derivation shows; this says what choosing one will do).
const LAYOUT_HELP = {
  '': 'standard: gradients have the shape of their variable; Jacobians are <code>d vec(F) = J d vec(X)</code>',
  numerator: 'numerator: a gradient is the row <code>(∂f/∂x)ᵀ</code>; Jacobians as standard, <code>d vec(F) = J d vec(X)</code>',
  denominator: 'denominator: gradients have the shape of their variable; a Jacobian is the transpose, <code>d vec(F)ᵀ = d vec(X)ᵀ J</code>',
};

const variables = new VariablesView($('variables'), chooseVariable);
// The Export panel under the result; its language is part of the link.
const exportPanel = new ExportPanel(client, {
  onChange: (lang) => {
    state.export = lang;
    writeFragment();
  },
});
const output = new OutputView($('output'), {
  onRerun: () => {
    state.seed = newSeed(state.seed);
    run();
  },
  onToggleSteps: (shown) => {
    state.steps = shown;
    writeFragment();
  },
  onFixNote: addDeclaration,
  onRoute: (route) => {
    state.route = route;
    writeFragment();
    if (route === 'index' && shownRequest) loadIndexRoute(shownRequest);
  },
  link: () => location.href,
  exporter: exportPanel,
});

const answerCard = new LaterAnswerCard($('answer-card'), client, {
  onChecked: (answer) => {
    state.answer = answer;
    writeFragment();
  },
  onReset: () => {
    state.answer = '';
    writeFragment();
  },
});

let state = initialState();
let ticket = 0;
// The pause after a key press before the input is sent: adapted to how long the engine
// takes (debounce.js).
const debounce = new Debounce();
let busyTimer = 0;
let writtenHash = '';
let examples = [];
let firstRendered = false;
let lastEdit = -Infinity;
let errorTimer = 0;
// Inputs the engine was stopped on (timeoutKey): not sent again by an option change,
// only by the reader's "Try again".
const timedOut = new Set();

// state.wrt is the variable the reader (or the link) chose; '' lets the page pick
// (pickVariable). wrtFromLink says the choice came with the link that opened the page
// and nothing has been edited since: only then does a missing variable get a notice.
// `intro` marks the built-in example of a first visit.
function initialState() {
  const fromLink = parseFragment(location.hash);
  if (!/(^#|&)expr=/.test(location.hash)) {
    return { ...fromLink, ...FIRST_EXAMPLE, wrt: '', wrtFromLink: false, intro: true };
  }
  return { ...fromLink, wrtFromLink: Boolean(fromLink.wrt), intro: false };
}

const timeoutKey = (request, hessian = request.hessian) =>
  JSON.stringify([request.expr, request.decl, request.wrt, Boolean(hessian)]);

function showStateInFields() {
  if (state.theme) document.documentElement.dataset.theme = state.theme;
  else delete document.documentElement.dataset.theme;
  exprInput.value = state.expr;
  fitRows();
  declInput.value = state.decl;
  hessianBox.checked = state.hessian;
  layoutSelect.value = state.layout;
  showLayoutHelp();
  exportPanel.setLanguage(state.export);
  if (state.answer) answerCard.checkWhenShown(state.answer);
}

// The request of the derivation on screen (with its variable), for the index route's
// steps; and the index route's outcomes, by request, so switching back and forth asks
// the engine once.
let shownRequest = null;
const indexOutcomes = new Map();

const indexKey = (request) => JSON.stringify([request.expr, request.decl, request.wrt, request.seed,
  Boolean(request.hessian), request.layout || '']);

// Asks the worker for the index route's derivation of `request` (after anything queued:
// every such request is answered) and shows it in the steps' index view.
function loadIndexRoute(request) {
  const key = indexKey(request);
  if (!indexOutcomes.has(key)) {
    if (indexOutcomes.size > 20) indexOutcomes.clear();
    const asked = client.enqueue({
      op: 'derive', route: 'index', expr: request.expr, wrt: request.wrt, decl: request.decl,
      seed: request.seed, hessian: request.hessian, layout: request.layout,
    }).then(({ result }) => ({ result }), (error) => {
      indexOutcomes.delete(key); // a timeout or a broken worker: asked again next time
      return { error };
    });
    indexOutcomes.set(key, asked);
  }
  output.markIndexPending(request);
  return indexOutcomes.get(key).then((outcome) => {
    if (shownRequest && indexKey(shownRequest) === key) return output.showIndexRoute(request, outcome);
    return false;
  });
}

// `shownWrt`: the variable of the derivation on screen (the page's pick when the reader
// made none), which links and the fragment carry.
let shownWrt = '';
let shownFor = '';

function writeFragment(wrt = shownWrt || state.wrt) {
  const hash = formatFragment({ ...state, wrt });
  if (hash === location.hash) return;
  writtenHash = hash;
  history.replaceState(null, '', hash);
}

// Sends the current state to the engine; only the answer to the latest call is shown.
// `typed`: the call comes from typing, so an error waits for a pause; `retry`: the
// reader asked to run an input the engine was stopped on before.
function run({ typed = false, retry = false } = {}) {
  debounce.cancel();
  clearTimeout(errorTimer);
  const request = {
    op: 'analyze', expr: state.expr, decl: state.decl, wrt: state.wrt, seed: state.seed,
    hessian: state.hessian, layout: state.layout, typed,
  };
  const mine = ++ticket;
  if (shownFor !== `${request.expr}\n${request.decl}`) shownWrt = '';
  // The built-in example's answer, derived by the engine at build time (first-answer.js):
  // its result writes the link (history.replaceState measured at up to 55 ms on a loaded
  // machine, so once, and after that answer is on screen).
  const early = request.expr.trim() && !retry && !timedOut.has(timeoutKey(request))
    && !timedOut.has(timeoutKey(request, false)) ? takeFirstAnswer(request) : null;
  if (!early) writeFragment();
  updateExampleNote();
  if (!request.expr.trim()) {
    showBlank();
    return;
  }
  if (retry) {
    timedOut.delete(timeoutKey(request));
    timedOut.delete(timeoutKey(request, false));
  } else if (timedOut.has(timeoutKey(request)) || timedOut.has(timeoutKey(request, false))) {
    showTimeout(request);
    return;
  }
  // The built-in example's answer: shown at once, while the engine is still loading.
  if (early) {
    performance.mark('matcalc:first-answer');
    showResult(early, request, null);
    return;
  }
  clearTimeout(busyTimer);
  busyTimer = setTimeout(() => {
    if (mine === ticket) setStatus('Working…', 'busy');
  }, BUSY_NOTICE_MS);
  output.markPending(request);
  const { typed: _, ...message } = request;
  client.request(message, { onParsed: (parsed) => mine === ticket && showParse(parsed, request) })
    .then(({ result, ms }) => {
      if (!performance.getEntriesByName('matcalc:first-answer').length) performance.mark('matcalc:first-answer');
      debounce.measured(ms);
      if (mine === ticket) showResult(result, request, ms);
    })
    .catch((error) => {
      if (error instanceof SupersededError || mine !== ticket) return;
      if (error instanceof TimeoutError) timedOut.add(timeoutKey(request));
      showFailure(error, request);
    })
    .finally(() => {
      if (mine === ticket) clearTimeout(busyTimer);
    });
}

function showBlank() {
  fill(exprError);
  fill(declError);
  fill(preview);
  variables.clear('Variables appear here as you type.');
  answerCard.hide();
  output.showMessage('idle', 'Type an expression above, or pick a worked example.', state);
}

// Runs `show` now, or once typing has paused (ERROR_PAUSE_MS after the last key press)
// when the request came from typing; a newer request cancels it.
function afterPause(request, show) {
  clearTimeout(errorTimer);
  const wait = request.typed ? lastEdit + ERROR_PAUSE_MS - performance.now() : 0;
  if (wait <= 0) {
    show();
    return;
  }
  const mine = ticket;
  errorTimer = setTimeout(() => {
    if (mine === ticket) show();
  }, wait);
}

function clearFieldErrors() {
  fill(exprError);
  fill(declError);
  exprInput.removeAttribute('aria-invalid');
  declInput.removeAttribute('aria-invalid');
}

function showFieldError(error, request) {
  const inDecl = error.source === 'declarations';
  clearFieldErrors();
  (inDecl ? declInput : exprInput).setAttribute('aria-invalid', 'true');
  fill(inDecl ? declError : exprError, errorView(error, inDecl ? request.decl : request.expr));
}

function showParse(parsed, request) {
  if (!parsed.ok) {
    preview.classList.add('stale');
    variables.setStale(true);
    afterPause(request, () => showFieldError(parsed.error, request));
    return;
  }
  clearTimeout(errorTimer);
  clearFieldErrors();
  preview.classList.remove('stale');
  variables.setStale(false);
  const shape = parsed.kind === 'scalar' ? 'a scalar' : formatShape(parsed.expr.shape);
  const latex = programLatex(parsed);
  // A preview wider than the field scrolls, and says so (a shadow, a keyboard stop).
  const showPreview = (math) => {
    watchOverflow(math);
    fill(preview, math, h('span', { class: 'preview-shape' }, `read as ${shape}`), readingNode(parsed.reading, request.expr));
  };
  if (latex.length > WORKER_MIN_LENGTH) {
    // A large preview (a deeply nested input) is typeset in the typesetting worker;
    // the previous preview stays until it is ready, so typing is not held up.
    const mine = ticket;
    const node = h('div', { class: 'tex preview-math' });
    Promise.resolve(renderTex(node, latex, { display: true, async: true, isCurrent: () => mine === ticket }))
      .then(() => {
        if (mine === ticket) showPreview(node);
      });
  } else {
    showPreview(tex(latex, { display: true, className: 'preview-math' }));
  }
  variables.show(parsed.variables, pickVariable(parsed.variables, state.wrt || parsed.reading?.wrt));
}

// The question's reading in the input language (SPEC sections 5 and 6, issue 18): the
// text the engine derives — written mathematics (LaTeX, pasted Unicode) read into the
// input language, definitions typed among the declarations first —, the declarations it
// read from the typography and `\in`, and the variable the question names. Nothing for
// plain input read as typed (the preview above is its reading).
function readingNode(reading, typed) {
  if (!reading || (reading.syntax !== 'latex' && reading.text.trim() === String(typed ?? '').trim())) return null;
  const facts = [];
  if (reading.decls) facts.push(h('li', {}, 'declared: ', h('code', {}, reading.decls)));
  if (reading.wrt) facts.push(h('li', {}, 'the question asks for the derivative with respect to ', h('code', {}, reading.wrt)));
  const label = reading.syntax === 'latex' ? 'Read as written mathematics:' : 'Read, with the definitions typed among the declarations, as';
  return h('div', { class: 'preview-reading', dataset: { syntax: reading.syntax } },
    h('p', { class: 'preview-reading-label' }, label),
    h('pre', { class: 'reading-text' }, h('code', {}, reading.text)),
    facts.length ? h('ul', { class: 'reading-facts' }, facts) : null);
}

// `ms`: the engine's time for it, null for the answer derived in advance (first-answer.js).
function showResult(result, request, ms) {
  if (result.parse) showParse(result.parse, request);
  const took = ms === null ? 'derived in advance' : `engine ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  const derived = result.derive?.ok
    ? `${kindTitle(result.derive.kind)} with respect to ${result.wrt}, numeric check ${result.derive.check ? checkVerdict(result.derive.check).key : 'not run'}`
    : 'No derivation';
  setStatus(`${derived} · ${took}`, 'ready');
  if (!result.derive?.ok) answerCard.hide();
  if (!result.parse?.ok) {
    afterPause(request, () => {
      showFieldError(result.parse.error, request);
      output.showInputError(request, result.parse?.error?.source === 'declarations'
        ? 'Fix the declarations to see the derivation.' : 'Fix the expression to see the derivation.');
    });
    return;
  }
  if (!result.wrt) {
    output.showMessage('empty', 'This expression has no variables: there is nothing to differentiate.', request);
    return;
  }
  variables.show(result.parse.variables, result.wrt);
  const notice = state.wrtFromLink && state.wrt && state.wrt !== result.wrt
    ? `The link asks for the derivative with respect to “${state.wrt}”, which is not a variable of this expression; showing ${result.wrt} instead.`
    : '';
  // A choice the expression no longer has is dropped: the page picks again from now on.
  if (state.wrt && state.wrt !== result.wrt && !state.wrtFromLink) state.wrt = '';
  shownWrt = result.wrt;
  shownFor = `${request.expr}\n${request.decl}`;
  // The answer derived in advance writes its link once it is on screen (run()).
  const inAdvance = ms === null && result.derive?.ok;
  if (!inAdvance) writeFragment(result.wrt);
  const intro = state.intro && request.expr === FIRST_EXAMPLE.expr && !request.decl
    ? introNode(result.wrt) : null;
  shownRequest = null;
  if (result.derive?.ok) {
    answerCard.show(result.derive, { ...request, wrt: result.wrt });
    shownRequest = { ...request, wrt: result.wrt };
    const shown = output.showDerivation(result.derive, shownRequest,
      { steps: state.steps, notice, intro, route: state.route });
    if (state.route === 'index') loadIndexRoute(shownRequest);
    shown.then((done) => {
      if (!done) return;
      if (inAdvance) {
        setTimeout(() => {
          if (shownFor === `${request.expr}\n${request.decl}`) writeFragment(result.wrt);
        }, 0);
      }
      // Marks for bench/page/bench.mjs: when a derivation is on screen, typeset.
      performance.mark('matcalc:derivation', { detail: { expr: request.expr, wrt: result.wrt, engineMs: ms } });
      if (!firstRendered) {
        performance.mark('matcalc:first-derivation');
        firstDerivationShown();
        client.start(); // a first visit answered in advance starts the engine now
        loadKatex().then(() => whenIdle(warmUp), () => {}); // and KaTeX, for what comes next
      }
      firstRendered = true;
    });
  } else {
    const error = result.derive?.error || { message: 'the engine gave no answer' };
    const input = error.source === 'declarations' ? request.decl : request.expr;
    afterPause(request, () => {
      if (error.source === 'expression' || error.source === 'declarations') showFieldError(error, request);
      output.showError({ ...request, wrt: result.wrt }, error, input, notice);
    });
  }
}

// The first visit's example, as the link that shows it (so it can be shared, and so it
// is plain that no link was opened).
function introNode(wrt) {
  const href = formatFragment({ expr: FIRST_EXAMPLE.expr, wrt });
  return h('p', { class: 'intro', role: 'note' }, 'An example to start with: ',
    h('a', { href }, `the gradient of ${FIRST_EXAMPLE.expr} with respect to ${wrt}`),
    '. Type your own expression above, or pick a worked example.');
}

function showTimeout(request) {
  answerCard.hide();
  output.showMessage('timeout',
    `Stopped: the engine took longer than ${client.timeoutMs / 1000} s on this input, so it was ` +
    'restarted. Try a smaller expression, or declare the sizes.', request,
  h('button', { type: 'button', class: 'button', onclick: () => run({ retry: true }) }, 'Try again'));
}

function showFailure(error, request) {
  answerCard.hide();
  if (error instanceof TimeoutError) {
    showTimeout(request);
    setStatus('The engine was restarted after a timeout.', 'warning');
  } else {
    output.showMessage('failed', `Something went wrong in the engine: ${error.message}. ` +
      'It has been restarted; please report this input with the page’s link.', request);
  }
}

function setStatus(text, kind) {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

function chooseVariable(name) {
  state.wrt = name;
  shownWrt = name;
  state.wrtFromLink = false;
  run();
}

function onEdit() {
  state.expr = exprInput.value;
  state.decl = declInput.value;
  state.wrtFromLink = false;
  state.intro = false;
  lastEdit = performance.now();
  fitRows();
  debounce.schedule(() => run({ typed: true }));
}

// The expression field grows with its lines (definitions on their own lines, and a long
// pasted line wrapped), up to about twelve lines; beyond that it scrolls.
function fitRows() {
  exprInput.style.height = 'auto';
  const border = exprInput.offsetHeight - exprInput.clientHeight;
  const max = 12 * parseFloat(getComputedStyle(exprInput).lineHeight || '24');
  exprInput.style.height = `${Math.ceil(Math.min(exprInput.scrollHeight, max) + border)}px`;
}
window.addEventListener('resize', fitRows);

// A convention note's fix (SPEC section 7): its declaration joins the declarations, and
// the question is derived again. From the keyboard, focus goes to the declarations (the
// note's button is gone with the old derivation).
function addDeclaration(declaration, note, event) {
  if (note?.kind === 'reading') {  // an ambiguous paste: the other reading, as its text
    exprInput.value = String(note.expression ?? '');
    onEdit();
    clearTimeout(debounce);
    if (event?.detail === 0) exprInput.focus();
    run();
    return;
  }
  const current = declInput.value.trim().replace(/[;,]\s*$/, '');
  declInput.value = current ? `${current}; ${declaration}` : declaration;
  onEdit();
  debounce.cancel();
  if (event?.detail === 0) declInput.focus();
  run();
}

function updateExampleNote() {
  const example = examples.find((e) => e.expr === state.expr && e.decl === state.decl &&
    (!state.wrt || e.wrt === state.wrt));
  exampleSelect.value = example ? example.id : '';
  exampleNote.hidden = !example;
  if (example) {
    fill(exampleNote, h('span', { class: 'example-source' }, `Worked example: ${example.source}. `),
      'Textbook answer: ', h('code', {}, example.expected));
  }
}

function loadExample(id) {
  const example = examples.find((e) => e.id === id);
  if (!example) return;
  state = {
    ...state, expr: example.expr, wrt: example.wrt, decl: example.decl, seed: 1,
    hessian: false, layout: '', wrtFromLink: false, intro: false,
  };
  showStateInFields();
  run();
}

// Enter in the declarations, or Ctrl/⌘+Enter in the expression, derives at once (an
// error shows without waiting for a pause); Enter alone in the expression starts a new
// line (a definition per line), and the derivation follows as for any typing.
for (const input of [exprInput, declInput]) {
  input.addEventListener('input', onEdit);
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    if (input === exprInput && !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    state.expr = exprInput.value;
    state.decl = declInput.value;
    run();
  });
}

exampleSelect.addEventListener('change', () => loadExample(exampleSelect.value));
hessianBox.addEventListener('change', () => {
  state.hessian = hessianBox.checked;
  run();
});
function showLayoutHelp() {
  $('layout-help').innerHTML = LAYOUT_HELP[layoutSelect.value] ?? LAYOUT_HELP[''];
}
layoutSelect.addEventListener('change', () => {
  state.layout = layoutSelect.value;
  showLayoutHelp();
  run();
});

window.addEventListener('hashchange', () => {
  if (location.hash === writtenHash) return;
  state = { ...parseFragment(location.hash), wrtFromLink: true, intro: false };
  showStateInFields();
  run();
});

client.addEventListener('loading', () => {
  if (client.restarts === 0) setStatus('Loading the engine…', 'loading');
});
client.addEventListener('ready', () => {
  if (client.restarts === 0) setStatus('Engine ready.', 'ready');
});
if (client.ready) setStatus('Engine ready.', 'ready');
client.addEventListener('failed', (event) => {
  setStatus(`${event.detail.message}. Reload the page to try again.`, 'error');
  // A derivation on screen (the first visit's, derived in advance) stays: it is right;
  // the next request says the engine is missing.
  if (firstRendered) return;
  output.showMessage('failed', 'The engine is not available, so nothing can be derived. ' +
    'The page must be served over http(s); see the README.', state);
});

showStateInFields();
// The first request once the answer derived at build time, if this visit has one, has
// arrived (first-answer.json, fetched by the boot script beside this file).
await firstAnswerReady;
run();
// KaTeX: where the boot script has started its script (the first request goes to the
// engine), a formula is typeset off-screen once it has arrived, so its code is compiled
// before the engine's answer comes. A first visit answered in advance needs none of it
// until that answer is on screen (its formulas were typeset at build time).
if (document.querySelector('script[data-katex]')) {
  loadKatex().then(() => {
    if (!client.ready) setTimeout(warmUp, 0);
  }, () => {});
}

// Once the first derivation is on screen and the page is idle: the whole engine (the
// LaTeX reader, export, the index route, check my answer) loads in the worker, the
// service worker copies the site for offline use, the "Check my answer" card and the
// worked examples load, and the input-language table gets its function rows from the
// engine's registry.
whenIdle(() => client.prefetch());
whenIdle(() => {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('sw.js').catch(() => {});
});
whenIdle(() => answerCard.load());
whenIdle(() => import('./examples.js')
  .then(({ loadExamples }) => loadExamples(new URL('../content/examples.json', import.meta.url), exampleSelect))
  .then((list) => {
    examples = list;
    updateExampleNote();
  })
  .catch(() => {
    exampleSelect.title = 'The worked examples could not be loaded.';
  }));
whenIdle(() => Promise.all([import('./syntax-table.js'), client.vocabulary()])
  .then(([{ functionRows, structureRow }, vocabulary]) => {
    structureRow($('syntax-structures'), vocabulary.structures);
    functionRows($('syntax-functions'), vocabulary.functions);
  })
  .catch(() => {
    fill($('syntax-functions').cells[1], 'The engine’s list of functions could not be loaded.');
  }));
