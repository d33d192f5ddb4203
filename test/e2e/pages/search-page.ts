/** Page object: registry search. */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

export class SearchPage {
  constructor(readonly page: Page) {}

  async search(
    fields: { lastName?: string; firstName?: string; dob?: string; caseNumber?: string },
    scope: 'My county' | 'Statewide' = 'Statewide',
  ): Promise<void> {
    await this.page.getByRole('radio', { name: scope }).check({ force: true });
    if (fields.lastName !== undefined) await this.page.getByLabel('Last name').fill(fields.lastName);
    if (fields.firstName !== undefined) await this.page.getByLabel('First name').fill(fields.firstName);
    if (fields.dob !== undefined) await this.page.getByLabel('Date of birth').fill(fields.dob);
    if (fields.caseNumber !== undefined) await this.page.getByLabel('Case number').fill(fields.caseNumber);
    await expectMark(this.page, 'search:results', () =>
      this.page
        .getByRole('form', { name: 'Search orders' })
        .getByRole('button', { name: 'Search', exact: true })
        .click(),
    );
  }

  results(): Locator {
    return this.page.getByRole('table').locator('tbody tr');
  }

  async openOrder(caseNumber: string): Promise<void> {
    await expectMark(this.page, 'search:order-opened', () =>
      this.page.getByRole('button', { name: `Open order ${caseNumber}` }).click(),
    );
  }

  offlineNotice(): Locator {
    return this.page.getByTestId('search-offline');
  }
}
