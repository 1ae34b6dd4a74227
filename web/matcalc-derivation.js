// <matcalc-derivation expr="x'*W*W'*x" wrt="W" decl="" layout="" steps=""> for course
// pages (SPEC 11 and 15): one script that renders a derivation inline in any page —
// Markdown, Quarto or Jupyter Book output — sized by its content:
//
//   <script type="module" src="https://YOUR-HOST/matcalc/matcalc-derivation.js"></script>
//   <matcalc-derivation expr="x'*W*W'*x" wrt="W"></matcalc-derivation>
//
// Attributes: expr (the question, in the input language or LaTeX), wrt (the variable;
// without it the engine picks one as the calculator does), decl (declarations), layout
// (numerator | denominator), steps (open, the default | closed | none). Each element gets
// data-state: loading, then ok or error; what it shows is in an open shadow root (KaTeX's
// output, the numeric check line, the steps), so the course page's styles and the
// element's do not mix. All the elements of a page share one engine worker (js/engine.js),
// which answers them in order. Changing an attribute derives again.
//
// From another origin the matcalc host must allow it (CORS: `Access-Control-Allow-Origin`,
// which GitHub Pages and scripts/serve.py send): module scripts, the worker's imports and
// KaTeX's fonts are all fetched in CORS mode.
const site = new URL('./', import.meta.url);
const katexCss = new URL('vendor/katex/katex.min.css', site).href;
const katexJs = new URL('vendor/katex/katex.min.js', site).href;

// The pieces every element needs, loaded once for the page: KaTeX (the page's own if it
// has one), its fonts declared in the document (a shadow root's @font-face rules are
// ignored), the engine client and the derivation's views.
let shared = null;
function loadShared() {
  shared ??= Promise.all([
    globalThis.katex ? null : new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = katexJs;
      script.onload = resolve;
      script.onerror = () => reject(new Error('KaTeX could not be loaded'));
      document.head.append(script);
    }),
    declareFonts(),
    import('./js/engine.js'),
    import('./js/derivation-view.js'),
    import('./js/typesetter.js'),
    import('./js/fragment.js'),
  ]).then(([, , { engine }, view, { Typesetter }, { formatFragment }]) => ({ engine, view, Typesetter, formatFragment }));
  return shared;
}

// KaTeX's @font-face rules, with their font URLs made absolute, in a <style> of the
// document. Without them formulas fall back to the page's fonts (still readable).
async function declareFonts() {
  if (document.querySelector('style[data-matcalc-fonts]')) return;
  try {
    const css = await (await fetch(katexCss)).text();
    const faces = (css.match(/@font-face\{[^}]*\}/g) || [])
      .map((face) => face.replace(/url\(([^)]+)\)/g, (_, url) => `url(${new URL(url.replace(/["']/g, ''), katexCss).href})`));
    const style = document.createElement('style');
    style.dataset.matcalcFonts = '';
    style.textContent = faces.join('\n');
    document.head.append(style);
  } catch {
    // offline and not cached: the formulas use fallback fonts
  }
}

// The element's own styles, inside its shadow root: the course page's colours and font
// size are inherited; wide formulas scroll sideways.
const STYLE = `
:host { display: block; margin: 1em 0; line-height: 1.5; }
:host([hidden]) { display: none; }
.box { border: 1px solid color-mix(in srgb, currentColor 20%, transparent); border-radius: 6px; padding: 0.75em 1em; }
h2 { font-size: 1em; margin: 0 0 0.4em; font-weight: 600; }
.result-math, .step-math, .where { overflow-x: auto; overflow-y: hidden; }
.katex-display { margin: 0.4em 0; }
.where { list-style: none; padding: 0; margin: 0.2em 0; }
.where-label { font-style: italic; margin-right: 0.5em; }
.check-line { font-size: 0.85em; opacity: 0.85; margin: 0.3em 0; display: flex; flex-wrap: wrap; gap: 0 1em; }
.check-line.failed { color: #b3261e; opacity: 1; }
details { margin-top: 0.5em; }
summary { cursor: pointer; }
ol.steps { padding-left: 0; list-style: none; margin: 0.5em 0 0; }
li.step { margin: 0.6em 0; }
.step-head { font-size: 0.85em; display: flex; gap: 0.5em; flex-wrap: wrap; align-items: baseline; }
.step-number { font-weight: 600; }
.rules { display: inline-flex; gap: 0.4em; flex-wrap: wrap; }
.rule-chip { font-family: ui-monospace, monospace; font-size: 0.9em; }
.rule-toggle, .rule-tip, .identities { display: none; }
.step-check, .note { font-size: 0.85em; opacity: 0.85; margin: 0.3em 0; }
.open-link { font-size: 0.85em; }
.error { color: #b3261e; }
.tex-breakable { overflow-x: auto; overflow-y: hidden; }
`;

