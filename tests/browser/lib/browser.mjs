// Serving dist/ and launching headless Debian chromium (playwright-core, per
// ../shared/TOOLCHAIN.md): shared by the browser tests and bench/page/bench.mjs.
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

// Serves `directory` with scripts/serve.py (python's static server with the types and
// caching headers the page wants), as scripts/serve.sh does.
export async function serve(directory) {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}/`;
  const server = spawn('python3', [path.join(root, 'scripts', 'serve.py'), '--port', String(port),
    '--bind', '127.0.0.1', '--directory', directory, '--quiet'], { stdio: 'ignore' });
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
