// Generates one practice problem: draws a shape of the topic at the level, fills it with
// random names and pieces (topics.js), has the engine derive it, and keeps it only if the
// derivation succeeded, its numeric check passed (the result and every step), and its
// answer is short enough to type; otherwise it draws again from the same random source,
// so a topic, level and seed always end at the same problem. `derive(problem)` is the
// engine (the page's worker, or the module in node for bench/practice.mjs and the tests)
// and resolves with its derivation JSON.
import { Names } from './names.js';
import { Random } from './random.js';
import { topicById } from './topics.js';

// An answer longer than this (in the input language) is not a fair thing to type.
export const MAX_ANSWER_LENGTH = 60;
const MAX_DRAWS = 40;

export const LEVELS = Object.freeze([1, 2, 3]);

// Why a drawn problem was not shown (null: it is fine).
export function rejection(derivation) {
  if (!derivation?.ok) return 'not derived';
  if (!derivation.check?.passed) return 'check failed';
  if (derivation.step_check?.ran && !derivation.step_check.passed) return 'step check failed';
  if (String(derivation.result?.text ?? '').length > MAX_ANSWER_LENGTH) return 'answer too long';
  return null;
}

// Resolves with {problem, derivation, shape, draws, rejected: {reason: count}}; rejects
// if MAX_DRAWS draws gave nothing (a topic whose shapes the engine cannot derive).
export async function generate({ topic: id, level = 1, seed = 1 }, derive) {
  const topic = topicById(id);
  if (!topic) throw new Error(`no practice topic “${id}”`);
  const random = new Random('matcalc-practice', id, level, seed);
  // The level's own shapes and the level below's: a hard problem is not an easy one.
  const shapes = topic.shapes.filter((shape) => shape.level <= level && shape.level >= level - 1);
  const rejected = {};
  for (let draw = 1; draw <= MAX_DRAWS; draw += 1) {
    const shape = random.pick(shapes);
    const problem = shape.make({ random, names: new Names(random), level });
    const derivation = await derive(problem);
    const reason = rejection(derivation);
    if (!reason) return { problem, derivation, shape: shape.name, draws: draw, rejected };
    rejected[reason] = (rejected[reason] || 0) + 1;
  }
  throw new Error(`no problem of ${id} at level ${level} could be generated (seed ${seed})`);
}
