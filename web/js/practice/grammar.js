// The pieces problem shapes are built from (topics.js): products of constant matrices
// with random transposes, coefficients, sums of terms. Each takes the problem's draw
// `g` ({random, names, level}) and returns text in the input language (SPEC 1).

// A product of `length` fresh constant matrices, each transposed at random: "A*B'".
// Empty for length 0 (the factor is left out).
export function chain(g, length) {
  const factors = [];
  for (let i = 0; i < length; i += 1) factors.push(`${g.names.matrix()}${g.random.chance(0.3) ? "'" : ''}`);
  return factors.join('*');
}

// A product of the non-empty parts.
export const mul = (...parts) => parts.filter(Boolean).join('*');

// A small integer coefficient, or none (1) at level 1.
export function coefficient(g) {
  if (g.level === 1 && g.random.chance(0.5)) return '';
  return String(g.random.pick([2, 3, 4, 5]));
}

// Up to `level - 1` extra factors on either side of a variable: harder problems have
// longer chains.
export const sideLength = (g) => g.random.int(0, Math.max(0, g.level - 1));

// "c1*t1 + c2*t2 ...", a term's sign chosen at random after the first.
export function sum(g, terms) {
  return terms.map((term, i) => {
    const c = coefficient(g);
    const scaled = c ? `${c}*${term}` : term;
    if (i === 0) return scaled;
    return g.random.chance(0.3) ? ` - ${scaled}` : ` + ${scaled}`;
  }).join('');
}

// Repeats `make` `count` times (a sum of that many terms of one shape).
export const times = (count, make) => Array.from({ length: count }, make);
