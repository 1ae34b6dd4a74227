// The pause between a key press and sending the input to the engine, adapted to what a
// derivation costs the engine here. A pause only saves work nobody would see (answers to
// inputs already typed over), so it is as short as the engine allows: twice its recent
// time per request (the median of the last few), never under MIN_MS (a burst of keys is
// one request) nor over MAX_MS (a slow engine never makes the page feel stuck).
// Typesetting is not counted: it runs in slices and an answer typed over is cancelled.
const MIN_MS = 15;
const MAX_MS = 150;
const KEEP = 7;

export class Debounce {
  constructor() {
    this.recent = [];
    this.timer = 0;
  }

  // The current pause, in ms.
  get delay() {
    // Nothing measured yet (the first visit's answer was derived in advance): the engine's
    // usual time, a few ms, is likelier than its cold one, which only its first request pays.
    if (!this.recent.length) return 2 * MIN_MS;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const typical = sorted[Math.floor(sorted.length / 2)];
    return Math.round(Math.min(MAX_MS, Math.max(MIN_MS, 2 * typical)));
  }

  // The engine took `ms` for one request.
  measured(ms) {
    if (!Number.isFinite(ms)) return;
    this.recent.push(ms);
    if (this.recent.length > KEEP) this.recent.shift();
  }

  schedule(task) {
    this.cancel();
    this.timer = setTimeout(task, this.delay);
  }

  cancel() {
    clearTimeout(this.timer);
    this.timer = 0;
  }
}
