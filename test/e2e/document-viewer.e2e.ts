/**
 * The document viewer beside the entry form, in Debian's Chromium through the browser host: a
 * page-shaped placeholder while the document loads (held back by intercepting the pdf.js bundle's
 * request, released once the placeholder has been checked: no timing), fit width and fit page,
 * zoom by keyboard and Ctrl+wheel, the page drawn again for the new room after a window resize,
 * the case-number box whole at 1280×1024 and 1920×1080 however the split is set, the split pane by
 * mouse and keyboard and remembered across a reload, and a plain message when the document cannot
 * be shown.
 */
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { dropSampleBatch } from '../../scripts/demo/sample-pages';
import { DocumentViewer, type Box } from './pages/document-viewer';
import { EntryPage } from './pages/entry-page';
import { LockPage } from './pages/lock-page';
import { ScanPage } from './pages/scan-page';
import { Shell } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';
import { screenshot, axeViolations } from './support/axe';
import { launchChromium, openStation } from './support/browser';
import { expectMark } from './support/marks';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';
/** The lazily loaded pdf.js bundle (Vite names the chunk after pdfjs-dist's `pdf.mjs`). */
const PDFJS_BUNDLE = /\/assets\/pdf-[\w-]+\.js$/;

let stack: Stack;
let browser: Browser;
let page: Page;
let viewer: DocumentViewer;

