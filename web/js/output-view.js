// The output region of index.html: the derivation (result with copy buttons, numeric
// check, steps and whether each step was checked numerically), or a message or error
// in its place. The region's data-state (idle | ok | error | empty | timeout | failed),
// data-expr, data-wrt and data-decl say which input the shown output belongs to; the
// tests and the benchmark wait on them.
//
// The steps card has a "matrix | index" switch (SPEC sections 10 and 11): the index view
// shows the steps of the index route (a second derivation, asked for by the page through
// `onRoute`, shown with showIndexRoute), the default route's `index` field (f and the
// result in Einstein notation), and the index route's own answer and check; a construct
// the index route has no rule for shows the engine's message there. The view's
// data-state (idle, pending, ok, unsupported, failed) says where it is.
import { copyText } from './clipboard.js';
import { h, fill } from './dom.js';
import {
  checkLine, checkView, kindTitle, notesList, relatedResults, resultLatex, resultMath,
  showAllIdentities, stepCheckLine, stepsList,
} from './derivation-view.js';
import {
  askedByEntries, askedLine, entriesNote, entryAnswerLatex, entryFunctionLatex,
} from './entries-view.js';
import { errorView } from './error-view.js';
import { formatShape } from './format.js';
import { Typesetter } from './typesetter.js';

export class OutputView {
  // `onFixNote(declaration)`: a convention note's fix was clicked (SPEC section 7).
  // `exporter`: an ExportPanel (export-panel.js), whose button joins the result's
  // actions and whose panel goes under the result.
  // `onRoute(route)`: the steps' switch was set ('' for matrix, 'index').
  constructor(container, { onRerun, onToggleSteps, onFixNote, onRoute, link, exporter = null }) {
    this.onRoute = onRoute;
    this.indexTypesetter = new Typesetter();
    this.indexView = null;
    this.exporter = exporter;
    this.container = container;
    this.onFixNote = onFixNote;
    this.onRerun = onRerun;
    this.onToggleSteps = onToggleSteps;
    this.link = link;
    this.typesetter = new Typesetter();
    this.hasDerivation = false;
  }

  setState(state, request) {
    const { dataset } = this.container;
    dataset.state = state;
    dataset.expr = request?.expr ?? '';
    dataset.wrt = request?.wrt ?? '';
    dataset.decl = request?.decl ?? '';
    this.container.removeAttribute('aria-busy');
    this.container.classList.remove('stale');
  }

  markPending() {
    this.container.setAttribute('aria-busy', 'true');
  }

  // `extra`: nodes after the text (e.g. a "Try again" button).
  showMessage(state, text, request, ...extra) {
    this.typesetter.batch(); // cancels typesetting of an older derivation
    this.setState(state, request);
    this.hasDerivation = false;
    fill(this.container, h('div', { class: `card message ${state}`, role: state === 'idle' ? null : 'alert' },
      h('p', {}, text), extra.length ? h('p', { class: 'message-actions' }, extra) : null));
  }

  // The input does not parse: keep the last derivation, dimmed, so the page does not
  // jump while a half-typed expression is being finished.
  showInputError(request, text) {
    this.setState('error', request);
    if (this.hasDerivation) {
      this.container.classList.add('stale');
      this.container.querySelector('.stale-note')?.remove();
      // (which expression it is: typed fast, it may be of a prefix, x'*A of x^T A (x)
      const of = this.derivedExpr ? [', of ', h('code', {}, this.derivedExpr)] : [];
      this.container.prepend(h('p', { class: 'stale-note' }, `${text} Below: the last derivation`, ...of, '.'));
    } else {
      fill(this.container, h('div', { class: 'card message error' }, text));
      this.typesetter.batch();
    }
  }

  showError(request, error, input, notice) {
    this.typesetter.batch();
    this.setState('error', request);
    this.hasDerivation = false;
    fill(this.container, noticeNode(notice), h('section', { class: 'card message error' },
      h('h2', {}, `No derivation with respect to ${request.wrt}`), errorView(error, input)));
  }

