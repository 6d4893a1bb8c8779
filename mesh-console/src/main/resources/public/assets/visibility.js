// Per-route work (health polls, traffic charts) runs only while its card is on screen or near it: with hundreds of
// routes on a page, polling and drawing for every card would cost the browser and the console for nothing seen.
const MARGIN = '300px';

const listeners = new WeakMap();
const observer = new IntersectionObserver((entries) => entries.forEach((entry) =>
  listeners.get(entry.target)?.(entry.isIntersecting)), { rootMargin: MARGIN });

/** Calls `listener(true)` when `element` comes within MARGIN of the screen, `listener(false)` when it leaves. */
export function whileOnScreen(element, listener) {
  listeners.set(element, listener);
  observer.observe(element);
}
