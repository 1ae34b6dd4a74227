// The worked-examples menu, from content/examples.json (an array of
// {id, source, expr, wrt, decl, expected, kind, tier}), grouped by kind.
import { h } from './dom.js';

const GROUPS = { gradient: 'Gradients of scalars', jacobian: 'Jacobians (vec layout)' };

export async function loadExamples(url, select) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const list = (await response.json()).filter((e) => e && typeof e.expr === 'string' && e.id);
  const groups = new Map();
  for (const example of list) {
    const kind = GROUPS[example.kind] ? example.kind : 'other';
    if (!groups.has(kind)) groups.set(kind, h('optgroup', { label: GROUPS[kind] || 'More' }));
    groups.get(kind).append(h('option', { value: example.id },
      `${example.expr}   ∂/∂${example.wrt}${example.decl ? `   (${example.decl})` : ''}`));
  }
  for (const group of groups.values()) select.append(group);
  select.disabled = false;
  return list;
}
