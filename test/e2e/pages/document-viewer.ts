/** Page object: the document viewer beside the entry form, and the split pane between them. */
import type { Locator, Page } from 'playwright-core';
import { expectMark } from '../support/marks';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export class DocumentViewer {
  constructor(readonly page: Page) {}

  /** The viewer (a region named "Document <file name>"). */
  get region(): Locator {
    return this.page.getByRole('region', { name: /^Document / });
  }

  /** The scrollable area the page is drawn in. */
  get pageArea(): Locator {
    return this.page.getByTestId('page-area');
  }

  get placeholder(): Locator {
    return this.page.getByTestId('page-placeholder');
  }

  /** The rendered page, by its accessible name ("Page 1 of <file name>"). */
  get pageImage(): Locator {
    return this.page.getByRole('img', { name: /^Page 1 of / });
  }

  get divider(): Locator {
    return this.page.getByRole('separator', { name: 'Resize the document and the form' });
  }

  async busy(): Promise<string | null> {
    return this.region.getAttribute('aria-busy');
  }

  zoomLevel(): Promise<string> {
    return this.page.getByTestId('zoom-level').innerText();
  }

  /**
   * Presses a toolbar button. The page's size on screen follows at once; its pixels are drawn
   * again only if the scale changed (wait for `pdf:page-shown` where that matters).
   */
  async press(name: 'Fit width' | 'Fit page' | 'Zoom in' | 'Zoom out'): Promise<void> {
    await this.region.getByRole('button', { name, exact: true }).click();
  }

  /** A key press with the page area focused, waiting for the page to be drawn again. */
  async key(combination: string): Promise<void> {
    await this.pageArea.focus();
    await expectMark(this.page, 'pdf:page-shown', () => this.page.keyboard.press(combination));
  }

  /** Ctrl + mouse wheel over the page (negative `deltaY` is up: zoom in). */
  async ctrlWheel(deltaY: number): Promise<void> {
    const area = await this.box(this.pageArea);
    await this.page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    await expectMark(this.page, 'pdf:page-shown', async () => {
      await this.page.keyboard.down('Control');
      await this.page.mouse.wheel(0, deltaY);
      await this.page.keyboard.up('Control');
    });
  }

  async ratio(): Promise<number> {
    return Number(await this.divider.getAttribute('aria-valuenow'));
  }

  /** Drags the divider `dx` pixels to the right (negative: left). */
  async dragDivider(dx: number): Promise<void> {
    const at = await this.box(this.divider);
    const x = at.x + at.width / 2;
    const y = at.y + at.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx / 2, y);
    await this.page.mouse.move(x + dx, y);
    await this.page.mouse.up();
  }

  async box(locator: Locator): Promise<Box> {
    const box = await locator.boundingBox();
    if (!box) throw new Error('The element is not on screen.');
    return box;
  }

  /** The page area's inner width (without its scrollbar's room), in CSS pixels. */
  pageAreaInnerWidth(): Promise<number> {
    return this.pageArea.evaluate((el: { clientWidth: number }) => el.clientWidth);
  }

  /** The rendered canvas's pixel width over its CSS width: the density it was drawn at. */
  pixelsPerCssPixel(): Promise<{ density: number; screen: number }> {
    return this.pageImage.evaluate(
      (canvas: { width: number; getBoundingClientRect(): { width: number } }) => ({
        density: canvas.width / canvas.getBoundingClientRect().width,
        screen: (globalThis as unknown as { devicePixelRatio: number }).devicePixelRatio,
      }),
    );
  }
}
