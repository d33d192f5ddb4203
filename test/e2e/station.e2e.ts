/**
 * The station end to end, in Debian's Chromium through the browser host, on real services: the
 * registry on PGlite, the encrypted local store, SANE's test scanner and the hot-folder scanner.
 *
 * sign in → scan a batch (SANE test device: the scanning mechanics; its pages are blank, so it
 * cannot show separation) → scan a batch of generated pages with Patch T separators through the
 * hot folder → three orders separated → enter the data of one → save the draft while the registry
 * is down → registry comes up → synced → found by a statewide search with a misspelled name.
 * Every screen gets an axe-core check (no serious or critical violations) and a 1280×1024 screenshot.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/main/registry-client';
import { totpAt } from '../../src/server/auth/totp';
import { countOf } from '../../src/shared/util/count';
import { encodeCoverPayload } from '../../src/shared/scan/cover-code';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { dropSampleBatch } from '../../scripts/demo/sample-pages';
import { ConflictsDialog } from './pages/conflicts-dialog';
import { DraftsPage } from './pages/drafts-page';
import { EntryPage } from './pages/entry-page';
import { ScanPage } from './pages/scan-page';
import { SearchPage } from './pages/search-page';
import { SettingsPage } from './pages/settings-page';
import { Shell } from './pages/shell';
import { LockPage } from './pages/lock-page';
import { SignInPage } from './pages/sign-in-page';
import { axeViolations, screenshot } from './support/axe';
import { launchChromium, openStation } from './support/browser';
import { expectMark, markCount, waitForMark } from './support/marks';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';
const CASE = 'FL-2026-004711';
const RESTRAINED = { last: 'Thistlewaite', first: 'Bartholomew', dob: '1984-03-17' };

let stack: Stack;
let browser: Browser;
let page: Page;

/** The outline a focused control draws (the test code is compiled without the DOM library). */
async function focusRing(control: Locator): Promise<{ style: string; widthPx: number }> {
  return control.evaluate((el) => {
    const style = (
      globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }
    ).getComputedStyle(el);
    return { style: style.outlineStyle ?? '', widthPx: parseFloat(style.outlineWidth ?? '0') };
  });
}

