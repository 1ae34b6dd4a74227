// "Check my answer": a field where a student types their own derivative in the input
// language, and the engine's verdict on it. Shared by the main page (the current
// expression) and the lessons' exercises.
//
// The engine's check (the worker's 'check' request, checkAnswer in the bindings)
// compares the answer with the derived one symbolically and at random inputs and, when
// they differ, names the kind of mistake (`verdict`) and explains it (`message`). An
// answer that cannot be read, or does not fit together, comes back with a column, which
// is marked under the field. Only the answer to the latest check is shown.
//
// The box's data-state says where it is (idle, checking, correct, wrong, error, empty,
// failed, edited), data-verdict the engine's verdict and data-checked the answer it is
// about; the tests wait on them.
import { h, fill } from './dom.js';
import { errorView } from './error-view.js';
import { tex } from './tex.js';

// The verdicts' labels (a few words for the tag: 'factor' is "wrong factor") are the
// engine's, from its vocabulary (the worker's 'vocabulary' request, asked once per page);
// the page keeps no copy. Without them the tag shows the verdict's name.

// {name: label} from the engine's vocabulary ({verdicts: [{name, correct, label}]}).
export function verdictLabels(vocabulary) {
  const labels = new Map();
  for (const verdict of vocabulary?.verdicts || []) labels.set(verdict.name, verdict.label);
  return labels;
}

const capitalize = (text) => (text ? text[0].toUpperCase() + text.slice(1) : text);

// `text` without a leading "name: " for any of `names` (any case).
function withoutPrefix(text, names) {
  for (const name of names) {
    if (name && text.toLowerCase().startsWith(`${String(name).toLowerCase()}: `)) return text.slice(name.length + 2);
  }
  return text;
}

export class AnswerBox {
  // `check(answer)` resolves with the engine's outcome (or rejects: the engine failed);
  // `vocabulary()` resolves with the engine's vocabulary (EngineClient.vocabulary);
  // `label` names the field (text or nodes); `onChecked(answer, outcome)` is told.
  constructor({ idPrefix, label, check, vocabulary, onChecked, help }) {
    this.check = check;
    this.vocabulary = vocabulary;
    this.onChecked = onChecked;
    this.ticket = 0;
    this.input = h('input', {
      id: `${idPrefix}-input`, class: 'code-input answer-input', type: 'text', spellcheck: 'false',
      autocomplete: 'off', autocapitalize: 'off', autocorrect: 'off', enterkeyhint: 'go',
      'aria-describedby': `${idPrefix}-feedback${help ? ` ${idPrefix}-help` : ''}`,
    });
    this.button = h('button', { type: 'submit', class: 'button primary' }, 'Check');
    this.feedback = h('div', { id: `${idPrefix}-feedback`, class: 'answer-feedback', 'aria-live': 'polite' });
    const form = h('form', { class: 'answer-form', novalidate: true },
      h('label', { class: 'answer-label', for: this.input.id }, label),
      h('div', { class: 'answer-row' }, this.input, this.button));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.input.addEventListener('input', () => {
      this.input.removeAttribute('aria-invalid');
      this.element.dataset.state = this.element.dataset.state === 'idle' ? 'idle' : 'edited';
    });
    this.element = h('div', { class: 'answer', dataset: { state: 'idle' } },
      form, help ? h('p', { id: `${idPrefix}-help`, class: 'help answer-help' }, help) : null, this.feedback);
  }

  get value() {
    return this.input.value;
  }

  set value(text) {
    this.input.value = text;
  }

  // Forgets the shown verdict (the question changed under it).
  reset() {
    this.ticket += 1;
    delete this.element.dataset.checked;
    this.show('idle', null);
    this.input.removeAttribute('aria-invalid');
  }

