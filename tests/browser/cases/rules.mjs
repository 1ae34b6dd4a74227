// The rule reference (rules.html): it lists every rule of the engine's table, in its
// order, each typeset and anchored by its name; every rule named in content/ has its
// anchor there; a step's rule link and a lesson's [rule:] link land on the rule; the
// filter narrows the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine } from '../lib/engine.mjs';
import { openPage, root, waitForOutput } from '../lib/harness.mjs';

// Every rule named in content/: [rule:NAME] anywhere, and `name:` in rule blocks.
function rulesNamedInContent() {
  const names = new Set();
  const walk = (dir) => {
    for (const dirent of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, dirent.name);
      if (dirent.isDirectory()) walk(full);
      else {
        const text = fs.readFileSync(full, 'utf8');
        for (const match of text.matchAll(/\[rule:([^\]\s]+)\]/g)) names.add(match[1]);
        for (const match of text.matchAll(/```rule\n[\s\S]*?^name: (.*)$/gm)) names.add(match[1].trim());
      }
    }
  };
  walk(path.join(root, 'content'));
  return [...names];
}

async function openReference(suite, hash = '') {
  const opened = await openPage(suite, `rules.html${hash}`);
  await opened.page.waitForSelector('#rules-view[data-state="ready"]');
  return opened;
}

// Waits until rules.html shows `name` as the target, at the top of the window.
async function assertLandedOn(page, name) {
  await page.waitForURL((url) => url.pathname.endsWith('/rules.html') && url.hash === `#${name}`);
  await page.waitForSelector(`[id="${name}"].rule-entry.is-target`);
  const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, name);
  assert.ok(top >= 0 && top < 100, `${name} scrolled to the top (at ${top} px)`);
  assert.equal(await page.evaluate(() => document.activeElement.id), name, 'focus on the rule');
}

export default function register(suite) {
  test('the rule reference lists every rule of the engine, and every rule content/ names', async () => {
    const table = JSON.parse((await loadEngine()).rules());
    assert.equal(table.ok, true);
    const { page, problems } = await openReference(suite);
    const shown = await page.$$eval('.rule-entry', (entries) => entries.map((entry) => ({
      id: entry.id, family: entry.dataset.family, typeset: Boolean(entry.querySelector('.rule-identity .katex')),
      name: entry.querySelector('.rule-entry-name').textContent, text: entry.textContent,
    })));
    assert.deepEqual(shown.map((rule) => rule.id), table.rules.map((rule) => rule.name));
    for (const [i, rule] of table.rules.entries()) {
      assert.equal(shown[i].name, rule.name);
      assert.equal(shown[i].family, rule.family);
      assert.ok(shown[i].typeset, `${rule.name}: identity typeset`);
      // A source in LaTeX is typeset; a citation is shown as it is.
      if (!/\\[a-zA-Z]/.test(rule.source)) assert.ok(shown[i].text.includes(rule.source), `${rule.name}: source shown`);
      if (rule.note) assert.ok(shown[i].text.includes(rule.note), `${rule.name}: note shown`);
    }
    const families = [...new Set(table.rules.map((rule) => rule.family))];
    assert.deepEqual(await page.$$eval('.rule-family', (nodes) => nodes.map((n) => n.id)),
      families.map((family) => `family-${family}`));
    assert.equal(await page.locator('.katex-error').count(), 0);

    const named = rulesNamedInContent();
    assert.ok(named.length > 5);
    const anchored = await page.evaluate((names) => names.filter((name) =>
      document.getElementById(name)?.classList.contains('rule-entry')), named);
    assert.deepEqual(anchored.sort(), named.sort());
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a rule link in a derivation step lands on the rule; the toggle still expands it', async () => {
    const { page, problems } = await openPage(suite, "#expr=x'*W*W'*x&wrt=W");
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    const step = page.locator('#output .step').nth(1);
    const name = await step.locator('.rule-link').first().textContent();
    const toggle = step.locator('button.rule-toggle').first();
    await toggle.click();
    await page.waitForSelector(`#${await toggle.getAttribute('aria-controls')}:not([hidden]) .katex`);
    await step.locator('.rule-link').first().click();
    await assertLandedOn(page, name);
    await page.goBack();
    await waitForOutput(page, { expr: "x'*W*W'*x", wrt: 'W', states: ['ok'] });
    assert.deepEqual(problems, []);
    await page.close();
  });

  test("a lesson's [rule:] reference shows the identity on focus and lands on the rule", async () => {
    const { page, problems } = await openPage(suite, 'lessons.html#lesson=trace-trick');
    await page.waitForSelector('#lesson-view[data-state="ready"]');
    const reference = page.locator('.lesson .rule-ref').first();
    const name = await reference.getAttribute('data-rule');
    await reference.locator('a').focus();
    await reference.locator('.rule-tip .katex').waitFor();
    assert.equal(await reference.locator('.rule-tip').isVisible(), true);
    await reference.locator('a').press('Enter');
    await assertLandedOn(page, name);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('opening the reference at a rule, and filtering it', async () => {
    const { page, problems } = await openReference(suite, '#d-inverse');
    await assertLandedOn(page, 'd-inverse');
    await page.fill('#rule-filter', 'inverse');
    const visible = await page.$$eval('.rule-entry:not([hidden])', (entries) => entries.map((e) => e.id));
    assert.ok(visible.includes('d-inverse') && visible.length < 10, visible.join(' '));
    assert.match(await page.textContent('#rule-filter-count'), new RegExp(`^${visible.length} rules? match$`));
    await page.fill('#rule-filter', '');
    assert.equal(await page.locator('.rule-entry[hidden]').count(), 0);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
