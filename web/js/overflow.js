// Formulas wider than their box scroll sideways; this makes that visible and usable.
// A watched box whose content overflows gets data-scrolls (the CSS draws a shadow at
// the edge that hides more), becomes a keyboard stop (tabindex=0, so the arrow keys
// scroll it) and is named for what it is. Sizes are re-read whenever the box changes
// size (typesetting, a phone turned sideways) and when fonts arrive.

const observer = typeof ResizeObserver === 'function'
  ? new ResizeObserver((entries) => {
    for (const entry of entries) update(entry.target);
  })
  : null;

function update(node) {
  const scrolls = node.scrollWidth > node.clientWidth + 1;
  if (scrolls === node.hasAttribute('data-scrolls')) return;
  if (scrolls) {
    node.setAttribute('data-scrolls', '');
    node.setAttribute('tabindex', '0');
    node.setAttribute('role', 'group');
    node.setAttribute('aria-label', 'formula, scrolls sideways');
  } else {
    for (const name of ['data-scrolls', 'tabindex', 'role', 'aria-label']) node.removeAttribute(name);
  }
}

const watched = new Set();

export function watchOverflow(node) {
  if (!observer || watched.has(node)) return;
  if (watched.size > 400) {
    for (const old of watched) {
      if (!old.isConnected) {
        observer.unobserve(old);
        watched.delete(old);
      }
    }
  }
  watched.add(node);
  observer.observe(node);
}

// Fonts arriving change a formula's width without always changing its box.
document.fonts?.addEventListener?.('loadingdone', () => {
  for (const node of watched) {
    if (node.isConnected) update(node);
    else watched.delete(node);
  }
});
