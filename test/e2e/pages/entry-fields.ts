/** Page object additions for order entry: one field's message, its value, and whether it shows in full. */
import type { Locator, Page } from 'playwright-core';
import type { Section } from './entry-page';

export class EntryFields {
  constructor(readonly page: Page) {}

  /** A text box or drop-down of a section, by its label. */
  field(section: Section, label: string): Locator {
    return this.page
      .getByRole('group', { name: section, exact: true })
      .getByRole('textbox', { name: label, exact: true })
      .or(
        this.page
          .getByRole('group', { name: section, exact: true })
          .getByRole('combobox', { name: label, exact: true }),
      )
      .first();
  }

  /** Types into a field and leaves it with Tab, as a clerk does. */
  async type(section: Section, label: string, text: string): Promise<void> {
    const input = this.field(section, label);
    await input.fill(text);
    await input.press('Tab');
  }

  /** The message shown under the field, or null when it shows none (not marked invalid). */
  async error(section: Section, label: string): Promise<string | null> {
    const input = this.field(section, label);
    if ((await input.getAttribute('aria-invalid')) !== 'true') return null;
    const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(/\s+/);
    const errorId = ids.find((id) => id.endsWith('-error'));
    return errorId === undefined ? null : this.page.locator(`[id="${errorId}"]`).innerText();
  }

  /** How many fields of the form are marked invalid. */
  invalidCount(): Promise<number> {
    return this.page.getByRole('form', { name: 'CARPOS data' }).locator('[aria-invalid="true"]').count();
  }

  /** Whether the text in the box fits it (nothing cut at the right). */
  async fits(section: Section, label: string): Promise<{ value: string; scroll: number; client: number }> {
    return this.field(section, label).evaluate((el) => {
      const input = el as unknown as { value: string; scrollWidth: number; clientWidth: number };
      return { value: input.value, scroll: input.scrollWidth, client: input.clientWidth };
    });
  }
}