  // Resolves true once every formula is typeset (false if a newer output replaced it).
  // `intro`: a node above it (the first visit's note on the built-in example).
  showDerivation(derivation, request, { steps = true, notice = '', intro = null, route = '' } = {}) {
    const batch = this.typesetter.batch();
    this.indexTypesetter.batch();
    this.indexView = null;
    this.setState('ok', request);
    this.hasDerivation = true;
    this.derivedExpr = request.expr;
    const stepsNode = stepsList(derivation.steps, batch, { idPrefix: 'identity', lazy: true });
    stepsNode.id = 'steps-list';
    const exported = this.exporter?.attach(request) ?? null;
    fill(this.container,
      intro,
      noticeNode(notice),
      h('div', { class: 'output-grid' },
        this.resultCard(derivation, request, batch, exported?.button),
        checkView(derivation.check, { onRerun: this.onRerun })),
      exported?.panel,
      this.stepsCard(derivation, stepsNode, steps, route, request));
    return batch.run();
  }

  // The index route's outcome for the derivation on screen (`request` is the one it was
  // asked for: an older one is dropped): {result} from the engine or {error} (the worker
  // failed or timed out). Resolves true once typeset.
  showIndexRoute(request, { result, error } = {}) {
    const view = this.indexView;
    if (!view || !sameRequest(view.request, request)) return Promise.resolve(false);
    const batch = this.indexTypesetter.batch();
    const { node, derivation } = view;
    // f and the result in index notation: the index route's own where it answered (the
    // first visit's engine module leaves the default route's `index` out).
    const byEntries = askedByEntries(derivation);
    const summary = byEntries ? null : indexSummary(result?.index?.f ? result.index : derivation.index, batch);
    const asked = byEntries ? entriesQuestion(derivation, view.request, batch) : null;
    if (error || !result?.ok) {
      const message = error ? error.message : (result?.error?.message || 'the engine gave no answer');
      const unsupported = !error && result?.error?.code === 'unsupported';
      node.dataset.state = unsupported ? 'unsupported' : 'failed';
      fill(node, asked, h('div', { class: 'index-message', role: 'note' },
        h('p', {}, h('strong', {}, unsupported ? 'The index route does not derive this yet. ' : 'No index derivation. '),
          `The engine says: ${message}.`),
        h('p', { class: 'hint' }, 'The matrix steps (switch back to “matrix”) derive it.')), summary);
      view.setCount(null);
      return batch.run();
    }
    const list = stepsList(result.steps, batch, { idPrefix: 'index-identity' });
    list.id = 'index-steps-list';
    const same = String(result.result?.text ?? '') === String(derivation.result?.text ?? '');
    node.dataset.state = 'ok';
    fill(node,
      asked,
      h('p', { class: 'index-intro' },
        'By the index route: f written entry by entry (a repeated index is summed), differentiated by one entry ',
        'of the variable, the Kronecker deltas contracted, and the matrix form read back.'),
      list,
      stepCheckLine(result.step_check, (result.steps || []).length),
      h('div', { class: 'index-answer', dataset: { agrees: String(same) } },
        h('p', { class: 'index-answer-label' }, same
          ? 'The index route’s answer, the same as the matrix route’s:'
          : 'The index route’s answer (written differently from the matrix route’s; each is checked numerically):'),
        batch.add(h('div', { class: 'tex index-result' }), resultLatex(result), { breakable: true }),
        relatedResults(result, batch),
        checkLine(result.check)),
      summary);
    view.setCount(result.steps?.length ?? 0);
    return batch.run();
  }

