/**
 * Order entry as a court clerk meets it (issue 17): each field says its own problem at once, in
 * words that name it, and only after the clerk changed it; dates are taken as people type them and
 * shown the court's way; a draft is saved even with one field wrong, and that field is named; a
 * drop-down does not open when tabbed into and shows its value in full at 1280×1024.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { DraftsPage } from './pages/drafts-page';
import { EntryFields } from './pages/entry-fields';
import { EntryPage } from './pages/entry-page';
import { Shell } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';
import { screenshot, axeViolations } from './support/axe';
import { launchChromium, openStation, VIEWPORT } from './support/browser';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';
const CASE = 'FL-2026-017017';

let stack: Stack;
let browser: Browser;
let page: Page;
let entry: EntryPage;
let fields: EntryFields;

async function checkScreen(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
  const signIn = new SignInPage(page);
  await signIn.ready();
  await signIn.signIn(USER, DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000));
  entry = new EntryPage(page);
  fields = new EntryFields(page);
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('order entry validation', () => {
  it('marks nothing red when the clerk only tabs through a new draft, and a tabbed-into drop-down stays closed', async () => {
    expect(page.viewportSize()).toEqual(VIEWPORT);
    await new Shell(page).go('Order entry');
    await page.getByRole('button', { name: 'Start a new draft' }).click();
    await entry.loaded();
    await fields.field('Case and form', 'Court case number').focus();
    // Court case number → Form (a drop-down) → Form revision date → … → the restrained person's fields.
    await page.keyboard.press('Tab');
    const form = fields.field('Case and form', 'Form');
    expect(
      await form.evaluate((el) => (el as unknown as { matches(s: string): boolean }).matches(':focus')),
    ).toBe(true);
    expect(await form.getAttribute('aria-expanded')).not.toBe('true');
    expect(await page.getByRole('listbox').count()).toBe(0);
    for (let i = 0; i < 12; i += 1) await page.keyboard.press('Tab');
    expect(await fields.invalidCount()).toBe(0);
    await expect.poll(() => entry.saveState()).toBe('saved');
  });

  it("shows each wrong field's own message at once, naming the field", async () => {
    await fields.type('Case and form', 'Court case number', CASE);
    await fields.type('2. Restrained person', 'Last name', 'Okafor');
    await fields.type('2. Restrained person', 'Height (inches)', 'abc');
    await fields.type('2. Restrained person', 'Date of birth', '01/02/2099');
    await fields.type('2. Restrained person', 'Weight (lbs)', '-5');
    await fields.type('4. Dates of the order', 'Issue date', '11/20/2025');
    await fields.type('4. Dates of the order', 'Expiration date', '11/10/2025');

    expect(await fields.error('2. Restrained person', 'Height (inches)')).toBe(
      'Height (inches): enter a whole number, in digits only.',
    );
    expect(await fields.error('2. Restrained person', 'Date of birth')).toBe(
      "The restrained person's date of birth 01/02/2099 is in the future.",
    );
    expect(await fields.error('2. Restrained person', 'Weight (lbs)')).toBe(
      'Weight (lbs): -5 is not possible; enter a whole number from 50 to 700.',
    );
    expect(await fields.error('4. Dates of the order', 'Expiration date')).toBe(
      'The expiration date 11/10/2025 must be after the issue date 11/20/2025.',
    );
    // Good values say nothing, and no field is told to "enter" what it holds.
    expect(await fields.error('4. Dates of the order', 'Issue date')).toBeNull();
    expect(await fields.error('Case and form', 'Court case number')).toBeNull();
    expect(await fields.error('2. Restrained person', 'Last name')).toBeNull();
    // Untouched fields stay quiet: exactly the four above are red.
    expect(await fields.invalidCount()).toBe(4);
    await checkScreen('entry-validation-01-messages');
  });

  it('takes a date of birth as 7/10/82 and shows it as 07/10/1982', async () => {
    await fields.type('2. Restrained person', 'Date of birth', '7/10/82');
    expect(await fields.field('2. Restrained person', 'Date of birth').inputValue()).toBe('07/10/1982');
    expect(await fields.error('2. Restrained person', 'Date of birth')).toBeNull();
    await fields.type('4. Dates of the order', 'Issue date', 'the 20th');
    expect(await fields.error('4. Dates of the order', 'Issue date')).toBe(
      'Issue date: enter the date as MM/DD/YYYY.',
    );
    await fields.type('4. Dates of the order', 'Issue date', '2025-11-01');
    expect(await fields.field('4. Dates of the order', 'Issue date').inputValue()).toBe('11/01/2025');
    expect(await fields.error('4. Dates of the order', 'Issue date')).toBeNull();
  });

  it('saves the draft with a wrong field, keeps every other field, and names the field not saved', async () => {
    await entry.saveNow();
    expect(await entry.saveState()).toBe('partial');
    const said = await page.getByTestId('save-state').innerText();
    expect(said).toContain('except Height (inches) and Weight (lbs)');
    expect(await fields.field('2. Restrained person', 'Height (inches)').inputValue()).toBe('abc');
    await checkScreen('entry-validation-02-saved-in-part');

    // Leaving with text that is not saved asks first; the clerk chooses to leave.
    await new Shell(page).go('Drafts');
    await page.getByRole('button', { name: 'Leave and lose the changes' }).click();
    const drafts = new DraftsPage(page);
    await drafts.filter(CASE);
    await page.getByRole('button', { name: `Open draft ${CASE}` }).click();
    await entry.loaded();
    expect(await fields.field('2. Restrained person', 'Last name').inputValue()).toBe('Okafor');
    expect(await fields.field('2. Restrained person', 'Date of birth').inputValue()).toBe('07/10/1982');
    expect(await fields.field('4. Dates of the order', 'Issue date').inputValue()).toBe('11/01/2025');
    expect(await fields.field('2. Restrained person', 'Height (inches)').inputValue()).toBe('');
    expect(await fields.field('2. Restrained person', 'Weight (lbs)').inputValue()).toBe('');
  });

  it("shows a drop-down's chosen value in full at 1280×1024", async () => {
    // The reopened draft names a person, so the registry is asked for conflicting orders first.
    await expect
      .poll(() => entry.conflictCheck().innerText(), { timeout: 20_000 })
      .toMatch(/No conflicting orders|other order|not checked/);
    await entry.chooseCode('2. Restrained person', 'Sex', /^M –/);
    await entry.chooseCode('2. Restrained person', 'Hair color', /^BRO –/);
    await entry.chooseCode('2. Restrained person', 'Race', /^W –/);
    await entry.chooseCode('2. Restrained person', 'Eye color', /^BLU –/);
    const sex = await fields.fits('2. Restrained person', 'Sex');
    expect(sex.value).toBe('M – Male');
    for (const label of ['Sex', 'Hair color', 'Race', 'Eye color']) {
      const box = await fields.fits('2. Restrained person', label);
      expect(box.scroll, `${label}: "${box.value}"`).toBeLessThanOrEqual(box.client);
    }
    // The measure can fail: a value longer than its box scrolls.
    await fields.field('2. Restrained person', 'Suffix').fill('X'.repeat(60));
    const long = await fields.fits('2. Restrained person', 'Suffix');
    expect(long.scroll).toBeGreaterThan(long.client);
    await fields.field('2. Restrained person', 'Suffix').fill('');
    await checkScreen('entry-validation-03-drop-downs');
  });
});
