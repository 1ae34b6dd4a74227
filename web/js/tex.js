// Typesetting with KaTeX (loaded as a classic script before the page's modules).
// Always trust: false (no \href, \url, \html* commands) and throwOnError: false, so a
// LaTeX error shows inline in the formula instead of breaking the page; anything else
// KaTeX throws is shown as the LaTeX source with a note. A `breakable` formula (steps,
// results) is set in display style but in KaTeX's inline mode, which lets a line break
// after a top-level relation or operator (=, +, −), so a long equation wraps on a phone
// instead of running off the screen; what still does not fit scrolls, and says so
// (overflow.js). LaTeX longer than `maxLength`
// is not typeset until asked (KaTeX runs on the main thread and a megabyte of
// formula would freeze typing).
import { h, fill } from './dom.js';
import { watchOverflow } from './overflow.js';

export const MAX_TEX_LENGTH = 12000;

const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000 };

export function tex(latex, { display = false, breakable = false, maxLength = MAX_TEX_LENGTH, className = '' } = {}) {
  const node = h(display || breakable ? 'div' : 'span', { class: `tex ${className}`.trim() });
  renderTex(node, latex, { display, breakable, maxLength });
  return node;
}

export function renderTex(node, latex, { display = false, breakable = false, maxLength = MAX_TEX_LENGTH } = {}) {
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
