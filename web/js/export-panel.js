// The "Export" panel under the result (SPEC section 9): the derivative as code to paste
// into a project, one tab per language (NumPy, PyTorch, Eigen, MATLAB/Octave), the code
// in a visible <pre><code>, and a copy button. The engine writes the code (binding
// exportCode, the worker's 'export' request); this panel only asks for it and shows it,
// as text. The chosen language is part of the link (fragment key `export`); opening
// such a link shows the panel on that tab.
//
// One ExportPanel lives as long as the page; attach(request) gives the button and the
// panel for each derivation shown (OutputView puts them in the result card and under
// it). The panel's data-state (closed | loading | ok | error) and data-lang say what it
// shows; exports already made are kept (switching tabs back is instant).
import { copyText } from './clipboard.js';
import { h, fill } from './dom.js';
import { TimeoutError } from './engine-client.js';
import { errorView } from './error-view.js';
import { EXPORT_LANGUAGES } from './fragment.js';

export const LANGUAGE_NAMES = Object.freeze({
  numpy: 'NumPy', torch: 'PyTorch', eigen: 'Eigen', matlab: 'MATLAB/Octave',
});

const CACHE_SIZE = 16;

export class ExportPanel {
  // `onChange(lang)`: the reader opened the panel on `lang`, switched to it, or closed
  // the panel (lang ''), so the link can follow.
  constructor(client, { onChange = () => {} } = {}) {
    this.client = client;
    this.onChange = onChange;
    this.lang = '';
    this.lastLang = 'numpy';
    this.request = null;
    this.ticket = 0;
    this.cache = new Map();
    this.nodes = null;
  }

  // The language to show ('' closes the panel), e.g. from a link.
  setLanguage(lang) {
    this.lang = EXPORT_LANGUAGES.includes(lang) ? lang : '';
    if (this.lang) this.lastLang = this.lang;
    this.render();
  }

  // Builds the "Export" button and the panel for the derivation of `request`
  // ({expr, wrt, decl, seed}); the previous derivation's nodes are dropped.
  attach(request) {
    this.request = { expr: request.expr, wrt: request.wrt, decl: request.decl || '', seed: request.seed ?? 1 };
    this.ticket += 1;
    const button = h('button', {
      type: 'button', class: 'button export-button', 'aria-controls': 'export-panel',
      'aria-expanded': 'false', onclick: () => this.toggle(),
    }, 'Export');
    const tabs = EXPORT_LANGUAGES.map((lang) => h('button', {
      type: 'button', role: 'tab', id: `export-tab-${lang}`, class: 'export-tab',
      'aria-controls': 'export-code-panel', dataset: { lang },
      onclick: () => this.choose(lang),
    }, LANGUAGE_NAMES[lang]));
    const tablist = h('div', { class: 'export-tabs', role: 'tablist', 'aria-label': 'Language' }, tabs);
    tablist.addEventListener('keydown', (event) => this.onTabKey(event, tabs));
    const body = h('div', { class: 'export-body' });
    const tabpanel = h('div', { id: 'export-code-panel', role: 'tabpanel', class: 'export-tabpanel' }, body);
    const panel = h('section', {
      id: 'export-panel', class: 'card export', 'aria-labelledby': 'export-title', dataset: { state: 'closed' },
    },
    h('div', { class: 'card-head' },
      h('h2', { id: 'export-title' }, 'Export'),
      h('button', { type: 'button', class: 'link-button export-close', onclick: () => this.toggle(false) }, 'Close')),
    h('p', { class: 'help export-help' },
      'The value and the derivative as a self-contained function with shape checks and a ',
      'finite-difference check, written by the engine from the same derivation.'),
    tablist, tabpanel);
    this.nodes = { button, panel, tabs, tabpanel, body };
    this.render();
    return { button, panel };
  }

  toggle(open = !this.lang) {
    this.lang = open ? this.lastLang : '';
    this.render();
    this.onChange(this.lang);
    if (open) this.nodes?.tabs[EXPORT_LANGUAGES.indexOf(this.lang)]?.focus();
    else this.nodes?.button.focus();
  }

  choose(lang) {
    if (lang === this.lang) return;
    this.lang = lang;
    this.lastLang = lang;
    this.render();
    this.onChange(lang);
  }

  // Arrow keys, Home and End move between the tabs (and choose), as in a tab list.
  onTabKey(event, tabs) {
    const at = EXPORT_LANGUAGES.indexOf(this.lang);
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const next = (moves[event.key] + tabs.length) % tabs.length;
    this.choose(EXPORT_LANGUAGES[next]);
    tabs[next].focus();
  }

