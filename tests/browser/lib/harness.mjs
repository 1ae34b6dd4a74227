// Shared set-up of the browser tests: serve dist/ on a free loopback port, launch one
// headless Debian chromium (playwright-core, per ../shared/TOOLCHAIN.md), and open pages
// that record every console error, page error, failed request, HTTP error and dialog,
// so each test can require that there were none.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const dist = path.join(root, 'dist');

export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no server at ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Serves `directory` with python's http.server (which sends .wasm as application/wasm).
export async function serve(directory) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1',
    '--directory', directory], { stdio: 'ignore' });
  await waitForServer(baseUrl, 10_000);
  return { baseUrl, close: () => server.kill() };
}

export async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Registers the suite's before/after hooks; the returned object is filled in by
// before() with {baseUrl, context}.
export function setUpSuite() {
  const suite = {};
  let server;
  let browser;
  before(async () => {
    assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is built (scripts/build.sh)');
    server = await serve(dist);
    browser = await launch();
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

// Replaces the text of an input by typing it, key by key, as a user would.
export async function typeInto(page, selector, text) {
  const field = page.locator(selector);
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  if (text) await field.pressSequentially(text);
}

export function fragment(state) {
  return `#${Object.entries(state).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
