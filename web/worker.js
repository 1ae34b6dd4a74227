// The engine's Web Worker. It loads the engine's WebAssembly and answers requests
// {id, op, ...} from js/engine-client.js, one at a time, so a slow input can only ever
// stall this thread, never the page; the page's watchdog terminates the whole worker
// when a request runs too long.
//
// Two modules (README, "The engine in two modules"): the core (engine/matcalc_core.*:
// the plain reader, derivation, simplifier, checks and printers) loads at once; the
// whole engine (engine/matcalc_wasm.*: also the LaTeX reader, the index route, code
// export, check my answer and the rule table) loads when a request first needs it, or
// when the page sends {type: 'prefetch'} once it is idle. A request the core cannot
// answer (LaTeX input: the core replies {ok: false, needs}) is asked of the whole engine.
//
// Requests: 'analyze' {expr, decl, wrt, seed, hessian, layout} (parse, choose the
// variable, derive: the main page), 'derive' {expr, wrt, decl, seed, hessian, layout}
// (exactly the variable asked for: lessons; with `route: 'index'` by the index route of
// SPEC section 10, the main page's index switch and lessons' `route: index` blocks),
// 'check' {expr, wrt, decl, answer, seed, hessian, layout} (check my answer: the answer
// is read in `layout`, '' for the default), 'rules' (the rule table), 'vocabulary' (the
// verdicts of check my answer, with their labels), 'parse' {expr, decl}, 'export' {expr,
// wrt, decl, lang, seed} (the code export of SPEC section 9: lang numpy | torch | eigen |
// matlab).
//
// Messages out: {type: 'ready'} once the core is loaded, or {type: 'failed', message} if
// it cannot load; per request an optional {type: 'parsed', id, outcome} (the parse of an
// 'analyze' request, sent before the slower derivation), {type: 'waiting', id} and
// {type: 'resumed', id} around loading the whole engine for it (the client's watchdog
// does not count that time), and then {type: 'result', id, result, ms}. A result whose
// `fatal` is set means the module itself broke (an abort, out of memory): the client
// replaces the worker.

