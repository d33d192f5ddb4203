/**
 * Named moments the end-to-end tests wait for (station:ready, batch:complete, sync:idle, …) instead
 * of sleeping. Each mark dispatches a DOM event and counts it on `window.__ccporMarks`, so a test can
 * wait for "one more than before". Harmless in production: a counter and an event nobody listens to.
 */
declare global {
  interface Window {
    __ccporMarks?: Record<string, number>;
  }
}

export function mark(name: string): void {
  const marks = (window.__ccporMarks ??= {});
  marks[name] = (marks[name] ?? 0) + 1;
  window.dispatchEvent(new CustomEvent(`ccpor:${name}`));
}
