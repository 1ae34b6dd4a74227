// A smaller KaTeX for the calculator's first derivations: KaTeX built from its own sources
// (node_modules/katex/src, the version of katex.min.js) by esbuild, without the functions,
// environments and fonts' metrics that neither the engine's LaTeX nor the page's
// ever write (\href, \includegraphics, \begin{array}, \color, \cancel, \overbrace, …,
// \mathcal, \mathfrak, \mathsf, \texttt, …). It is the same code as katex.min.js for
// everything it keeps (its macros too: a macro that needs a dropped function fails when
// used), so its output for a formula it accepts is KaTeX's own; a formula it does not
// accept throws (an undefined control sequence, a font without metrics), and
// js/tex.js then typesets that formula with the whole katex.min.js, loaded at that moment.
// Measured (gzip -9): katex.min.js 75.8 KB; this file 59 KB (a third of it the fonts' metrics).
//
//   import { buildKatexLite } from './katex-lite.mjs'; await buildKatexLite(outFile)
// (scripts/bundle.mjs writes dist/vendor/katex/katex-lite.min.js; a classic script that
// defines globalThis.katexLite, KaTeX's API.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const katexDir = path.join(root, 'node_modules', 'katex');

// Function and environment files (src/functions/NAME.ts, src/environments/NAME.ts) left
// out: commands the engine's printers and the page never write.
const DROPPED_FUNCTIONS = new Set([
  'accentunder', 'arrow', 'cd', 'array', 'color', 'def', 'enclose', 'hbox', 'horizBrace',
  'href', 'html', 'includegraphics', 'mathchoice', 'overline', 'phantom', 'pmb',
  'raisebox', 'rule', 'sizing', 'smash', 'tag', 'underline', 'vcenter', 'verb',
]);

// Fonts whose metrics are left out (\mathcal, \mathfrak, \mathscr, \mathsf, \texttt, bold
// italic text): a formula asking for them throws "Font metrics not found".
const DROPPED_FONTS = new Set([
  'Caligraphic-Regular', 'Fraktur-Regular', 'Main-BoldItalic', 'SansSerif-Bold',
  'SansSerif-Italic', 'SansSerif-Regular', 'Script-Regular', 'Typewriter-Regular',
]);

const subset = {
  name: 'katex-lite',
  setup(b) {
    b.onLoad({ filter: /src[\\/](functions|environments)\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source.replace(/^import "\.\/(?:functions|environments)\/(\w+)";$/gm,
        (line, name) => (DROPPED_FUNCTIONS.has(name) ? '' : line));
      return { contents, loader: 'ts' };
    });
    b.onLoad({ filter: /src[\\/]fontMetricsData\.js$/ }, async (args) => {
      const { default: data } = await import(args.path);
      const kept = Object.fromEntries(Object.entries(data).filter(([font]) => !DROPPED_FONTS.has(font)));
      return { contents: `export default ${JSON.stringify(kept)};`, loader: 'js' };
    });
  },
};

export async function buildKatexLite(outFile) {
  const { version } = JSON.parse(fs.readFileSync(path.join(katexDir, 'package.json'), 'utf8'));
  const result = await build({
    entryPoints: [path.join(katexDir, 'katex.ts')],
    outfile: outFile,
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'katexLite',
    footer: { js: 'katexLite=katexLite.default;' },
    define: { __VERSION__: JSON.stringify(version) },
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    plugins: [subset],
    logLevel: 'warning',
    metafile: true,
  });
  return Object.values(result.metafile.outputs)[0].bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] || path.join(root, 'dist', 'vendor', 'katex', 'katex-lite.min.js'));
  console.log(`katex-lite: ${path.relative(process.cwd(), out)}, ${await buildKatexLite(out)} bytes`);
}