// Loads one of the engine's modules (engine/NAME.wasm with its Emscripten glue
// engine/NAME.js, whose default export is the module's factory). The .wasm fetch starts
// at once, beside the glue's import, and is compiled while it streams; a server that
// sends the wrong MIME type gets the bytes compiled instead. (Here rather than in a module of its own:
// a static import would cost the core's fetch a round trip.)
function loadModule(name) {
  const wasm = fetch(new URL(`./engine/${name}.wasm`, import.meta.url));
  wasm.catch(() => {}); // reported through instantiateWasm
  const glue = import(new URL(`./engine/${name}.js`, import.meta.url).href);
  return new Promise((resolve, reject) => {
    // Emscripten's hook for custom instantiation.
    const instantiateWasm = (imports, receive) => {
      wasm
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status} for ${name}.wasm`);
          return WebAssembly.instantiateStreaming(response.clone(), imports)
            .catch(() => response.arrayBuffer().then((bytes) => WebAssembly.instantiate(bytes, imports)));
        })
        .then((result) => receive(result.instance, result.module))
        .catch(reject);
      return {};
    };
    glue.then((module) => module.default({ instantiateWasm })).then(resolve, reject);
  });
}

// The core's .wasm fetch starts at once, in parallel with its JS glue, and compiles while
// it streams.
const core = loadModule('matcalc_core');
const helpers = import('./js/variables.js');
let wholeLoading = null; // the whole engine's promise, once asked for
let wholeEngine = null; // the whole engine, once loaded: from then on it answers everything

function loadWhole() {
  wholeLoading ??= loadModule('matcalc_wasm').then((module) => {
    wholeEngine = module;
    warmUp(module, () => false);
    return module;
  }, (error) => {
    wholeLoading = null; // asked again next time
    throw error;
  });
  return wholeLoading;
}

let coreEngine = null;
let pickVariable = null;
// Set once a request has come: a warm-up still under way stops at its next step.
let asked = false;

const loading = Promise.all([core, helpers])
  .then(([module, variables]) => {
    coreEngine = module;
    pickVariable = variables.pickVariable;
    postMessage({ type: 'ready' });
    warmUp(module, () => asked);
  }, (error) => postMessage({ type: 'failed', message: String((error && error.message) || error) }));

// A small parse and derivation before the first request: the browser compiles
// WebAssembly functions lazily, on first call (measured: the first derivation on a cold
// profile takes 160-260 ms, later ones 5-15 ms), and this does it while the page is still
// loading its own scripts (the whole engine, loaded in the background, gets the same).
// In steps, each after the worker's queue has run, so a request that comes meanwhile
// waits for one step at most; the core leaves the rest to it (`stop`).
async function warmUp(module, stop) {
  const steps = [() => module.parse("x'*W*W'*x", ''), () => module.derive("x'*W*W'*x", 'W', '', 1, false, '')];
  for (const step of steps) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (stop()) return;
    try {
      step();
    } catch {
      return; // only a warm-up; a broken module shows on the first real request
    }
  }
}

// The whole engine for request `id`, telling the client while it loads.
async function whole(id) {
  if (wholeEngine) return wholeEngine;
  postMessage({ type: 'waiting', id });
  try {
    return await loadWhole();
  } catch (error) {
    throw new PartMissing(error);
  } finally {
    postMessage({ type: 'resumed', id });
  }
}

// The whole engine could not be loaded: the request fails as a user-visible error, the
// worker itself is fine.
class PartMissing extends Error {
  constructor(cause) {
    super(`this part of the engine could not be loaded (${(cause && cause.message) || cause})`);
  }
}

// Calls one embind function of `module`; its answer is one JSON string. An exception here
// is not a user error (the engine reports those as data) but a broken module.
function callIn(module, name, ...args) {
  return JSON.parse(module[name](...args));
}

// The core's answer, or the whole engine's where the core needs a part it does not have.
async function call(id, name, ...args) {
  if (wholeEngine) return callIn(wholeEngine, name, ...args);
  const answer = callIn(coreEngine, name, ...args);
  if (!answer.needs) return answer;
  return callIn(await whole(id), name, ...args);
}

// Only the whole engine has these.
async function callWhole(id, name, ...args) {
  return callIn(await whole(id), name, ...args);
}

async function parse(msg) {
  return { parse: await call(msg.id, 'parse', msg.expr, msg.decl) };
}

// Parse, choose the variable (the requested one when the expression has it; without a
// request, the one the question names, as in \frac{\partial ...}{\partial W}), derive.
async function analyze(msg) {
  const parsed = await call(msg.id, 'parse', msg.expr, msg.decl);
  postMessage({ type: 'parsed', id: msg.id, outcome: parsed });
  if (!parsed.ok) return { parse: parsed, derive: null, wrt: null };
  const wrt = pickVariable(parsed.variables, msg.wrt || parsed.reading?.wrt || '');
  if (!wrt) return { parse: parsed, derive: null, wrt: null };
  const derived = await call(msg.id, 'derive', msg.expr, wrt, msg.decl, msg.seed, !!msg.hessian,
    msg.layout || '');
  return { parse: parsed, derive: derived, wrt };
}

function derive(msg) {
  if (msg.route) {
    return callWhole(msg.id, 'deriveRoute', msg.expr, msg.wrt, msg.decl || '', msg.seed ?? 1,
      !!msg.hessian, msg.layout || '', String(msg.route));
  }
  return call(msg.id, 'derive', msg.expr, msg.wrt, msg.decl || '', msg.seed ?? 1, !!msg.hessian,
    msg.layout || '');
}

function check(msg) {
  return callWhole(msg.id, 'checkAnswer', msg.expr, msg.wrt, msg.decl || '', msg.answer,
    msg.seed ?? 1, !!msg.hessian, msg.layout || '');
}

function exportCode(msg) {
  return callWhole(msg.id, 'exportCode', msg.expr, msg.wrt, msg.decl || '', msg.lang, msg.seed ?? 1);
}

const vocabulary = (msg) => callWhole(msg.id, 'vocabulary');
const rules = (msg) => callWhole(msg.id, 'rules');

const ops = { parse, analyze, derive, check, rules, vocabulary, export: exportCode };

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === 'prefetch') {
    await loading;
    loadWhole().catch(() => {}); // loaded again when a request needs it
    return;
  }
  asked = true;
  await loading;
  const started = performance.now();
  let result;
  let fatal = false;
  try {
    const op = ops[msg.op];
    if (!op) throw new Error(`unknown request '${msg.op}'`);
    result = await op(msg);
  } catch (error) {
    fatal = !(error instanceof PartMissing);
    if (fatal) {
      result = { error: String(error && error.message ? error.message : error) };
    } else {
      // An engine error, in the shape the request's answer has.
      const failure = { ok: false, error: { code: 'internal', message: error.message, source: '', column: 0, length: 0 } };
      result = msg.op === 'analyze' || msg.op === 'parse' ? { parse: failure, derive: null, wrt: null } : failure;
    }
  }
  postMessage({ type: 'result', id: msg.id, result, fatal, ms: performance.now() - started });
};
