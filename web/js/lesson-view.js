// Renders a parsed lesson (lesson-format.js) into the page: prose with KaTeX math, and
// the live blocks, whose every result comes from the engine when the page shows it:
//   derive    the engine's derivation: steps, result, numeric check (derivation-view.js);
//             with `route: index`, the index route's (steps in index notation)
//   exercise  a prompt and check-my-answer (answer-view.js), a hint, and the answer with
//             its live derivation on request
//   rule      a row of the engine's rule table, linked to the rule reference
// and inline [rule:name] references, linked to the reference with the identity on hover
// and focus. Text from a lesson goes in as text; math through KaTeX with trust: false.
//
// `ctx` is {client, rules, number, isCurrent}: the engine client, the promise of the rule
// table, the lesson's number (for "Exercise 3.2") and whether the lesson is still shown
// (answers for a lesson the reader has left are dropped).
import { AnswerBox } from './answer-view.js';
import {
  checkLine, checkVerdict, kindTitle, notesList, programLatex, relatedResults, resultMath, ruleLink, sourceNode,
  stepCheckLine, stepsList,
} from './derivation-view.js';
import { h, fill } from './dom.js';
import { errorView } from './error-view.js';
import { formatFragment } from './fragment.js';
import { engineOptions, parseInline } from './lesson-format.js';
import { tex } from './tex.js';
import { Typesetter } from './typesetter.js';

// The nodes of a lesson's body; resolves `done` when every derive block has its answer.
export function renderLessonBody(lesson, ctx) {
  const pending = [];
  let exercises = 0;
  const nodes = lesson.nodes.map((node) => {
    switch (node.type) {
      case 'heading':
        return h(node.level === 3 ? 'h3' : 'h2', { class: 'lesson-heading' }, inline(node.text, ctx));
      case 'paragraph':
        return h('p', {}, inline(node.text, ctx));
      case 'list':
        return h(node.ordered ? 'ol' : 'ul', { class: 'lesson-list-items' },
          node.items.map((item) => h('li', {}, inline(item, ctx))));
      case 'math':
        return h('div', { class: 'display-math' }, tex(node.latex, { display: true }));
      case 'derive': {
        const block = deriveBlock(node, ctx);
        pending.push(block.done);
        return block.element;
      }
      case 'exercise':
        exercises += 1;
        return exerciseBlock(node, `${ctx.number}.${exercises}`, ctx);
      case 'rule':
        return ruleBlock(node, ctx);
      default:
        return h('p', { class: 'card message error lesson-invalid' },
          `This part of the lesson (line ${node.line}, a ${node.kind} block) could not be read: ${node.message}.`);
    }
  });
  return { nodes, done: Promise.all(pending) };
}

// Prose with inline markup, as nodes.
export function inline(text, ctx) {
  return parseInline(text).map((part) => inlineNode(part, ctx));
}

function inlineNode(part, ctx) {
  switch (part.type) {
    case 'text': return part.value;
    case 'code': return h('code', {}, part.value);
    case 'math': return tex(part.value);
    case 'strong': return h('strong', {}, part.children.map((child) => inlineNode(child, ctx)));
    case 'em': return h('em', {}, part.children.map((child) => inlineNode(child, ctx)));
    case 'ruleref': return ruleReference(part.value, ctx);
    default: return '';
  }
}

let tipCount = 0;

// [rule:name]: the name, linked to the rule reference; its identity shows on hover and
// on keyboard focus.
function ruleReference(name, ctx) {
  const id = `rule-tip-${(tipCount += 1)}`;
  const tip = h('span', { class: 'rule-tip', role: 'tooltip', id });
  const link = ruleLink(name, { className: 'rule-link' });
  link.setAttribute('aria-describedby', id);
  const wrap = h('span', { class: 'rule-wrap rule-ref', dataset: { rule: name } }, link, tip);
  let filled = false;
  const fillTip = () => {
    if (filled) return;
    filled = true;
    ctx.rules.then((rules) => {
      const rule = rules.get(name);
      if (!rule) fill(tip, `No rule named ${name} in the engine's table.`);
      else fill(tip, tex(rule.latex), ' ', sourceNode(rule.source));
    }, () => fill(tip, 'The rule table is not available.'));
  };
  wrap.addEventListener('pointerenter', fillTip);
  wrap.addEventListener('focusin', fillTip);
  return wrap;
}

