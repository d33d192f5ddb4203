/**
 * axe-core run inside the page (its source is evaluated through the DevTools protocol, which the
 * page's CSP does not govern). The station's screens are held to no violations of any impact
 * (`axeViolations`); `seriousViolations` is the looser check for pages the station does not draw.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './global-setup';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: string[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** The page's globals as axe needs them (the test code is compiled without the DOM library). */
type AxePage = { document: unknown; axe: { run(context: unknown, options: object): Promise<AxeResult> } };

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (): Promise<AxeResult> => {
    const g = globalThis as unknown as AxePage;
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? '',
    help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)),
  }));
}

/** Every violation, of any impact (minor and moderate included). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  return runAxe(page);
}

/** The serious and critical violations only. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-window screenshot at 1280×1024 under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ROOT, 'test-results/screenshots', `${name}.png`) });
}
