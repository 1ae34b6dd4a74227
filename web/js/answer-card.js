// The main page's "Check my answer" card, under the derivation: the student's answer
// for the current expression and variable (and Hessian option), checked by the engine.
// A new question (expression, variable, declarations or options) clears the verdict
// but keeps the typed text.
//
// The answer is read in the layout the result above is shown in (the derivation's
// `layout`): the engine checks it in that layout itself (checkAnswer's `layout`), so an
// answer that cannot be read keeps its own columns and the engine's message speaks of
// the layout the student wrote in.
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
      vocabulary: () => client.vocabulary(),
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
    this.context = {
      expr: request.expr, wrt: request.wrt, decl: request.decl, hessian: request.hessian,
      seed: request.seed, layout: derivation.layout || '',
    };
    this.backprop = derivation.kind === 'jacobian' && derivation.backprop?.text && !request.hessian
      ? { ...derivation.backprop, exprShape: derivation.expr?.shape || '' } : null;
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
    const backprop = this.backprop;
    if (!context) throw new Error('there is no derivation to compare with');
    const outcome = (await this.client.enqueue({ op: 'check', ...context, answer })).result;
    if (outcome?.ok && outcome.verdict === 'backprop-form' && backprop) {
      return { ...outcome, also: this.backpropForm(context, backprop) };
    }
    return outcome;
  }

  // A wrong Jacobian may be the backpropagation form the page shows beside it: the engine
  // names it (verdict backprop-form, through definitions too), and the line says which
  // object this box checks.
  backpropForm(context, backprop) {
    const upstream = backprop.upstream || 'G';
    return {
      form: 'backprop', correct: true, latex: `\\frac{\\partial \\varphi}{\\partial ${context.wrt}} = ${backprop.latex}`,
      before: 'It is right as the backpropagation form shown above,',
      after: `with ${upstream} the upstream gradient ∂φ/∂F. This box checks the Jacobian itself, in the layout shown.`,
    };
  }
}
