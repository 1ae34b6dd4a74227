// Smoke test of the built page (dist/) in headless Debian chromium via playwright-core:
// serve dist/ on a free loopback port, open the page, type an expression, wait for the
// engine worker's parse output, and require a page without console errors.
// Needs dist/ from scripts/build.sh and /usr/bin/chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'dist');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];

function freePort() {
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

// Waits until the page shows the outcome for `expr` in state 'ok' or 'error'.
async function waitForOutcome(page, expr, state) {
  await page.waitForFunction(([wanted, wantedState]) => {
    const output = document.getElementById('output');
    return output.dataset.expr === wanted && output.dataset.state === wantedState;
  }, [expr, state], { timeout: 10_000 });
}

let server;
let profile;
let context;
let baseUrl;

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is built');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}/`;
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1',
    '--directory', dist], { stdio: 'ignore' });
  await waitForServer(baseUrl, 10_000);
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'matcalc-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
  });
});

after(async () => {
  await context?.close();
  server?.kill();
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
});

test('the page parses a typed expression in its worker, without console errors', async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });

  await page.goto(baseUrl);
  await page.waitForSelector('#status:has-text("Engine ready")', { timeout: 20_000 });

  await page.fill('#expr', "tr(W'*W)");
  await waitForOutcome(page, "tr(W'*W)", 'ok');
  assert.ok((await page.textContent('#output')).trim().length > 0, 'parse output shown');

  await page.fill('#expr', '(x+');
  await waitForOutcome(page, '(x+', 'error');
  assert.match(await page.textContent('#output'), /\^/);

  await page.fill('#expr', "x'*A*x");
  await waitForOutcome(page, "x'*A*x", 'ok');

  assert.deepEqual(problems, []);
  await page.close();
});
