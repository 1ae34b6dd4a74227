// "Check my answer" (answer-card.js) is not needed for a first derivation: this stand-in
// takes the page's calls at once and loads the real card once the page is idle (or at
// once for a link that carries an answer to check), then hands it the calls it kept.
export class LaterAnswerCard {
  constructor(...args) {
    this.args = args;
    this.real = null;
    this.loading = null;
    this.calls = [];
  }

  load() {
    this.loading ??= import('./answer-card.js').then(({ AnswerCard }) => {
      this.real = new AnswerCard(...this.args);
      for (const [method, args] of this.calls.splice(0)) this.real[method](...args);
      return this.real;
    });
    return this.loading;
  }

  call(method, args) {
    if (this.real) this.real[method](...args);
    else this.calls.push([method, args]);
  }

  show(...args) {
    this.call('show', args);
  }

  hide(...args) {
    this.call('hide', args);
  }

  checkWhenShown(...args) {
    this.call('checkWhenShown', args);
    this.load();
  }
}
