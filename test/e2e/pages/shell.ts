/** Page object: the frame around every screen (navigation, signed-in user, sync status bar). */
import type { Locator, Page } from 'playwright-core';

export type ScreenName = 'Scan' | 'Order entry' | 'Drafts' | 'Search' | 'Settings';

export class Shell {
  constructor(readonly page: Page) {}

  async go(screen: ScreenName): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: screen, exact: true })
      .click();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: 'Lock', exact: true }).click();
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
  }

  /** The screens the signed-in role is offered, in order. */
  screens(): Promise<string[]> {
    return this.page.getByRole('navigation', { name: 'Screens' }).getByRole('button').allInnerTexts();
  }

  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }

  async syncState(): Promise<string | null> {
    return this.syncStatus.getAttribute('data-state');
  }

  pendingText(): Promise<string> {
    return this.page.getByTestId('sync-pending').innerText();
  }
}
