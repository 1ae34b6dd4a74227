// A seeded random source for the practice problems: the same topic, level and seed
// always give the same draws, so a link (#topic=NAME&seed=N) reproduces its problem.
// mulberry32 (Tommy Ettinger's 32-bit generator): small, fast, good enough to pick shapes
// and names; nothing here needs more.

// A 32-bit hash of a string (FNV-1a), to mix the topic and level into the seed.
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Random {
  constructor(...key) {
    this.state = hash(key.join('\u0000')) || 1;
  }

  // A float in [0, 1).
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  // An integer in [lo, hi].
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }

  chance(p) {
    return this.next() < p;
  }
}