  resultCard(derivation, request, batch, exportButton = null) {
    const { result = {} } = derivation;
    const feedback = h('span', { class: 'copy-feedback', role: 'status' });
    const copy = (label, text) => h('button', {
      type: 'button', class: 'button',
      onclick: async () => {
        const ok = await copyText(await (typeof text === 'function' ? text() : text));
        feedback.textContent = ok ? `${label} copied.` : `Could not copy the ${label.toLowerCase()}.`;
        clearTimeout(feedback.timer);
        feedback.timer = setTimeout(() => { feedback.textContent = ''; }, 2500);
      },
    }, `Copy ${label === 'LaTeX' ? label : label.toLowerCase()}`);
    // Asked entry by entry (SPEC 14): the question as typed and the answer entry by
    // entry come first, then the matrix form.
    const byEntries = askedByEntries(derivation);
    return h('section', { class: 'card result', 'aria-labelledby': 'result-title', dataset: byEntries ? { askedByEntries: 'true' } : null },
      h('h2', { id: 'result-title' }, `${kindTitle(derivation.kind)} with respect to `,
        h('span', { class: 'code' }, derivation.wrt || request.wrt)),
      byEntries ? h('div', { class: 'entries-question' },
        askedLine(request.expr),
        h('div', { class: 'entries-answer' }, h('span', { class: 'entries-label' }, 'entry by entry'),
          batch.add(h('div', { class: 'tex entries-result' }), entryAnswerLatex(derivation), { breakable: true })),
        h('p', { class: 'entries-label entries-matrix-label' }, derivation.kind === 'gradient' ? 'as a matrix (the gradient)' : `as a matrix (the ${kindTitle(derivation.kind)})`))
        : null,
      resultMath(derivation, batch),
      result.shape ? h('p', { class: 'result-shape' }, `shape ${formatShape(result.shape)}`) : null,
      result.text ? h('pre', { class: 'result-text', 'data-result-text': '' }, h('code', {}, result.text)) : null,
      // Notes (a convention note and its fix) next to the result they are about: on a
      // phone they would otherwise fall below the first screen, after the buttons.
      // A question asked entry by entry: the note on what its answer is as a matrix first.
      h('div', { class: 'notes' }, notesList(byEntries ? entriesFirst(derivation.notes) : derivation.notes, { onFix: this.onFixNote })),
      relatedResults(derivation, batch),
      h('div', { class: 'actions' },
        // The whole derivation as an align* environment, for lecture notes (its writer
        // loads when first asked for: a first derivation does not need it).
        copy('LaTeX', () => latexWriter().then((w) => w.derivationAlign(derivation))),
        result.text ? copy('Text', result.text) : null,
        copy('Link', this.link),
        copy('Embed code', () => embedSnippet(this.link(), request)),
        downloadButton('Download .tex', 'matcalc-derivation.tex',
          () => latexWriter().then((w) => w.derivationDocument(derivation, request))),
        exportButton,
        feedback),
      // The engine states its convention, and its layout (which mostly says the same):
      // the layout note only where there is no convention.
      h('p', { class: 'convention' }, derivation.convention || derivation.layout_note || null));
  }

  stepsCard(derivation, stepsNode, shown, route = '', request = {}) {
    const toggle = h('button', {
      type: 'button', class: 'button', 'aria-controls': 'steps-list', 'aria-expanded': String(shown),
    }, shown ? 'Hide steps' : 'Show steps');
    const identities = h('input', { type: 'checkbox', id: 'show-identities' });
    const identitiesLabel = h('label', { class: 'switch', for: 'show-identities' }, identities, ' show identities');
    // Under the steps, and hidden with them: whether each step was checked numerically.
    const stepCheck = stepCheckLine(derivation.step_check, (derivation.steps || []).length);
    // The matrix | index switch: two buttons, the pressed one is the notation shown.
    const indexNode = h('div', { class: 'index-view', id: 'index-steps', dataset: { state: 'idle' } });
    const routeButton = (value, label, title) => h('button', {
      type: 'button', class: 'route-option', 'aria-pressed': String(route === value), title,
      dataset: { route: value || 'matrix' },
    }, label);
    const matrixButton = routeButton('', 'matrix', 'the steps in matrix notation (differentials)');
    const indexButton = routeButton('index', 'index', 'the steps in index notation (entry by entry, Einstein summation)');
    const routeSwitch = h('div', { class: 'route-switch', role: 'group', 'aria-label': 'steps in matrix or index notation' },
      matrixButton, indexButton);
    const count = (derivation.steps || []).length;
    const countNode = h('span', { class: 'count' }, `${count} step${count === 1 ? '' : 's'}`);
    let visible = shown;
    const layout = () => {
      stepsNode.hidden = !visible || route === 'index';
      indexNode.hidden = !visible || route !== 'index';
      identitiesLabel.hidden = !visible;
      routeSwitch.hidden = !visible;
      if (stepCheck) stepCheck.hidden = !visible || route === 'index';
    };
    const setShown = (show) => {
      visible = show;
      layout();
    };
    const setCount = (n) => {
      const steps = route === 'index' ? n : count;
      countNode.textContent = steps === null ? '' : `${steps} step${steps === 1 ? '' : 's'}`;
    };
    let indexCount = null;
    const setRoute = (value) => {
      route = value;
      matrixButton.setAttribute('aria-pressed', String(route !== 'index'));
      indexButton.setAttribute('aria-pressed', String(route === 'index'));
      layout();
      setCount(indexCount);
    };
    for (const button of [matrixButton, indexButton]) {
      button.addEventListener('click', () => {
        const value = button === indexButton ? 'index' : '';
        if (value === route) return;
        setRoute(value);
        this.onRoute?.(value);
      });
    }
    this.indexView = {
      node: indexNode, derivation, request: { expr: request.expr, wrt: request.wrt, decl: request.decl },
      setCount: (n) => {
        indexCount = n;
        setCount(n);
      },
    };
    setShown(shown);
    setCount(indexCount);
    toggle.addEventListener('click', () => {
      const show = stepsNode.hidden && indexNode.hidden;
      setShown(show);
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = show ? 'Hide steps' : 'Show steps';
      this.onToggleSteps(show);
    });
    identities.addEventListener('change', () => {
      showAllIdentities(stepsNode, identities.checked);
      showAllIdentities(indexNode, identities.checked);
    });
    return h('section', { class: 'card derivation', 'aria-labelledby': 'steps-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'steps-title' }, `Derivation `, countNode),
        h('div', { class: 'card-tools' }, routeSwitch, identitiesLabel, toggle)),
      stepsNode, stepCheck, indexNode);
  }