  render() {
    if (!this.nodes) return;
    const { button, panel, tabs, tabpanel } = this.nodes;
    const open = Boolean(this.lang && this.request);
    button.setAttribute('aria-expanded', String(open));
    button.classList.toggle('active', open);
    panel.hidden = !open;
    panel.dataset.lang = this.lang;
    tabs.forEach((tab, i) => {
      const selected = EXPORT_LANGUAGES[i] === this.lang;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    });
    if (!open) {
      panel.dataset.state = 'closed';
      return;
    }
    tabpanel.setAttribute('aria-labelledby', `export-tab-${this.lang}`);
    this.load();
  }

  // Shows the code for the current request and language: from the cache, or asked of
  // the engine (only the latest answer is shown).
  load() {
    const { request, lang } = this;
    const key = JSON.stringify([request.expr, request.wrt, request.decl, request.seed, lang]);
    const shown = this.nodes;
    if (shown.body.dataset.key === key && shown.panel.dataset.state !== 'loading') return;
    shown.body.dataset.key = key;
    const cached = this.cache.get(key);
    if (cached) {
      this.show(cached, request);
      return;
    }
    const mine = ++this.ticket;
    shown.panel.dataset.state = 'loading';
    shown.panel.setAttribute('aria-busy', 'true');
    fill(shown.body, h('p', { class: 'export-status', role: 'status' }, `Writing the ${LANGUAGE_NAMES[lang]} code…`));
    this.client.enqueue({ op: 'export', ...request, lang })
      .then(({ result }) => {
        if (result?.ok) this.remember(key, result);
        return result;
      })
      .catch((error) => ({ ok: false, error: { message: failureMessage(error) }, failed: true }))
      .then((result) => {
        if (mine !== this.ticket || this.nodes !== shown || shown.body.dataset.key !== key) return;
        this.show(result, request);
      });
  }

  remember(key, result) {
    this.cache.delete(key);
    this.cache.set(key, result);
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value);
  }

  show(result, request) {
    const { panel, body } = this.nodes;
    panel.removeAttribute('aria-busy');
    if (!result?.ok) {
      panel.dataset.state = 'error';
      const error = result?.error || { message: 'the engine gave no code' };
      const input = error.source === 'declarations' ? request.decl : request.expr;
      fill(body, h('div', { class: 'message error export-error', role: 'alert' },
        h('p', {}, `No ${LANGUAGE_NAMES[this.lang]} export of this derivation.`),
        errorView(error, result?.failed ? null : input)));
      return;
    }
    panel.dataset.state = 'ok';
    const feedback = h('span', { class: 'copy-feedback', role: 'status' });
    const code = String(result.code ?? '');
    const lines = code.replace(/\n$/, '').split('\n').length;
    const copy = h('button', {
      type: 'button', class: 'button export-copy',
      onclick: async () => {
        const ok = await copyText(code);
        feedback.textContent = ok ? 'Code copied.' : 'Could not copy the code.';
        clearTimeout(feedback.timer);
        feedback.timer = setTimeout(() => { feedback.textContent = ''; }, 2500);
      },
    }, 'Copy code');
    const signature = exportSummary(result);
    fill(body,
      h('div', { class: 'actions export-actions' }, copy, feedback,
        h('span', { class: 'export-facts' }, signature, ` · ${lines} line${lines === 1 ? '' : 's'}`)),
      h('pre', {
        class: 'export-code', tabindex: '0', 'aria-label': `${LANGUAGE_NAMES[this.lang]} code`,
        dataset: { lang: result.lang || this.lang, function: result.function || '' },
      }, h('code', {}, code)));
  }
}

// "f_and_grad(x, A) returns the value and the gradient" and the like, from the export's
// JSON (function, kind, variables, sizes).
function exportSummary(result) {
  const names = (result.variables || []).map((v) => (typeof v === 'string' ? v : v?.name)).filter(Boolean);
  const sizes = (result.sizes || []).map((s) => (typeof s === 'string' ? s : s?.name)).filter(Boolean);
  const args = [...names, ...sizes].join(', ');
  const fn = result.function || 'f_and_grad';
  const what = /vjp/.test(fn) ? 'the value and vjp(G)' : 'the value and the gradient';
  return `${fn}(${args}) returns ${what}${result.wrt ? ` with respect to ${result.wrt}` : ''}`;
}

function failureMessage(error) {
  if (error instanceof TimeoutError) {
    return `${error.message}; the export of an expression this large is not available`;
  }
  return String(error?.message || error);
}
