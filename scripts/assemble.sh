#!/usr/bin/env bash
# Assembles the site to publish, dist/, from web/, content/, the engine's two WebAssembly
# modules (ENGINE_DIR, default build-wasm/) and KaTeX (node_modules/): each page's modules
# bundled into one file (scripts/bundle.mjs), the boot script inlined into each page, the
# first visit's answer rendered in advance by the engine (scripts/prerender.mjs), and the
# service worker's list of files. scripts/build.sh runs it after building; on its own it
# re-assembles a site from web/ changes in a second.
# Works from any directory.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
engine_dir="${ENGINE_DIR:-build-wasm}"

echo "build: assembling dist/"
rm -rf dist
mkdir -p dist/engine dist/vendor/katex/fonts
cp -R web/. dist/
if [ -d content ]; then cp -R content dist/content; fi
# The two engine modules: the core a first visit loads, and the whole engine.
cp "$engine_dir"/matcalc_core.js "$engine_dir"/matcalc_core.wasm "$engine_dir"/matcalc_wasm.js "$engine_dir"/matcalc_wasm.wasm dist/engine/
katex=node_modules/katex/dist
if [ ! -f "$katex/katex.min.js" ]; then
  echo "build: $katex/katex.min.js is missing; run scripts/setup.sh (npm ci) first" >&2
  exit 1
fi
cp "$katex/katex.min.js" "$katex/katex.min.css" dist/vendor/katex/
# The woff2 fonts (those the CSS references first) without their hinting instructions: a
# fifth smaller, laid out the same; Math-Italic's Greek a part of its own, and the CSS to
# match (scripts/katex-fonts.py, with Debian's python3-fonttools).
/usr/bin/python3 scripts/katex-fonts.py "$katex/fonts" dist/vendor/katex/fonts .cache/katex-fonts dist/vendor/katex/katex.min.css
# Each page's modules bundled into one file (scripts/bundle.mjs, esbuild): one request
# instead of an import waterfall three deep.
node scripts/bundle.mjs dist
# js/boot.js starts the engine worker; inlined into each page it runs as soon as the
# page's head is parsed, not after a request of its own that competes with the page's
# others (measured: the worker started 100-160 ms after navigation with the file, and
# the first derivation waited for it).
node - <<'NODE'
const fs = require('fs');
const boot = fs.readFileSync('dist/js/boot.js', 'utf8').replace(/<\/script/gi, '<\\/script');
for (const page of ['index.html', 'embed.html', 'lessons.html', 'rules.html', 'practice.html']) {
  const file = `dist/${page}`;
  if (!fs.existsSync(file)) continue;
  const html = fs.readFileSync(file, 'utf8');
  const inlined = html.replace('<script src="js/boot.js"></script>', () => `<script>\n${boot}</script>`);
  if (inlined === html) throw new Error(`${page}: no <script src="js/boot.js"> to inline`);
  fs.writeFileSync(file, inlined);
}
NODE
# The first visit's answer, derived by the engine now (before the service worker's hash,
# which covers it).
node scripts/prerender.mjs dist
# The service worker caches this exact site for offline use: it gets the list of every
# file and a version that is a hash of all of them, so any change to the site is a new
# version (a new cache; the old one is dropped).
node - <<'NODE'
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else files.push(path.relative('dist', full).split(path.sep).join('/'));
  }
};
walk('dist');
const site = files.filter((file) => file !== 'sw.js').sort();
const hash = crypto.createHash('sha256');
for (const file of site) hash.update(file).update('\0').update(fs.readFileSync(path.join('dist', file)));
const version = hash.digest('hex').slice(0, 16);
const sw = fs.readFileSync('dist/sw.js', 'utf8')
  .replace("'__MATCALC_VERSION__'", JSON.stringify(version))
  .replace("['__MATCALC_FILES__']", JSON.stringify(['./', ...site], null, 1));
fs.writeFileSync('dist/sw.js', sw);
console.log(`build: service worker version ${version}, ${site.length} files`);
NODE
echo "build: dist/ ready ($(du -sk dist | cut -f1) KB)"
