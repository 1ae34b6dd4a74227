// Starts the engine worker (and its WebAssembly download) at once, before the page's
// modules load; js/engine.js adopts it with whatever it said in the meantime.
(function () {
  var boot = { early: [], error: null };
  try {
    boot.worker = new Worker('worker.js', { type: 'module' });
    boot.worker.onmessage = function (e) {
      if (e.data && e.data.type === 'ready') boot.readyAt = performance.now();
      boot.early.push(e.data);
    };
    boot.worker.onerror = function (e) { e.preventDefault(); boot.error = e.message || 'script error'; };
    window.matcalcBoot = boot;
  } catch (e) { /* js/engine.js starts its own */ }
  if (location.protocol === 'file:') {
    addEventListener('DOMContentLoaded', function () {
      var status = document.getElementById('status') || document.getElementById('embed');
      status.textContent = 'matcalc must be served over http(s): browsers refuse its modules ' +
        'and its worker from file:// pages. See the README (bash scripts/serve.sh).';
    });
  }
})();
