// Tests of the lessons in content/lessons/ (format: content/lessons/FORMAT.md) against
// the `matcalc` command: every lesson parses, every derive block derives with a passing
// numeric check (and equals the result its prose states, `expect`), every exercise's
// answer is accepted and its typical wrong answer rejected with the stated verdict,
// every rule named in content/ exists, and every formula renders with KaTeX.
// Run with `node --test`; needs build/matcalc from scripts/build.sh, or the binary
// named by the environment variable MATCALC_BIN.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import katex from 'katex';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lessonsDir = path.join(root, 'content', 'lessons');
const binary = process.env.MATCALC_BIN
  ? path.resolve(process.env.MATCALC_BIN)
  : path.join(root, 'build', 'matcalc');

// Verdicts of a rejected answer, as the engine spells them (its vocabulary, not a copy):
// those with correct: false (`convention` comes with correct: true, so it is not one).
const VERDICTS = matcalc(['vocabulary', '--format', 'json']).verdicts
  .filter((verdict) => verdict.correct === false).map((verdict) => verdict.name);
const BLOCK_KEYS = {
  derive: { required: ['expr', 'wrt'], optional: ['decl', 'hessian', 'layout', 'route', 'caption', 'expect'] },
  exercise: {
    required: ['id', 'prompt', 'expr', 'wrt', 'answer', 'wrong', 'wrong_verdict'],
    optional: ['decl', 'hessian', 'hint'],
  },
  rule: { required: ['name'], optional: [] },
};
const PROSE_KEYS = ['caption', 'prompt', 'hint'];

// ---------------------------------------------------------------------------------
// The reference parser of FORMAT.md. A lesson is a title and a list of nodes:
// heading, paragraph, list, math (display), derive, exercise, rule; each with `line`.

class LessonError extends Error {
  constructor(file, line, message) {
    super(`${file}:${line}: ${message}`);
  }
}

// Splits prose into its inline math formulas and checks the inline markup: code spans
// hold no math, every `$` is paired, the only bracket link is [rule:NAME].
function inlineParts(text, where) {
  const math = [];
  const rules = [];
  const outsideCode = text.split('`');
  if (outsideCode.length % 2 === 0) throw new Error(`${where}: unpaired \` in: ${text}`);
  outsideCode.forEach((piece, index) => {
    if (index % 2 === 1) return; // a code span
    const pieces = piece.split('$');
    if (pieces.length % 2 === 0) throw new Error(`${where}: unpaired $ in: ${text}`);
    pieces.forEach((part, k) => {
      if (k % 2 === 1) {
        if (part.trim() === '') throw new Error(`${where}: empty $$ or $ $ in: ${text}`);
        math.push(part);
        return;
      }
      for (const match of part.matchAll(/\[rule:([^\]]*)\]/g)) rules.push(match[1]);
      if (/\]\(/.test(part) || /<[a-z/]/i.test(part)) {
        throw new Error(`${where}: links and HTML are not part of the format: ${text}`);
      }
    });
  });
  return { math, rules };
}

function parseBlock(kind, bodyLines, file, line) {
  const fields = {};
  bodyLines.forEach((text, offset) => {
    if (text.trim() === '') return;
    const match = /^([a-z_]+): (.*)$/.exec(text);
    if (!match) throw new LessonError(file, line + 1 + offset, `not a 'key: value' line: ${text}`);
    const [, key, value] = match;
    const { required, optional } = BLOCK_KEYS[kind];
    if (!required.includes(key) && !optional.includes(key)) {
      throw new LessonError(file, line + 1 + offset, `unknown key '${key}' in a ${kind} block`);
    }
    if (key in fields) throw new LessonError(file, line + 1 + offset, `repeated key '${key}'`);
    fields[key] = value.trim();
  });
  for (const key of BLOCK_KEYS[kind].required) {
    if (!fields[key]) throw new LessonError(file, line, `${kind} block without '${key}'`);
  }
  if ('hessian' in fields && !['true', 'false'].includes(fields.hessian)) {
    throw new LessonError(file, line, `hessian must be true or false, not '${fields.hessian}'`);
  }
  if ('layout' in fields && !['numerator', 'denominator'].includes(fields.layout)) {
    throw new LessonError(file, line, `layout must be numerator or denominator`);
  }
  if (kind === 'exercise') {
    if (!/^[a-z0-9-]+$/.test(fields.id)) throw new LessonError(file, line, `bad id '${fields.id}'`);
    if (!VERDICTS.includes(fields.wrong_verdict)) {
      throw new LessonError(file, line, `unknown wrong_verdict '${fields.wrong_verdict}'`);
    }
  }
  return { type: kind, line, ...fields };
}

