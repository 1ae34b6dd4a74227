// A smaller KaTeX for the calculator and the embed: KaTeX built from its own sources
// (node_modules/katex/src, the version of katex.min.js) by esbuild, without the functions,
// environments and fonts' metrics that neither the engine's LaTeX nor the page's
// ever write (\href, \includegraphics, \begin{array}, \color, \cancel, \overbrace, …,
// \mathcal, \mathfrak, \mathsf, \texttt, …). It is the same code as katex.min.js for
// everything it keeps (its macros too: a macro that needs a dropped function fails when
// used), so its output for a formula it accepts is KaTeX's own; a formula it does not
// accept throws (an undefined control sequence, a font without metrics), and
// js/tex.js then typesets that formula with the whole katex.min.js, loaded at that moment.
// Measured (gzip -9): katex.min.js 75.8 KB; this file 52 KB (60.7 with the SVG path table
// and the font metrics as JSON).
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

// src/svgGeometry.ts without its table of SVG paths (17 KB of source: stretchy arrows,
// braces, \widehat, \widetilde, \vec, \oiint), none of which the engine or the page
// writes; a formula that needs one throws when it is drawn. (\sqrt's surds and tall
// delimiters are made by functions, kept.)
function withoutPaths(source) {
  const start = source.indexOf('export const path: Record<string, string> = {');
  const end = source.indexOf('export const tallDelim');
  if (start < 0 || end < start) throw new Error('katex-lite: src/svgGeometry.ts has changed');
  return `${source.slice(0, start)}export const path: Record<string, string> = new Proxy({}, {
    get(_, name) { throw new Error(\`katex-lite: no SVG path \${String(name)}\`); },
});

${source.slice(end)}`;
}

// The fonts' metrics (src/fontMetricsData.js: {font: {charCode: [depth, height, italic,
// skew, width]}}) as a module that rebuilds that same object from a compact string: each
// number is a whole number of 1e-5 (checked here), so n / 1e5 is the very double the
// source's literal is; char codes as differences. 7.2 KB gzip as JSON, 5.0 KB so.
function compactMetrics(fonts) {
  const fontStrings = Object.entries(fonts).map(([font, chars]) => {
    const codes = Object.keys(chars).map(Number).sort((a, b) => a - b);
    const values = [];
    for (const code of codes) {
      const metrics = chars[code];
      if (metrics.length !== 5) throw new Error(`katex-lite: ${font} ${code} has ${metrics.length} metrics`);
      for (const value of metrics) {
        const whole = Math.round(value * 1e5);
        if (whole / 1e5 !== value) throw new Error(`katex-lite: ${font} ${code}: ${value} is not a whole number of 1e-5`);
        values.push(whole.toString(36));
      }
    }
    const gaps = codes.map((code, i) => (code - (i ? codes[i - 1] : 0)).toString(36));
    return `${font}:${gaps.join(',')}:${values.join(',')}`;
  });
  return `const fonts = {};
for (const entry of ${JSON.stringify(fontStrings.join('|'))}.split('|')) {
  const [font, gaps, values] = entry.split(':');
  const numbers = values.split(',').map((v) => parseInt(v, 36) / 1e5);
  const chars = {};
  let code = 0;
  gaps.split(',').forEach((gap, i) => {
    code += parseInt(gap, 36);
    chars[code] = numbers.slice(5 * i, 5 * i + 5);
  });
  fonts[font] = chars;
}
export default fonts;
`;
}

const subset = {
  name: 'katex-lite',
  setup(b) {
    b.onLoad({ filter: /src[\\/]svgGeometry\.ts$/ }, async (args) => ({
      contents: withoutPaths(await fs.promises.readFile(args.path, 'utf8')), loader: 'ts',
    }));
    b.onLoad({ filter: /src[\\/](functions|environments)\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      const contents = source.replace(/^import "\.\/(?:functions|environments)\/(\w+)";$/gm,
        (line, name) => (DROPPED_FUNCTIONS.has(name) ? '' : line));
      return { contents, loader: 'ts' };
    });
    b.onLoad({ filter: /src[\\/]fontMetricsData\.js$/ }, async (args) => {
      const { default: data } = await import(args.path);
      const kept = Object.fromEntries(Object.entries(data).filter(([font]) => !DROPPED_FONTS.has(font)));
      return { contents: compactMetrics(kept), loader: 'js' };
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