async function checkScreen(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

function inside(inner: Box, outer: Box, slack = 0.5): boolean {
  return (
    inner.x >= outer.x - slack &&
    inner.y >= outer.y - slack &&
    inner.x + inner.width <= outer.x + outer.width + slack &&
    inner.y + inner.height <= outer.y + outer.height + slack
  );
}

/** What the placeholder said, and whether the viewer was busy, each time the DOM changed. */
const WATCH_PLACEHOLDER = `(() => {
  const seen = (window.__placeholderSeen = []);
  new MutationObserver(() => {
    const placeholder = document.querySelector('[data-testid="page-placeholder"]');
    if (placeholder)
      seen.push({ text: placeholder.textContent, busy: placeholder.closest('section')?.getAttribute('aria-busy') });
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
  viewer = new DocumentViewer(page);
  const signIn = new SignInPage(page);
  await signIn.ready();
  await signIn.signIn(USER, DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000));
  // Three orders, separated by Patch T sheets, through the hot folder: each draft gets its PDF.
  const scan = new ScanPage(page);
  await scan.ready();
  await dropSampleBatch(stack.hotFolder, 'viewer');
  await scan.chooseScanner(/^Hot folder/);
  await scan.setSeparation('Patch T sheets');
  await scan.scanBatch();
  await scan.saveOrders();
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the document viewer beside the entry form', () => {
  it('shows a page-shaped placeholder with progress while the document loads, then the page', async () => {
    const held: Route[] = [];
    await page.route(PDFJS_BUNDLE, (route) => {
      held.push(route);
    });
    await new ScanPage(page).enterDataOf(1);
    await new EntryPage(page).loaded();

    await viewer.placeholder.getByText('Loading the document…').waitFor();
    expect(held.length, 'the pdf.js bundle was asked for and is held back').toBeGreaterThan(0);
    expect(await viewer.busy()).toBe('true');
    expect(await viewer.pageImage.count()).toBe(0);
    // The shape of a page (Letter, until the real page is known), not an empty panel.
    const shape = await viewer.box(viewer.placeholder);
    expect(shape.height / shape.width).toBeCloseTo(792 / 612, 1);
    await checkScreen('20-viewer-loading');

    await page.evaluate(WATCH_PLACEHOLDER);
    await expectMark(page, 'pdf:page-shown', async () => {
      for (const route of held) await route.continue();
      await page.unroute(PDFJS_BUNDLE);
    });
    await viewer.pageImage.waitFor();
    expect(await viewer.busy()).toBe('false');
    expect(await viewer.placeholder.count()).toBe(0);
    const seen = await page.evaluate(
      () =>
        (globalThis as unknown as { __placeholderSeen: { text: string; busy: string }[] }).__placeholderSeen,
    );
    expect(seen).toContainEqual({
      text: expect.stringMatching(/^Loading page 1 of \d+…$/) as string,
      busy: 'true',
    });
  });

  it('fits the page to the width of the viewer, and the whole page with "Fit page"', async () => {
    expect(await viewer.zoomLevel()).toBe('Fit width');
    expect(
      Math.abs((await viewer.box(viewer.pageImage)).width - (await viewer.pageAreaInnerWidth())),
    ).toBeLessThanOrEqual(2);

    // Larger than the viewer first, so that fitting the page has something to do.
    await viewer.press('Zoom in');
    await viewer.press('Zoom in');
    await viewer.press('Zoom in');
    const zoomed = await viewer.box(viewer.pageImage);
    expect(inside(zoomed, await viewer.box(viewer.pageArea))).toBe(false);

    await viewer.press('Fit page');
    expect(await viewer.zoomLevel()).toBe('Fit page');
    const fitted = await viewer.box(viewer.pageImage);
    expect(inside(fitted, await viewer.box(viewer.pageArea))).toBe(true);
    // The whole page, as large as fits: it touches the viewer's sides or its top and bottom.
    const area = await viewer.box(viewer.pageArea);
    expect(
      Math.min(
        Math.abs(fitted.width - (await viewer.pageAreaInnerWidth())),
        Math.abs(fitted.height - area.height),
      ),
    ).toBeLessThanOrEqual(2);
    await checkScreen('21-viewer-fit-page');

    await viewer.press('Fit width');
    expect(await viewer.zoomLevel()).toBe('Fit width');
    expect(
      Math.abs((await viewer.box(viewer.pageImage)).width - (await viewer.pageAreaInnerWidth())),
    ).toBeLessThanOrEqual(2);
  });

  it('zooms by keyboard (Ctrl+=, Ctrl+−, Ctrl+0) and by Ctrl+wheel, drawn at the screen density', async () => {
    const fitted = (await viewer.box(viewer.pageImage)).width;
    await viewer.key('Control+Equal');
    const zoomedIn = (await viewer.box(viewer.pageImage)).width;
    expect(zoomedIn).toBeGreaterThan(fitted);
    expect(await viewer.zoomLevel()).toMatch(/^\d+%$/);
    // Re-rendered at the new size, not a stretched bitmap: as many pixels as the screen shows.
    const { density, screen } = await viewer.pixelsPerCssPixel();
    expect(density).toBeCloseTo(screen, 1);

    await viewer.key('Control+Minus');
    expect((await viewer.box(viewer.pageImage)).width).toBeLessThan(zoomedIn);

    await viewer.key('Control+0');
    expect(await viewer.zoomLevel()).toBe('Fit width');

    await viewer.ctrlWheel(-100);
    const wheeledIn = (await viewer.box(viewer.pageImage)).width;
    expect(wheeledIn).toBeGreaterThan(fitted);
    expect(await viewer.zoomLevel()).toMatch(/^\d+%$/);
    await viewer.ctrlWheel(100);
    expect((await viewer.box(viewer.pageImage)).width).toBeLessThan(wheeledIn);
    await viewer.press('Fit width');
  });

  // 1920×1080 first: each size is then a change from the one before (the suite opens at 1280×1024).
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 1024 },
  ]) {
    it(`fits the new room and keeps the case-number box whole at ${String(size.width)}×${String(size.height)}`, async () => {
      // The page is drawn again at the new width once the resize settles.
      await expectMark(page, 'pdf:page-shown', () => page.setViewportSize(size));
      expect(await viewer.zoomLevel()).toBe('Fit width');
      expect(
        Math.abs((await viewer.box(viewer.pageImage)).width - (await viewer.pageAreaInnerWidth())),
      ).toBeLessThanOrEqual(2);
      const { density, screen: dpr } = await viewer.pixelsPerCssPixel();
      expect(density).toBeCloseTo(dpr, 1);

      const caseNumber = page.getByRole('textbox', { name: 'Court case number', exact: true });
      const formColumn = page.getByTestId('entry-form-column');
      const screen = { x: 0, y: 0, ...size };
      // However the split is set: the document at its narrowest, and at its widest.
      for (const key of ['Home', 'End']) {
        await viewer.divider.focus();
        await page.keyboard.press(key);
        const box = await viewer.box(caseNumber);
        expect(inside(box, screen), `${key}: within the window`).toBe(true);
        expect(inside(box, await viewer.box(formColumn)), `${key}: within the form column`).toBe(true);
      }
      if (size.width === 1280) await checkScreen('22-viewer-widest-document');
    });
  }

  it('resizes the split by dragging the divider and by arrow keys', async () => {
    const start = await viewer.ratio();
    const viewerWidth = (await viewer.box(viewer.region)).width;

    await viewer.divider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await viewer.ratio()).toBe(start - 4);
    await expect.poll(async () => (await viewer.box(viewer.region)).width).toBeLessThan(viewerWidth);

    const before = await viewer.ratio();
    await viewer.dragDivider(-120);
    expect(await viewer.ratio()).toBeLessThan(before - 5);
    await viewer.dragDivider(60);
    expect(await viewer.ratio()).toBeGreaterThan(before - 8);
  });

  it('remembers the split after a reload, and says plainly in the viewer when the document cannot be shown', async () => {
    const kept = await viewer.ratio();
    // A new page load is a new connection, which the station locks (unlock with the next code);
    // the pdf.js bundle is refused on this load, so the viewer cannot show the document.
    await page.route(PDFJS_BUNDLE, (route) => route.abort('connectionrefused'));
    await page.reload();
    const lock = new LockPage(page);
    await lock.shown();
    await lock.unlock(DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000 + 30));
    await new Shell(page).go('Drafts');
    await page
      .getByRole('button', { name: /^Open draft / })
      .first()
      .click();
    await viewer.divider.waitFor();
    expect(await viewer.ratio()).toBe(kept);

    const problem = viewer.region.getByRole('alert');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(
      /^The scanned document cannot be shown: the document viewer could not be loaded .*You can still enter the order's data; open the draft again to retry/s,
    );
    expect(await viewer.busy()).toBe('false');
    expect(await viewer.pageImage.count()).toBe(0);
    // The form beside it is still there to be used.
    await page.getByRole('textbox', { name: 'Court case number', exact: true }).waitFor();
    await checkScreen('23-viewer-cannot-show');

    // What the message advises works: once the bundle can be fetched, opening the draft again shows it.
    await page.unroute(PDFJS_BUNDLE);
    await new Shell(page).go('Drafts');
    await page
      .getByRole('button', { name: /^Open draft / })
      .first()
      .click();
    await viewer.pageImage.waitFor();
  });
});
