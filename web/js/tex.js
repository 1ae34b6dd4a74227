// Typesetting with KaTeX (loaded as a classic script before the page's modules).
// Always trust: false (no \href, \url, \html* commands) and throwOnError: false, so a
// LaTeX error shows inline in the formula instead of breaking the page; anything else
// KaTeX throws is shown as the LaTeX source with a note. LaTeX longer than `maxLength`
// is not typeset until asked (KaTeX runs on the main thread and a megabyte of
// formula would freeze typing).
import { h, fill } from './dom.js';

export const MAX_TEX_LENGTH = 12000;

const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000 };

export function tex(latex, { display = false, maxLength = MAX_TEX_LENGTH, className = '' } = {}) {
  const node = h(display ? 'div' : 'span', { class: `tex ${className}`.trim() });
  renderTex(node, latex, { display, maxLength });
  return node;
}

export function renderTex(node, latex, { display = false, maxLength = MAX_TEX_LENGTH } = {}) {
  const source = String(latex ?? '');
  if (source.length > maxLength) {
    const button = h('button', { type: 'button', class: 'link-button' }, 'typeset it anyway');
    button.addEventListener('click', () => renderTex(node, source, { display, maxLength: Infinity }));
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
    katex.render(source, node, { ...OPTIONS, displayMode: display });
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
