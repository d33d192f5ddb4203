/** Page object: the scan station. */
import type { Page } from 'playwright-core';
import { expectMark, waitForMark } from '../support/marks';
import { choose } from './select';

export class ScanPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await waitForMark(this.page, 'scan:ready');
  }

  async chooseScanner(label: string | RegExp): Promise<void> {
    await choose(this.page, this.page, 'Scanner', label);
  }

  async setSeparation(
    label: 'Cover sheets' | 'Patch T sheets' | 'Fixed page count' | 'One order',
  ): Promise<void> {
    await choose(this.page, this.page, 'Separate orders by', label);
  }

  async setResolution(dpi: 200 | 300 | 400 | 600): Promise<void> {
    await choose(this.page, this.page, 'Resolution', `${dpi} dpi`);
  }

  /** Starts a batch and waits until the scanner has finished it (batch:complete). */
  async scanBatch(timeoutMs = 90_000): Promise<void> {
    await expectMark(
      this.page,
      'batch:complete',
      () => this.page.getByRole('button', { name: 'Start scanning' }).click(),
      timeoutMs,
    );
  }

  progressText(): Promise<string> {
    return this.page.getByTestId('batch-progress').innerText();
  }

  async batchStatus(): Promise<string | null> {
    return this.page.getByTestId('batch-progress').getAttribute('data-status');
  }

  /** Order headers in the page grid ("Order 1", "Order 2"…). */
  async orderCount(): Promise<number> {
    const text = await this.progressText();
    return Number(/(\d+) orders?\b/.exec(text)?.[1] ?? -1);
  }

  flagsText(): Promise<string> {
    return this.page.getByRole('heading', { name: /To review/ }).innerText();
  }

  async selectPage(index: number): Promise<void> {
    await this.page
      .getByRole('button', { name: new RegExp(`^Page ${index}\\b`) })
      .first()
      .click();
  }

  async discard(): Promise<void> {
    await this.page.getByRole('button', { name: 'Discard this batch' }).click();
  }

  async saveOrders(): Promise<void> {
    await expectMark(this.page, 'batch:saved', () =>
      this.page.getByRole('button', { name: /^Save \d+ orders? as drafts$/ }).click(),
    );
  }

  async savedFileNames(): Promise<string[]> {
    const rows = this.page.getByTestId('commit-results').locator('tbody tr');
    const names: string[] = [];
    for (let i = 0; i < (await rows.count()); i += 1)
      names.push(await rows.nth(i).locator('td').nth(1).innerText());
    return names;
  }

  async enterDataOf(order: number): Promise<void> {
    await this.page.getByRole('button', { name: `Enter data for order ${order}` }).click();
  }
}
