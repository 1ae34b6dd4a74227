// The URL fragment format of the page and embed (web/js/fragment.js), in node: every
// state survives a round trip, '+' stays a plus, and malformed links degrade to text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, formatFragment, newSeed, parseFragment } from '../../web/js/fragment.js';

test('a state survives formatFragment then parseFragment', () => {
  const states = [
    { expr: "x'*W*W'*x", wrt: 'W', decl: '', seed: 1 },
    { expr: 'a + b & c = d % e # f', wrt: 'sigma_1', decl: 'x: vector(n); W: matrix(n,m)', seed: 42 },
    { expr: '𝑥 + é', wrt: 'x', decl: ' ', seed: 2147483647, hessian: true, layout: 'numerator' },
    { expr: '<img src=x onerror=alert(1)>', wrt: '"><b>', decl: '</script>', seed: 0, steps: false, theme: 'dark' },
    { expr: "x'*W*W'*x", wrt: 'W', decl: '', seed: 1, answer: "2*x*x'*W + (A&B)#%" },
    { expr: "x'*A*x", wrt: 'x', decl: '', seed: 1, export: 'matlab' },
  ];
  for (const state of states) {
    assert.deepEqual(parseFragment(formatFragment(state)), { ...DEFAULTS, ...state });
  }
});

test("'+' is a plus and the readable characters stay readable", () => {
  assert.equal(parseFragment("#expr=x'*x+1").expr, "x'*x+1");
  assert.equal(formatFragment({ expr: "x'*(A+B)*x", wrt: 'x' }), "#expr=x'*(A%2BB)*x&wrt=x");
  assert.equal(parseFragment("#expr=x'*x&answer=2*x+0").answer, '2*x+0');
});

test('defaults are left out of links and unknown keys are ignored', () => {
  assert.equal(formatFragment({ ...DEFAULTS, expr: 'x' }), '#expr=x');
  assert.deepEqual(parseFragment('#expr=x&colour=red&steps=1'), { ...DEFAULTS, expr: 'x' });
});

test('malformed links degrade to text, never to an exception', () => {
  assert.equal(parseFragment('#expr=%E0%A4%A').expr, '%E0%A4%A');
  assert.equal(parseFragment('#wrt=%').wrt, '%');
  assert.equal(parseFragment('#seed=<b>9</b>').seed, DEFAULTS.seed);
  assert.equal(parseFragment('#seed=-3').seed, DEFAULTS.seed);
  assert.equal(parseFragment('#seed=1e3').seed, 1000);
  assert.equal(parseFragment('#layout=sideways&theme=neon').layout, '');
  assert.equal(parseFragment('#expr=x&export=fortran').export, '');
  assert.deepEqual(parseFragment(''), { ...DEFAULTS });
  assert.deepEqual(parseFragment('#&&=&expr'), { ...DEFAULTS });
});

test('a new seed differs from the previous one', () => {
  for (let i = 0; i < 100; i += 1) assert.notEqual(newSeed(7), 7);
});
