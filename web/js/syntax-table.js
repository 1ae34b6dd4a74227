// The functions rows of the page's input-language table, filled from the engine's own
// registry (vocabulary().functions: {name, meaning, shape, rule}), so the table lists
// exactly the functions the engine reads; likewise the declarations row, from its
// structure rows (vocabulary().structures: {name, meaning, declaration, rule}). One row per kind of shape ("element-wise",
// "vector to vector", …), each function with its meaning and a link to its rule.
import { h } from './dom.js';
import { ruleHref } from './rules-table.js';

// A name linked to its rule, or plain text where it has none (eigvecs: no link that
// goes nowhere).
function named(className, rule, text) {
  if (!rule) return h('span', { class: className }, h('code', {}, text));
  return h('a', { class: className, href: ruleHref(rule), title: `the rule ${rule}` }, h('code', {}, text));
}

// Replaces the placeholder row `row` by one row per shape group, in the engine's order.
export function functionRows(row, functions) {
  const groups = new Map();
  for (const fn of functions || []) {
    if (!fn || typeof fn.name !== 'string') continue;
    const shape = String(fn.shape || 'other');
    if (!groups.has(shape)) groups.set(shape, []);
    groups.get(shape).push(fn);
  }
  if (!groups.size) throw new Error('the engine listed no functions');
  const rows = [...groups].map(([shape, list]) => h('tr', { class: 'function-row', dataset: { shape } },
    h('th', { scope: 'row' }, h('code', {}, list.map((fn) => fn.name).join(' '))),
    h('td', {}, h('span', { class: 'function-shape' }, `${shape}: `),
      list.map((fn, i) => [i ? '; ' : '',
        named('function-name', fn.rule, fn.name), ` ${fn.meaning || ''}`]))));
  row.replaceWith(...rows);
  rows[0].id = 'syntax-functions';
  rows[0].dataset.state = 'ready';
}

// Fills the declarations row `row` with every structure a variable can be declared with.
export function structureRow(row, structures) {
  const list = (structures || []).filter((s) => s && typeof s.name === 'string');
  if (!row || !list.length) return;
  row.cells[1].replaceWith(h('td', {}, h('span', { class: 'function-shape' }, 'declared structures (SPEC 13): '),
    list.map((s, i) => [i ? '; ' : '',
      named('structure-name', s.rule, s.declaration), ` ${s.meaning || ''}`])));
  row.dataset.state = 'ready';
}