const STEPS = { '': 'open', open: 'open', 1: 'open', closed: 'closed', 0: 'closed', none: 'none' };

class MatcalcDerivation extends HTMLElement {
  static get observedAttributes() {
    return ['expr', 'wrt', 'decl', 'layout', 'steps'];
  }

  constructor() {
    super();
    this.generation = 0;
    this.root = this.attachShadow({ mode: 'open' });
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = katexCss;
    const style = document.createElement('style');
    style.textContent = STYLE;
    this.box = document.createElement('div');
    this.box.className = 'box';
    this.box.setAttribute('part', 'box');
    this.root.append(link, style, this.box);
  }

  connectedCallback() {
    this.derive();
  }

  attributeChangedCallback() {
    // Several attributes set one after another are derived once.
    if (!this.isConnected || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.derive();
    });
  }

  request() {
    const layout = this.getAttribute('layout') || '';
    return {
      op: 'analyze',
      expr: this.getAttribute('expr') || '',
      wrt: (this.getAttribute('wrt') || '').trim(),
      decl: this.getAttribute('decl') || '',
      seed: 1,
      hessian: false,
      layout: ['numerator', 'denominator'].includes(layout) ? layout : '',
    };
  }

  async derive() {
    const mine = ++this.generation;
    const request = this.request();
    this.dataset.state = 'loading';
    this.setAttribute('aria-busy', 'true');
    if (!request.expr.trim()) {
      this.showError('This matcalc-derivation element has no expression (its expr attribute).');
      return;
    }
    let parts;
    let answer;
    try {
      parts = await loadShared();
      ({ result: answer } = await parts.engine.enqueue(request));
    } catch (error) {
      if (mine === this.generation) this.showError(`The engine could not answer: ${error.message}.`);
      return;
    }
    if (mine !== this.generation) return;
    const failure = !answer?.parse?.ok ? answer?.parse?.error
      : !answer.wrt ? { message: 'this expression has no variables to differentiate by' }
        : request.wrt && answer.wrt !== request.wrt ? { message: `“${request.wrt}” is not a variable of this expression` }
          : !answer.derive?.ok ? answer.derive?.error : null;
    if (failure) {
      this.showError(`No derivation of ${request.expr}: ${failure.message || 'the engine gave no answer'}.`);
      return;
    }
    await this.show(parts, answer.derive, { ...request, wrt: answer.wrt }, mine);
  }

  async show({ view, Typesetter, formatFragment }, derivation, request, mine) {
    this.typesetter ??= new Typesetter();
    const batch = this.typesetter.batch();
    const el = (tag, props, ...children) => {
      const node = document.createElement(tag);
      Object.assign(node, props);
      node.append(...children.filter((c) => c !== null && c !== undefined));
      return node;
    };
    const stepsMode = STEPS[(this.getAttribute('steps') || '').trim()] || 'open';
    const link = el('a', {
      className: 'open-link', target: '_blank', rel: 'noopener',
      href: new URL(`index.html${formatFragment(request)}`, site).href,
    }, 'Open in matcalc');
    let steps = null;
    if (stepsMode !== 'none' && derivation.steps?.length) {
      const count = derivation.steps.length;
      steps = el('details', { open: stepsMode === 'open' },
        el('summary', {}, `${count} step${count === 1 ? '' : 's'}`),
        view.stepsList(derivation.steps, batch, { idPrefix: `matcalc-${mine}`, linkTarget: '_blank', lazy: true }),
        view.stepCheckLine(derivation.step_check, count));
    }
    this.box.replaceChildren(
      el('h2', {}, `${view.kindTitle(derivation.kind)} with respect to ${derivation.wrt || request.wrt}`),
      view.resultMath(derivation, batch),
      view.checkLine(derivation.check),
      steps,
      link);
    await batch.run();
    if (mine !== this.generation) return;
    this.dataset.state = 'ok';
    this.removeAttribute('aria-busy');
  }

  showError(message) {
    this.typesetter?.batch(); // cancels an older derivation's typesetting
    const p = document.createElement('p');
    p.className = 'error';
    p.setAttribute('role', 'alert');
    p.textContent = message;
    this.box.replaceChildren(p);
    this.dataset.state = 'error';
    this.removeAttribute('aria-busy');
  }
}

if (!customElements.get('matcalc-derivation')) customElements.define('matcalc-derivation', MatcalcDerivation);
