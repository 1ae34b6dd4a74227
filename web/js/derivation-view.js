// Builds the DOM for one derivation outcome of the engine (see README, "The page"):
// the result, the numeric check and the steps. Shared by index.html, embed.html and the
// lessons' derive blocks. Formulas are queued on a Typesetter batch rather than typeset
// here, so a huge derivation is typeset in slices. Kinds this page does not know get a
// generic title and the same layout. Every rule a step names links to its entry in the
// rule reference (rules.html#NAME).
import { h } from './dom.js';
import { scientific, scientificNode } from './format.js';
import { ruleHref } from './rules-table.js';
import { renderTex, tex } from './tex.js';

const KIND_TITLES = { gradient: 'Gradient', jacobian: 'Jacobian', hessian: 'Hessian' };

export function kindTitle(kind) {
  if (KIND_TITLES[kind]) return KIND_TITLES[kind];
  if (typeof kind === 'string' && kind) return kind[0].toUpperCase() + kind.slice(1);
  return 'Result';
}

// The result as an equation, "lhs = rhs", for display.
export function resultLatex(derivation) {
  const { result = {} } = derivation;
  return result.lhs ? `${result.lhs} = ${result.latex ?? ''}` : String(result.latex ?? '');
}

// The right-hand side as LaTeX to paste into a document, with its where-clause.
// The engine may already write the where-clause into the result's LaTeX.
const hasWhere = (latex) => /\\text\{\s*where/.test(String(latex ?? ''));

export function resultLatexForCopy(derivation) {
  const { result = {} } = derivation;
  const where = [
    ...(hasWhere(result.latex) ? [] : result.where || []).map((w) => `${w.latex_name || w.name} = ${w.latex}`),
    ...usedDefinitions(derivation).map((d) => `${nameLatex(d.name, derivation.shapes)} = ${d.latex}`),
  ];
  return where.length
    ? `${result.latex},\\quad\\text{where } ${where.join(',\\; ')}`
    : String(result.latex ?? '');
}

export function resultMath(derivation, batch, { display = true } = {}) {
  const { result = {} } = derivation;
  const node = h('div', { class: 'result-math' });
  node.append(batch.add(h('div', { class: 'tex' }), resultLatex(derivation), display ? { breakable: true } : {}));
  const where = (hasWhere(result.latex) ? [] : result.where || [])
    .map((w) => `${w.latex_name || w.name} = ${w.latex}`);
  const definitions = usedDefinitions(derivation);
  if (where.length || definitions.length) {
    const list = h('ul', { class: 'where' });
    for (const latex of where) list.append(h('li', {}, batch.add(h('span', { class: 'tex' }), latex, {})));
    for (const d of definitions) {
      list.append(h('li', { class: 'definition', dataset: { name: d.name } },
        batch.add(h('span', { class: 'tex' }), `${nameLatex(d.name, derivation.shapes)} = ${d.latex}`, {})));
    }
    node.append(h('div', { class: 'where-block' }, h('span', { class: 'where-label' }, 'where'), list));
  }
  return node;
}

// A name as LaTeX: the engine's spelling from the variables list (`x_1` is x_{1}, `Sigma`
// is \Sigma) when it has one, else a one-letter name as it is and a longer one upright.
export function nameLatex(name, variables = []) {
  const known = (variables || []).find((v) => v.name === name)?.latex;
  if (known) return known;
  const text = String(name ?? '');
  return /^[A-Za-z]$/.test(text) ? text : `\\mathrm{${text.replace(/[_{}\\]/g, (c) => `\\${c}`)}}`;
}

// The program as it was read (SPEC section 5), from a parse or a derivation: each
// definition on its line, then the function, `f = ...` (or the name the last statement
// gives it).
export function programLatex(parsed) {
  const name = (n) => nameLatex(n, (parsed.variables || parsed.shapes));
  // As typed where the engine gives it (tr(QQ^T), not the canonical tr(Q^2)).
  const lines = (parsed.definitions || []).map((d) => `${name(d.name)} &= ${d.typed_latex || d.latex}`);
  const last = `${parsed.function ? name(parsed.function) : 'f'} ${lines.length ? '&' : ''}= ${parsed.typed_latex || parsed.expr.latex}`;
  if (!lines.length) return last;
  return `\\begin{aligned} ${[...lines, last].join(' \\\\ ')} \\end{aligned}`;
}

const namesIn = (text) => new Set(String(text ?? '').match(/[A-Za-z_][A-Za-z0-9_]*/g) || []);

// The definitions a result written with the defined names needs (SPEC section 5): those
// its named form mentions, and those their definitions mention in turn, in the program's
// order. None when the result writes everything out.
export function usedDefinitions(derivation) {
  const definitions = derivation.definitions || [];
  const named = derivation.result?.named_text;
  if (!definitions.length || !named) return [];
  const needed = namesIn(named);
  for (let i = definitions.length - 1; i >= 0; i -= 1) {
    if (needed.has(definitions[i].name)) for (const name of namesIn(definitions[i].text)) needed.add(name);
  }
  return definitions.filter((d) => needed.has(d.name) && d.name !== derivation.wrt);
}

// Notes that hold a one-click fix, by kind: what labels the note, and the button's verb
// and value. A convention note (a name the naming convention made a scalar, then
// transposed or broadcast: SPEC section 7) adds the declaration it suggests; a reading
// note (a paste read one of two ways, issue 18) puts the other reading in the expression.
const FIXES = {
  convention: (note) => ({
    label: ['Note on ', h('code', {}, (note.variables?.length ? note.variables : [note.variable]).map(String).join(', ')), ': '],
    verb: 'Declare ',
    value: note.declaration,
  }),
  reading: () => ({ label: ['Note on the reading: '], verb: 'Read it as ', value: '' }),
  // A question asked entry by entry (SPEC 14): what its many-index answer is as a matrix.
  entries: () => ({ label: ['Entry by entry and as a matrix: '], verb: '', value: '' }),
};

// The derivation's notes, each a [role=note]: a rule's note is its message; a note of
// FIXES names what it is about and, given `onFix(value, note, event)`, holds its fix as a
// button. Strings (an older engine) are messages.
export function notesList(notes, { onFix } = {}) {
  return (notes || []).map((raw) => {
    const note = typeof raw === 'string' ? { kind: 'rule', message: raw } : raw || {};
    const message = String(note.message ?? '');
    const kind = FIXES[note.kind];
    if (!kind) {
      return h('p', { class: 'note rule-note', role: 'note', dataset: { kind: note.kind || 'rule' } }, message);
    }
    const { label, verb, value: fixed } = kind(note);
    const value = fixed || note.expression;
    const fix = onFix && value
      ? h('button', {
        type: 'button', class: 'button note-fix',
        onclick: (event) => onFix(String(value), note, event),
      }, verb, h('code', {}, String(value)))
      : null;
    return h('div', {
      class: `note ${note.kind}-note`, role: 'note',
      dataset: { kind: note.kind, variable: String(note.variable ?? '') },
    }, h('p', {}, h('span', { class: 'note-label' }, ...label), message), fix);
  });
}

// What the engine derived on the way or alongside: the gradient of a Hessian, and for a
// Jacobian the backpropagation form (the Jacobian's transpose applied to an upstream
// gradient G, without forming the Jacobian).
// The differentials are shown too: dF for a Jacobian (F is the expression), d of the
// gradient and the second differential d²f for a Hessian.
export function relatedResults(derivation, batch) {
  const wrt = (derivation.shapes || []).find((s) => s.name === derivation.wrt)?.latex || derivation.wrt;
  const gradient = `\\frac{\\partial f}{\\partial ${wrt}}`;
  const items = [];
  // The value's name: the one the question gave it (D = W*X), else F.
  const named = derivation.function && derivation.function !== 'f' ? derivation.function : '';
  const value = named ? nameLatex(named, derivation.shapes) : 'F';
  const formula = (label, latex) => h('div', { class: 'related' }, h('span', { class: 'related-label' }, label),
    batch.add(h('span', { class: 'tex' }), latex, {}));
  if (derivation.gradient?.latex) items.push(formula('gradient', `${gradient} = ${derivation.gradient.latex}`));
  if (derivation.differential?.latex && derivation.kind === 'hessian') {
    // The Hessian as the linear map it is: dX ↦ H[dX] = d(∂f/∂X), beside the Kronecker
    // form; d²f = ⟨dX, H[dX]⟩ is what the second differential below reads.
    const dX = `\\mathrm{d}${wrt}`;
    items.push(h('div', { class: 'related', dataset: { form: 'linear-map' } },
      h('span', { class: 'related-label' }, 'as a linear map'),
      batch.add(h('span', { class: 'tex' }),
        `${dX} \\mapsto H[${dX}] = \\mathrm{d}\\,${gradient} = ${derivation.differential.latex}`, {}),
      batch.add(h('p', { class: 'note tex-note' }),
        `\\text{so that } \\mathrm{d}^2 f = \\left\\langle ${dX},\\, H[${dX}] \\right\\rangle`, {})));
  } else if (derivation.differential?.latex) {
    items.push(formula('differential', `\\mathrm{d}${value} = ${derivation.differential.latex}`));
  }
  if (derivation.second_differential?.latex) {
    items.push(formula('second differential', `\\mathrm{d}^2 f = ${derivation.second_differential.latex}`));
  }
  const { backprop } = derivation;
  if (backprop?.latex) {
    const upstream = backprop.upstream || 'G';
    items.push(h('div', { class: 'related' }, h('span', { class: 'related-label' }, 'backpropagation'),
      batch.add(h('span', { class: 'tex' }), `\\frac{\\partial \\varphi}{\\partial ${wrt}} = ${backprop.latex}`, {}),
      backprop.relation ? h('p', { class: 'note' }, backprop.relation) : null,
      h('p', { class: 'note' }, `(${upstream} is the upstream gradient ∂φ/∂${named || 'F'}.)`)));
  }
  return items.length ? h('div', { class: 'related-results' }, items) : null;
}

// The numeric check as a definition list with a verdict. `onRerun` (optional) adds the
// "re-run with new random values" button.
export function checkView(check, { onRerun, compact = false } = {}) {
  if (!check) {
    return h('section', { class: 'card check', dataset: { check: 'none' } },
      h('h2', {}, 'Numeric check'), h('p', {}, 'The engine did not report a numeric check.'));
  }
  const verdict = checkVerdict(check);
  const section = h('section', {
    class: `card check ${verdict.key}`, 'aria-labelledby': 'check-title', dataset: { check: verdict.key },
  });
  section.append(h('h2', { id: 'check-title' }, 'Numeric check'));
  section.append(h('p', { class: 'verdict' },
    h('span', { class: 'mark', 'aria-hidden': 'true' }, verdict.mark), ' ', verdict.text));
  const rows = [
    ['largest relative error', [scientificNode(check.max_rel_error),
      ' (tolerance ', scientificNode(check.tolerance, 1), ')']],
    ['sizes', check.sizes || '—'],
    ['seed', String(check.seed ?? '—')],
  ];
  if (!compact) {
    const directions = check.directions ? `${Math.round(Number(check.directions))} random directions` : '';
    rows.push(['compared', [directions, check.entrywise ? (directions ? ' and every entry' : 'every entry') : '']]);
    if (check.method) rows.push(['method', check.method]);
  }
  const list = h('dl', { class: 'check-facts' });
  for (const [term, value] of rows) list.append(h('dt', {}, term), h('dd', {}, value));
  section.append(list);
  if (verdict.key === 'failed') {
    section.append(h('p', { class: 'check-warning' },
      'The symbolic result disagrees with finite differences. This is a bug in matcalc; ',
      'please report it with this page’s link.'));
  }
  if (onRerun) {
    section.append(h('button', { type: 'button', class: 'button rerun', onclick: onRerun },
      'Re-run with new random values'));
  }
  return section;
}

// The numeric check in one line (the embed, the lessons' derive blocks).
export function checkLine(check, { className = '' } = {}) {
  if (!check) return null;
  const verdict = checkVerdict(check);
  return h('p', { class: `check-line ${verdict.key} ${className}`.trim(), dataset: { check: verdict.key } },
    h('span', { class: 'mark' }, `${verdict.mark} numeric check ${verdict.key}`),
    h('span', {}, `largest relative error ${scientific(check.max_rel_error)}`),
    h('span', {}, check.sizes), h('span', {}, `seed ${check.seed}`));
}

// Under the steps: whether every step was checked numerically against f (the engine's
// `step_check`: each step's right-hand side evaluated at random inputs, SPEC section 8).
// A short line when they all agree; when one does not, an honest warning naming it;
// nothing when the engine did not check them. `shown`: how many steps are listed above
// it; where the engine checked fewer (the index route checks the steps it can evaluate
// as matrices), the line says how many of them.
export function stepCheckLine(stepCheck, shown = NaN) {
  if (!stepCheck?.ran) return null;
  const error = Number.isFinite(Number(stepCheck.max_rel_error))
    ? `largest relative error ${scientific(stepCheck.max_rel_error)}` : '';
  if (stepCheck.passed) {
    const count = Number(stepCheck.steps);
    const some = Number.isFinite(count) && count > 0 && Number.isFinite(shown) && count < shown;
    const detail = [Number.isFinite(count) && count > 0 && !some ? `${count} step${count === 1 ? '' : 's'}` : '', error]
      .filter(Boolean).join(', ');
    return h('p', {
      class: 'step-check passed', dataset: { stepCheck: 'passed' },
      title: 'every step checked, evaluated at random inputs, agrees with the function it comes from',
    }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'),
    some ? ` ${count} of the ${shown} steps checked numerically` : ' each step checked numerically',
    detail ? h('span', { class: 'step-check-detail' }, ` (${detail})`) : null);
  }
  const failed = Number(stepCheck.failed_step);
  const which = Number.isInteger(failed) && failed >= 0 ? `Step ${failed + 1}` : 'A step';
  return h('p', {
    class: 'step-check failed', dataset: { stepCheck: 'failed', failedStep: failed >= 0 ? String(failed + 1) : '' },
  }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✗'),
  ` ${which} does not agree numerically with the function it comes from${error ? ` (${error})` : ''}. `,
  'The steps may be wrong from there on (the result has its own numeric check). ',
  'This is a bug in matcalc; please report it.');
}

export function checkVerdict(check) {
  if (check.inconclusive) return { key: 'inconclusive', mark: '?', text: 'Inconclusive' };
  if (check.passed) return { key: 'passed', mark: '✓', text: 'Passed: agrees with finite differences' };
  return { key: 'failed', mark: '✗', text: 'Failed' };
}

// The steps as an ordered list. Each rule a step names is a chip: its name links to the
// rule reference, and a toggle beside it expands the identity it stands for (shown on
// hover too, where there is a pointer); the chip is one Tab stop (the toggle). `linkTarget` ('_blank' in an embed) opens the
// reference elsewhere.
// `lazy`: the steps' formulas are typeset as they come near the screen (typesetter.js),
// after the result.
export function stepsList(steps, batch, { idPrefix = 'step', linkTarget, lazy = false } = {}) {
  const list = h('ol', { class: 'steps' });
  (steps || []).forEach((step, i) => list.append(stepItem(step, i, batch, idPrefix, linkTarget, lazy)));
  return list;
}

export function ruleLink(rule, { className = 'rule-link', target } = {}) {
  return h('a', {
    class: className, href: ruleHref(rule), target, rel: target ? 'noopener' : null,
    title: `${rule} in the rule reference`,
  }, rule);
}

function stepItem(step, i, batch, idPrefix, linkTarget, lazy) {
  const identities = step.identities || [];
  const rules = step.rules?.length ? step.rules : [step.rule].filter(Boolean);
  const item = h('li', { class: 'step', dataset: { rule: step.rule || '' } });
  const chips = h('span', { class: 'rules' });
  const details = h('ul', { class: 'identities' });
  rules.forEach((rule, j) => {
    const link = ruleLink(rule, { target: linkTarget });
    const identity = identities.find((id) => id.rule === rule);
    if (!identity) {
      chips.append(h('span', { class: 'rule-chip plain' }, link));
      return;
    }
    // One Tab stop per chip: the toggle. Its identity row holds the same link, so the
    // keyboard reaches the reference from there; the pointer still has the chip's link.
    link.tabIndex = -1;
    const id = `${idPrefix}-${i}-${j}`;
    const row = h('li', { id, class: 'identity', hidden: true });
    let typeset = false;
    const typesetRow = () => {
      if (typeset) return;
      typeset = true;
      row.append(ruleLink(rule, { className: 'rule-name', target: linkTarget }), ' ',
        tex(identity.latex, { className: 'identity-tex' }), ' ', sourceNode(identity.source));
    };
    const toggle = h('button', {
      type: 'button', class: 'rule rule-toggle', 'aria-expanded': 'false', 'aria-controls': id,
      'aria-label': `identity of ${rule}`, title: 'show the identity',
    }, h('span', { class: 'chevron', 'aria-hidden': 'true' }));
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      if (open) typesetRow();
      toggle.setAttribute('aria-expanded', String(open));
      row.hidden = !open;
    });
    const tip = h('span', { class: 'rule-tip', role: 'tooltip' });
    const wrap = h('span', { class: 'rule-wrap' }, h('span', { class: 'rule-chip' }, link, toggle), tip);
    wrap.addEventListener('pointerenter', () => {
      if (!tip.firstChild) {
        tip.append(tex(identity.latex), ' ', sourceNode(identity.source));
      }
    });
    chips.append(wrap);
    details.append(row);
  });
  item.append(h('div', { class: 'step-head' },
    h('span', { class: 'step-number' }, `${i + 1}`),
    h('span', { class: 'step-label' }, h('span', { class: 'step-title' }, step.title || step.rule || ''), ' ', chips)));
  item.append(batch.add(h('div', { class: 'step-math tex' }), step.latex, { breakable: true, lazy }));
  if (details.firstChild) item.append(details);
  for (const note of step.notes || []) item.append(h('p', { class: 'note' }, note));
  return item;
}

// An identity's source is a citation ("Cookbook (37)") or a short LaTeX derivation;
// in parentheses after an identity, or `bare` where it stands alone.
export function sourceNode(source, { bare = false } = {}) {
  if (!source) return null;
  const node = h('span', { class: 'source' });
  if (/\\[a-zA-Z]/.test(source)) {
    node.append(bare ? 'by ' : '(by ');
    node.append(renderTex(h('span', { class: 'tex' }), source));
    if (!bare) node.append(')');
  } else {
    node.append(bare ? source : `(${source})`);
  }
  return node;
}

// Opens or closes every identity in a steps list (the "show identities" switch).
export function showAllIdentities(list, open) {
  for (const chip of list.querySelectorAll('button.rule[aria-expanded]')) {
    if ((chip.getAttribute('aria-expanded') === 'true') !== open) chip.click();
  }
}
