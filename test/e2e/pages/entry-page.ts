/** Page object: order entry (the PDF beside the CARPOS form). */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';
import { choose } from './select';

export type Section =
  | 'Case and form'
  | '1. Protected person(s)'
  | '2. Restrained person'
  | '3. Hearing'
  | '4. Dates of the order'
  | '5. Orders (conditions)'
  | '6. Firearms'
  | 'Record';

export class EntryPage {
  constructor(readonly page: Page) {}

  section(name: Section): Locator {
    return this.page.getByRole('group', { name, exact: true });
  }

  async loaded(): Promise<void> {
    await this.page.getByRole('form', { name: 'CARPOS data' }).waitFor();
  }

  /** The document viewer shows a rendered page. */
  async documentShown(): Promise<void> {
    await this.page.getByRole('img', { name: /^Page 1 of / }).waitFor();
  }

  async fill(section: Section, label: string, value: string): Promise<void> {
    await this.section(section).getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  async chooseCode(section: Section, label: string, option: string | RegExp): Promise<void> {
    await choose(this.page, this.section(section), label, option);
  }

  async addProtectedPerson(): Promise<void> {
    await this.page.getByRole('button', { name: 'Add a protected person' }).click();
  }

  async checkCondition(label: RegExp): Promise<void> {
    await this.section('5. Orders (conditions)').getByRole('checkbox', { name: label }).check();
  }

  /** Ctrl+S, and waits until the draft is in the local store. */
  /**
   * Saves with Ctrl+S and waits until no save is in flight: an autosave already running when the key
   * is pressed sets the mark first, while the save the key started is still going.
   */
  async saveNow(): Promise<void> {
    await expectMark(this.page, 'draft:saved', () => this.page.keyboard.press('Control+s'));
    await this.page
      .locator('[data-testid="save-state"]:not([data-state="saving"]):not([data-state="pending"])')
      .waitFor();
  }

  async saveState(): Promise<string | null> {
    return this.page.getByTestId('save-state').getAttribute('data-state');
  }

  conflictCheck(): Locator {
    return this.page.getByTestId('conflict-check');
  }

  carposIssues(): Promise<string> {
    return this.page.getByTestId('carpos-issues').innerText();
  }
}
