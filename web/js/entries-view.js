// A question asked entry by entry (SPEC section 14: `∂(Σₖ m_ik m_jk)/∂m_xy`,
// `f_{ij} = w_{ik}x_{kj}, \frac{\partial f_{ij}}{\partial w_{mn}}`): the engine reads it
// into a plain matrix question (M*M' by M) and marks its `index` field
// `asked_by_entries`. The page then shows the question as the user typed it first
// ("asked: …": their LaTeX typeset, their Unicode or plain text as it is), the function
// in index form and the answer entry by entry (∂F_ij/∂M_xy = δ_ix M_jy + M_iy δ_jx),
// before the matrix form; the note of kind `entries` (what the 4-index object is as a
// matrix, and what "∂P/∂M = 2M" stands for) goes with it.
import { h } from './dom.js';
import { loadFullKatex, loadKatex, MAX_TEX_LENGTH, OPTIONS } from './tex.js';

export const askedByEntries = (derivation) => Boolean(derivation?.index?.asked_by_entries && derivation.index.result);

export const entriesNote = (derivation) => (derivation?.notes || []).find((n) => n?.kind === 'entries') || null;

// Typed text that is LaTeX (a command, or a braced sub/superscript) is typeset; anything
// else (Unicode, plain text) is shown as it is.
const looksLikeLatex = (text) => /\\[A-Za-z]|[_^]\{/.test(text);

// The question as typed, one line per typed line: typeset with KaTeX when it is LaTeX
// (throwOnError, so what KaTeX cannot read shows as typed and never as a .katex-error),
// else the text itself. `data-typed` holds the text.
export function typedQuestion(typed) {
  const text = String(typed ?? '').trim();
  const lines = text.split(/\s*[\r\n]+\s*/).filter(Boolean);
  const node = h('span', { class: 'asked-typed', dataset: { typed: text } });
  for (const line of lines) {
    const plain = h('span', { class: 'asked-line', dataset: { form: 'text' } }, line);
    node.append(plain);
    if (!looksLikeLatex(line) || line.length > MAX_TEX_LENGTH) continue;
    // KaTeX as the page has it (the calculator's smaller build), then the whole of it if
    // that one does not read the line.
    const render = (katex) => {
      const math = h('span', { class: 'asked-line', dataset: { form: 'latex' } });
      katex.render(`\\displaystyle ${line}`, math, { ...OPTIONS, throwOnError: true, displayMode: false });
      plain.replaceWith(math);
    };
    loadKatex().then((katex) => {
      try {
        render(katex);
      } catch {
        if (katex === globalThis.katex) return; // not LaTeX KaTeX reads: it stays as typed
        loadFullKatex().then((full) => {
          try {
            render(full);
          } catch {
            // it stays as typed
          }
        }, () => {});
      }
    }, () => {});
  }
  return node;
}

// The derivative's left side entry by entry, as LaTeX (\frac{\partial F_{ij}}{\partial
// M_{xy}}), and the function's (F_{ij}), as the engine writes them in the question's own
// letters (index.lhs, index.f_lhs); null where it has none (an index with no letter).
export function entryLhs(derivation) {
  const { index } = derivation || {};
  if (!index?.lhs || !index?.f_lhs) return null;
  return { f: index.f_lhs, derivative: index.lhs };
}

// "asked: <the question as typed>".
export function askedLine(typed) {
  return h('p', { class: 'asked' }, h('span', { class: 'asked-label' }, 'asked: '), typedQuestion(typed));
}

// The answer entry by entry: ∂F_ij/∂M_xy = δ_ix M_jy + M_iy δ_jx (or the index form
// alone where its left side cannot be told).
export function entryAnswerLatex(derivation) {
  const lhs = entryLhs(derivation);
  return lhs ? `${lhs.derivative} = ${derivation.index.result}` : derivation.index.result;
}

// The function in index form: F_{ij} = M_{ik} M_{jk}.
export function entryFunctionLatex(derivation) {
  const lhs = entryLhs(derivation);
  return lhs ? `${lhs.f} = ${derivation.index.f}` : derivation.index.f;
}
