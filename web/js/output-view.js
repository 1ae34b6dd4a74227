// The output region of index.html: the derivation (result with copy buttons, numeric
// check, steps and whether each step was checked numerically), or a message or error
// in its place. The region's data-state (idle | ok | error | empty | timeout | failed),
// data-expr, data-wrt and data-decl say which input the shown output belongs to; the
// tests and the benchmark wait on them.
import { copyText } from './clipboard.js';
import { h, fill } from './dom.js';
import {
  checkView, kindTitle, notesList, relatedResults, resultLatexForCopy, resultMath, showAllIdentities,
  stepCheckLine, stepsList,
} from './derivation-view.js';
import { errorView } from './error-view.js';
import { formatShape } from './format.js';
import { Typesetter } from './typesetter.js';

export class OutputView {
  // `onFixNote(declaration)`: a convention note's fix was clicked (SPEC section 7).
  // `exporter`: an ExportPanel (export-panel.js), whose button joins the result's
  // actions and whose panel goes under the result.
  constructor(container, { onRerun, onToggleSteps, onFixNote, link, exporter = null }) {
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
      this.container.prepend(h('p', { class: 'stale-note' }, `${text} Below: the last derivation.`));
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
  showDerivation(derivation, request, { steps = true, notice = '', intro = null } = {}) {
    const batch = this.typesetter.batch();
    this.setState('ok', request);
    this.hasDerivation = true;
    const stepsNode = stepsList(derivation.steps, batch, { idPrefix: 'identity' });
    stepsNode.id = 'steps-list';
    const exported = this.exporter?.attach(request) ?? null;
    fill(this.container,
      intro,
      noticeNode(notice),
      h('div', { class: 'output-grid' },
        this.resultCard(derivation, request, batch, exported?.button),
        checkView(derivation.check, { onRerun: this.onRerun })),
      exported?.panel,
      this.stepsCard(derivation, stepsNode, steps));
    return batch.run();
  }

  resultCard(derivation, request, batch, exportButton = null) {
    const { result = {} } = derivation;
    const feedback = h('span', { class: 'copy-feedback', role: 'status' });
    const copy = (label, text) => h('button', {
      type: 'button', class: 'button',
      onclick: async () => {
        const ok = await copyText(typeof text === 'function' ? text() : text);
        feedback.textContent = ok ? `${label} copied.` : `Could not copy the ${label.toLowerCase()}.`;
        clearTimeout(feedback.timer);
        feedback.timer = setTimeout(() => { feedback.textContent = ''; }, 2500);
      },
    }, `Copy ${label === 'LaTeX' ? label : label.toLowerCase()}`);
    return h('section', { class: 'card result', 'aria-labelledby': 'result-title' },
      h('h2', { id: 'result-title' }, `${kindTitle(derivation.kind)} with respect to `,
        h('span', { class: 'code' }, derivation.wrt || request.wrt)),
      resultMath(derivation, batch),
      result.shape ? h('p', { class: 'result-shape' }, `shape ${formatShape(result.shape)}`) : null,
      result.text ? h('pre', { class: 'result-text', 'data-result-text': '' }, h('code', {}, result.text)) : null,
      relatedResults(derivation, batch),
      h('div', { class: 'actions' },
        copy('LaTeX', resultLatexForCopy(derivation)),
        result.text ? copy('Text', result.text) : null,
        copy('Link', this.link),
        copy('Embed code', () => embedSnippet(this.link(), request)),
        exportButton,
        feedback),
      // The engine states its convention, and its layout (which mostly says the same):
      // the layout note only where there is no convention.
      h('p', { class: 'convention' }, derivation.convention || derivation.layout_note || null),
      h('div', { class: 'notes' }, notesList(derivation.notes, { onFix: this.onFixNote })));
  }

  stepsCard(derivation, stepsNode, shown) {
    const toggle = h('button', {
      type: 'button', class: 'button', 'aria-controls': 'steps-list', 'aria-expanded': String(shown),
    }, shown ? 'Hide steps' : 'Show steps');
    const identities = h('input', { type: 'checkbox', id: 'show-identities' });
    const identitiesLabel = h('label', { class: 'switch', for: 'show-identities' }, identities, ' show identities');
    // Under the steps, and hidden with them: whether each step was checked numerically.
    const stepCheck = stepCheckLine(derivation.step_check);
    const setShown = (show) => {
      stepsNode.hidden = !show;
      identitiesLabel.hidden = !show;
      if (stepCheck) stepCheck.hidden = !show;
    };
    setShown(shown);
    toggle.addEventListener('click', () => {
      const show = stepsNode.hidden;
      setShown(show);
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = show ? 'Hide steps' : 'Show steps';
      this.onToggleSteps(show);
    });
    identities.addEventListener('change', () => showAllIdentities(stepsNode, identities.checked));
    const count = (derivation.steps || []).length;
    return h('section', { class: 'card derivation', 'aria-labelledby': 'steps-title' },
      h('div', { class: 'card-head' },
        h('h2', { id: 'steps-title' }, `Derivation `, h('span', { class: 'count' }, `${count} step${count === 1 ? '' : 's'}`)),
        h('div', { class: 'card-tools' }, identitiesLabel, toggle)),
      stepsNode, stepCheck);
  }
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