  async submit() {
    const answer = this.input.value;
    const mine = ++this.ticket;
    if (!answer.trim()) {
      this.show('empty', h('p', { class: 'feedback-hint' }, 'Type your answer first, then press Check (or Enter).'));
      return;
    }
    this.element.dataset.state = 'checking';
    this.element.setAttribute('aria-busy', 'true');
    let outcome;
    let labels;
    try {
      // The labels are only words for the tag: without them the verdict's name shows.
      const vocabulary = this.vocabulary ? this.vocabulary().catch(() => null) : Promise.resolve(null);
      [outcome, labels] = await Promise.all([this.check(answer), vocabulary.then(verdictLabels)]);
    } catch (error) {
      if (mine === this.ticket) {
        this.show('failed', h('p', { class: 'error-message' },
          `The engine could not check this answer: ${error.message}.`));
      }
      return;
    }
    if (mine !== this.ticket) return;
    this.element.dataset.checked = answer;
    this.showOutcome(outcome, answer, labels);
    this.onChecked?.(answer, outcome);
  }

  showOutcome(outcome, answer, labels) {
    const { node, invalid, state, verdict } = feedbackFor(outcome, answer, labels);
    if (invalid) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
    this.show(state, node, verdict);
  }

  show(state, node, verdict = '') {
    this.element.removeAttribute('aria-busy');
    this.element.dataset.state = state;
    this.element.dataset.verdict = verdict;
    fill(this.feedback, node);
  }
}

// The feedback for one outcome of the engine's check: {node, state, verdict, invalid}.
// `answer` is the text that was checked (for marking a column in it); `labels` the
// verdicts' labels (verdictLabels).
export function feedbackFor(outcome, answer, labels = new Map()) {
  if (!outcome?.ok) {
    const error = outcome?.error || { message: 'the engine gave no answer' };
    const inAnswer = error.source === 'answer';
    return {
      state: 'error',
      invalid: inAnswer,
      node: h('div', { class: 'feedback unreadable' },
        h('p', { class: 'feedback-head' }, inAnswer ? 'Your answer could not be read' : 'This cannot be checked'),
        errorView(error, inAnswer ? answer : undefined)),
    };
  }
  const right = Boolean(outcome.correct);
  const verdict = String(outcome.verdict || (right ? 'correct' : 'different'));
  const label = labels.get(verdict) || verdict;
  // The tag already names the verdict: the message does not say it again.
  const message = capitalize(withoutPrefix(String(outcome.message || ''), ['correct', verdict, label]));
  const head = right
    ? h('p', { class: 'feedback-head' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'),
      verdict === 'convention' ? `Correct, in ${labels.get(verdict) || 'another convention'}` : 'Correct')
    : h('p', { class: 'feedback-head' }, h('span', { class: 'mark', 'aria-hidden': 'true' }, '✗'),
      'Not quite', ' ', h('span', { class: 'verdict-tag', title: 'the kind of mistake' },
        h('span', { class: 'visually-hidden' }, 'kind of mistake: '), label));
  const sameAsError = outcome.answer_error
    && withoutPrefix(String(outcome.answer_error.message || ''), [verdict, label]).toLowerCase() === message.toLowerCase();
  const node = h('div', { class: `feedback ${right ? 'correct' : 'wrong'}` }, head,
    message && message !== 'Correct' && !sameAsError ? h('p', { class: 'feedback-message' }, message) : null);
  if (outcome.answer_error) node.append(errorView(outcome.answer_error, answer));
  // The answer is another form the page shows (e.g. a Jacobian's backpropagation form):
  // say so, and which object this box checks.
  if (outcome.also?.correct) {
    node.append(h('p', { class: 'feedback-also', dataset: { also: outcome.also.form } },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, '✓'), ` ${outcome.also.before} `,
      outcome.also.latex ? tex(outcome.also.latex) : null, ` ${outcome.also.after}`));
  }
  const facts = [];
  if (outcome.answer?.latex) facts.push(h('span', { class: 'read-as' }, 'read as ', tex(outcome.answer.latex)));
  if (outcome.sizes) facts.push(h('span', {}, `compared at ${outcome.sizes}, seed ${outcome.seed}`));
  if (facts.length) node.append(h('p', { class: 'feedback-facts' }, facts));
  return { node, state: right ? 'correct' : 'wrong', verdict, invalid: Boolean(outcome.answer_error) };
}
