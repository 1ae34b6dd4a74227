// Just enough of a browser's document for the page's views (web/js/output-view.js and what
// it uses) to build a derivation in node: scripts/prerender.mjs runs them on the first
// visit's answer to learn which formulas the page typesets for it. Elements keep their
// children, attributes, classes and dataset; nothing is laid out (every box is empty, so
// the views' "on screen" tests say no, and what waits for the screen is typeset in idle
// time, which comes at once); events are never fired. Whatever else a view
// asks for is a no-op that returns another such no-op, so a new call in a view does not
// break the build (the worst it can do is change what is recorded).

const inert = new Proxy(function inert() {}, {
  get: (target, key) => (key === Symbol.toPrimitive ? () => '' : key === Symbol.iterator ? [][Symbol.iterator].bind([]) : inert),
  apply: () => inert,
  construct: () => inert,
});

class FakeNode {
  constructor() {
    this.childNodes = [];
    this.parentNode = null;
  }

  get isConnected() {
    return false;
  }

  get textContent() {
    return this.childNodes.map((c) => c.textContent).join('');
  }

  set textContent(text) {
    this.replaceChildren(String(text ?? ''));
  }

  adopt(child) {
    const node = typeof child === 'string' ? new FakeText(child) : child;
    node.parentNode?.removeChild?.(node);
    node.parentNode = this;
    return node;
  }

  append(...children) {
    for (const child of children) this.childNodes.push(this.adopt(child));
  }

  appendChild(child) {
    this.append(child);
    return child;
  }

  prepend(...children) {
    this.childNodes.unshift(...children.map((c) => this.adopt(c)));
  }

  replaceChildren(...children) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes = [];
    this.append(...children);
  }

  removeChild(child) {
    this.childNodes = this.childNodes.filter((c) => c !== child);
    child.parentNode = null;
    return child;
  }

  remove() {
    this.parentNode?.removeChild(this);
  }
}

class FakeText extends FakeNode {
  constructor(text) {
    super();
    this.data = String(text);
  }

  get textContent() {
    return this.data;
  }
}

class FakeElement extends FakeNode {
  constructor(tag) {
    super();
    this.tagName = String(tag).toUpperCase();
    this.attributes = new Map();
    this.dataset = {};
    this.style = {};
    this.hidden = false;
    const classes = new Set();
    this.classList = {
      add: (...names) => names.forEach((n) => classes.add(n)),
      remove: (...names) => names.forEach((n) => classes.delete(n)),
      contains: (name) => classes.has(name),
      toggle: (name, force = !classes.has(name)) => {
        if (force) classes.add(name);
        else classes.delete(name);
        return force;
      },
      [Symbol.iterator]: () => classes[Symbol.iterator](),
    };
    Object.defineProperty(this, 'className', {
      get: () => [...classes].join(' '),
      set: (value) => {
        classes.clear();
        for (const name of String(value).split(/\s+/).filter(Boolean)) classes.add(name);
      },
    });
    return new Proxy(this, {
      // Anything not modelled here (a method or property a view uses) is inert; but an
      // element is no promise (a 'then' would make it one) and has no other symbols.
      get: (target, key, receiver) => {
        if (key in target) return Reflect.get(target, key, receiver);
        return key === 'then' || typeof key === 'symbol' ? undefined : inert;
      },
    });
  }

  get children() {
    return this.childNodes.filter((c) => c instanceof FakeElement);
  }

  setAttribute(name, value) {
    this.attributes.set(name, String(value));
    if (name === 'class') this.className = value;
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }

  hasAttribute(name) {
    return this.attributes.has(name);
  }

  removeAttribute(name) {
    this.attributes.delete(name);
  }

  toggleAttribute(name, force = !this.attributes.has(name)) {
    if (force) this.attributes.set(name, '');
    else this.attributes.delete(name);
    return force;
  }

  set innerHTML(html) {
    this.replaceChildren(String(html));
  }

  addEventListener() {}

  removeEventListener() {}

  querySelector() {
    return null;
  }

  querySelectorAll() {
    return [];
  }

  getBoundingClientRect() {
    return { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0 };
  }

  get scrollWidth() {
    return 0;
  }

  get clientWidth() {
    return 0;
  }
}

// Installs the fake document (and the few globals the views read) into globalThis.
export function installFakeDom() {
  const body = new FakeElement('body');
  globalThis.document = {
    body,
    head: new FakeElement('head'),
    documentElement: new FakeElement('html'),
    scripts: [],
    createElement: (tag) => new FakeElement(tag),
    createTextNode: (text) => new FakeText(text),
    getElementById: () => null,
    querySelector: () => null,
    querySelectorAll: () => [],
    addEventListener() {},
  };
  globalThis.window ??= globalThis;
  globalThis.innerHeight ??= 0;
  globalThis.innerWidth ??= 0;
  globalThis.location ??= new URL('https://matcalc.invalid/index.html');
  // Idle time comes at once, and plenty of it.
  globalThis.requestIdleCallback ??= (task) => setTimeout(() => task({ didTimeout: false, timeRemaining: () => 50 }), 0);
  return globalThis.document;
}
