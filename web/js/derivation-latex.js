// A whole derivation as LaTeX source for lecture notes (SPEC 11, "Copy LaTeX"; issue 20):
// one `align*` environment — the definitions and the function as read, every step with
// its rule names as a `\text{}` tag in a column of its own, and the result with its
// where-clause — that compiles with amsmath alone and that KaTeX renders; and a
// standalone document around it ("Download .tex"). Rule names are ASCII (kebab-case), so
// the tags need no Unicode support from LaTeX; step titles, which have ⟨∂f/∂P⟩, are left
// out for that reason.
import { nameLatex, resultLatexForCopy } from './derivation-view.js';

// Splits an equation at its first top-level relation sign (`=`, or `\Rightarrow` when it
// comes first) for alignment: `\mathrm{d}f = ...` is ['\mathrm{d}f', '= ...']. Braces,
// \left...\right pairs and environments are skipped, so an `=` inside a subscript or a bracket stays put.
export function splitAtRelation(latex) {
  const source = String(latex ?? '');
  let depth = 0;
  for (let i = 0; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\') {
      const word = /^\\([a-zA-Z]+|.)/.exec(source.slice(i))[1];
      if (word === 'left' || word === 'begin') depth += 1;
      else if (word === 'right' || word === 'end') depth -= 1;
      i += word.length;
      continue;
    }
    if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (c === '=' && depth === 0) return [source.slice(0, i).trimEnd(), source.slice(i)];
  }
  return ['', source];
}

const escapeText = (text) => String(text ?? '').replace(/[\\{}_^#$%&~]/g, (c) => (
  { '\\': '\\textbackslash{}', '~': '\\textasciitilde{}', '^': '\\textasciicircum{}' }[c] || `\\${c}`));

const row = (latex, tag) => {
  const [left, right] = splitAtRelation(latex);
  return `  ${left} &${right}${tag ? ` && \\text{${escapeText(tag)}}` : ''}`;
};

// The align* environment of `derivation` (an engine derivation: its definitions, steps
// and result).
export function derivationAlign(derivation) {
  const variables = derivation.shapes || [];
  const name = (n) => nameLatex(n, variables);
  const rows = [];
  for (const d of derivation.definitions || []) rows.push(row(`${name(d.name)} = ${d.typed_latex || d.latex}`, 'definition'));
  const f = derivation.typed_latex || derivation.expr?.latex;
  if (f) rows.push(row(`${derivation.function ? name(derivation.function) : 'f'} = ${f}`, 'the function'));
  for (const step of derivation.steps || []) {
    const rules = step.rules?.length ? step.rules : [step.rule].filter(Boolean);
    rows.push(row(step.latex, rules.join(', ')));
  }
  const { result = {} } = derivation;
  const lhs = result.lhs || `\\frac{\\partial ${derivation.function ? name(derivation.function) : 'f'}}{\\partial ${name(derivation.wrt)}}`;
  rows.push(row(`${lhs} = ${resultLatexForCopy(derivation)}`, 'result'));
  return `\\begin{align*}\n${rows.join(' \\\\\n')}\n\\end{align*}`;
}

// A standalone document: the derivation, under a line saying what it is.
export function derivationDocument(derivation, request = {}) {
  const what = `The ${derivation.kind || 'derivative'} of ${request.expr ?? derivation.expr?.text ?? 'f'}`
    + ` with respect to ${derivation.wrt || request.wrt || ''}${request.decl ? ` (declarations: ${request.decl})` : ''}`;
  return ['\\documentclass{article}', '\\usepackage{amsmath}', '\\begin{document}', '',
    `\\noindent ${escapeText(what)}, derived by matcalc.`, '', derivationAlign(derivation), '',
    '\\end{document}', ''].join('\n');
}
