// Starts the engine worker at once, before the page's modules load; js/engine.js adopts it with whatever it said in the meantime. Registers
// the service worker.
(function () {
  var boot = { early: [], error: null };
  // The first visit's example is answered without the engine (index.html carries its
  // answer, derived at build time: window.matcalcFirstAnswer, js/first-answer.js), so
  // then the engine waits until that answer is on screen (js/app.js starts it) instead of
  // competing with what the answer needs. A cheap look at the link: js/first-answer.js
  // decides for sure, and starts the engine at once when the answer is not the link's.
  var first = window.matcalcFirstAnswer;
  var linked = /(?:^#|&)expr=([^&]*)/.exec(location.hash);
  var expr = null;
  try { expr = linked ? decodeURIComponent(linked[1]) : null; } catch (e) { expr = ''; }
  boot.deferred = Boolean(first && first.request && (!linked || expr === first.request.expr));
  // The answer itself (first-answer.json, scripts/prerender.mjs), fetched now: js/first-answer.js
  // waits for it before the page's first request.
  if (boot.deferred && first.src && !first.result) {
    first.answer = fetch(first.src).then(function (r) { return r.ok ? r.json() : null; })
      .catch(function () { return null; });
  }
  window.matcalcBoot = boot;

  // A link's question, asked at once on the calculator (<html data-boot-ask>, whose first
  // request is this 'analyze'): the worker answers it as soon as its module has loaded,
  // while the page's own scripts are still loading and running, instead of after them.
  // js/engine-client.js gives this answer to the page's first request when that request
  // is the same ({op, expr, decl, wrt, seed, hessian, layout}, read from the link as
  // js/fragment.js reads it) and drops it otherwise: a link read differently here costs
  // one derivation, never a wrong answer.
  function askLinked(boot) {
    if (!linked || !expr || !document.documentElement.hasAttribute('data-boot-ask')) return;
    var ask = { op: 'analyze', expr: expr, decl: '', wrt: '', seed: 1, hessian: false, layout: '' };
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      var key = eq < 0 ? part : part.slice(0, eq);
      var value = eq < 0 ? '' : part.slice(eq + 1);
      try { key = decodeURIComponent(key); value = decodeURIComponent(value); } catch (e) { /* kept raw, as fragment.js */ }
      var seed = Number(value);
      if (key === 'expr' || key === 'wrt' || key === 'decl') ask[key] = value;
      else if (key === 'seed') ask.seed = Number.isInteger(seed) && seed >= 0 && seed <= 2147483647 ? seed : 1;
      else if (key === 'hessian') ask.hessian = value === '1' || value === 'true';
      else if (key === 'layout' && (value === 'numerator' || value === 'denominator')) ask.layout = value;
    });
    if (!ask.expr.trim()) return;
    boot.asked = { id: 0, msg: ask };
    boot.worker.postMessage(Object.assign({ id: 0 }, ask));
  }
  if (!boot.deferred) try {
    boot.worker = new Worker('worker.js', { type: 'module' });
    boot.worker.onmessage = function (e) {
      if (e.data && e.data.type === 'ready') boot.readyAt = performance.now();
      boot.early.push(e.data);
    };
    boot.worker.onerror = function (e) { e.preventDefault(); boot.error = e.message || 'script error'; };
    askLinked(boot);
  } catch (e) { /* js/engine.js starts its own */ }
  // KaTeX's script, on a page that leaves it to this script (<html data-katex="boot">: the
  // calculator): started now, beside the worker, unless the first visit's answer, typeset
  // at build time, is shown first (js/tex.js loads it once that answer is on screen). The
  // smaller build (scripts/katex-lite.mjs; js/tex.js falls back to katex.min.js for what
  // it does not accept).
  if (document.documentElement.getAttribute('data-katex') === 'boot' && !boot.deferred) {
    var katex = document.createElement('script');
    katex.src = 'vendor/katex/katex-lite.min.js';
    katex.setAttribute('data-katex', '');
    katex.onload = katex.onerror = function () { katex.setAttribute('data-loaded', ''); };
    document.head.appendChild(katex);
  }
  // The service worker (sw.js) keeps the site available offline. It is registered once
  // the page has loaded, so caching the site never competes with the first derivation
  // (the calculator, <html data-service-worker="later">, registers it itself once its
  // first derivation is on screen); not from an embed in someone else's page, which
  // should stay light.
  if ('serviceWorker' in navigator && location.protocol !== 'file:' && window.top === window &&
      document.documentElement.getAttribute('data-service-worker') !== 'later') {
    addEventListener('load', function () {
      navigator.serviceWorker.register('sw.js').catch(function () { /* no offline copy */ });
    });
  }
  if (location.protocol === 'file:') {
    addEventListener('DOMContentLoaded', function () {
      var status = document.getElementById('status') || document.getElementById('embed');
      status.textContent = 'matcalc must be served over http(s): browsers refuse its modules ' +
        'and its worker from file:// pages. See the README (bash scripts/serve.sh).';
    });
  }
})();
