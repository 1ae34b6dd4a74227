// Typesets many formulas without freezing the page: formulas are queued and typeset in
// slices of about one frame, yielding to the event loop between slices so keystrokes
// are handled. Starting a new batch cancels the previous one (its output is stale).
// Large formulas go to the typesetting worker (tex.js, renderTex's `async`): the batch
// goes on with the next formulas meanwhile, and run() resolves once the worker's
// answers are in too.
import { renderTex } from './tex.js';

const SLICE_MS = 24;

export class Typesetter {
  constructor() {
    this.generation = 0;
  }

  // Returns a batch: add(node, latex, options) queues a formula, run() typesets what it
  // can now and the rest in later tasks; run() resolves when all is done or cancelled.
  batch() {
    const generation = ++this.generation;
    const queue = [];
    const isCurrent = () => generation === this.generation;
    return {
      add(node, latex, options) {
        queue.push(() => renderTex(node, latex, { ...options, async: true, isCurrent }));
        return node;
      },
      run() {
        const pending = [];
        return new Promise((resolve) => {
          const slice = () => {
            if (!isCurrent()) return resolve(false);
            const start = performance.now();
            while (queue.length && performance.now() - start < SLICE_MS) {
              const done = queue.shift()();
              if (typeof done?.then === 'function') pending.push(done);
            }
            if (queue.length) setTimeout(slice, 0);
            else Promise.all(pending).then(() => resolve(isCurrent()));
          };
          slice();
        });
      },
    };
  }
}