// The calculator (index.html) with the same expression, variable and options.
function calculatorLink(block) {
  const options = engineOptions(block);
  return h('a', { class: 'open-link', href: `index.html${formatFragment(options)}` }, 'Open in the calculator');
}

// A live derivation. Resolves `done` with the outcome ('ok' or 'error').
export function deriveBlock(block, ctx, { caption = true } = {}) {
  const options = engineOptions(block);
  const body = h('div', { class: 'derive-body' }, h('p', { class: 'hint' }, 'Deriving…'));
  const head = h('div', { class: 'derive-head' },
    h('span', { class: 'derive-kind' }, options.hessian ? 'Hessian' : 'Derivation'),
    options.route === 'index' ? h('span', { class: 'derive-route' }, ' in index notation') : null,
    h('span', { class: 'derive-wrt' }, ' with respect to ', h('span', { class: 'code' }, options.wrt)),
    options.decl ? h('span', { class: 'derive-decl' }, ' · ', h('code', {}, options.decl)) : null,
    calculatorLink(block));
  const expr = h('div', { class: 'derive-expr' }, h('code', {}, options.expr));
  const element = h('figure', {
    class: 'card lesson-derive', 'aria-busy': 'true',
    dataset: { state: 'pending', expr: options.expr, wrt: options.wrt, route: options.route || 'matrix' },
  }, head, expr,
  caption && block.caption ? h('figcaption', {}, inline(block.caption, ctx)) : null, body);
  const done = ctx.client.enqueue({ op: 'derive', seed: 1, ...options })
    .then(({ result }) => {
      if (!ctx.isCurrent()) return 'stale';
      return showDerivation(element, { head, expr, body }, result, options);
    })
    .catch((error) => {
      if (!ctx.isCurrent()) return 'stale';
      finish(element, 'error');
      fill(body, h('p', { class: 'error-message' }, `No derivation: ${error.message}.`));
      return 'error';
    });
  return { element, done };
}

let blockCount = 0;

async function showDerivation(element, { head, expr, body }, derivation, options) {
  if (!derivation?.ok) {
    finish(element, 'error');
    const error = derivation?.error || { message: 'the engine gave no answer' };
    fill(body, errorView(error, error.source === 'declarations' ? options.decl : options.expr));
    return 'error';
  }
  const batch = new Typesetter().batch();
  head.firstChild.textContent = kindTitle(derivation.kind);
  fill(expr, batch.add(h('div', { class: 'tex' }), derivation.expr ? programLatex(derivation) : 'f =', { breakable: true }));
  const count = (derivation.steps || []).length;
  fill(body,
    h('details', { class: 'derive-steps', open: true },
      h('summary', {}, `${count} step${count === 1 ? '' : 's'}`),
      stepsList(derivation.steps, batch, { idPrefix: `derive-${(blockCount += 1)}` }),
      stepCheckLine(derivation.step_check, (derivation.steps || []).length)),
    h('div', { class: 'derive-result' }, resultMath(derivation, batch),
      derivation.result?.text ? h('p', { class: 'result-text-line' }, h('code', { class: 'result-text' }, derivation.result.text)) : null),
    relatedResults(derivation, batch),
    notesList(derivation.notes),
    checkLine(derivation.check));
  element.dataset.check = derivation.check ? checkVerdict(derivation.check).key : 'none';
  await batch.run();
  finish(element, 'ok');
  return 'ok';
}

