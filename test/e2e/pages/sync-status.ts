/**
 * Page object: the sync status as the frame shows it twice (the header's badge and the status bar),
 * "Sync now", "Sign in to send" with its dialog, and the submit confirmation.
 */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

/** Run in the page (a string: the tests compile without the DOM library). */
const READ_BOTH = `(() => {
  const q = (id) => document.querySelector('[data-testid="' + id + '"]');
  return {
    header: q('header-sync-status')?.textContent ?? '',
    footer: q('footer-sync-status')?.textContent ?? '',
    state: q('sync-status')?.getAttribute('data-state') ?? null,
  };
})()`;

export class SyncStatus {
  constructor(readonly page: Page) {}

  /** The header's and the status bar's words, read in one go (so both describe the same moment). */
  both(): Promise<{ header: string; footer: string; state: string | null }> {
    return this.page.evaluate<{ header: string; footer: string; state: string | null }>(READ_BOTH);
  }

  /** Presses "Sync now" and waits for its answer; returns the sentence it showed. */
  async syncNow(): Promise<string> {
    await expectMark(this.page, 'sync:now-done', () =>
      this.page.getByRole('button', { name: 'Sync now', exact: true }).click(),
    );
    return this.page.getByTestId('sync-now-result').innerText();
  }

  signInToSendButton(): Locator {
    return this.page.getByRole('button', { name: 'Sign in to send', exact: true });
  }

  signInDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Sign in to the registry' });
  }

  async openSignIn(): Promise<void> {
    await this.signInToSendButton().click();
    await this.signInDialog().waitFor();
  }

  /** Fills password and code and presses "Sign in and send" (the dialog stays open on a refusal). */
  async signIn(password: string, totp: string): Promise<void> {
    const dialog = this.signInDialog();
    await dialog.getByRole('textbox', { name: 'Password' }).fill(password);
    await dialog.getByLabel('6-digit code from your authenticator app').fill(totp);
    await dialog.getByRole('button', { name: 'Sign in and send' }).click();
  }

  signInProblem(): Locator {
    return this.signInDialog().getByRole('alert');
  }

  submitConfirmation(): Locator {
    return this.page.getByTestId('submit-confirmation');
  }
}
