// Work that must not compete with the first derivation (the whole engine's download,
// the service worker's copy of the site, tables nobody has opened yet) runs once the
// first derivation is on screen and the page is idle — or, if no derivation comes (a
// link with an error, an empty field), once the page has been open a while.
const FALLBACK_MS = 4000;

const idle = (task) => (globalThis.requestIdleCallback
  ? requestIdleCallback(task, { timeout: 2000 }) : setTimeout(task, 200));

const waiting = [];
let scheduled = false;
let open = false;

function runAll() {
  open = true;
  for (const task of waiting.splice(0)) {
    try {
      task();
    } catch {
      // each task is optional: the page works without it
    }
  }
}

// Runs `task` once the page is idle after its first derivation.
export function whenIdle(task) {
  if (open) idle(task);
  else waiting.push(task);
}

// The first derivation is on screen (or the page gave up waiting for one).
export function firstDerivationShown() {
  if (scheduled) return;
  scheduled = true;
  idle(runAll);
}

setTimeout(firstDerivationShown, FALLBACK_MS);
