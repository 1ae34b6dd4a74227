// An engine error shown where the user can act on it: the message, then the input line
// with the offending span marked. The engine counts columns in characters (code
// points, from 1; within its line in a multi-line input), so the input is split with
// Array.from, not indexed as UTF-16. A LaTeX input's columns are into the LaTeX as
// typed, so it is marked the same way. Long inputs are shown as a window around the span. Everything goes in as text.
import { h } from './dom.js';

const CONTEXT = 40; // characters shown either side of the span in a long input

export function errorView(error, input, { id } = {}) {
  const message = String(error?.message || 'the engine could not handle this input');
  const column = Number(error?.column) || 0;
  // In a multi-line input (definitions on their own lines) the engine counts the column
  // within line `line_number` (from 1); 0 means the input is one line.
  const lineNumber = Number(error?.line_number) || 0;
  const dataset = { code: error?.code || 'error' };
  if (column > 0) dataset.column = String(column);
  if (lineNumber > 0) dataset.line = String(lineNumber);
  const node = h('div', { class: 'error', id, dataset });
  const where = column > 0 ? ` (${lineNumber > 0 ? `line ${lineNumber}, ` : ''}column ${column})` : '';
  node.append(h('p', { class: 'error-message' }, message, h('span', { class: 'error-column' }, where)));
  const line = typeof input === 'string' && lineNumber > 0
    ? (input.split('\n')[lineNumber - 1] ?? '').replace(/\r$/, '') : input;
  if (column > 0 && typeof line === 'string') node.append(markedLine(line, column, error.length));
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
