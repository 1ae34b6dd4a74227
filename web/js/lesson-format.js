// Reads a lesson (content/lessons/FORMAT.md) into plain data the page renders; no DOM
// here, so node tests can run it. The format is a small Markdown subset read line by
// line: the "# Title", "##"/"###" headings, paragraphs, "- " and "1. " lists, "$$"
// display math, and the fenced blocks derive, exercise and rule. Inline markup (code,
// $math$, **strong**, *emphasis*, [rule:name]) is read by parseInline into a tree.
//
// tests/cli/lessons.test.mjs holds the reference parser, which rejects anything
// outside the format; this one follows the same rules but never throws: a block it
// cannot read becomes an {type: 'invalid'} node that the page shows as such, so one
// mistake in a lesson does not hide the rest of it.

export const BLOCK_KEYS = {
  derive: { required: ['expr', 'wrt'], optional: ['decl', 'hessian', 'layout', 'route', 'caption', 'expect'] },
  exercise: {
    required: ['id', 'prompt', 'expr', 'wrt', 'answer', 'wrong', 'wrong_verdict'],
    optional: ['decl', 'hessian', 'hint'],
  },
  rule: { required: ['name'], optional: [] },
};

const BLOCK_START = /^(#|```|\$\$|- |\d+\. )/;

// {title, nodes}: nodes are {type, line, ...} with type heading {level, text},
// paragraph {text}, list {ordered, items}, math {latex}, derive / exercise / rule
// {...the block's fields}, or invalid {kind, message}. Prose stays text: parseInline
// reads it when it is shown.
export function parseLesson(source) {
  const lines = String(source).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  let title = '';
  const first = /^# (.*)$/.exec(lines[0] ?? '');
  if (first) {
    title = first[1].trim();
    i = 1;
  }
  const nodes = [];
  while (i < lines.length) {
    const s = lines[i];
    const line = i + 1;
    let match;
    if (s.trim() === '') {
      i += 1;
    } else if ((match = /^(#{1,6}) (.*)$/.exec(s))) {
      nodes.push({ type: 'heading', level: Math.min(Math.max(match[1].length, 2), 3), text: match[2].trim(), line });
      i += 1;
    } else if ((match = /^```(.*)$/.exec(s))) {
      let end = lines.indexOf('```', i + 1);
      if (end < 0) end = lines.length;
      nodes.push(parseBlock(match[1].trim(), lines.slice(i + 1, end), line));
      i = end + 1;
    } else if (s.startsWith('$$')) {
      let end = i;
      while (end < lines.length && !(lines[end].trimEnd().endsWith('$$') &&
        (end > i || lines[end].trim().length > 4))) end += 1;
      const latex = lines.slice(i, Math.min(end, lines.length - 1) + 1).join('\n').trim()
        .replace(/^\$\$/, '').replace(/\$\$$/, '').trim();
      nodes.push({ type: 'math', latex, line });
      i = end + 1;
    } else if (/^(- |\d+\. )/.test(s)) {
      const ordered = !s.startsWith('- ');
      const item = ordered ? /^\d+\. / : /^- /;
      const items = [];
      while (i < lines.length && item.test(lines[i])) {
        items.push(lines[i].replace(item, '').trim());
        i += 1;
      }
      nodes.push({ type: 'list', ordered, items, line });
    } else {
      const parts = [];
      while (i < lines.length && lines[i].trim() !== '' && !BLOCK_START.test(lines[i])) {
        parts.push(lines[i].trim());
        i += 1;
      }
      nodes.push({ type: 'paragraph', text: parts.join(' '), line });
    }
  }
  return { title, nodes };
}

// A fenced block's 'key: value' lines, checked against BLOCK_KEYS.
function parseBlock(kind, body, line) {
  const invalid = (message) => ({ type: 'invalid', kind, message, line });
  const keys = BLOCK_KEYS[kind];
  if (!keys) return invalid(`unknown block '${kind}'`);
  const fields = {};
  for (const text of body) {
    if (text.trim() === '') continue;
    const match = /^([a-z_]+): (.*)$/.exec(text);
    if (!match) return invalid(`not a 'key: value' line: ${text}`);
    const [, key, value] = match;
    if (!keys.required.includes(key) && !keys.optional.includes(key)) return invalid(`unknown key '${key}'`);
    if (key in fields) return invalid(`repeated key '${key}'`);
    fields[key] = value.trim();
  }
  const missing = keys.required.find((key) => !fields[key]);
  if (missing) return invalid(`no '${missing}'`);
  return { ...fields, type: kind, line };
}

// The engine's options for a derive or exercise block; `route` ('index', or '' for the
// default route) only when the block names one.
export function engineOptions(block) {
  const options = {
    expr: block.expr, wrt: block.wrt, decl: block.decl || '', hessian: block.hessian === 'true',
    layout: block.layout || '',
  };
  if (block.route === 'index') options.route = 'index';
  return options;
}

// Inline markup as a tree: [{type: 'text'|'code'|'math'|'ruleref', value} |
// {type: 'strong'|'em', children}]. Code spans and math are read first and hold no
// markup; ** and * pair up around anything else (opening before a non-space, closing
// after one), and an unpaired one stays text.
export function parseInline(text) {
  const tokens = tokenize(String(text));
  const root = { children: [] };
  const stack = [root];
  for (const token of tokens) {
    if (token.type !== 'marker') {
      stack.at(-1).children.push(token);
      continue;
    }
    const open = token.canClose ? stack.findLastIndex((frame) => frame.marker === token.value) : -1;
    if (open > 0) {
      // Closes it; anything opened inside and left open becomes text again.
      while (stack.length - 1 > open) unwind(stack);
      const frame = stack.pop();
      stack.at(-1).children.push({ type: frame.marker === '**' ? 'strong' : 'em', children: frame.children });
    } else if (token.canOpen) {
      stack.push({ marker: token.value, children: [] });
    } else {
      stack.at(-1).children.push({ type: 'text', value: token.value });
    }
  }
  while (stack.length > 1) unwind(stack);
  return mergeText(root.children);
}

function unwind(stack) {
  const frame = stack.pop();
  stack.at(-1).children.push({ type: 'text', value: frame.marker }, ...frame.children);
}

function mergeText(nodes) {
  const out = [];
  for (const node of nodes) {
    if (node.type === 'text' && out.at(-1)?.type === 'text') out.at(-1).value += node.value;
    else out.push(node.children ? { ...node, children: mergeText(node.children) } : node);
  }
  return out;
}

function tokenize(text) {
  const tokens = [];
  let plain = '';
  const flush = () => {
    if (plain) tokens.push({ type: 'text', value: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const closing = c === '`' || c === '$' ? text.indexOf(c, i + 1) : -1;
    const rule = c === '[' ? /^\[rule:([^\]\s]+)\]/.exec(text.slice(i)) : null;
    if (closing > i + 1) {
      flush();
      tokens.push({ type: c === '`' ? 'code' : 'math', value: text.slice(i + 1, closing) });
      i = closing + 1;
    } else if (rule) {
      flush();
      tokens.push({ type: 'ruleref', value: rule[1] });
      i += rule[0].length;
    } else if (c === '*') {
      flush();
      // As in Markdown, *emphasis* opens before a non-space and closes after one.
      const value = text[i + 1] === '*' ? '**' : '*';
      const after = text[i + value.length] ?? ' ';
      const before = text[i - 1] ?? ' ';
      tokens.push({ type: 'marker', value, canOpen: !/\s/.test(after), canClose: !/\s/.test(before) });
      i += value.length;
    } else {
      plain += c;
      i += 1;
    }
  }
  flush();
  return tokens;
}

// Every rule a lesson names: [rule:name] in its prose and its rule blocks.
export function rulesNamed(lesson) {
  const names = [];
  const visit = (nodes) => {
    for (const node of nodes) {
      if (node.type === 'ruleref') names.push(node.value);
      if (node.children) visit(node.children);
    }
  };
  for (const node of lesson.nodes) {
    if (node.type === 'rule' && node.name) names.push(node.name);
    for (const text of proseOf(node)) visit(parseInline(text));
  }
  return names;
}

// The prose of one node: heading and paragraph text, list items, and the prose fields
// of blocks (caption, prompt, hint).
export function proseOf(node) {
  if (node.type === 'heading' || node.type === 'paragraph') return [node.text];
  if (node.type === 'list') return node.items;
  return ['caption', 'prompt', 'hint'].map((key) => node[key]).filter(Boolean);
}
