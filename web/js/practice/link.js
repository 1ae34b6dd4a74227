// practice.html's fragment: #topic=NAME&seed=N (SPEC 11), and &level=2 or 3 for the
// harder levels (1 is left out). The same three always give the same problem.
import { LEVELS } from './generate.js';
import { TOPICS } from './topics.js';

export const MAX_SEED = 999999;

const decode = (value) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

// {topic, seed, level} from a hash; null fields where it has none (or nonsense).
export function parseLink(hash) {
  const found = { topic: null, seed: null, level: null };
  for (const part of String(hash || '').replace(/^#/, '').split('&')) {
    const [key, value = ''] = part.split('=').map(decode);
    if (key === 'topic' && TOPICS.some((t) => t.id === value)) found.topic = value;
    else if (key === 'seed' && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_SEED) found.seed = Number(value);
    else if (key === 'level' && LEVELS.includes(Number(value))) found.level = Number(value);
  }
  return found;
}

export function formatLink({ topic, seed, level }) {
  return `#topic=${encodeURIComponent(topic)}&seed=${seed}${level > 1 ? `&level=${level}` : ''}`;
}

export const randomSeed = () => 1 + Math.floor(Math.random() * MAX_SEED);