function parseLesson(text, file) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (!/^# \S/.test(lines[0] ?? '')) throw new LessonError(file, 1, 'the first line is not "# Title"');
  const title = lines[0].slice(2).trim();
  const nodes = [];
  let i = 1;
  const isStart = (s) => /^(#|```|\$\$|- |\d+\. )/.test(s);
  while (i < lines.length) {
    const s = lines[i];
    const line = i + 1;
    if (s.includes('\r')) throw new LessonError(file, line, 'CR line end');
    if (s.trim() === '') { i += 1; continue; }
    let match;
    if ((match = /^(#{1,6}) (.*)$/.exec(s))) {
      if (match[1].length !== 2 && match[1].length !== 3) {
        throw new LessonError(file, line, 'only ## and ### headings after the title');
      }
      nodes.push({ type: 'heading', level: match[1].length, text: match[2], line });
      i += 1;
    } else if ((match = /^```(.*)$/.exec(s))) {
      const kind = match[1].trim();
      if (!(kind in BLOCK_KEYS)) throw new LessonError(file, line, `unknown fence '${s}'`);
      const end = lines.indexOf('```', i + 1);
      if (end < 0) throw new LessonError(file, line, 'unclosed fence');
      nodes.push(parseBlock(kind, lines.slice(i + 1, end), file, line));
      i = end + 1;
    } else if (s.startsWith('$$')) {
      let end = i;
      while (end < lines.length && !(lines[end].trimEnd().endsWith('$$') &&
        (end > i || lines[end].trim().length > 4))) end += 1;
      if (end >= lines.length) throw new LessonError(file, line, 'unclosed $$');
      const latex = lines.slice(i, end + 1).join('\n').trim().slice(2, -2).trim();
      if (latex === '' || latex.includes('$')) throw new LessonError(file, line, 'bad display math');
      nodes.push({ type: 'math', latex, line });
      i = end + 1;
    } else if (/^(- |\d+\. )/.test(s)) {
      const ordered = !s.startsWith('- ');
      const items = [];
      while (i < lines.length && (ordered ? /^\d+\. /.test(lines[i]) : lines[i].startsWith('- '))) {
        items.push(lines[i].replace(/^(- |\d+\. )/, ''));
        i += 1;
      }
      nodes.push({ type: 'list', ordered, items, line });
    } else {
      const parts = [];
      while (i < lines.length && lines[i].trim() !== '' && !isStart(lines[i])) {
        parts.push(lines[i].trim());
        i += 1;
      }
      nodes.push({ type: 'paragraph', text: parts.join(' '), line });
    }
  }
  return { title, nodes };
}

// All prose of a lesson with where it comes from: [{text, where}].
function proseOf(lesson, file) {
  const prose = [];
  for (const node of lesson.nodes) {
    const where = `${file}:${node.line}`;
    if (node.type === 'heading' || node.type === 'paragraph') prose.push({ text: node.text, where });
    if (node.type === 'list') for (const item of node.items) prose.push({ text: item, where });
    for (const key of PROSE_KEYS) if (node[key]) prose.push({ text: node[key], where: `${where} ${key}` });
  }
  return prose;
}

// ---------------------------------------------------------------------------------
// The engine and KaTeX.

function matcalc(args) {
  const run = spawnSync(binary, args, { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.error, undefined, `could not run ${binary}: ${run.error}`);
  let json;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    assert.fail(`matcalc ${args.join(' ')}: no JSON on stdout (status ${run.status}): ${run.stderr}`);
  }
  return json;
}

function engineArgs(block) {
  const args = ['--wrt', block.wrt];
  if (block.decl) args.push('--decl', block.decl);
  if (block.hessian === 'true') args.push('--hessian');
  return args;
}

function derive(block) {
  const args = ['derive', ...engineArgs(block)];
  if (block.layout) args.push('--layout', block.layout);
  return matcalc([...args, '--format', 'json', '--', block.expr]);
}

// `layout` ('' for the default): the layout the answer is written in.
function check(block, answer, layout = '') {
  const args = ['check', ...engineArgs(block), '--answer', answer, '--format', 'json'];
  if (layout) args.push('--layout', layout);
  return matcalc([...args, '--', block.expr]);
}

// Renders LaTeX with KaTeX as the page does, but throwing on any error. Our own prose
// is held to strict mode as well.
function render(latex, where, { display = false, strict = 'ignore' } = {}) {
  try {
    katex.renderToString(latex, { throwOnError: true, trust: false, strict, displayMode: display });
  } catch (error) {
    assert.fail(`${where}: KaTeX cannot render ${JSON.stringify(latex)}: ${error.message}`);
  }
}

// Every LaTeX string in a derive JSON: result, steps and their identities, the other forms.
function derivationLatex(json) {
  const all = [json.result.latex, json.result.lhs, json.expr.latex, json.convention_latex];
  for (const entry of json.result.where ?? []) all.push(entry.latex);
  for (const step of json.steps) {
    all.push(step.latex);
    for (const identity of step.identities ?? []) all.push(identity.latex);
  }
  for (const key of ['differential', 'gradient', 'second_differential', 'backprop']) {
    if (json[key]) all.push(json[key].latex);
  }
  for (const shape of json.shapes ?? []) all.push(shape.latex);
  return all.filter((latex) => typeof latex === 'string');
}

// ---------------------------------------------------------------------------------
// Loading.

const index = JSON.parse(fs.readFileSync(path.join(lessonsDir, 'index.json'), 'utf8'));
const lessons = index.map((entry) => {
  const text = fs.readFileSync(path.join(lessonsDir, entry.file), 'utf8');
  return { entry, lesson: parseLesson(text, entry.file) };
});
const blocksOf = (type) => lessons.flatMap(({ entry, lesson }) =>
  lesson.nodes.filter((node) => node.type === type).map((node) => ({ file: entry.file, node })));

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((dirent) => {
    const full = path.join(dir, dirent.name);
    return dirent.isDirectory() ? filesUnder(full) : [full];
  });
}

// ---------------------------------------------------------------------------------
// Tests.

test('index.json lists every lesson file once, in order, with id, file, title, summary', () => {
  assert.ok(Array.isArray(index) && index.length >= 9, 'at least the nine lessons of issue 6');
  const ids = new Set();
  index.forEach((entry, n) => {
    assert.deepEqual(Object.keys(entry).sort(), ['file', 'id', 'summary', 'title'], entry.file);
    assert.match(entry.id, /^[a-z0-9-]+$/);
    assert.ok(!ids.has(entry.id), `duplicate id ${entry.id}`);
    ids.add(entry.id);
    assert.match(entry.file, new RegExp(`^${String(n + 1).padStart(2, '0')}-${entry.id}\\.md$`),
      'files are numbered in reading order and named after their id');
    assert.ok(entry.title && !/[$`*]/.test(entry.title), `${entry.file}: plain-text title`);
    assert.ok(entry.summary.length > 20, `${entry.file}: a summary`);
    for (const formula of inlineParts(entry.summary, `index.json ${entry.id}`).math) {
      render(formula, `index.json ${entry.id} summary`, { strict: 'error' });
    }
  });
  const onDisk = fs.readdirSync(lessonsDir).filter((f) => f.endsWith('.md') && f !== 'FORMAT.md');
  assert.deepEqual(onDisk.sort(), index.map((entry) => entry.file).sort());
});

for (const { entry, lesson } of lessons) {
  test(`${entry.file}: structure — title as in index.json, ends with 2–4 exercises`, () => {
    assert.equal(lesson.title, entry.title);
    const nodes = lesson.nodes;
    const at = nodes.findIndex((node) => node.type === 'heading' && node.text === 'Exercises');
    assert.ok(at > 0, 'an "## Exercises" heading');
    const tail = nodes.slice(at + 1);
    const exercises = tail.filter((node) => node.type === 'exercise');
    assert.ok(exercises.length >= 2 && exercises.length <= 4, `${exercises.length} exercises`);
    const rest = tail.filter((node) => node.type !== 'exercise');
    assert.ok(rest.length <= 1 && (rest.length === 0 || rest[0] === tail[0]) &&
      rest.every((node) => node.type === 'paragraph'),
    'after "## Exercises": an optional paragraph, then only exercises');
    assert.equal(nodes.slice(0, at).filter((node) => node.type === 'exercise').length, 0);
    assert.ok(nodes.some((node) => node.type === 'derive'), 'at least one live derivation');
  });

  test(`${entry.file}: every formula in the prose renders with KaTeX`, () => {
    let count = 0;
    for (const { text, where } of proseOf(lesson, entry.file)) {
      for (const formula of inlineParts(text, where).math) {
        render(formula, where, { strict: 'error' });
        count += 1;
      }
    }
    for (const node of lesson.nodes.filter((n) => n.type === 'math')) {
      render(node.latex, `${entry.file}:${node.line}`, { display: true, strict: 'error' });
      count += 1;
    }
    assert.ok(count > 0);
  });
}

for (const { file, node } of blocksOf('derive')) {
  const name = `${file}:${node.line}: derive ${node.expr} wrt ${node.wrt}` +
    `${node.hessian === 'true' ? ' (Hessian)' : ''}${node.layout ? ` (${node.layout})` : ''}`;
  test(name, () => {
    const json = derive(node);
    assert.equal(json.ok, true, JSON.stringify(json.error));
    assert.equal(json.check.passed, true, `numeric check: ${JSON.stringify(json.check)}`);
    if (node.hessian === 'true') assert.equal(json.kind, 'hessian');
    for (const latex of derivationLatex(json)) render(latex, name);
    if (node.expect) {
      // `expect` is written in the block's layout: the engine checks it in that layout.
      const verdict = check(node, node.expect, node.layout);
      assert.equal(verdict.correct, true,
        `the prose says ${node.expect}, the engine derives ${json.result.text}: ` +
        `${verdict.verdict}: ${verdict.message ?? JSON.stringify(verdict.error)}`);
    }
  });
}

for (const { file, node } of blocksOf('exercise')) {
  test(`${file}:${node.line}: exercise ${node.id}`, () => {
    const right = check(node, node.answer);
    assert.equal(right.ok, true, JSON.stringify(right.error));
    assert.equal(right.correct, true, `answer ${node.answer}: ${right.verdict}: ${right.message}`);
    render(right.expected.latex, `${node.id} expected`);
    render(right.answer.latex, `${node.id} answer`);
    const wrong = check(node, node.wrong);
    assert.equal(wrong.ok, true, JSON.stringify(wrong.error));
    assert.equal(wrong.correct, false, `wrong answer ${node.wrong} was accepted`);
    assert.equal(wrong.verdict, node.wrong_verdict, `wrong answer ${node.wrong}: ${wrong.message}`);
    assert.ok(wrong.message, 'the engine says what is wrong');
  });
}

test('the verdicts of a rejected answer come from the engine', () => {
  assert.ok(VERDICTS.length >= 8, VERDICTS.join(', '));
  for (const name of ['transposed', 'factor', 'different']) assert.ok(VERDICTS.includes(name), name);
  assert.ok(!VERDICTS.includes('correct') && !VERDICTS.includes('convention'));
});

test('exercise ids are unique across all lessons', () => {
  const seen = new Map();
  for (const { file, node } of blocksOf('exercise')) {
    assert.ok(!seen.has(node.id), `${node.id} in ${file} and ${seen.get(node.id)}`);
    seen.set(node.id, file);
  }
  assert.ok(seen.size >= 2 * lessons.length);
});

test('every rule named in content/ exists in the engine rule table', () => {
  const table = matcalc(['rules', '--format', 'json']);
  assert.equal(table.ok, true);
  const known = new Set(table.rules.map((rule) => rule.name));
  const named = [];
  for (const file of filesUnder(path.join(root, 'content'))) {
    const text = fs.readFileSync(file, 'utf8');
    const where = path.relative(root, file);
    for (const match of text.matchAll(/\[rule:([^\]\s]*)\]/g)) named.push({ name: match[1], where });
    for (const match of text.matchAll(/```rule\n([\s\S]*?)```/g)) {
      const name = /^name: (.*)$/m.exec(match[1]);
      assert.ok(name, `${where}: a rule block without a name`);
      named.push({ name: name[1].trim(), where });
    }
  }
  assert.ok(named.length > 0);
  for (const { name, where } of named) assert.ok(known.has(name), `${where}: no rule '${name}'`);
});
