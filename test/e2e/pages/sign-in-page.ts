/** Page object: the sign-in screen with its system-use notice. */
import type { Page } from 'playwright-core';
import { waitForMark } from '../support/marks';

export class SignInPage {
  constructor(readonly page: Page) {}

  /** The notice is loaded and the form can be used. */
  async ready(): Promise<void> {
    await waitForMark(this.page, 'station:ready');
  }

  bannerText(): Promise<string> {
    return this.page.getByTestId('banner-text').innerText();
  }

  async signIn(username: string, password: string, totp: string): Promise<void> {
    await this.page.getByLabel('I have read this notice and I accept its terms').check();
    await this.page.getByLabel('User name').fill(username);
    await this.page.getByRole('textbox', { name: 'Password' }).fill(password);
    await this.page.getByLabel('6-digit code from your authenticator app').fill(totp);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('navigation', { name: 'Screens' }).waitFor();
  }

  async signInButtonEnabled(): Promise<boolean> {
    return this.page.getByRole('button', { name: 'Sign in' }).isEnabled();
  }
}
