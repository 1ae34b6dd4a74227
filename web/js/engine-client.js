// The page's side of the engine worker: request ids, a watchdog, and replacement.
//
// Strategy: the worker answers one request at a time, so the client keeps at most one
// request in flight. Two kinds of request wait for it:
// - request(): only the latest matters (what the visitor is typing). At most one waits;
//   a newer request replaces it (its promise rejects with SupersededError). A request
//   of this kind still running when a newer one arrives after `staleMs` is abandoned at
//   once: the worker is terminated and a fresh one started, rather than making the user
//   wait for an answer nobody will see.
// - enqueue(): every one is answered, in order (a lesson's derivations, answer checks,
//   the rule table, the vocabulary). They run after the waiting latest-only request, if there is one.
// A request running longer than `timeoutMs` is cancelled and rejects with TimeoutError,
// so the page can say so. A worker that breaks (module abort, out of memory, script
// error) is replaced too; queued requests then run on the fresh worker.
//
// Recovery is quick: with `spare` set, a second worker is started once the first is
// ready and the page has settled (`spareDelayMs`), and loads the module in the
// background; a terminated worker is replaced by it at once, ready to answer, and a new
// spare is started behind it. Without a spare the replacement loads the module first.

export class TimeoutError extends Error {
  constructor(ms) {
    super(`the engine took longer than ${Math.round(ms / 1000)} s and was stopped`);
    this.name = 'TimeoutError';
  }
}

export class SupersededError extends Error {
  constructor() {
    super('a newer request replaced this one');
    this.name = 'SupersededError';
  }
}

// A module worker for `url`. From another origin (a course page that loads
// matcalc-derivation.js from the matcalc site) through a same-origin blob that imports
// it: browsers start workers only from the page's own origin, but a module worker may
// import a script from anywhere that allows it (CORS).
export function moduleWorker(url, options = {}) {
  const href = new URL(url, location.href);
  if (href.origin === location.origin) return new Worker(href, { ...options, type: 'module' });
  const source = new Blob([`import ${JSON.stringify(href.href)};`], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(source), { ...options, type: 'module' });
}

export class EngineError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EngineError';
  }
}

export class EngineClient extends EventTarget {
  // `boot` is {worker, early, error} from the inline script of index.html, which starts
  // the worker before any module has loaded and keeps what it says until adopted here.
  constructor(workerUrl, { timeoutMs = 3000, staleMs = 1000, boot = null, spare = false, spareDelayMs = 1500 } = {}) {
    super();
    this.useSpare = spare;
    this.spareDelayMs = spareDelayMs;
    this.spare = null; // {worker, early, error}: loading, or ready, in the background
    this.spareTimer = 0;
    this.boot = boot;
    this.workerUrl = workerUrl;
    this.timeoutMs = timeoutMs;
    this.staleMs = staleMs;
    this.worker = null;
    this.ready = false;
    this.nextId = 1;
    this.inFlight = null; // {id, msg, resolve, reject, onParsed, latestOnly, started, timer}
    this.waiting = null; // the latest-only request
    this.queue = []; // enqueued requests, in order
    this.restarts = 0;
    this.vocabularyPromise = null;
    this.prefetchWanted = false;
    this.early = null; // the boot script's request (askedEarly)
  }

  start() {
    if (this.worker) return this;
    if (this.boot?.worker) this.adopt(this.boot);
    else this.spawn();
    this.boot = null;
    return this;
  }

  // Sends {op, ...args}; resolves with {result, ms} from the worker. `onParsed` gets the
  // parse outcome of an 'analyze' request as soon as the worker has it.
  request(msg, { onParsed } = {}) {
    this.start();
    const early = this.takeEarly(msg);
    if (early?.answer) return Promise.resolve(early.answer);
    if (early) {
      // Still in flight: this request becomes that job.
      return new Promise((resolve, reject) => {
        Object.assign(early.job, { resolve, reject, onParsed });
        if (early.job.parsed !== undefined) onParsed?.(early.job.parsed);
      });
    }
    return new Promise((resolve, reject) => {
      const job = { id: this.nextId++, msg, resolve, reject, onParsed, latestOnly: true };
      if (this.waiting) this.waiting.reject(new SupersededError());
      this.waiting = job;
      if (this.inFlight?.latestOnly && performance.now() - this.inFlight.started > this.staleMs) {
        this.abandon(new SupersededError(), 'superseded');
      }
      this.pump();
    });
  }

