// The page's lesson reader (web/js/lesson-format.js), in node: it reads every lesson in
// content/lessons/ the way FORMAT.md says (and tests/cli/lessons.test.mjs's reference
// parser does) — the same blocks with the same fields, the same formulas, the same
// rules named — and reads inline markup without surprises.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInline, parseLesson, proseOf, rulesNamed } from '../../web/js/lesson-format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lessonsDir = path.join(root, 'content', 'lessons');
const index = JSON.parse(fs.readFileSync(path.join(lessonsDir, 'index.json'), 'utf8'));

// A fenced block's fields, read independently: every 'key: value' line of its body.
function fencedBlocks(text) {
  return [...text.matchAll(/^```(derive|exercise|rule)\n([\s\S]*?)^```$/gm)].map((match) => ({
    type: match[1],
    ...Object.fromEntries([...match[2].matchAll(/^([a-z_]+): (.*)$/gm)].map((m) => [m[1], m[2].trim()])),
  }));
}

// The formulas of a piece of prose, as FORMAT.md defines them: outside `code`, between
// pairs of $.
function formulasOf(text) {
  return text.split('`').filter((_, i) => i % 2 === 0)
    .flatMap((piece) => piece.split('$').filter((_, i) => i % 2 === 1));
}

function mathIn(nodes) {
  return nodes.flatMap((node) => (node.type === 'math' ? [node.value] : mathIn(node.children || [])));
}

for (const entry of index) {
  test(`${entry.file}: read as FORMAT.md says`, () => {
    const text = fs.readFileSync(path.join(lessonsDir, entry.file), 'utf8');
    const lesson = parseLesson(text);
    assert.equal(lesson.title, entry.title);
    assert.deepEqual(lesson.nodes.filter((node) => node.type === 'invalid'), []);
    const blocks = lesson.nodes.filter((node) => ['derive', 'exercise', 'rule'].includes(node.type))
      .map(({ line, ...fields }) => fields);
    assert.deepEqual(blocks, fencedBlocks(text));
    for (const node of lesson.nodes) {
      for (const prose of proseOf(node)) {
        assert.deepEqual(mathIn(parseInline(prose)), formulasOf(prose), `${entry.file}:${node.line}`);
      }
    }
    const named = [...text.matchAll(/\[rule:([^\]\s]*)\]|^name: (.*)$/gm)].map((m) => m[1] ?? m[2].trim());
    assert.deepEqual(rulesNamed(lesson).sort(), named.sort());
  });
}

test('display math may span lines; paragraphs join their lines', () => {
  const lesson = parseLesson('# T\n\nOne\ntwo $a\nb$.\n\n$$x\n= y$$\n$$z$$\n- a\n- b\n1. c\n');
  assert.deepEqual(lesson.nodes.map((node) => node.type), ['paragraph', 'math', 'math', 'list', 'list']);
  assert.equal(lesson.nodes[0].text, 'One two $a b$.');
  assert.equal(lesson.nodes[1].latex, 'x\n= y');
  assert.equal(lesson.nodes[2].latex, 'z');
  assert.deepEqual(lesson.nodes[3], { type: 'list', ordered: false, items: ['a', 'b'], line: 10 });
  assert.equal(lesson.nodes[4].ordered, true);
});

test('a block that breaks the format becomes an invalid node, and the rest is read', () => {
  const lesson = parseLesson('# T\n\n```derive\nexpr: x\ncolour: red\n```\n\n```exercise\nid: a\n```\n\n```table\n```\n\nAfter.\n');
  assert.deepEqual(lesson.nodes.map((node) => [node.type, node.message]), [
    ['invalid', "unknown key 'colour'"], ['invalid', "no 'prompt'"], ['invalid', "unknown block 'table'"],
    ['paragraph', undefined],
  ]);
});

test('inline markup: code and math hold no markup; * pairs like Markdown emphasis', () => {
  assert.deepEqual(parseInline('`a*b $c$` and $x*y$'), [
    { type: 'code', value: 'a*b $c$' }, { type: 'text', value: ' and ' }, { type: 'math', value: 'x*y' }]);
  assert.deepEqual(parseInline('**bold $x$** and *it*'), [
    { type: 'strong', children: [{ type: 'text', value: 'bold ' }, { type: 'math', value: 'x' }] },
    { type: 'text', value: ' and ' }, { type: 'em', children: [{ type: 'text', value: 'it' }] }]);
  assert.deepEqual(parseInline('2 * 3 and *open'), [{ type: 'text', value: '2 * 3 and *open' }]);
  assert.deepEqual(parseInline('see [rule:d-product], [rule:] and [x](y)'), [
    { type: 'text', value: 'see ' }, { type: 'ruleref', value: 'd-product' },
    { type: 'text', value: ', [rule:] and [x](y)' }]);
  assert.deepEqual(parseInline('<img src=x onerror=alert(1)> $'), [
    { type: 'text', value: '<img src=x onerror=alert(1)> $' }]);
});
