// The engine's rule table (the worker's 'rules' request), fetched once per page and
// shared by everything that shows a rule: step chips, lesson rule blocks and inline
// [rule:name] references, the rule reference page. Nothing about a rule is written in
// the page: its identity, source and note come from the engine, so they cannot drift.
import { engine } from './engine.js';

let table = null;

// Resolves with a Map from rule name to {name, family, latex, source, note}, in the
// engine's order; rejects with the engine's error if the table cannot be had.
export function loadRules() {
  table ??= engine.enqueue({ op: 'rules' }).then(({ result }) => {
    if (!result?.ok || !Array.isArray(result.rules)) {
      throw new Error(result?.error?.message || 'the engine gave no rule table');
    }
    return new Map(result.rules.map((rule) => [rule.name, rule]));
  });
  table.catch(() => {
    table = null; // a later call asks again (e.g. after a worker restart)
  });
  return table;
}

// The rule's entry in the rule reference (rules.html, next to every page), whose
// anchor id is the rule's name.
// Relative on the site's own pages; the site's address on a course page that shows a
// derivation with matcalc-derivation.js.
const siteRoot = new URL('../', import.meta.url).href;
const onSite = location.href.startsWith(siteRoot);

export function ruleHref(name) {
  return `${onSite ? '' : siteRoot}rules.html#${encodeURIComponent(name)}`;
}
