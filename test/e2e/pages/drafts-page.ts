/** Page object: the drafts list. */
import type { Locator, Page } from 'playwright-core';

/**
 * Replaces print() in every window of the page (the app and any frame it opens later) with a
 * recorder: which document was asked to print (its content type and URL). No dialog opens. The
 * app window also keeps the Blob behind every object URL it makes, so the test can read what a
 * blob: frame showed without fetching it (the app's CSP rightly forbids fetching blob: URLs).
 */
const RECORD_PRINTS = `(() => {
  window.print = function () {
    const top = window.top;
    (top.__ccporPrinted = top.__ccporPrinted || []).push({ contentType: document.contentType, url: location.href });
  };
  if (window === window.top && !window.__ccporBlobs) {
    const blobs = (window.__ccporBlobs = new Map());
    const make = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob) => {
      const url = make(blob);
      blobs.set(url, blob);
      return url;
    };
  }
})();`;

type Printed = {
  __ccporPrinted?: { contentType: string; url: string }[];
  __ccporBlobs?: Map<string, { arrayBuffer(): Promise<ArrayBuffer> }>;
};

/** A document the page sent to the printer. */
export interface PrintedDocument {
  readonly contentType: string;
  readonly url: string;
  /** Its bytes, from the Blob behind its blob: URL (empty for any other URL). */
  readonly bytes: Buffer;
}
import { expectMark } from '../support/marks';

export class DraftsPage {
  constructor(readonly page: Page) {}

  async filter(text: string): Promise<void> {
    await expectMark(this.page, 'drafts:loaded', () =>
      this.page.getByLabel('Name or case number').fill(text),
    );
  }

  rows(): Locator {
    return this.page.getByRole('table').locator('tbody tr');
  }

  /** Presses Print in the open cover-sheet dialog and returns what was sent to the printer. */
  async printCoverSheet(): Promise<PrintedDocument[]> {
    await this.page.addInitScript({ content: RECORD_PRINTS });
    await this.page.evaluate(RECORD_PRINTS);
    await this.page
      .getByRole('dialog', { name: 'Cover sheet' })
      .getByRole('button', { name: 'Print' })
      .click();
    await this.page.waitForFunction(() => ((globalThis as Printed).__ccporPrinted?.length ?? 0) > 0);
    const printed = await this.page.evaluate(async () => {
      const list = (globalThis as Printed).__ccporPrinted ?? [];
      return Promise.all(
        list.map(async (p) => {
          const blob = (globalThis as Printed).__ccporBlobs?.get(p.url);
          if (!blob) return { ...p, base64: '' };
          const bytes = new Uint8Array(await blob.arrayBuffer());
          let binary = '';
          for (const b of bytes) binary += String.fromCharCode(b);
          return { ...p, base64: btoa(binary) };
        }),
      );
    });
    return printed.map((p) => ({
      contentType: p.contentType,
      url: p.url,
      bytes: Buffer.from(p.base64, 'base64'),
    }));
  }

  async openCoverSheet(caseNumber: string): Promise<void> {
    await this.page.getByRole('button', { name: `Print the cover sheet of draft ${caseNumber}` }).click();
    await this.page
      .getByRole('dialog', { name: 'Cover sheet' })
      .getByRole('img', { name: /^Page 1 of / })
      .waitFor();
  }
}
