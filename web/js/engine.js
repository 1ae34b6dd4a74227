// The page's one engine client. index.html starts the worker from an inline script
// before any module has loaded (window.matcalcBoot); the client adopts that worker, or
// starts its own where there is none (embed.html, or a page without the boot script).
import { EngineClient } from './engine-client.js';

const boot = globalThis.matcalcBoot || null;
delete globalThis.matcalcBoot;

// A spare worker makes recovery from a timeout quick on the site's own pages (those
// that start their worker from the boot script); an embed, or a course page with
// <matcalc-derivation> elements, does without one.
const spare = Boolean(boot) && !document.body?.classList.contains('embed');
// Started at once, except on a first visit answered in advance (boot.deferred), where the
// page starts it once that answer is on screen (or its first request does).
export const engine = new EngineClient(new URL('../worker.js', import.meta.url), { boot, spare });
if (!boot?.deferred) engine.start();
// For bench/page/bench.mjs: when the engine was first ready.
if (engine.ready) performance.mark('matcalc:engine-ready', { startTime: boot?.readyAt });
else engine.addEventListener('ready', () => performance.mark('matcalc:engine-ready'), { once: true });
