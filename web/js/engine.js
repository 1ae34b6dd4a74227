// The page's one engine client. index.html starts the worker from an inline script
// before any module has loaded (window.matcalcBoot); the client adopts that worker, or
// starts its own where there is none (embed.html, or a page without the boot script).
import { EngineClient } from './engine-client.js';

const boot = globalThis.matcalcBoot || null;
delete globalThis.matcalcBoot;

// A spare worker makes recovery from a timeout quick; an embed (many may share a course
// page) does without one.
const spare = !document.body?.classList.contains('embed');
export const engine = new EngineClient(new URL('../worker.js', import.meta.url), { boot, spare }).start();
// For bench/page/bench.mjs: when the engine was first ready.
if (engine.ready) performance.mark('matcalc:engine-ready', { startTime: boot?.readyAt });
else engine.addEventListener('ready', () => performance.mark('matcalc:engine-ready'), { once: true });
