/** Page object: the drafts list. */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

export class DraftsPage {
  constructor(readonly page: Page) {}

  async filter(text: string): Promise<void> {
    await expectMark(this.page, 'drafts:loaded', () =>
      this.page.getByLabel('Name or case number').fill(text),
    );
  }

  rows(): Locator {
    return this.page.getByRole('table').locator('tbody tr');
  }

  async openCoverSheet(caseNumber: string): Promise<void> {
    await this.page.getByRole('button', { name: `Print the cover sheet of draft ${caseNumber}` }).click();
    await this.page
      .getByRole('dialog', { name: 'Cover sheet' })
      .getByRole('img', { name: /^Page 1 of / })
      .waitFor();
  }
}
