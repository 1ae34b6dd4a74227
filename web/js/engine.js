// The page's one engine client. index.html starts the worker from an inline script
// before any module has loaded (window.matcalcBoot); the client adopts that worker, or
// starts its own where there is none (embed.html, or a page without the boot script).
import { EngineClient } from './engine-client.js';

const boot = globalThis.matcalcBoot || null;
delete globalThis.matcalcBoot;

export const engine = new EngineClient(new URL('../worker.js', import.meta.url), { boot }).start();
// For bench/page/bench.mjs: when the engine was first ready.
if (engine.ready) performance.mark('matcalc:engine-ready', { startTime: boot?.readyAt });
else engine.addEventListener('ready', () => performance.mark('matcalc:engine-ready'), { once: true });
