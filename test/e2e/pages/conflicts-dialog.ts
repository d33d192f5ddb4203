/** Page object: the sync conflicts dialog (keep mine / take the registry's / field by field). */
import type { Locator, Page } from 'playwright-core';

export class ConflictsDialog {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Resolve conflicts' });
  }

  /** Opens the dialog from the status bar's "Resolve N conflict(s)" button (waits for it to appear). */
  async open(timeoutMs = 30_000): Promise<void> {
    await this.page.getByRole('button', { name: /^Resolve \d+ conflicts?$/ }).click({ timeout: timeoutMs });
    await this.dialog().waitFor();
  }

  card(caseNumber: string): Locator {
    return this.dialog().getByRole('region', { name: `Conflict on case ${caseNumber}` });
  }

  /** The fields that differ, as listed (the entry form's labels, e.g. "Restrained person — first name"). */
  async fields(caseNumber: string): Promise<string[]> {
    const card = this.card(caseNumber);
    await card.waitFor();
    return card.locator('tbody tr td:first-child').allInnerTexts();
  }

  /** The sentence saying who changed the registry's version and when. */
  changedBy(caseNumber: string): Promise<string> {
    return this.card(caseNumber).getByTestId('conflict-changed-by').innerText();
  }

  /** Picks this station's value ('mine') or the registry's ('theirs') for one field, named by its label. */
  async choose(caseNumber: string, field: string, side: 'mine' | 'theirs'): Promise<void> {
    const row = this.card(caseNumber)
      .locator('tbody tr')
      .filter({ has: this.page.getByRole('cell', { name: field, exact: true }) });
    await row
      .getByRole('radio')
      .nth(side === 'mine' ? 0 : 1)
      .check();
  }

  async useMyChoices(caseNumber: string): Promise<void> {
    await this.card(caseNumber).getByRole('button', { name: 'Use my choices' }).click();
  }

  noneWaiting(): Locator {
    return this.dialog().getByText('No conflicts are waiting.');
  }
}
