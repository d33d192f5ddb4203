/**
 * Waiting on the renderer's named moments (station:ready, batch:complete, sync:idle…; see
 * src/renderer/test-events.ts) rather than on time: read the count, act, wait for the next one.
 */
import type { Page } from 'playwright-core';

/** The page's global as the marks see it (the test code is compiled without the DOM library). */
type Marked = { __ccporMarks?: Record<string, number> };

export async function markCount(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => (globalThis as Marked).__ccporMarks?.[n] ?? 0, name);
}

/** Resolves when `name` has been marked more than `after` times. */
export async function waitForMark(page: Page, name: string, after = 0, timeoutMs = 60_000): Promise<void> {
  await page.waitForFunction(
    ([n, a]) => ((globalThis as Marked).__ccporMarks?.[n] ?? 0) > a,
    [name, after] as const,
    {
      timeout: timeoutMs,
    },
  );
}

/** Runs `action` and waits for the next `name` mark it causes. */
export async function expectMark(
  page: Page,
  name: string,
  action: () => Promise<unknown>,
  timeoutMs?: number,
): Promise<void> {
  const before = await markCount(page, name);
  await action();
  await waitForMark(page, name, before, timeoutMs);
}
