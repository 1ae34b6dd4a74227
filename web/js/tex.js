// Typesetting with KaTeX. Its script (vendor/katex/katex.min.js, a classic script) is
// loaded by the page (a <script defer> before the page's modules), or, on the calculator,
// not before it is needed: the boot script starts it at once unless the first visit's
// answer, typeset at build time, is what the page shows first (loadKatex; a formula asked
// for before it has arrived is typeset when it does, renderTex then returns a promise).
// The calculator (<html data-katex="boot">) and the embed load the smaller build of KaTeX
// instead (vendor/katex/katex-lite.min.js, scripts/katex-lite.mjs: 52 KB gzip where
// katex.min.js is 76 KB, the same code without what the engine and the page never write);
// a formula it does not accept is typeset by katex.min.js, loaded then (loadFullKatex).
// Formulas typeset in advance (`addTypeset`: KaTeX's own output for them, made at build
// time by scripts/prerender.mjs with these same options) are inserted as they are.
// Always trust: false (no \href, \url, \html* commands) and throwOnError: false, so a
// LaTeX error shows inline in the formula instead of breaking the page; anything else
// KaTeX throws is shown as the LaTeX source with a note. A `breakable` formula (steps,
// results) is set in display style but in KaTeX's inline mode, which lets a line break
// after a top-level relation or operator (=, +, −), so a long equation wraps on a phone
// instead of running off the screen; what still does not fit scrolls, and says so
// (overflow.js). LaTeX longer than `maxLength`
// is not typeset until asked (a megabyte of formula would take seconds to typeset and
// lay out).
//
// Large formulas (over WORKER_MIN_LENGTH characters; a deeply nested formula of 1,300
// characters takes KaTeX 20-40 ms) are typeset in a Web Worker
// (tex-worker.js, KaTeX's renderToString with these same options) when renderTex is
// given `async: true`, which the Typesetter's batches do: one katex.render call cannot
// be split across frames, and a formula of 10,000 characters holds the main thread for
// tens of milliseconds. The page inserts the HTML the worker returns: KaTeX's output
// for the engine's LaTeX with trust: false (KaTeX escapes text), never a string from
// the URL. Without workers, or if the worker fails, the formula is typeset here.
import { h, fill } from './dom.js';
import { watchOverflow } from './overflow.js';

export const MAX_TEX_LENGTH = 12000;
export const WORKER_MIN_LENGTH = 1000;

export const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000 };

// KaTeX's script, once: the one the boot script started (<script data-katex>), else one
// added now (a page whose own <script> for it has run has KaTeX already): the smaller
// build on the calculator (<html data-katex="boot">), katex.min.js elsewhere. Resolves
// with KaTeX (the one to try first); rejects if it cannot be loaded, and from then on
// formulas show their source, as on a page whose own <script> for it failed.
let katexLoading = null;
export function loadKatex() {
  const loaded = globalThis.katex || globalThis.katexLite;
  if (loaded) return Promise.resolve(loaded);
  const lite = document.documentElement.getAttribute('data-katex') === 'boot';
  katexLoading ??= loadScript('script[data-katex]', lite ? 'katex-lite.min.js' : 'katex.min.js',
    () => globalThis.katex || globalThis.katexLite);
  return katexLoading;
}

// The whole of KaTeX (katex.min.js), for a formula the smaller build does not accept.
let fullLoading = null;
export function loadFullKatex() {
  if (globalThis.katex) return Promise.resolve(globalThis.katex);
  fullLoading ??= loadScript('script[data-katex-full]', 'katex.min.js', () => globalThis.katex, 'data-katex-full');
  return fullLoading;
}