  // The index view is waiting for the index route's answer.
  markIndexPending(request) {
    const view = this.indexView;
    if (!view || !sameRequest(view.request, request) || view.node.dataset.state !== 'idle') return;
    view.node.dataset.state = 'pending';
    fill(view.node, h('p', { class: 'hint' }, 'Deriving by the index route…'));
  }
}

const sameRequest = (a, b) => a && b && a.expr === b.expr && a.wrt === b.wrt && (a.decl ?? '') === (b.decl ?? '');

const entriesFirst = (notes) => [...(notes || [])].sort((a, b) => (b?.kind === 'entries') - (a?.kind === 'entries'));

// The index view of a question asked entry by entry (SPEC 14): the question as typed,
// f in index form, the answer entry by entry and the note on what it is as a matrix.
function entriesQuestion(derivation, request, batch) {
  const note = entriesNote(derivation);
  return h('div', { class: 'entries-question index-entries' },
    askedLine(request.expr),
    h('dl', { class: 'entries-forms' },
      h('dt', {}, 'in index form'),
      h('dd', {}, batch.add(h('span', { class: 'tex entries-function' }), entryFunctionLatex(derivation), {})),
      h('dt', {}, 'the answer, entry by entry'),
      h('dd', {}, batch.add(h('div', { class: 'tex entries-result' }), entryAnswerLatex(derivation), { breakable: true }))),
    note ? notesList([note]) : null);
}

// The default route's `index` field: f and the result in Einstein notation.
function indexSummary(index, batch) {
  if (!index?.f) return null;
  const row = (label, latex) => [h('dt', {}, label), h('dd', {}, batch.add(h('span', { class: 'tex' }), latex, {}))];
  return h('div', { class: 'index-summary' },
    h('p', { class: 'index-summary-label' }, 'In index notation (repeated indices summed):'),
    h('dl', {}, row('the function', index.f), index.result ? row('the result, entry by entry', index.result) : null));
}

function noticeNode(notice) {
  return notice ? h('p', { class: 'notice', role: 'note' }, notice) : null;
}

const escapeAttribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;')
  .replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The <iframe> to paste into a course page (README, "Embedding a derivation").
export function embedSnippet(pageUrl, request) {
  const url = new URL(pageUrl);
  const embed = new URL('embed.html', url);
  embed.hash = url.hash;
  const question = String(request.expr).trim().split(/\s*[\r\n]+\s*/).join('; ');
  const title = `matcalc: derivative of ${question} with respect to ${request.wrt}`;
  return `<iframe src="${escapeAttribute(embed.href)}" title="${escapeAttribute(title)}" ` +
    'style="width:100%;border:0" height="480" loading="lazy"></iframe>';
}

const latexWriter = () => import('./derivation-latex.js');

// A button that saves what `text()` resolves to as a file named `filename` (a LaTeX
// document).
function downloadButton(label, filename, text) {
  return h('button', {
    type: 'button', class: 'button',
    onclick: async () => {
      const url = URL.createObjectURL(new Blob([await text()], { type: 'application/x-tex' }));
      const link = h('a', { href: url, download: filename, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  }, label);
}