  // Sends {op, ...args} after everything sent before it; every enqueued request is
  // answered (or fails), none is superseded. Resolves with {result, ms}.
  enqueue(msg) {
    this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, msg, resolve, reject, latestOnly: false });
      this.pump();
    });
  }

  // The engine's vocabulary ({verdicts: [{name, correct, label}], layouts, forms}), asked
  // of the worker once and kept: it is the engine's own table, so the page never holds a
  // copy. A failed request is asked again next time.
  vocabulary() {
    if (!this.vocabularyPromise) {
      const asked = this.enqueue({ op: 'vocabulary' }).then(({ result }) => {
        if (!result?.ok) throw new EngineError(result?.error?.message || 'the engine gave no vocabulary');
        return result;
      });
      asked.catch(() => {
        if (this.vocabularyPromise === asked) this.vocabularyPromise = null;
      });
      this.vocabularyPromise = asked;
    }
    return this.vocabularyPromise;
  }

  // The boot script's request ({id, msg}: a link's question, sent before the page's
  // modules had loaded) is in flight on the adopted worker. Until the page's first request
  // claims it (takeEarly), its answer is kept here.
  askedEarly({ id, msg }) {
    const early = { msg, answer: null, failed: false, job: null };
    early.job = {
      id, msg, latestOnly: true,
      resolve: (answer) => { early.answer = answer; },
      reject: () => { early.failed = true; },
    };
    this.early = early;
    this.inFlight = early.job;
    this.emit('busy');
  }

  // The boot script's request, answered or in flight, if `msg` asks the same; only the
  // page's first request may take it (a later one asks the engine again).
  takeEarly(msg) {
    const early = this.early;
    this.early = null;
    if (!early || early.failed) return null;
    const keys = new Set([...Object.keys(msg), ...Object.keys(early.msg)]);
    return [...keys].every((key) => msg[key] === early.msg[key]) ? early : null;
  }

  spawn() {
    this.listen(moduleWorker(this.workerUrl));
  }

  adopt({ worker, early = [], error = null, asked = null }) {
    this.listen(worker);
    if (asked) this.askedEarly(asked);
    for (const data of early) this.onMessage(worker, data);
    if (error) this.onBroken(worker, `the engine worker failed: ${error}`);
  }

  listen(worker) {
    this.ready = false;
    worker.onmessage = (event) => this.onMessage(worker, event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.onBroken(worker, `the engine worker failed: ${event.message || 'script error'}`);
    };
    this.worker = worker;
    this.emit('loading');
  }

  onMessage(worker, data) {
    if (worker !== this.worker) return;
    if (data.type === 'ready') {
      this.ready = true;
      // A replacement worker loads the whole engine too once it was asked for.
      if (this.prefetchWanted) worker.postMessage({ type: 'prefetch' });
      // A request sent while the module loaded is timed from now.
      if (this.inFlight && !this.inFlight.started) this.startClock(this.inFlight);
      this.emit('ready');
      this.scheduleSpare();
      this.pump();
    } else if (data.type === 'failed') {
      this.onBroken(worker, `the engine could not be loaded: ${data.message}`);
    } else if (this.inFlight && data.id === this.inFlight.id) {
      if (data.type === 'parsed') {
        this.inFlight.parsed = data.outcome;
        this.inFlight.onParsed?.(data.outcome);
      } else if (data.type === 'waiting') {
        // The worker is loading the whole engine for this request: loading is not the
        // engine being stuck, so the watchdog waits until it is done.
        clearTimeout(this.inFlight.timer);
      } else if (data.type === 'resumed') {
        this.arm(this.inFlight);
      } else if (data.type === 'result') {
        const job = this.finish();
        if (data.fatal) {
          job.reject(new EngineError(`the engine failed on this input: ${data.result.error}`));
          this.replace('broken');
        } else {
          job.resolve({ result: data.result, ms: data.ms });
        }
        this.pump();
      }
    }
  }

  // A worker that breaks after it had loaded is replaced; one that cannot load at all
  // fails every job and stays down (no respawn loop).
  onBroken(worker, message) {
    if (worker !== this.worker) return;
    if (this.ready) {
      if (this.inFlight) this.finish().reject(new EngineError(message));
      this.replace('broken');
      return;
    }
    worker.terminate();
    this.worker = null;
    this.ready = false;
    const error = new EngineError(message);
    if (this.inFlight) this.finish().reject(error);
    if (this.waiting) {
      this.waiting.reject(error);
      this.waiting = null;
    }
    for (const job of this.queue.splice(0)) job.reject(error);
    this.emit('failed', { message });
  }

  // Sends the next request. The first one goes before the worker is ready: the worker
  // answers it as soon as its module is loaded, without a warm-up derivation first, and
  // the watchdog starts only then (loading is not the engine being stuck).
  pump() {
    if (!this.worker || this.inFlight || !(this.waiting || this.queue.length)) return;
    const job = this.waiting || this.queue.shift();
    if (job === this.waiting) this.waiting = null;
    if (this.ready) this.startClock(job);
    this.inFlight = job;
    this.emit('busy');
    this.worker.postMessage({ ...job.msg, id: job.id });
  }

  startClock(job) {
    job.started = performance.now();
    this.arm(job);
  }

  // Starts (or restarts) the watchdog of a request in flight.
  arm(job) {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.abandon(new TimeoutError(this.timeoutMs), 'timeout'),
      this.timeoutMs);
  }

  // Asks the worker to load the whole engine (the LaTeX reader, the index route, code
  // export, check my answer) in the background, so its first use does not wait for it.
  prefetch() {
    this.prefetchWanted = true;
    if (this.ready) this.worker.postMessage({ type: 'prefetch' });
  }

  finish() {
    const job = this.inFlight;
    clearTimeout(job.timer);
    this.inFlight = null;
    if (!this.waiting && !this.queue.length) this.emit('idle');
    return job;
  }

  // Terminates the worker running the in-flight request and starts a fresh one.
  abandon(error, reason) {
    if (!this.inFlight) return;
    this.finish().reject(error);
    this.replace(reason);
  }

  replace(reason) {
    this.worker?.terminate();
    this.worker = null;
    this.restarts += 1;
    this.emit('restart', { reason });
    const spare = this.spare;
    this.spare = null;
    if (spare && !spare.error) this.adopt(spare);
    else {
      spare?.worker.terminate();
      this.spawn();
    }
  }

  scheduleSpare() {
    if (!this.useSpare || this.spare || this.spareTimer) return;
    this.spareTimer = setTimeout(() => {
      this.spareTimer = 0;
      if (this.spare || !this.worker) return;
      let worker;
      try {
        // The name tells the worker it may warm up (worker.js).
        worker = moduleWorker(this.workerUrl, { name: 'matcalc-spare' });
      } catch {
        return; // no spare: a replacement then loads the module itself
      }
      const spare = { worker, early: [], error: null };
      worker.onmessage = (event) => spare.early.push(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        spare.error = event.message || 'script error';
      };
      this.spare = spare;
    }, this.spareDelayMs);
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
