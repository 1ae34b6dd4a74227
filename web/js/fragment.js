// The URL fragment holds the whole state of a derivation, so a link reproduces it:
//
//   #expr=x'*W*W'*x&wrt=W&decl=x%3A%20vector(n)&seed=7
//
// Keys: expr (the expression), wrt (the variable), decl (declarations), seed (of the
// numeric check's random inputs), hessian=1 (differentiate twice), layout=numerator or
// denominator (default: the SPEC's, denominator for gradients and numerator for
// Jacobians), steps=0 (show the result without the steps) and theme=light|dark
// (instead of the reader's setting, e.g. to match a course page around an embed), and
// answer (a student's answer to check, once checked: the page checks it on opening),
// export=numpy|torch|eigen|matlab (the Export panel open on that language's tab), and
// route=index (the steps shown in index notation, by the index route of SPEC section 10).
// Values are percent-encoded with encodeURIComponent, which keeps ' * ( ) readable; '+' is always a plus (never a space, unlike form
// encoding), so a hand-written link with a literal '+' means what it says.
// Whatever a link holds is only ever used as text.

export const DEFAULTS = Object.freeze({
  expr: '', wrt: '', decl: '', seed: 1, hessian: false, layout: '', steps: true, theme: '',
  answer: '', export: '', route: '',
});

// The routes the steps can be shown by, as the `route` key spells them ('' is the
// default, matrix route).
export const ROUTES = Object.freeze(['index']);

// The code export's languages (SPEC section 9), as the `export` key spells them.
export const EXPORT_LANGUAGES = Object.freeze(['numpy', 'torch', 'eigen', 'matlab']);

export const MAX_SEED = 2147483647;

function decode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a malformed escape: keep the raw text
  }
}

function parseSeed(value) {
  const seed = Number(value);
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED ? seed : DEFAULTS.seed;
}

// Reads a state from location.hash (with or without the leading '#').
export function parseFragment(hash) {
  const state = { ...DEFAULTS };
  const body = String(hash || '').replace(/^#/, '');
  if (!body) return state;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (key === 'expr' || key === 'wrt' || key === 'decl' || key === 'answer') state[key] = value;
    else if (key === 'seed') state.seed = parseSeed(value);
    else if (key === 'steps') state.steps = !(value === '0' || value === 'false');
    else if (key === 'hessian') state.hessian = value === '1' || value === 'true';
    else if (key === 'layout' && (value === 'numerator' || value === 'denominator')) state.layout = value;
    else if (key === 'theme' && (value === 'light' || value === 'dark')) state.theme = value;
    else if (key === 'export' && EXPORT_LANGUAGES.includes(value)) state.export = value;
    else if (key === 'route' && ROUTES.includes(value)) state.route = value;
  }
  return state;
}

// Writes the fragment (with '#') for a state; default values are left out.
export function formatFragment(state) {
  const parts = [`expr=${encodeURIComponent(state.expr ?? '')}`];
  if (state.wrt) parts.push(`wrt=${encodeURIComponent(state.wrt)}`);
  if (state.decl) parts.push(`decl=${encodeURIComponent(state.decl)}`);
  if (state.seed !== undefined && state.seed !== DEFAULTS.seed) parts.push(`seed=${state.seed}`);
  if (state.hessian) parts.push('hessian=1');
  if (state.layout) parts.push(`layout=${state.layout}`);
  if (state.steps === false) parts.push('steps=0');
  if (state.theme) parts.push(`theme=${state.theme}`);
  if (state.answer) parts.push(`answer=${encodeURIComponent(state.answer)}`);
  if (EXPORT_LANGUAGES.includes(state.export)) parts.push(`export=${state.export}`);
  if (ROUTES.includes(state.route)) parts.push(`route=${state.route}`);
  return `#${parts.join('&')}`;
}

// A fresh seed for "re-run with new random values", different from `previous`.
export function newSeed(previous) {
  for (;;) {
    const seed = 1 + Math.floor(Math.random() * 999999);
    if (seed !== previous) return seed;
  }
}
