// Practice progress per topic, kept in this browser only (localStorage; nothing is sent
// anywhere): which problems were solved (by level and seed) and how many were tried.
// Without storage (a private window that refuses it) progress lasts as long as the page.
const KEY = 'matcalc:practice';
const KEEP = 500; // solved problems remembered per topic

let memory = {};

function read() {
  try {
    const stored = JSON.parse(globalThis.localStorage?.getItem(KEY) || '{}');
    return stored && typeof stored === 'object' ? stored : {};
  } catch {
    return memory;
  }
}

function write(all) {
  memory = all;
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(all));
  } catch {
    // storage refused or full: kept in memory
  }
}

const entry = (all, topic) => {
  const e = all[topic] && typeof all[topic] === 'object' ? all[topic] : {};
  return { tried: Number(e.tried) || 0, solved: Array.isArray(e.solved) ? e.solved : [] };
};

// {tried, solved} for a topic: problems checked at least once, and solved.
export function progress(topic) {
  const e = entry(read(), topic);
  return { tried: e.tried, solved: e.solved.length };
}

// Records a checked answer to the problem `key` ("level:seed") of `topic`.
export function record(topic, key, correct, firstTry) {
  const all = read();
  const e = entry(all, topic);
  if (firstTry) e.tried += 1;
  if (correct && !e.solved.includes(key)) e.solved = [...e.solved, key].slice(-KEEP);
  all[topic] = e;
  write(all);
}
