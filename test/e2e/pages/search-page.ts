/** Page object: registry search. */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

export interface SearchFields {
  lastName?: string;
  firstName?: string;
  dob?: string;
  caseNumber?: string;
}

export class SearchPage {
  constructor(readonly page: Page) {}

  async search(fields: SearchFields, scope: 'My county' | 'Statewide' = 'Statewide'): Promise<void> {
    await this.fillAndSubmit(fields, scope, 'search:results');
  }

  /** A search the station refuses (checked before the request, or refused by the registry). */
  async searchRefused(fields: SearchFields, scope: 'My county' | 'Statewide' = 'Statewide'): Promise<void> {
    await this.fillAndSubmit(fields, scope, 'search:refused');
  }

  private async fillAndSubmit(
    fields: SearchFields,
    scope: 'My county' | 'Statewide',
    outcome: 'search:results' | 'search:refused',
  ): Promise<void> {
    await this.page.getByRole('radio', { name: scope }).check({ force: true });
    if (fields.lastName !== undefined) await this.page.getByLabel('Last name').fill(fields.lastName);
    if (fields.firstName !== undefined) await this.page.getByLabel('First name').fill(fields.firstName);
    if (fields.dob !== undefined) await this.page.getByLabel('Date of birth').fill(fields.dob);
    if (fields.caseNumber !== undefined) await this.page.getByLabel('Case number').fill(fields.caseNumber);
    await expectMark(this.page, outcome, () =>
      this.page
        .getByRole('form', { name: 'Search orders' })
        .getByRole('button', { name: 'Search', exact: true })
        .click(),
    );
  }

  /** What a criteria field now holds (a date of birth is rewritten the court's way). */
  fieldValue(label: string): Promise<string> {
    return this.page.getByRole('form', { name: 'Search orders' }).getByLabel(label).inputValue();
  }

  /** The error a field announces (its aria-describedby text), '' when it has none. */
  async fieldError(label: string): Promise<string> {
    const input = this.page.getByRole('form', { name: 'Search orders' }).getByLabel(label);
    if ((await input.getAttribute('aria-invalid')) !== 'true') return '';
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const texts = await Promise.all(ids.map((id) => this.page.locator(`[id="${id}"]`).innerText()));
    return texts.join(' ');
  }

  /** The `name` of the focused control (the search form names its inputs by field). */
  focusedField(): Promise<string | null> {
    return this.page.locator(':focus').getAttribute('name');
  }

  /** Each result row's "How it matched" words, top to bottom. */
  matchWords(): Promise<string[]> {
    return this.results().getByTestId('match-kind').allInnerTexts();
  }

  /** The "How it matched" words of the row with this case number. */
  matchOf(caseNumber: string): Promise<string> {
    return this.results().filter({ hasText: caseNumber }).getByTestId('match-kind').innerText();
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
