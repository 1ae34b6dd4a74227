// The measurements of bench/page/bench.mjs, one function each. Every time is read from
// the page's own performance marks (matcalc:first-derivation, matcalc:derivation) or
// its PerformanceObserver, so the driver's overhead is not counted.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Installed before the page's scripts: every main-thread task over 50 ms.
export function recordLongTasks() {
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function marks(page) {
  await page.waitForFunction(() => performance.getEntriesByName('matcalc:first-derivation').length > 0,
    null, { timeout: 30_000 });
  return page.evaluate(() => ({
    origin: performance.timeOrigin,
    ...Object.fromEntries(performance.getEntriesByType('mark')
      .filter((m) => m.name.startsWith('matcalc:')).map((m) => [m.name.slice(8), m.startTime])),
  }));
}

// One visit of `url` in `context`: the page's marks, and every request of the page, its
// workers and its service worker with the wall-clock time it was sent.
export async function visit(context, url) {
  const requests = [];
  const onRequest = (request) => requests.push({ url: request.url(), at: Date.now() });
  context.on('request', onRequest);
  const page = await context.newPage();
  try {
    await page.goto(url);
    const times = await marks(page);
    // What was asked for before the first derivation was on screen (a request sent in the
    // same millisecond counts as before).
    const firstAt = times.origin + times['first-derivation'];
    return { times, before: requests.filter((r) => r.at <= firstAt + 1).map((r) => r.url), page };
  } finally {
    context.off('request', onRequest);
  }
}

// raw and gzip -9 bytes of each site file among `urls` (each file once).
export function sizes(dist, baseUrl, urls) {
  return [...new Set(urls.filter((url) => url.startsWith(baseUrl))
    .map((url) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'index.html'))]
    .filter((file) => fs.existsSync(path.join(dist, file)) && fs.statSync(path.join(dist, file)).isFile())
    .map((file) => {
      const bytes = fs.readFileSync(path.join(dist, file));
      return { file, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

// Types each example key by key into a page already showing a derivation, and times the
// last key press (or the click choosing the variable) to its derivation on screen.
export async function keystrokes(page, examples) {
  await page.evaluate(() => {
    for (const type of ['keydown', 'change']) {
      document.addEventListener(type, () => { window.lastAction = performance.now(); }, true);
    }
  });
  const rows = [];
  for (const example of examples) {
    await page.evaluate(() => performance.clearMarks('matcalc:derivation'));
    for (const [selector, text] of [['#decl', example.decl], ['#expr', example.expr]]) {
      await page.fill(selector, '');
      await page.locator(selector).pressSequentially(text);
    }
    await page.locator(`#variables input[value="${example.wrt}"]`).check({ timeout: 10_000 });
    const found = await page.waitForFunction(([expr, wrt]) => {
      const mark = performance.getEntriesByName('matcalc:derivation')
        .find((m) => m.detail.expr === expr && m.detail.wrt === wrt);
      const { dataset } = document.getElementById('output');
      if (mark) return { total: mark.startTime - window.lastAction, engine: mark.detail.engineMs };
      if (dataset.expr === expr && dataset.wrt === wrt && dataset.state !== 'ok') return { error: dataset.state };
      return false;
    }, [example.expr, example.wrt], { timeout: 30_000 });
    rows.push({ id: example.id, ...(await found.jsonValue()) });
  }
  return rows;
}

// Types `text` into the expression field at `delay` ms a key and reports the main
// thread's long tasks from the first key to the typed text's derivation on screen (and
// settled: 500 ms more for the last typesetting slices).
export async function longTasksWhileTyping(page, text, delay) {
  const start = await page.evaluate(() => performance.now());
  await page.fill('#expr', '');
  await page.locator('#expr').pressSequentially(text, { delay, timeout: 180_000 });
  const typed = await page.evaluate(() => performance.now());
  await page.waitForFunction((expr) => performance.getEntriesByName('matcalc:derivation')
    .some((mark) => mark.detail?.expr === expr), text, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const tasks = (await page.evaluate(() => window.longTasks)).filter((t) => t.start >= start);
  const longest = (list) => Math.round(list.reduce((max, t) => Math.max(max, t.duration), 0));
  const whileTyping = tasks.filter((t) => t.start < typed);
  return {
    characters: text.length,
    typingMs: Math.round(typed - start),
    whileTyping: whileTyping.length,
    longestWhileTyping: longest(whileTyping),
    afterLastKey: tasks.length - whileTyping.length,
    longestAfterLastKey: longest(tasks.filter((t) => t.start >= typed)),
  };
}

// The first screen at one viewport: where the result ends, and the equations of the
// output that are cut (wider than their box with no scrolling cue), plus the preview.
export async function firstScreen(page, width, height) {
  await page.setViewportSize({ width, height });
  await page.reload();
  await marks(page);
  await page.waitForFunction(() => document.fonts.status === 'loaded');
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    // A formula is cut when it runs past the box that clips it (the nearest ancestor that
    // does not let it overflow) and that box gives no cue that it scrolls, or past the
    // screen's edge.
    const cut = [];
    for (const formula of document.querySelectorAll('#output .katex, #preview .katex')) {
      if (formula.parentElement.closest('.katex') || !formula.getClientRects().length) continue;
      // A display formula's box is as wide as its container: its extent is its parts'.
      const right = Math.max(formula.getBoundingClientRect().right,
        ...[...formula.querySelectorAll('.katex-html .base')].map((b) => b.getBoundingClientRect().right));
      let box = formula.parentElement;
      while (box && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
      const clipped = box ? right > box.getBoundingClientRect().right + 1 && !box.hasAttribute('data-scrolls')
        : right > innerWidth + 1;
      if (clipped) cut.push(formula.textContent.slice(0, 30));
    }
    const result = document.querySelector('#output .result-math');
    return {
      resultBottom: Math.round(result ? result.getBoundingClientRect().bottom : Infinity),
      pageWidth: document.documentElement.scrollWidth,
      cut,
    };
  });
}
