// Adds <link rel="modulepreload"> for the whole static import graph of a page's entry
// module, so the browser fetches every module the page needs at once instead of one
// level of imports after another (measured on a cold profile: three levels of imports
// cost 300-400 ms before the first derivation could be shown). Written at build time
// from the modules' own import statements, so the list cannot drift from the code.
// Dynamic imports (import('./x.js'), what loads later) are not followed.
//
//   node scripts/preload.mjs DIST PAGE...
import fs from 'node:fs';
import path from 'node:path';

const [dist, ...pages] = process.argv.slice(2);
const STATIC_IMPORT = /^\s*(?:import|export)\s[^'"()]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/gm;

// Every module `entry` (a path in dist) imports, directly or not, in a stable order.
function graph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(path.join(dist, file), 'utf8');
    for (const [, spec] of source.matchAll(STATIC_IMPORT)) visit(path.posix.join(path.posix.dirname(file), spec));
  };
  visit(entry);
  return [...seen];
}

for (const page of pages) {
  const file = path.join(dist, page);
  const html = fs.readFileSync(file, 'utf8');
  const entry = /<script src="([^"]+)" type="module"><\/script>/.exec(html);
  if (!entry) throw new Error(`preload: ${page} has no entry module`);
  const links = graph(entry[1]).map((module) => `  <link rel="modulepreload" href="${module}">`).join('\n');
  fs.writeFileSync(file, html.replace(entry[0], () => `${entry[0]}\n${links}`));
  console.log(`preload: ${page}: ${graph(entry[1]).length} modules`);
}
