// Shared set-up of the browser tests: serve dist/ on a free loopback port, launch one
// headless Debian chromium, and open pages that record every console error, page error,
// failed request, HTTP error and dialog, so each test can require that there were none.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dist, launch, serve } from './browser.mjs';

export { dist, root } from './browser.mjs';

// Registers the suite's before/after hooks; the returned object is filled in by
// before() with {baseUrl, context}.
export function setUpSuite() {
  const suite = {};
  let server;
  let browser;
  before(async () => {
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is built (scripts/build.sh)');
    server = await serve(dist);
    // No service worker here: it would answer requests that tests reroute (page.route);
    // offline.mjs launches its own browser with one.
    browser = await launch({ serviceWorkers: 'block' });
    suite.baseUrl = server.baseUrl;
    suite.context = browser.context;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'],
      { origin: server.baseUrl.replace(/\/$/, '') });
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return suite;
}

// A new page whose `problems` list collects everything that must not happen; dialogs
// (alert, confirm…) are recorded and dismissed.
export async function openPage(suite, url) {
  const page = await suite.context.newPage();
  const problems = [];
  const dialogs = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  if (url !== undefined) await page.goto(new URL(url, suite.baseUrl).href);
  return { page, problems, dialogs };
}

// Waits until #output shows the answer for `expr` (and `wrt` and `decl`, if given) in
// one of `states`; returns the state.
export async function waitForOutput(page, { expr, wrt, decl, states = ['ok', 'error'], timeout = 15_000 }) {
  const handle = await page.waitForFunction(([wanted, wantedStates]) => {
    const { dataset } = document.getElementById('output');
    if (!wantedStates.includes(dataset.state)) return false;
    for (const [key, value] of Object.entries(wanted)) {
      if (value !== null && dataset[key] !== value) return false;
    }
    return dataset.state;
  }, [{ expr, wrt: wrt ?? null, decl: decl ?? null }, states], { timeout });
  return handle.jsonValue();
}

// Replaces the text of an input (emptied first) by typing it key by key, as a user would.
export async function typeInto(page, selector, text) {
  const field = page.locator(selector);
  await field.fill('');
  if (text) await field.pressSequentially(text);
}

export function fragment(state) {
  return `#${Object.entries(state).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

// Everything in the DOM that could run script or load something it should not (run in
// the page with page.evaluate(injected)): elements and attributes that no page of
// matcalc makes itself.
export function injected() {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase();
    if (['img', 'iframe', 'object', 'embed', 'svg'].includes(tag) && !element.closest('.katex')) found.push(tag);
    if (tag === 'script' && element.src && !/\/(vendor\/katex\/katex(?:-lite)?\.min|js\/(boot|app|embed|lessons|rules-page))\.js$/.test(element.src)) found.push(`script ${element.src}`);
    if (tag === 'script' && !element.src && !element.textContent.includes('matcalcBoot')) found.push('inline script');
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) found.push(`${tag}[${attribute.name}]`);
      if (/^\s*javascript:/i.test(attribute.value)) found.push(`${tag}[${attribute.name}=javascript:]`);
    }
  }
  return found;
}
