/**
 * Start-up and the Scan screen, in Debian's Chromium through the browser host on real services:
 * the station looks for scanners once (in the background from its start) and serves what it found
 * each time the Scan screen opens; "Refresh scanners" looks again and says when; after a batch is
 * saved, every control's visible text is part of its accessible name (axe, all impacts); a scanner
 * that vanished is reported when a scan is started on it.
 */
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { dropSampleBatch } from '../../scripts/demo/sample-pages';
import { ScanPage } from './pages/scan-page';
import { ScannerPicker } from './pages/scanner-picker';
import { Shell } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';
import { axeViolations, screenshot } from './support/axe';
import { launchChromium, openStation } from './support/browser';
import { expectMark } from './support/marks';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';

let stack: Stack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

async function openScan(): Promise<void> {
  await expectMark(page, 'scan:ready', () => new Shell(page).go('Scan'));
}

describe('scanner discovery and the Scan screen', () => {
  it('opens the Scan screen on the scanners the station found at start, and again without looking again', async () => {
    const signIn = new SignInPage(page);
    await signIn.ready();
    await signIn.signIn(USER, DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000));
    const scan = new ScanPage(page);
    await scan.ready();
    const picker = new ScannerPicker(page);
    const first = await picker.discoveries();
    // One look, the one the station started in the background; opening the screen did not add one.
    expect(first).toBe(1);
    const scanners = await picker.scannerLabels();
    expect(scanners).toEqual(expect.arrayContaining(['test (configured)']));
    expect(scanners.some((label) => label.startsWith('Hot folder'))).toBe(true);

    await new Shell(page).go('Drafts');
    await openScan();
    expect(await picker.discoveries()).toBe(first);
    expect(await picker.scannerLabels()).toEqual(scanners);
    expect(await picker.statusText()).toMatch(
      /^Scanners last looked for at \d{1,2}:\d{2}\s?[AP]M: \d+ scanners found\.$/,
    );
  });

  it('looks again on "Refresh scanners" and shows when', async () => {
    const picker = new ScannerPicker(page);
    const before = await picker.discoveries();
    await picker.refresh();
    expect(await picker.discoveries()).toBe(before + 1);
    expect(await picker.statusText()).toMatch(/^Scanners last looked for at \d{1,2}:\d{2}\s?[AP]M: /);
    await screenshot(page, 'startup-01-scan-scanners-refreshed');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('after a batch is saved, every control says what it shows (axe, every impact)', async () => {
    const scan = new ScanPage(page);
    await dropSampleBatch(stack.hotFolder, 'startup');
    await scan.chooseScanner(/^Hot folder/);
    await scan.setSeparation('Patch T sheets');
    await scan.scanBatch();
    expect(await scan.orderCount()).toBe(3);
    await scan.saveOrders();
    expect(await scan.savedFileNames()).toHaveLength(3);
    await screenshot(page, 'startup-02-scan-saved');
    // Every impact: the visible text of each control is the start of its accessible name, and more.
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reports a scanner that vanished when a scan is started on it, and drops it on the next look', async () => {
    const scan = new ScanPage(page);
    const picker = new ScannerPicker(page);
    // The hot folder goes away after the last look: the remembered list still offers it.
    rmSync(stack.hotFolder, { recursive: true, force: true });
    await scan.chooseScanner(/^Hot folder/);
    await scan.scanBatch();
    expect(await scan.batchStatus()).toBe('interrupted');
    await expect
      .poll(() => page.getByRole('alert').filter({ hasText: 'The scanner stopped' }).innerText())
      .toContain('The scanner cannot be reached');
    await screenshot(page, 'startup-03-scanner-gone');
    expect(await axeViolations(page)).toEqual([]);
    await picker.refresh();
    expect((await picker.scannerLabels()).some((label) => label.startsWith('Hot folder'))).toBe(false);
  });
});
