/** Page object: station settings. */
import type { Page } from 'playwright-core';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByRole('form', { name: 'Station settings' }).waitFor();
  }

  async setNamingTemplate(template: string): Promise<void> {
    await this.page.getByLabel('Naming template').fill(template);
  }

  namePreview(): Promise<string> {
    return this.page.getByTestId('name-preview').innerText();
  }
}
