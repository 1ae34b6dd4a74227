// Typesetting off the main thread: KaTeX in a classic Web Worker (katex.min.js is a UMD
// script, loaded with importScripts). js/tex.js sends the large formulas here, one at a
// time: {id, latex, displayMode}; the answer is {id, html} (KaTeX's renderToString, with
// the page's options: trust false, HTML and MathML output) or {id, error}. KaTeX
// escapes every text it prints, so the page may insert this HTML: it is KaTeX's output
// for the engine's LaTeX, never a string from the URL.
// The smaller build first (scripts/katex-lite.mjs); a formula it does not accept is
// typeset by the whole of KaTeX, loaded then.
importScripts('vendor/katex/katex-lite.min.js');

const OPTIONS = { throwOnError: false, trust: false, strict: 'ignore', maxExpand: 1000, output: 'htmlAndMathml' };

function typeset(latex, options) {
  if (!self.katex) {
    try {
      return self.katexLite.renderToString(latex, { ...options, throwOnError: true });
    } catch {
      importScripts('vendor/katex/katex.min.js');
    }
  }
  return self.katex.renderToString(latex, options);
}

self.onmessage = (event) => {
  const { id, latex, displayMode } = event.data;
  try {
    postMessage({ id, html: typeset(String(latex), { ...OPTIONS, displayMode: !!displayMode }) });
  } catch (error) {
    postMessage({ id, error: String((error && error.message) || error) });
  }
};
