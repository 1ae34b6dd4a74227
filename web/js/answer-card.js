// The main page's "Check my answer" card, under the derivation: the student's answer
// for the current expression and variable (and Hessian option), checked by the engine.
// A new question (expression, variable, declarations or options) clears the verdict
// but keeps the typed text.
//
// The engine checks answers in the default layout (gradients shaped like the variable,
// Jacobians in vec layout). When the page shows the other layout, the student answers
// in that one, so the page checks the answer's transpose, (ANSWER)'. The answer as
// typed is checked first, so an answer that cannot be read or does not fit together is
// reported at its own columns.
import { AnswerBox } from './answer-view.js';
import { kindTitle } from './derivation-view.js';
import { h, fill } from './dom.js';

const defaultLayout = (kind) => (kind === 'gradient' ? 'denominator' : 'numerator');

export class AnswerCard {
  // `onChecked(answer)` and `onReset()` keep the page's link in step.
  constructor(card, client, { onChecked, onReset }) {
    this.card = card;
    this.client = client;
    this.onReset = onReset;
    this.context = null;
    this.key = '';
    this.pending = '';
    this.label = h('span', {}, 'Your answer');
    this.note = h('p', { class: 'help answer-layout-note', hidden: true });
    this.box = new AnswerBox({
      idPrefix: 'answer', label: this.label, check: (answer) => this.check(answer),
      onChecked: (answer) => onChecked(answer),
    });
    card.append(this.note, this.box.element);
  }

  get value() {
    return this.box.value;
  }

  // Fills the field and checks it as soon as a derivation is shown (a link with answer=).
  checkWhenShown(answer) {
    this.box.value = answer;
    this.pending = answer;
  }

  show(derivation, request) {
    const swap = Boolean(derivation.layout) && derivation.layout !== defaultLayout(derivation.kind);
    const key = JSON.stringify([request.expr, request.wrt, request.decl, request.hessian, request.layout]);
    if (key !== this.key) {
      if (this.key) {
        this.box.reset();
        this.onReset();
      }
      this.key = key;
    }
    this.context = { expr: request.expr, wrt: request.wrt, decl: request.decl, hessian: request.hessian, seed: request.seed, swap };
    // Jacobian and Hessian are names and keep their capital.
    const kind = derivation.kind === 'gradient' ? 'gradient' : kindTitle(derivation.kind);
    fill(this.label, `Your ${kind} with respect to `,
      h('span', { class: 'code' }, request.wrt));
    this.note.hidden = !swap;
    fill(this.note, swap ? `Write it in ${derivation.layout} layout, as the result above is.` : '');
    this.card.hidden = false;
    if (this.pending) {
      this.box.value = this.pending;
      this.pending = '';
      this.box.submit();
    }
  }

  hide() {
    this.card.hidden = true;
    this.context = null;
  }

  async check(answer) {
    const context = this.context;
    if (!context) throw new Error('there is no derivation to compare with');
    const check = async (text) => (await this.client.enqueue({
      op: 'check', expr: context.expr, wrt: context.wrt, decl: context.decl, hessian: context.hessian,
      seed: context.seed, answer: text,
    })).result;
    const asTyped = await check(answer);
    if (!context.swap || !asTyped?.ok || asTyped.answer_error) return asTyped;
    return { ...(await check(`(${answer})'`)), answer: asTyped.answer };
  }
}
