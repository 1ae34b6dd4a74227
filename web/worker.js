// The engine's Web Worker. It loads the WebAssembly module once and answers requests
// {id, op, ...} from js/engine-client.js, one at a time, so a slow input can only ever
// stall this thread, never the page; the page's watchdog terminates the whole worker
// when a request runs too long.
//
// Requests: 'analyze' {expr, decl, wrt, seed, hessian, layout} (parse, choose the
// variable, derive: the main page), 'derive' {expr, wrt, decl, seed, hessian, layout}
// (exactly the variable asked for: lessons; with `route: 'index'` by the index route of
// SPEC section 10, the main page's index switch and lessons' `route: index` blocks), 'check' {expr, wrt, decl, answer, seed,
// hessian, layout} (check my answer: the answer is read in `layout`, '' for the default),
// 'rules' (the rule table), 'vocabulary' (the verdicts of check my answer, with their
// labels), 'parse' {expr, decl}, 'export' {expr, wrt, decl, lang, seed} (the code export
// of SPEC section 9: lang numpy | torch | eigen | matlab).
//
// Messages out: {type: 'ready'} once, or {type: 'failed', message} if the module cannot
// load; per request an optional {type: 'parsed', id, outcome} (the parse of an 'analyze'
// request, sent before the slower derivation) and then {type: 'result', id, result, ms}.
// A result whose `fatal` is set means the module itself broke (an abort, out of
// memory): the client replaces the worker.
//
// Startup is one round trip shorter than static imports would make it: the .wasm fetch
// starts at once, in parallel with the module's JS glue, and compiles while it streams.
const wasmResponse = fetch(new URL('./engine/matcalc_wasm.wasm', import.meta.url));
wasmResponse.catch(() => {}); // reported when instantiateWasm uses it
const glue = import('./engine/matcalc_wasm.js');
const helpers = import('./js/variables.js');

let engine = null;
let pickVariable = null;

// Emscripten's hook for custom instantiation: streaming compile of the early fetch,
// falling back to compiling the bytes if the server sends the wrong MIME type.
function instantiateWasm(imports, receive) {
  wasmResponse
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} for the .wasm file`);
      return WebAssembly.instantiateStreaming(response.clone(), imports)
        .catch(() => response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports)));
    })
    .then((result) => receive(result.instance, result.module))
    .catch((error) => postMessage({ type: 'failed', message: String(error.message || error) }));
  return {};
}

const loading = Promise.all([glue, helpers])
  .then(([{ default: createMatcalc }, variables]) => {
    pickVariable = variables.pickVariable;
    return createMatcalc({ instantiateWasm });
  })
  .then(
    (module) => {
      engine = module;
      warmUp();
      postMessage({ type: 'ready' });
    },
    (error) => postMessage({ type: 'failed', message: String((error && error.message) || error) }),
  );

// One small derivation before the first request: the browser compiles WebAssembly
// functions lazily, on first call, and this does it while the page is still loading its
// own scripts, instead of on the visitor's first derivation.
function warmUp() {
  try {
    engine.derive("x'*W*W'*x", 'W', '', 1, false, '');
  } catch {
    // only a warm-up; a broken module shows on the first real request
  }
}

// Calls one embind function; its answer is one JSON string. An exception here is not a
// user error (the engine reports those as data) but a broken module.
function call(name, ...args) {
  return JSON.parse(engine[name](...args));
}

function parse(msg) {
  return { parse: call('parse', msg.expr, msg.decl) };
}

// Parse, choose the variable (the requested one when the expression has it; without a
// request, the one the question names, as in \frac{\partial ...}{\partial W}), derive.
function analyze(msg) {
  const parsed = call('parse', msg.expr, msg.decl);
  postMessage({ type: 'parsed', id: msg.id, outcome: parsed });
  if (!parsed.ok) return { parse: parsed, derive: null, wrt: null };
  const wrt = pickVariable(parsed.variables, msg.wrt || parsed.reading?.wrt || '');
  if (!wrt) return { parse: parsed, derive: null, wrt: null };
  const derived = call('derive', msg.expr, wrt, msg.decl, msg.seed, !!msg.hessian,
    msg.layout || '');
  return { parse: parsed, derive: derived, wrt };
}

function derive(msg) {
  if (msg.route) {
    return call('deriveRoute', msg.expr, msg.wrt, msg.decl || '', msg.seed ?? 1, !!msg.hessian,
      msg.layout || '', String(msg.route));
  }
  return call('derive', msg.expr, msg.wrt, msg.decl || '', msg.seed ?? 1, !!msg.hessian,
    msg.layout || '');
}

function check(msg) {
  return call('checkAnswer', msg.expr, msg.wrt, msg.decl || '', msg.answer, msg.seed ?? 1,
    !!msg.hessian, msg.layout || '');
}

function exportCode(msg) {
  return call('exportCode', msg.expr, msg.wrt, msg.decl || '', msg.lang, msg.seed ?? 1);
}

function vocabulary() {
  return call('vocabulary');
}

function rules() {
  return call('rules');
}

const ops = { parse, analyze, derive, check, rules, vocabulary, export: exportCode };

self.onmessage = async (event) => {
  const msg = event.data;
  await loading;
  const started = performance.now();
  let result;
  let fatal = false;
  try {
    const op = ops[msg.op];
    if (!op) throw new Error(`unknown request '${msg.op}'`);
    result = op(msg);
  } catch (error) {
    fatal = true;
    result = { error: String(error && error.message ? error.message : error) };
  }
  postMessage({ type: 'result', id: msg.id, result, fatal, ms: performance.now() - started });
};
