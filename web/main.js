// Placeholder page script: sends what the user types to the engine worker and shows
// the parse result. Only the latest request's answer is shown. Nothing typed is ever
// inserted as HTML: text goes through textContent, LaTeX through KaTeX (trust: false).
const exprInput = document.getElementById('expr');
const declsInput = document.getElementById('decls');
const statusLine = document.getElementById('status');
const output = document.getElementById('output');
const math = document.getElementById('math');

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let latestId = 0;
let latestExpr = '';
let ready = false;

function request() {
  if (!ready) return;
  latestId += 1;
  latestExpr = exprInput.value;
  worker.postMessage({ id: latestId, op: 'parse', expr: exprInput.value, decls: declsInput.value });
}

function renderLatex(latex) {
  math.textContent = '';
  if (!latex || !window.katex) return;
  window.katex.render(latex, math, { throwOnError: false, trust: false, displayMode: true });
}

// data-expr and data-state tell tests (and styles) which input the output belongs to.
function show(outcome) {
  output.dataset.expr = latestExpr;
  if (outcome.ok) {
    output.textContent = outcome.human || JSON.stringify(outcome, null, 2);
    output.dataset.state = 'ok';
    renderLatex(outcome.latex || (outcome.result && outcome.result.latex));
  } else {
    const error = outcome.error || {};
    output.textContent = error.rendered || error.message || 'error';
    output.dataset.state = 'error';
    math.textContent = '';
  }
}

worker.onmessage = (event) => {
  const msg = event.data;
  if (msg.type === 'ready') {
    ready = true;
    statusLine.textContent = 'Engine ready.';
    request();
  } else if (msg.type === 'failed') {
    statusLine.textContent = `The engine could not be loaded: ${msg.message}`;
  } else if (msg.type === 'result' && msg.id === latestId) {
    show(msg.outcome);
  }
};

worker.onerror = (event) => {
  statusLine.textContent = `The engine worker failed: ${event.message}`;
};

let timer = 0;
for (const input of [exprInput, declsInput]) {
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(request, 80);
  });
}
