// The first visit's answer, rendered in advance: scripts/prerender.mjs has the engine
// derive the built-in example at build time and writes its answer to first-answer.json
// (its request into index.html's inlined boot script, window.matcalcFirstAnswer, which
// fetches the answer when the link is likely that question). The page's first request, when it is
// exactly that one, is answered from it at once; the engine worker, still loading,
// answers everything after. Taken once: a later request (new seed, an edit, the same
// question asked again) always goes to the engine. Its formulas come typeset too
// (`typeset`: KaTeX's output for each, made at build time), so showing it needs none of
// KaTeX's script.
import { addTypeset } from './tex.js';

const first = globalThis.matcalcFirstAnswer;
delete globalThis.matcalcFirstAnswer;
let stored = null;

// Resolves once the stored answer is here: written into the page ({request, result,
// typeset}), or fetched by the boot script (first.answer: first-answer.json, which the
// boot script asks for only when the link is likely its question); at once without one.
export const firstAnswerReady = Promise.resolve(first?.result ? first : first?.answer)
  .then((answer) => {
    stored = answer?.request && answer.result ? answer : null;
  }, () => {});

const same = (a, b) => String(a ?? '') === String(b ?? '');

// The stored answer ({parse, derive, wrt}) if `request` is the one it answers (its
// variable either unchosen or the one the page picked), else null. Either way it is gone
// after the first call.
export function takeFirstAnswer(request) {
  const answer = stored;
  stored = null;
  if (!answer) return null;
  const asked = answer.request;
  const matches = same(request.expr, asked.expr) && same(request.decl, asked.decl)
    && Number(request.seed) === Number(asked.seed) && Boolean(request.hessian) === Boolean(asked.hessian)
    && same(request.layout, asked.layout) && (!request.wrt || request.wrt === answer.result.wrt);
  if (!matches) return null;
  addTypeset(answer.typeset);
  return answer.result;
}