// Loads vendor/katex/FILE once (or waits for the <script> matching `selector` that is
// already there); resolves with `loaded()`.
function loadScript(selector, file, loaded, attribute = 'data-katex') {
  return new Promise((resolve, reject) => {
    let script = document.querySelector(selector);
    if (!script) {
      script = document.createElement('script');
      script.src = new URL(`../vendor/katex/${file}`, import.meta.url).href;
      script.setAttribute(attribute, '');
      script.addEventListener('load', () => script.setAttribute('data-loaded', ''), { once: true });
      script.addEventListener('error', () => script.setAttribute('data-loaded', ''), { once: true });
      document.head.append(script);
    }
    const done = () => (loaded() ? resolve(loaded()) : reject(new Error('KaTeX could not be loaded')));
    script.addEventListener('load', done, { once: true });
    script.addEventListener('error', done, { once: true });
    // Loaded (or failed) before anyone listened: the boot script records which.
    if (script.hasAttribute('data-loaded')) done();
  });
}

// Formulas typeset in advance: KaTeX's input and display mode -> its HTML output.
const typesetInAdvance = new Map();
const typesetKey = (text, displayMode) => `${displayMode ? 'display' : 'inline'}:${text}`;

// Whether renderTex would insert a formula typeset in advance for `latex` with these
// options (then typesetting it costs an innerHTML, not KaTeX).
export function typesetAlready(latex, { display = false, breakable = false } = {}) {
  const source = String(latex ?? '');
  return typesetInAdvance.has(typesetKey(breakable ? `\\displaystyle ${source}` : source, !breakable && display));
}

// `entries`: [[text, displayMode, html], ...]: KaTeX's output (renderToString) for `text`
// with OPTIONS and `displayMode`, as renderTex would call it (scripts/prerender.mjs).
export function addTypeset(entries) {
  for (const [text, displayMode, html] of entries || []) {
    if (typeof html === 'string') typesetInAdvance.set(typesetKey(String(text), Boolean(displayMode)), html);
  }
}

// The typesetting worker: started on first use, answers one formula at a time; jobs
// whose batch is no longer current (`isCurrent()` false) are dropped before they are
// sent. `broken` once it failed: everything is typeset on the main thread from then on.
const texWorker = {
  worker: null,
  broken: typeof Worker !== 'function',
  nextId: 1,
  queue: [],
  inFlight: null,

  render(latex, displayMode, isCurrent) {
    return new Promise((resolve) => {
      this.queue.push({ latex, displayMode, isCurrent, resolve });
      this.pump();
    });
  },

  start() {
    if (this.worker || this.broken) return this.worker;
    try {
      this.worker = new Worker(new URL('../tex-worker.js', import.meta.url));
    } catch {
      this.broken = true;
      return null;
    }
    this.worker.onmessage = (event) => {
      const job = this.inFlight;
      if (!job || event.data.id !== job.id) return;
      this.inFlight = null;
      job.resolve(event.data);
      this.pump();
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail();
    };
    return this.worker;
  },

  // The worker could not load or broke: what it was asked is answered with null (the
  // caller typesets it itself), and so is everything after.
  fail() {
    this.broken = true;
    this.worker?.terminate();
    this.worker = null;
    const pending = [this.inFlight, ...this.queue.splice(0)].filter(Boolean);
    this.inFlight = null;
    for (const job of pending) job.resolve(null);
  },

  pump() {
    while (!this.inFlight && this.queue.length) {
      const job = this.queue.shift();
      if (!job.isCurrent()) {
        job.resolve({ cancelled: true });
        continue;
      }
      if (!this.start()) {
        job.resolve(null);
        continue;
      }
      job.id = this.nextId++;
      this.inFlight = job;
      this.worker.postMessage({ id: job.id, latex: job.latex, displayMode: job.displayMode });
    }
  },
};

export function tex(latex, { display = false, breakable = false, maxLength = MAX_TEX_LENGTH, className = '' } = {}) {
  const node = h(display || breakable ? 'div' : 'span', { class: `tex ${className}`.trim() });
  renderTex(node, latex, { display, breakable, maxLength });
  return node;
}