async function checkScreen(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the station in the browser host', () => {
  it('shows the system-use notice and signs in only after it is acknowledged', async () => {
    const signIn = new SignInPage(page);
    await signIn.ready();
    expect(await signIn.bannerText()).toContain('restricted California criminal justice information system');
    expect(await signIn.signInButtonEnabled()).toBe(false);
    await checkScreen('01-sign-in');
    await signIn.signIn(USER, DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000));
    await expect.poll(() => page.getByTestId('signed-in-user').innerText()).toContain('Alameda Clerk');
  });

  it("scans a batch on SANE's test device (scanning mechanics: progress, thumbnails, flags)", async () => {
    const scan = new ScanPage(page);
    await scan.ready();
    await scan.chooseScanner('test (configured)');
    await scan.setResolution(200);
    await scan.setSeparation('One order');
    await scan.scanBatch();
    expect(await scan.batchStatus()).toBe('complete');
    const progress = await scan.progressText();
    const scanned = Number(/(\d+) pages? scanned/.exec(progress)?.[1]);
    expect(scanned).toBeGreaterThan(0);
    expect(progress).toContain(`${scanned} processed`);
    // Live thumbnails: the first page is drawn from its stored image; every page has a tile.
    expect(await page.getByRole('button', { name: /^Page \d+\b/ }).count()).toBe(scanned);
    await page
      .getByRole('button', { name: /^Page 1\b/ })
      .locator('img')
      .waitFor();
    await checkScreen('02-scan-sane-batch');
    await scan.discard();
  });

  it('separates a hot-folder batch with Patch T sheets into three orders and saves them as drafts', async () => {
    const scan = new ScanPage(page);
    await dropSampleBatch(stack.hotFolder, 'e2e');
    await scan.chooseScanner(/^Hot folder/);
    await scan.setResolution(300);
    await scan.setSeparation('Patch T sheets');
    await scan.scanBatch();
    expect(await scan.orderCount()).toBe(3);
    expect(await scan.progressText()).toContain('8 pages scanned, 8 processed');
    await checkScreen('03-scan-separated');
    await scan.saveOrders();
    const names = await scan.savedFileNames();
    expect(names).toHaveLength(3);
    for (const name of names) expect(name).toMatch(/^Alameda_.*\.pdf$/);
  });

  it('enters the data of one order beside its PDF, with the conflicting-orders check', async () => {
    const scan = new ScanPage(page);
    const entry = new EntryPage(page);
    await scan.enterDataOf(1);
    await entry.loaded();
    await entry.documentShown();
    await entry.fill('Case and form', 'Court case number', CASE);
    // Focus is drawn as a ring a clerk can see, not only as a border colour change.
    const caseNumber = entry.section('Case and form').getByLabel('Court case number');
    await caseNumber.focus();
    expect(await focusRing(caseNumber)).toMatchObject({ style: 'solid', widthPx: 2 });
    await entry.chooseCode('Case and form', 'Form', /^DV-110/);
    await entry.fill('2. Restrained person', 'Last name', RESTRAINED.last);
    await entry.fill('2. Restrained person', 'First name', RESTRAINED.first);
    await entry.fill('2. Restrained person', 'Date of birth', RESTRAINED.dob);
    await expect
      .poll(() => entry.conflictCheck().innerText(), { timeout: 20_000 })
      .toMatch(/No conflicting orders|other order/);
    await entry.saveNow();
    await checkScreen('04-order-entry');
  });

  it('saves the rest of the draft locally while the registry is down', async () => {
    const entry = new EntryPage(page);
    const shell = new Shell(page);
    await stack.stopRegistry();
    await entry.chooseCode('2. Restrained person', 'Sex', /^M –/);
    await entry.chooseCode('2. Restrained person', 'Race', /^W –/);
    await entry.fill('2. Restrained person', 'Height (inches)', '70');
    await entry.fill('2. Restrained person', 'Weight (lbs)', '180');
    await entry.chooseCode('2. Restrained person', 'Hair color', /^BRO –/);
    await entry.chooseCode('2. Restrained person', 'Eye color', /^BLU –/);
    await entry.addProtectedPerson();
    await entry.fill('1. Protected person(s)', 'Last name', 'Rivera');
    await entry.fill('1. Protected person(s)', 'First name', 'Ana');
    await entry.checkCondition(/^05 /);
    await entry.fill('4. Dates of the order', 'Issue date', new Date().toISOString().slice(0, 10));
    await entry.saveNow();
    expect(await entry.saveState()).toBe('saved');
    await expect.poll(() => shell.syncState(), { timeout: 30_000 }).toBe('offline');
    expect(await shell.pendingText()).toMatch(/^[1-9]\d* changes? (is|are) waiting to be sent\.$/);
    await checkScreen('05-saved-offline');
  });

  it('syncs when the registry comes back', async () => {
    const before = await markCount(page, 'sync:idle');
    await stack.startRegistry();
    await waitForMark(page, 'sync:idle', before, 60_000);
    const shell = new Shell(page);
    expect(await shell.pendingText()).toBe('Nothing is waiting to be sent.');
    await shell.go('Drafts');
    const drafts = new DraftsPage(page);
    await drafts.filter(CASE);
    await expect.poll(() => drafts.rows().first().innerText()).toContain('In the registry');
    await drafts.openCoverSheet(CASE);
    await checkScreen('06-drafts-cover-sheet');
    await page.keyboard.press('Escape');
    await checkScreen('07-drafts');
  });

  it('prints only the cover sheet: the pdfkit PDF whose barcode carries the draft id', async () => {
    const drafts = new DraftsPage(page);
    await drafts.openCoverSheet(CASE);
    const printed = await drafts.printCoverSheet();
    // One document went to the printer, and it is the PDF, not the app window around it.
    expect(printed.map((p) => p.contentType)).toEqual(['application/pdf']);
    const pdf = printed[0]?.bytes ?? Buffer.alloc(0);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [draft] = stack.station.store.drafts.list({ text: CASE });
    expect(draft).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'ccpor-e2e-print-'));
    try {
      writeFileSync(join(dir, 'printed.pdf'), pdf);
      expect(execFileSync('pdfinfo', [join(dir, 'printed.pdf')], { encoding: 'utf8' })).toMatch(
        /^Pages:\s+1$/m,
      );
      execFileSync('pdftoppm', ['-r', '300', '-gray', join(dir, 'printed.pdf'), join(dir, 'page')]);
      const page1 = readdirSync(dir).find((f) => f.startsWith('page'));
      const codes = execFileSync('zbarimg', ['-q', join(dir, page1 ?? 'missing')], { encoding: 'utf8' });
      expect(codes).toContain(encodeCoverPayload(draft?.id ?? ''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.keyboard.press('Escape');
  });

  it('resolves a sync conflict field by field; the registry gets exactly the choices', async () => {
    const store = stack.station.store;
    const [summary] = store.drafts.list({ text: CASE });
    const draft = store.drafts.mustGet(summary?.id ?? '');
    const base = draft.registryVersion ?? 0;
    expect(base).toBeGreaterThan(0);
    const other = new RegistryClient({ baseUrl: stack.registryUrl() });
    try {
      const clerk2 = 'alameda.clerk2';
      await other.signIn({
        username: clerk2,
        password: DEMO_PASSWORD,
        totp: totpAt(demoTotpSecret(clerk2), Date.now() / 1000),
      });
      // A stale update: another clerk changes the order in the registry while this station, not yet
      // having pulled that version, changes the same order (sync paused so the order is certain).
      await stack.station.sync.stop();
      const person = draft.order.restrainedPerson;
      const theirs = { ...draft.order, restrainedPerson: { ...person, heightInches: 72, weightLbs: 175 } };
      await other.updateOrder(draft.id, { order: theirs, baseVersion: base }, randomUUID());
      const mine = { ...draft.order, restrainedPerson: { ...person, heightInches: 71, weightLbs: 185 } };
      store.drafts.save(mine);
      stack.station.sync.start();

      const conflicts = new ConflictsDialog(page);
      await conflicts.open();
      expect(await conflicts.fields(CASE)).toEqual([
        'Restrained person — height (inches)',
        'Restrained person — weight (lbs)',
      ]);
      await checkScreen('07b-sync-conflict');
      await conflicts.choose(CASE, 'Restrained person — height (inches)', 'theirs');
      await conflicts.choose(CASE, 'Restrained person — weight (lbs)', 'mine');
      await conflicts.useMyChoices(CASE);
      await conflicts.noneWaiting().waitFor();
      await page.keyboard.press('Escape');

      await expect.poll(() => store.drafts.mustGet(draft.id).syncState, { timeout: 30_000 }).toBe('synced');
      const record = await other.getOrder(draft.id);
      expect(record.version).toBe(base + 2);
      expect(record.order.restrainedPerson).toEqual({ ...person, heightInches: 72, weightLbs: 185 });
      expect(store.drafts.mustGet(draft.id)).toMatchObject({ registryVersion: base + 2 });
      expect(stack.station.sync.conflicts()).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('finds the order statewide by a misspelled name and opens it with its image', async () => {
    const shell = new Shell(page);
    await shell.go('Search');
    const search = new SearchPage(page);
    await search.search({ lastName: 'Thistlewait', firstName: 'Bartholemew' });
    await expect
      .poll(() => search.results().allInnerTexts())
      .toEqual(expect.arrayContaining([expect.stringContaining(CASE)]));
    await checkScreen('08-search-results');
    await search.openOrder(CASE);
    await page
      .getByRole('dialog')
      .getByRole('img', { name: /^Page 1 of / })
      .waitFor();
    expect(await page.getByTestId('order-summary').innerText()).toContain('Thistlewaite, Bartholomew');
    await checkScreen('09-search-order');
    await page.keyboard.press('Escape');
  });

  it('locks after the idle limit, leaving no order data in the page', async () => {
    const shell = new Shell(page);
    await shell.go('Drafts');
    const drafts = new DraftsPage(page);
    await drafts.filter(CASE);
    await expect.poll(() => page.content()).toContain('Thistlewaite');
    // The court's limit is 10 minutes: the station's clock moves 11 minutes past the last input.
    await expectMark(page, 'station:locked', () => stack.advanceClock(11 * 60_000));
    const lock = new LockPage(page);
    await lock.shown();
    const html = await page.content();
    for (const secret of ['Thistlewaite', 'Bartholomew', CASE, RESTRAINED.dob])
      expect(html).not.toContain(secret);
    expect(await lock.screen.innerText()).toContain('Alameda Clerk (demo)');
    await checkScreen('10-locked');
  });

  it('stays locked through a reload and in a second tab, and unlocks with the same password and code', async () => {
    await page.reload();
    const lock = new LockPage(page);
    await lock.shown();
    const second = await openStation(browser, stack.host.url);
    try {
      await new LockPage(second).shown();
      expect(await second.content()).not.toContain('Thistlewaite');
      expect(await second.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    } finally {
      await second.context().close();
    }
    await lock.unlock('not the password', totpAt(demoTotpSecret(USER), Date.now() / 1000 + 30));
    await expect.poll(() => lock.problem()).toMatch(/4 attempts left/);
    await lock.unlock(DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000 + 30));
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    expect(await new Shell(page).screens()).toEqual(['Scan', 'Order entry', 'Drafts', 'Search', 'Settings']);
  });

  it('signs the user out after five failed unlocks; the station stays closed', async () => {
    const shell = new Shell(page);
    await shell.lock();
    const lock = new LockPage(page);
    await lock.shown();
    for (let left = 4; left >= 1; left -= 1) {
      await lock.unlock('wrong password', '000000');
      await expect.poll(() => lock.problem()).toContain(`${countOf(left, 'attempt')} left`);
    }
    await lock.unlock('wrong password', '000000');
    await page.getByRole('alert').filter({ hasText: 'Five failed attempts' }).waitFor();
    expect(await lock.screen.count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    await new SignInPage(page).ready();
  });

  it('shows a query-only user the search screen only', async () => {
    const signIn = new SignInPage(page);
    await signIn.signIn(
      'alameda.query',
      DEMO_PASSWORD,
      totpAt(demoTotpSecret('alameda.query'), Date.now() / 1000),
    );
    expect(await new Shell(page).screens()).toEqual(['Search']);
    await new Shell(page).signOut();
    await signIn.ready();
  });

  it('previews the next file name as the naming template is typed (the court administrator sets it)', async () => {
    await new SignInPage(page).signIn(
      'alameda.admin',
      DEMO_PASSWORD,
      totpAt(demoTotpSecret('alameda.admin'), Date.now() / 1000),
    );
    const shell = new Shell(page);
    expect(await shell.screens()).toEqual(['Search', 'Settings']);
    await shell.go('Settings');
    const settings = new SettingsPage(page);
    await settings.ready();
    await settings.setNamingTemplate('{court}-{case}-{seq:4}');
    await expect.poll(() => settings.namePreview()).toMatch(/^Next file name: CA001013J-.*-0001\.pdf$/);
    await settings.setNamingTemplate('{court}-{nope}');
    await expect.poll(() => settings.namePreview()).toContain('"{nope}" is not a naming token');
    await checkScreen('10-settings');
  });

  it('says plainly that search needs the registry when it is down', async () => {
    const shell = new Shell(page);
    await stack.stopRegistry();
    await expectMark(page, 'sync:idle', async () => {
      await stack.startRegistry();
    }).catch(() => undefined);
    await stack.stopRegistry();
    await shell.go('Search');
    await expect.poll(() => shell.syncState(), { timeout: 30_000 }).toBe('offline');
    await new SearchPage(page).offlineNotice().waitFor();
    await checkScreen('11-search-offline');
    await stack.startRegistry();
  });
});
