// The variables of the parsed expression as a radio group: the choice of which one to
// differentiate by. Arrow keys move between radios, as in any native radio group.
// The group is rebuilt only when the variables change, so focus and the pointer are
// not disturbed while the user types elsewhere.
import { h, fill } from './dom.js';
import { formatShape } from './format.js';

// Where a name's kind comes from. A defined name (SPEC section 5) is taken as
// independent when chosen: ∂f/∂Q with Q's definition set aside.
const origin = (v) => {
  if (v.kind === 'defined') return 'defined';
  return v.declared ? 'declared' : 'by convention';
};

const signature = (variables) => variables.map((v) => `${v.name}:${v.kind}:${v.shape}:${v.declared}`).join(';');

export class VariablesView {
  constructor(container, onChoose) {
    this.container = container;
    this.onChoose = onChoose;
    this.current = null;
  }

  show(variables, chosen) {
    const key = signature(variables);
    if (key !== this.current) {
      this.current = key;
      const hadFocus = this.container.contains(document.activeElement)
        ? document.activeElement.value : null;
      this.build(variables);
      if (hadFocus) this.radio(hadFocus)?.focus();
    }
    this.check(chosen);
  }

  clear(message) {
    this.current = null;
    fill(this.container, h('p', { class: 'hint' }, message));
  }

  setStale(stale) {
    this.container.classList.toggle('stale', stale);
  }

  build(variables) {
    if (!variables.length) {
      fill(this.container, h('p', { class: 'hint' }, 'This expression has no variables.'));
      return;
    }
    fill(this.container, variables.map((v) => {
      const input = h('input', { type: 'radio', name: 'wrt', value: v.name });
      input.addEventListener('change', () => {
        if (input.checked) this.onChoose(v.name);
      });
      return h('label', { class: 'variable', dataset: { name: v.name } },
        input,
        h('span', { class: 'variable-name' }, v.name),
        h('span', { class: 'variable-meta' },
          v.kind === 'defined' ? formatShape(v.shape) : `${v.kind} ${formatShape(v.shape)}`),
        h('span', { class: 'variable-origin' }, origin(v)));
    }));
  }

  radio(name) {
    return [...this.container.querySelectorAll('input[name="wrt"]')].find((r) => r.value === name);
  }

  check(name) {
    const radio = this.radio(name);
    if (radio && !radio.checked) radio.checked = true;
  }
}