// Typesets `latex` into `node` and returns the node; with `async` (a Typesetter batch),
// a large formula is sent to the typesetting worker and a promise is returned instead,
// resolved once the node holds the formula (or at once if `isCurrent()` turns false), and
// so is one asked for before KaTeX's script has arrived.
// Typesets once `load` has brought a KaTeX (the whole one, or KaTeX at all); if it cannot
// load, the source is shown.
function typesetAfter(load, node, source, options) {
  node.classList.add('tex-pending');
  return load().then(() => {
    node.classList.remove('tex-pending');
    return renderTex(node, source, options);
  }, () => {
    node.classList.remove('tex-pending');
    fill(node, h('code', { class: 'tex-source' }, source));
    return node;
  });
}

export function renderTex(node, latex, {
  display = false, breakable = false, maxLength = MAX_TEX_LENGTH, async = false, isCurrent = () => true,
} = {}) {
  const source = String(latex ?? '');
  if (breakable) {
    node.classList.add('tex-breakable');
    watchOverflow(node);
  }
  if (source.length > maxLength) {
    const button = h('button', { type: 'button', class: 'link-button' }, 'typeset it anyway');
    button.addEventListener('click', () => renderTex(node, source, { display, breakable, maxLength: Infinity }));
    fill(node, h('span', { class: 'tex-skipped' },
      `(a formula of ${source.length.toLocaleString('en')} characters, too long to typeset quickly — `,
      button, ')'));
    return node;
  }
  // What KaTeX is given: a breakable formula in display style, but in inline mode.
  const text = breakable ? `\\displaystyle ${source}` : source;
  const displayMode = !breakable && display;
  const ready = typesetInAdvance.get(typesetKey(text, displayMode));
  if (ready !== undefined) {
    // KaTeX's own output for this formula, made at build time with these options.
    node.innerHTML = ready;
    return node;
  }
  if (async && source.length > WORKER_MIN_LENGTH && !texWorker.broken) {
    node.classList.add('tex-pending');
    return texWorker.render(text, displayMode, isCurrent).then((answer) => {
      node.classList.remove('tex-pending');
      if (answer?.cancelled) return node;
      if (typeof answer?.html === 'string') {
        // KaTeX's own output for the engine's LaTeX, rendered with trust: false.
        node.innerHTML = answer.html;
        return node;
      }
      return renderTex(node, source, { display, breakable, maxLength });
    });
  }
  const katex = globalThis.katex;
  const lite = katex ? null : globalThis.katexLite;
  if (!katex && !lite) return typesetAfter(loadKatex, node, source, { display, breakable, maxLength });
  if (lite) {
    // The smaller KaTeX: what it does not accept (it throws) waits for the whole one.
    try {
      lite.render(text, node, { ...OPTIONS, throwOnError: true, displayMode });
      return node;
    } catch {
      globalThis.matcalcKatexFallbacks = (globalThis.matcalcKatexFallbacks || 0) + 1;
      return typesetAfter(loadFullKatex, node, source, { display, breakable, maxLength });
    }
  }
  try {
    katex.render(text, node, { ...OPTIONS, displayMode });
  } catch (error) {
    fill(node, h('code', { class: 'tex-source' }, source),
      h('span', { class: 'tex-error' }, ` (KaTeX: ${error.message})`));
  }
  return node;
}

// Typesets a typical formula off-screen while the engine is still loading, so KaTeX's
// code is compiled before the first derivation arrives (it makes the first render ~2×
// faster).
export function warmUp() {
  try {
    (globalThis.katex || globalThis.katexLite)?.renderToString(
      '\\mathrm{d}f = \\left\\langle \\frac{\\partial f}{\\partial W},\\; \\mathrm{d}W \\right\\rangle'
      + ' = \\operatorname{tr}\\left(2 x x^{\\top} W \\odot \\sigma\\left(X^{\\top} a\\right)^{\\circ 2}\\right)',
      OPTIONS);
  } catch {
    // a warm-up only
  }
}
