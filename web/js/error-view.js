// An engine error shown where the user can act on it: the message, then the input line
// with the offending span marked. The engine counts columns in characters (code
// points, from 1), so the input is split with Array.from, not indexed as UTF-16. Long
// inputs are shown as a window around the span. Everything goes in as text.
import { h } from './dom.js';

const CONTEXT = 40; // characters shown either side of the span in a long input

export function errorView(error, input, { id } = {}) {
  const message = String(error?.message || 'the engine could not handle this input');
  const column = Number(error?.column) || 0;
  const node = h('div', { class: 'error', id, dataset: { code: error?.code || 'error' } });
  const where = column > 0 ? ` (column ${column})` : '';
  node.append(h('p', { class: 'error-message' }, message, h('span', { class: 'error-column' }, where)));
  if (column > 0 && typeof input === 'string') node.append(markedLine(input, column, error.length));
  return node;
}

function markedLine(input, column, length) {
  const chars = Array.from(input);
  const start = Math.min(column - 1, chars.length);
  const end = Math.min(Math.max(start + (Number(length) || 1), start + 1), chars.length);
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(chars.length, end + CONTEXT);
  const marked = start < chars.length
    ? h('mark', {}, chars.slice(start, end).join(''))
    : h('mark', { class: 'at-end', title: 'end of input' }, '\u00a0');
  return h('pre', { class: 'error-line', 'aria-hidden': 'true' },
    from > 0 ? h('span', { class: 'elided' }, '…') : null,
    chars.slice(from, start).join(''),
    marked,
    chars.slice(end, to).join(''),
    to < chars.length ? h('span', { class: 'elided' }, '…') : null);
}
