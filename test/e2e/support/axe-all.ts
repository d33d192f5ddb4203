/**
 * axe-core with every impact (minor and moderate too): the goal is no violation of any
 * impact on every screen. `seriousViolations` (axe.ts) stays the floor every screen must pass.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeViolation } from './axe';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

type AxePage = { document: unknown; axe: { run(context: unknown, options: object): Promise<AxeResult> } };

export async function allViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (): Promise<AxeResult> => {
    const g = globalThis as unknown as AxePage;
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? '',
    help: v.help,
    targets: v.nodes.slice(0, 10).map((n) => JSON.stringify(n.target)),
  }));
}
