// rules.html: the rule reference, generated when the page opens from the engine's rule
// tables (the worker's 'rules' request), so it can never drift from the code. Rules are
// grouped by family, in the engine's order; each entry's id is the rule's name, the
// anchor every rule link in a derivation or lesson points at (rules.html#d-product).
// A filter narrows the list by name, family, source or note.
import { h, fill } from './dom.js';
import { engine as client } from './engine.js';
import { sourceNode } from './derivation-view.js';
import { loadRules } from './rules-table.js';
import { Typesetter } from './typesetter.js';
import { warmUp } from './tex.js';

const view = document.getElementById('rules-view');
const statusLine = document.getElementById('status');

// What each family of the engine's tables is for; a family not listed here is shown
// under its own name.
const FAMILIES = {
  derivation: ['How a derivation goes', 'The frame of every derivation: take the differential, read the derivative off it, and the layout conventions.'],
  differential: ['Differentials', 'How d passes through each construct of an expression: sums, products, transposes, traces, inverses, determinants and element-wise functions.'],
  adjoint: ['Moving dX out (the trace trick)', 'Rewriting an inner product ⟨G, …dX…⟩ as ⟨G′, dX⟩, so the gradient G′ can be read off: one identity per construct. ⟨A, B⟩ = tr(AᵀB) = Σᵢⱼ AᵢⱼBᵢⱼ, the inner product of matrices (aᵀb for vectors), as in the steps and the lessons.'],
  jacobian: ['Jacobians', 'For an expression with a matrix value: d vec(F) = J d vec(X), written with Kronecker products and the commutation matrix.'],
  simplify: ['Simplification', 'Rewrites that make a result shorter or more familiar; they never change its value.'],
  structure: ['Gradients on constraint sets', 'For a structured variable (symmetric, triangular, skew, orthogonal, orthonormal columns, unit vector): the unconstrained gradient G projected onto the tangent space, the R with df = ⟨R, dX⟩ for every direction dX the constraint allows.'],
};

const familyTitle = (family) => FAMILIES[family]?.[0] || family.charAt(0).toUpperCase() + family.slice(1);

function setStatus(text, kind = 'ready') {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
}

function groups(rules) {
  const byFamily = new Map();
  for (const rule of rules.values()) {
    const family = String(rule.family || 'other');
    if (!byFamily.has(family)) byFamily.set(family, []);
    byFamily.get(family).push(rule);
  }
  return byFamily;
}

function ruleEntry(rule, batch) {
  return h('section', {
    id: rule.name, class: 'rule-entry', tabindex: '-1', 'aria-labelledby': `${rule.name}--name`,
    dataset: { family: rule.family, search: [rule.name, rule.family, rule.source, rule.note].join(' ').toLowerCase() },
  },
  h('h3', { class: 'rule-entry-name', id: `${rule.name}--name` },
    h('a', { href: `#${encodeURIComponent(rule.name)}`, title: 'link to this rule' }, rule.name)),
  batch.add(h('div', { class: 'rule-identity tex' }), rule.latex, { display: true }),
  h('p', { class: 'rule-meta' }, 'Source: ', sourceNode(rule.source, { bare: true })),
  rule.note ? h('p', { class: 'note' }, rule.note) : null);
}

function render(rules) {
  const batch = new Typesetter().batch();
  const families = groups(rules);
  const filter = h('input', {
    id: 'rule-filter', type: 'search', class: 'code-input', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. inverse, kron', 'aria-describedby': 'rule-filter-count',
  });
  const count = h('span', { id: 'rule-filter-count', class: 'help', 'aria-live': 'polite' });
  const sections = [...families].map(([family, list]) => h('section', {
    class: 'rule-family', id: `family-${family}`, 'aria-labelledby': `family-${family}-title`,
  },
  h('h2', { id: `family-${family}-title` }, familyTitle(family), ' ', h('span', { class: 'count' }, `${list.length}`)),
  FAMILIES[family] ? h('p', { class: 'family-intro' }, FAMILIES[family][1]) : null,
  list.map((rule) => ruleEntry(rule, batch))));
  fill(view,
    h('nav', { class: 'card rule-toc', 'aria-label': 'Rule families' },
      h('ul', {}, [...families].map(([family, list]) => h('li', {},
        h('a', { href: `#family-${family}` }, familyTitle(family)), h('span', { class: 'count' }, ` ${list.length}`)))),
      h('div', { class: 'rule-filter' },
        h('label', { for: 'rule-filter' }, 'Filter'), filter, count)),
    sections);
  filter.addEventListener('input', () => applyFilter(filter.value, count));
  return batch.run();
}

function applyFilter(text, count) {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const entry of view.querySelectorAll('.rule-entry')) {
    const match = words.every((word) => entry.dataset.search.includes(word));
    entry.hidden = !match;
    if (match) shown += 1;
  }
  for (const family of view.querySelectorAll('.rule-family')) {
    family.hidden = !family.querySelector('.rule-entry:not([hidden])');
  }
  count.textContent = words.length ? `${shown} rule${shown === 1 ? '' : 's'} match` : '';
}

// The rule named in the fragment, scrolled to and marked: the page is built after the
// browser looked for the anchor, so this does what the browser could not.
function showTarget() {
  let name = location.hash.replace(/^#/, '');
  try {
    name = decodeURIComponent(name);
  } catch {
    // a malformed escape: look for the raw text
  }
  for (const old of view.querySelectorAll('.is-target')) old.classList.remove('is-target');
  const target = name && document.getElementById(name);
  if (!target || !view.contains(target)) return;
  target.hidden = false;
  target.closest('.rule-family')?.removeAttribute('hidden');
  if (target.classList.contains('rule-entry')) target.classList.add('is-target');
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

loadRules().then(async (rules) => {
  await render(rules);
  view.dataset.state = 'ready';
  view.dataset.count = String(rules.size);
  setStatus(`${rules.size} rules in ${groups(rules).size} families, read from the engine.`);
  showTarget();
}, (error) => {
  view.dataset.state = 'error';
  fill(view, h('p', { class: 'card message error', role: 'alert' }, `The rule table could not be read: ${error.message}.`));
  setStatus('The rule table could not be read.', 'error');
});

window.addEventListener('hashchange', showTarget);
client.addEventListener('failed', (event) => setStatus(`${event.detail.message}. Reload the page to try again.`, 'error'));
if (!client.ready) setTimeout(warmUp, 0);
