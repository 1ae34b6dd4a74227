// Typesetting with KaTeX (loaded as a classic script before the page's modules).
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

const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000 };

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
// resolved once the node holds the formula (or at once if `isCurrent()` turns false).
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
  if (async && source.length > WORKER_MIN_LENGTH && !texWorker.broken) {
    node.classList.add('tex-pending');
    const text = breakable ? `\\displaystyle ${source}` : source;
    return texWorker.render(text, !breakable && display, isCurrent).then((answer) => {
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
  if (!katex) {
    fill(node, h('code', { class: 'tex-source' }, source));
    return node;
  }
  try {
    if (breakable) katex.render(`\\displaystyle ${source}`, node, { ...OPTIONS, displayMode: false });
    else katex.render(source, node, { ...OPTIONS, displayMode: display });
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
    globalThis.katex?.renderToString(
      '\\mathrm{d}f = \\left\\langle \\frac{\\partial f}{\\partial W},\\; \\mathrm{d}W \\right\\rangle'
      + ' = \\operatorname{tr}\\left(2 x x^{\\top} W \\odot \\sigma\\left(X^{\\top} a\\right)^{\\circ 2}\\right)',
      OPTIONS);
  } catch {
    // a warm-up only
  }
}
