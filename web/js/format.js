// Number formatting for the numeric check: 4.9 × 10⁻¹³ rather than 4.880895e-13.
import { h } from './dom.js';

const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

// Text with a Unicode superscript exponent, e.g. "4.9 × 10⁻¹³", "0.25", "10⁻⁶".
export function scientific(value, digits = 2) {
  const x = Number(value);
  if (!Number.isFinite(x)) return String(value);
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-3 && magnitude < 1e4) return String(Number(x.toPrecision(digits)));
  const [mantissa, exponent] = x.toExponential(digits - 1).split('e');
  const power = `10${String(Number(exponent)).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
  return Number(mantissa) === 1 ? power : `${Number(mantissa)} × ${power}`;
}

// The same as a <span> with the plain value in its title, for the curious.
export function scientificNode(value, digits = 2) {
  return h('span', { class: 'number', title: String(value) }, scientific(value, digits));
}

// A shape as the engine writes it ("n*p×n*m", "n×1") for reading: products of sizes
// with a middle dot, spaced apart from the ×, so one sign means one thing ("n·p × n·m").
export function formatShape(shape) {
  const text = String(shape ?? '');
  if (!text.includes('*')) return text;
  return text.split('×').map((side) => side.trim().replace(/\s*\*\s*/g, '·')).join(' × ');
}
