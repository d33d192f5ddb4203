/** Choosing in a Mantine Select (a combobox): open it by its label, pick the option by its text. */
import type { Locator, Page } from 'playwright-core';

export async function choose(
  page: Page,
  scope: Locator | Page,
  label: string,
  option: string | RegExp,
): Promise<void> {
  const input = scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }));
  await input.first().click();
  await page.getByRole('option', { name: option }).first().click();
}
