// The engine's Web Worker: loads the WebAssembly module once, then answers
// {id, op, ...args} messages with {type: 'result', id, outcome}. Running the engine here
// keeps typing responsive however long a request takes.
import createMatcalc from './engine/matcalc_wasm.js';

const enginePromise = createMatcalc();

enginePromise.then(
  () => postMessage({ type: 'ready' }),
  (error) => postMessage({ type: 'failed', message: String(error) }),
);

function call(engine, msg) {
  switch (msg.op) {
    case 'parse':
      return engine.parse(msg.expr, msg.decls);
    case 'evaluate':
      return engine.evaluate(msg.expr, msg.decls, msg.seed ?? 1);
    case 'derive':
      return engine.derive(msg.expr, msg.wrt, msg.decls, msg.seed ?? 1, !!msg.hessian,
        msg.layout ?? 'denominator');
    default:
      throw new Error(`unknown op ${msg.op}`);
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  const engine = await enginePromise;
  let outcome;
  try {
    outcome = JSON.parse(call(engine, msg));
  } catch (error) {
    outcome = { ok: false, error: { code: 'internal', message: String(error), column: 0 } };
  }
  postMessage({ type: 'result', id: msg.id, outcome });
};
