/** Page object: the lock screen that replaces everything while the station is locked. */
import type { Locator, Page } from 'playwright-core';

export class LockPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.getByTestId('lock-screen');
  }

  async shown(): Promise<void> {
    await this.screen.waitFor();
  }

  async unlock(password: string, totp: string): Promise<void> {
    await this.screen.getByRole('textbox', { name: 'Password' }).fill(password);
    await this.screen.getByLabel('6-digit code from your authenticator app').fill(totp);
    await this.screen.getByRole('button', { name: 'Unlock' }).click();
  }

  problem(): Promise<string> {
    return this.screen.getByRole('alert').innerText();
  }
}
