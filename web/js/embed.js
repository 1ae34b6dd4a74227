// embed.html: one derivation, from the same URL fragment as the main page, with minimal
// chrome, for an <iframe> in a course page: the result, what comes with it (a Jacobian's
// differential and backpropagation form, a Hessian's linear map), the numeric check and
// the steps. #embed's data-state is 'loading' until the first answer. After every layout
// change it posts its height to the parent, {type: 'matcalc-embed-height', height}, so
// the parent can size the frame (README, "Embedding a derivation").
import { h, fill } from './dom.js';
import {
  checkLine, notesList, programLatex, relatedResults, resultMath, stepCheckLine, stepsList,
} from './derivation-view.js';
import { SupersededError } from './engine-client.js';
import { engine as client } from './engine.js';
import { errorView } from './error-view.js';
import { parseFragment } from './fragment.js';
import { tex, warmUp } from './tex.js';
import { Typesetter } from './typesetter.js';

const frame = document.getElementById('embed');
const typesetter = new Typesetter();
let ticket = 0;

function openLink() {
  const page = new URL('index.html', location.href);
  page.hash = location.hash;
  return h('a', { href: page.href, target: '_blank', rel: 'noopener' }, 'Open in matcalc ↗');
}

function setState(state, request) {
  Object.assign(frame.dataset, { state, expr: request.expr, wrt: request.wrt || '' });
}

function show(state, request, ...children) {
  setState(state, request);
  fill(frame, ...children, h('div', { class: 'embed-foot' }, h('span', {}, 'matcalc'), openLink()));
  postHeight();
}

// The steps are open when the link says so (steps=1), closed when it says steps=0, and
// otherwise open only if the whole derivation fits the frame as the course page sized
// it: a 13-step derivation does not turn a phone's frame into a 2800 px column.
function stepsWanted(hash) {
  const given = /(?:^#|&)steps=([^&]*)/.exec(hash);
  if (!given) return 'fit';
  return given[1] === '0' || given[1] === 'false' ? 'closed' : 'open';
}

function showDerivation(derivation, parsed, request, wanted) {
  const batch = typesetter.batch();
  const count = (derivation.steps || []).length;
  const steps = h('details', { open: wanted !== 'closed' },
    h('summary', {}, `Derivation (${count} step${count === 1 ? '' : 's'})`),
    stepsList(derivation.steps, batch, { idPrefix: 'embed-identity', linkTarget: '_blank' }),
    stepCheckLine(derivation.step_check, (derivation.steps || []).length));
  show('ok', request,
    h('div', { class: 'embed-expr' }, batch.add(h('div'), programLatex(parsed), { breakable: true })),
    resultMath(derivation, batch),
    relatedResults(derivation, batch),
    notesList(derivation.notes),
    checkLine(derivation.check, { className: 'embed-check' }),
    steps);
  return batch.run().then((done) => {
    // Measured open, typeset; closed again before anything is painted if it is too tall.
    if (done && wanted === 'fit' && document.body.getBoundingClientRect().height > innerHeight) steps.open = false;
    postHeight();
    return done;
  });
}

function run() {
  const state = parseFragment(location.hash);
  if (state.theme) document.documentElement.dataset.theme = state.theme;
  else delete document.documentElement.dataset.theme;
  const request = {
    op: 'analyze', expr: state.expr, decl: state.decl, wrt: state.wrt, seed: state.seed,
    hessian: state.hessian, layout: state.layout,
  };
  const mine = ++ticket;
  if (!request.expr.trim()) {
    show('idle', request, h('p', { class: 'hint' }, 'This embed shows nothing: its link has no expression.'));
    return;
  }
  client.request(request).then(({ result }) => {
    if (mine !== ticket) return;
    const { parse: parsed, derive, wrt } = result;
    const req = { ...request, wrt: wrt || request.wrt };
    if (!parsed.ok) {
      const input = parsed.error.source === 'declarations' ? request.decl : request.expr;
      show('error', req, errorView(parsed.error, input));
    } else if (!derive) {
      show('error', req, h('p', {}, 'This expression has no variables: there is nothing to differentiate.'));
    } else if (!derive.ok) {
      show('error', req, tex(programLatex(parsed), { display: true }), errorView(derive.error, request.expr));
    } else {
      showDerivation(derive, parsed, req, stepsWanted(location.hash));
    }
  }).catch((error) => {
    if (error instanceof SupersededError || mine !== ticket) return;
    show(error.name === 'TimeoutError' ? 'timeout' : 'failed', request,
      h('p', { class: 'error-message' }, `No derivation: ${error.message}.`));
  });
}

// Height reporting: the body's height once there is something to show (never the
// loading placeholder's, which would collapse the frame before it grows), then after
// every resize (typesetting, <details> toggles, a narrower frame). An iframe off screen
// may not run ResizeObserver callbacks until it is scrolled into view (the browser
// skips rendering it), so the height is also posted when a derivation is rendered and
// when the fonts have loaded: reading the layout works off screen too.
let lastHeight = 0;
function postHeight() {
  if (frame.dataset.state === 'loading') return;
  const height = Math.ceil(document.body.getBoundingClientRect().height);
  if (height === lastHeight || window.parent === window) return;
  lastHeight = height;
  window.parent.postMessage({ type: 'matcalc-embed-height', height }, '*');
}
new ResizeObserver(postHeight).observe(document.body);
document.fonts?.ready.then(postHeight);

window.addEventListener('hashchange', run);
run();
if (!client.ready) setTimeout(warmUp, 0);
