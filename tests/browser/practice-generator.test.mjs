// The practice generator's own rules (web/js/practice/, no browser needed): a topic,
// level and seed always give the same problem; a drawn problem whose derivation failed,
// whose check failed or whose answer is too long is drawn again, and counted; a topic
// the engine can never derive ends in an error, not a loop; links read back what they
// write. The engine is a stand-in here; tests/browser/cases/practice.mjs runs the real one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generate, MAX_ANSWER_LENGTH, rejection } from '../../web/js/practice/generate.js';
import { formatLink, parseLink } from '../../web/js/practice/link.js';
import { TOPICS } from '../../web/js/practice/topics.js';

const passed = (text = '2*x') => ({ ok: true, check: { passed: true }, step_check: { ran: true, passed: true }, result: { text } });

test('the same topic, level and seed give the same problem; other seeds mostly others', async () => {
  for (const topic of TOPICS) {
    for (const level of [1, 2, 3]) {
      const a = await generate({ topic: topic.id, level, seed: 17 }, async () => passed());
      const b = await generate({ topic: topic.id, level, seed: 17 }, async () => passed());
      assert.deepEqual(a.problem, b.problem);
      const others = new Set();
      for (let seed = 1; seed <= 20; seed += 1) {
        others.add(JSON.stringify((await generate({ topic: topic.id, level, seed }, async () => passed())).problem));
      }
      assert.ok(others.size >= 10, `${topic.id} level ${level}: ${others.size} problems from 20 seeds`);
    }
  }
});

test('a failed, unchecked or too-long derivation is drawn again and counted', async () => {
  const answers = [{ ok: false }, { ...passed(), check: { passed: false } }, passed('x'.repeat(MAX_ANSWER_LENGTH + 1)),
    { ...passed(), step_check: { ran: true, passed: false } }, passed()];
  let asked = 0;
  const made = await generate({ topic: 'trace-trick', level: 2, seed: 5 }, async () => answers[asked++]);
  assert.equal(made.draws, 5);
  assert.deepEqual(made.rejected, { 'not derived': 1, 'check failed': 1, 'answer too long': 1, 'step check failed': 1 });
  assert.equal(rejection(passed('x'.repeat(MAX_ANSWER_LENGTH))), null);
});

test('a topic the engine never derives is an error, and so is an unknown topic', async () => {
  await assert.rejects(generate({ topic: 'hessians', level: 1, seed: 1 }, async () => ({ ok: false })),
    /no problem of hessians at level 1/);
  await assert.rejects(generate({ topic: 'nonsense', seed: 1 }, async () => passed()), /no practice topic/);
});

test('practice links read back what they write; nonsense is ignored', () => {
  const link = { topic: 'det-inverse', seed: 42, level: 3 };
  assert.equal(formatLink(link), '#topic=det-inverse&seed=42&level=3');
  assert.deepEqual(parseLink(formatLink(link)), link);
  assert.equal(formatLink({ ...link, level: 1 }), '#topic=det-inverse&seed=42');
  assert.deepEqual(parseLink('#topic=<img>&seed=-3&level=9'), { topic: null, seed: null, level: null });
});
