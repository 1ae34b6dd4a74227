// Bundles each page's ES modules into one file (esbuild, a devDependency): the module a
// page loads (<script type="module" src="js/NAME.js"> in dist/*.html) becomes, in dist/, one
// minified file of the same name holding its whole import graph, and so does the engine's
// worker (worker.js). Measured on a cold profile: the page's two dozen modules arrived in
// an import waterfall three requests deep (the first derivation's request waited for the
// last of them); one file is one request.
//
// Each bundle is self-contained: what a page imports only when asked (import() of the
// "Check my answer" card, the worked examples, the LaTeX writer) rides along in its file,
// evaluated only when first asked for (esbuild without code splitting), so a page never
// holds two copies of a module with state (the engine client, the typesetting worker).
// The unbundled modules stay in dist/js/ for matcalc-derivation.js (course pages) and
// anyone importing a module by itself. Every bundle stays in the directory its entry was
// in, so `new URL('../worker.js', import.meta.url)` and the like resolve as before.
//
//   node scripts/bundle.mjs [DIST]     (scripts/assemble.sh runs it, after copying web/)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { buildKatexLite } from './katex-lite.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const web = path.join(root, 'web');

// The entry modules: every page's module script, and the engine's worker.
const entries = new Set(['worker.js']);
for (const page of fs.readdirSync(dist).filter((file) => file.endsWith('.html'))) {
  const html = fs.readFileSync(path.join(dist, page), 'utf8');
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /\btype="module"/.test(tag)) entries.add(src);
  }
}

const result = await build({
  entryPoints: [...entries].map((entry) => ({ in: path.join(web, entry), out: entry.replace(/\.js$/, '') })),
  outdir: dist,
  bundle: true,
  format: 'esm',
  minify: true,
  // The sources' own syntax (no down-levelling: the page already needs what it uses).
  target: 'esnext',
  charset: 'utf8',
  legalComments: 'none',
  allowOverwrite: true,
  metafile: true,
  logLevel: 'warning',
});

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  const inputs = Object.keys(output.inputs).length;
  console.log(`bundle: ${path.relative(dist, path.resolve(root, file))}, ${inputs} modules, ${output.bytes} bytes`);
}

// The smaller KaTeX the calculator typesets with (scripts/katex-lite.mjs; js/tex.js falls
// back to katex.min.js for a formula it does not accept).
const lite = path.join(dist, 'vendor', 'katex', 'katex-lite.min.js');
console.log(`bundle: vendor/katex/katex-lite.min.js, ${await buildKatexLite(lite)} bytes`);

// The engine's Emscripten glue (engine/*.js, written by the WebAssembly build unminified:
// whitespace and long local names) minified as it is; the core's is on a first
// derivation's path (32.7 KB raw, 9.1 KB gzip before; 17.9 KB, 7.0 KB after).
for (const file of fs.readdirSync(path.join(dist, 'engine')).filter((name) => name.endsWith('.js'))) {
  const full = path.join(dist, 'engine', file);
  const { code } = await transform(fs.readFileSync(full, 'utf8'), {
    minify: true, format: 'esm', target: 'esnext', charset: 'utf8', legalComments: 'none',
  });
  fs.writeFileSync(full, code);
  console.log(`bundle: engine/${file} minified, ${code.length} bytes`);
}

// The style sheets minified (comments and whitespace: style.css 27.5 KB raw, 6.5 KB gzip
// before).
for (const file of fs.readdirSync(dist).filter((name) => name.endsWith('.css'))) {
  const full = path.join(dist, file);
  const { code } = await transform(fs.readFileSync(full, 'utf8'), { loader: 'css', minify: true, charset: 'utf8', legalComments: 'none' });
  fs.writeFileSync(full, code);
  console.log(`bundle: ${file} minified, ${code.length} bytes`);
}