function finish(element, state) {
  element.dataset.state = state;
  element.removeAttribute('aria-busy');
}

// An exercise: the prompt, check-my-answer, a hint and the answer on request.
export function exerciseBlock(block, number, ctx) {
  const options = engineOptions(block);
  const prefix = `exercise-${block.id}`;
  const box = new AnswerBox({
    idPrefix: prefix,
    label: [`Your ${options.hessian ? 'Hessian' : 'derivative'} with respect to `, h('span', { class: 'code' }, options.wrt)],
    check: async (answer) => (await ctx.client.enqueue({ op: 'check', seed: 1, ...options, answer })).result,
    vocabulary: () => ctx.client.vocabulary(),
  });
  const tools = h('div', { class: 'exercise-tools' });
  const extras = [];
  if (block.hint) {
    const hint = h('div', { id: `${prefix}-hint`, class: 'exercise-hint', hidden: true },
      h('p', {}, h('strong', {}, 'Hint. '), inline(block.hint, ctx)));
    tools.append(disclosure('Show a hint', 'Hide the hint', hint));
    extras.push(hint);
  }
  const solution = h('div', { id: `${prefix}-solution`, class: 'exercise-solution', hidden: true });
  let solved = false;
  tools.append(disclosure('Show the answer', 'Hide the answer', solution, () => {
    if (solved) return;
    solved = true;
    fill(solution, h('p', {}, 'One correct answer: ', h('code', { class: 'solution-text' }, block.answer),
      ' (equal answers written differently count too). The engine derives it:'),
    deriveBlock(block, ctx, { caption: false }).element);
  }));
  extras.push(solution);
  return h('section', {
    class: 'card exercise', id: prefix, 'aria-labelledby': `${prefix}-title`, dataset: { id: block.id },
  },
  h('h3', { id: `${prefix}-title`, class: 'exercise-title' }, `Exercise ${number}`),
  h('div', { class: 'exercise-prompt' }, h('p', {}, inline(block.prompt, ctx))),
  h('p', { class: 'exercise-input' }, 'In the input language: ', h('code', {}, options.expr),
    options.decl ? [', with ', h('code', {}, options.decl)] : null,
    options.hessian ? ' (the Hessian)' : null),
  box.element, tools, extras);
}

// A button that shows and hides `panel`; `onOpen` runs before it first shows.
function disclosure(showText, hideText, panel, onOpen) {
  const button = h('button', {
    type: 'button', class: 'button', 'aria-expanded': 'false', 'aria-controls': panel.id,
  }, showText);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (open) onOpen?.();
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? hideText : showText;
  });
  return button;
}

// A rule from the engine's table: identity, name (linked), family and source.
export function ruleBlock(block, ctx) {
  const body = h('div', { class: 'rule-card-body' }, h('p', { class: 'hint' }, 'Loading the rule…'));
  const element = h('aside', { class: 'rule-card', dataset: { rule: block.name, state: 'pending' } },
    h('div', { class: 'rule-card-head' }, h('span', { class: 'rule-card-label' }, 'Rule'),
      ruleLink(block.name, { className: 'rule-name' })),
    body);
  ctx.rules.then((rules) => {
    const rule = rules.get(block.name);
    element.dataset.state = rule ? 'ok' : 'error';
    if (!rule) {
      fill(body, h('p', { class: 'error-message' }, `The engine has no rule named ${block.name}.`));
      return;
    }
    fill(body, h('div', { class: 'rule-identity' }, tex(rule.latex, { display: true })),
      h('p', { class: 'rule-meta' }, h('span', { class: 'rule-card-family' }, rule.family), 'source: ', sourceNode(rule.source, { bare: true })),
      rule.note ? h('p', { class: 'note' }, rule.note) : null);
  }, (error) => {
    element.dataset.state = 'error';
    fill(body, h('p', { class: 'error-message' }, `The rule table is not available: ${error.message}.`));
  });
  return element;
}
