// Typesets many formulas without freezing the page: formulas are queued and typeset in
// slices of about one frame, yielding to the event loop between slices so keystrokes
// are handled. Starting a new batch cancels the previous one (its output is stale).
// Large formulas go to the typesetting worker (tex.js, renderTex's `async`): the batch
// goes on with the next formulas meanwhile, and run() resolves once the worker's
// answers are in too.
//
// Formulas added with `lazy` (a derivation's steps) wait: those on screen when run()
// starts are typeset with the rest; the others when they scroll near the screen, or in
// idle time, whichever comes first. run() resolves once everything but the
// waiting formulas is typeset, so a long derivation's result is on screen before its
// last steps are.
import { renderTex, typesetAlready } from './tex.js';

const SLICE_MS = 24;
// How far beyond the screen a waiting formula is typeset as it scrolls nearer.
const NEAR_PX = 400;

const idle = (task) => (globalThis.requestIdleCallback
  ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 50));

const onScreen = (node) => {
  const box = node.getBoundingClientRect();
  // Not laid out (a hidden list): typeset it later, with the others.
  if (!box.width && !box.height) return false;
  return box.top < innerHeight && box.bottom > 0;
};

export class Typesetter {
  constructor() {
    this.generation = 0;
  }

  // Returns a batch: add(node, latex, options) queues a formula, run() typesets what it
  // can now and the rest in later tasks; run() resolves when all is done or cancelled.
  batch() {
    const generation = ++this.generation;
    const queue = [];
    const waiting = new Map(); // lazy node -> its job
    const isCurrent = () => generation === this.generation;
    const job = (node, latex, options) => () => renderTex(node, latex, { ...options, async: true, isCurrent });

    // Typesets `jobs` in slices; resolves when all are done (false if cancelled).
    const typeset = (jobs) => {
      const pending = [];
      return new Promise((resolve) => {
        const slice = () => {
          if (!isCurrent()) return resolve(false);
          const start = performance.now();
          while (jobs.length && performance.now() - start < SLICE_MS) {
            const done = jobs.shift()();
            if (typeof done?.then === 'function') pending.push(done);
          }
          if (jobs.length) setTimeout(slice, 0);
          else Promise.all(pending).then(() => resolve(isCurrent()));
        };
        slice();
      });
    };

    // The waiting formulas: each one near the screen as it scrolls there, the rest one
    // slice per idle period.
    const later = () => {
      if (!waiting.size) return;
      const observer = typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
          const jobs = [];
          for (const entry of entries) {
            if (!entry.isIntersecting || !waiting.has(entry.target)) continue;
            jobs.push(waiting.get(entry.target));
            waiting.delete(entry.target);
            observer.unobserve(entry.target);
          }
          if (jobs.length) typeset(jobs);
        }, { rootMargin: `${NEAR_PX}px 0px` })
        : null;
      for (const node of waiting.keys()) observer?.observe(node);
      const fill = (deadline) => {
        if (!isCurrent() || !waiting.size) {
          observer?.disconnect();
          return;
        }
        for (const [node, next] of waiting) {
          if (deadline?.timeRemaining && deadline.timeRemaining() < 8) break;
          waiting.delete(node);
          observer?.unobserve(node);
          next();
          if (!deadline?.timeRemaining) break;
        }
        idle(fill);
      };
      idle(fill);
    };

    return {
      add(node, latex, options = {}) {
        const { lazy, ...rest } = options;
        // A formula typeset in advance (the first visit's) costs an innerHTML: never worth
        // waiting for, nor the forced layout of asking whether it is on screen (measured:
        // 40-100 ms on the first visit's path, a layout the next frame does anyway).
        if (lazy && !typesetAlready(latex, rest)) waiting.set(node, job(node, latex, rest));
        else queue.push(job(node, latex, rest));
        return node;
      },
      run() {
        // Lazy formulas already on screen are typeset now, after the others.
        for (const [node, next] of waiting) {
          if (onScreen(node)) {
            queue.push(next);
            waiting.delete(node);
          }
        }
        return typeset(queue).then((done) => {
          if (done) later();
          return done;
        });
      },
    };
  }
}
