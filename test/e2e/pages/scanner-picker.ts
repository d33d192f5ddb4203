/** Page object: the Scan screen's scanner drop-down, "Refresh scanners" and the last-look status. */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

export class ScannerPicker {
  constructor(readonly page: Page) {}

  get status(): Locator {
    return this.page.getByTestId('scanner-discovery');
  }

  /** How many times the station has looked for scanners (as the station reports it). */
  async discoveries(): Promise<number> {
    return Number(await this.status.getAttribute('data-discoveries'));
  }

  statusText(): Promise<string> {
    return this.status.innerText();
  }

  /** The scanners offered in the drop-down (opens and closes it). */
  async scannerLabels(): Promise<string[]> {
    const input = this.page
      .getByRole('combobox', { name: 'Scanner', exact: true })
      .or(this.page.getByRole('textbox', { name: 'Scanner', exact: true }));
    await input.first().click();
    const labels = await this.page.getByRole('option').allInnerTexts();
    await this.page.keyboard.press('Escape');
    return labels;
  }

  /** Presses "Refresh scanners" and waits until the new list is on screen. */
  async refresh(): Promise<void> {
    await expectMark(this.page, 'scan:scanners-refreshed', () =>
      this.page.getByRole('button', { name: 'Refresh scanners', exact: true }).click(),
    );
  }
}
