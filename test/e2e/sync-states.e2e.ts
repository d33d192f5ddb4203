/**
 * Sync states a person can act on (issue 17), in Debian's Chromium through the browser host, on the
 * real registry (PGlite) and station: the header and the status bar say the same thing in every
 * state; "Sync now" answers; a submission is confirmed with what DOJ does next; after an offline
 * unlock, "Sign in to send" signs in to the registry right there and the changes go; the conflict
 * dialog names fields as the form does and says who changed the registry's version and when.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/main/registry-client';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { DEFAULT_SETTINGS } from '../../src/shared/ipc/settings';
import type { ProtectiveOrder } from '../../src/shared/order';
import { addDays } from '../../src/shared/util/dates';
import { completeOrder } from '../support/orders';
import { ConflictsDialog } from './pages/conflicts-dialog';
import { DraftsPage } from './pages/drafts-page';
import { EntryPage } from './pages/entry-page';
import { Shell } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';
import { SyncStatus } from './pages/sync-status';
import { screenshot, axeViolations } from './support/axe';
import { launchChromium, openStation } from './support/browser';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';
const SUBMIT_CASE = 'FL-2026-017001';
const OFFLINE_CASE = 'FL-2026-017002';

let stack: Stack;
let browser: Browser;
let page: Page;
/** Accepted sign-ins per user: the registry refuses a code twice, so each takes the next time step. */
const accepted = new Map<string, number>();
/** A code in the right shape for attempts the registry refuses or never sees (it is down). */
const ANY_CODE = '000000';

function nextCode(username = USER): string {
  const used = accepted.get(username) ?? 0;
  accepted.set(username, used + 1);
  return totpAt(demoTotpSecret(username), Date.now() / 1000 + used * 30);
}

async function checkScreen(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1024 });
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

/** Waits until the header and the status bar agree on `state`, and returns their words. */
async function agreedOn(state: string): Promise<string> {
  const sync = new SyncStatus(page);
  await expect.poll(async () => (await sync.both()).state, { timeout: 30_000 }).toBe(state);
  const both = await sync.both();
  expect(both.header).toBe(both.footer);
  return both.header;
}

/** A complete order of this station's court, issued three days ago, saved as the clerk's draft. */
function saveDraft(caseNumber: string): ProtectiveOrder {
  const today = new Date().toISOString().slice(0, 10);
  const order = completeOrder({
    id: randomUUID(),
    court: DEFAULT_SETTINGS.court,
    caseNumber,
    issueDate: addDays(today, -3),
    hearing: { date: addDays(today, -3), department: '12' },
    expirationDate: addDays(today, 3 * 365),
  });
  const user = stack.station.session.requireUser();
  stack.station.store.drafts.save(order, user);
  void stack.station.sync.syncNow().catch(() => undefined);
  return order;
}

async function openDraft(caseNumber: string): Promise<void> {
  const shell = new Shell(page);
  await shell.go('Drafts');
  const drafts = new DraftsPage(page);
  await drafts.filter(caseNumber);
  await page.getByRole('button', { name: `Open draft ${caseNumber}` }).click();
  await new EntryPage(page).loaded();
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
  const signIn = new SignInPage(page);
  await signIn.ready();
  await signIn.signIn(USER, DEMO_PASSWORD, nextCode());
  // Signed in online once: this user may unlock offline later.
  await stack.station.session.settled();
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('sync states a person can act on', () => {
  it('says the same in the header and the status bar when everything is sent, and "Sync now" answers', async () => {
    expect(await agreedOn('idle')).toBe('Everything is sent.');
    const sync = new SyncStatus(page);
    expect(await sync.syncNow()).toBe('Sent and checked for changes: everything is up to date.');
    await checkScreen('sync-01-up-to-date');
  });

  it('confirms a submission with what happens next at the registry and DOJ (CARPOS)', async () => {
    saveDraft(SUBMIT_CASE);
    await expect
      .poll(() => new SyncStatus(page).both().then((b) => b.state), { timeout: 30_000 })
      .toBe('idle');
    await openDraft(SUBMIT_CASE);
    await page.getByRole('button', { name: 'Submit with complete CARPOS data' }).click();
    const confirmation = new SyncStatus(page).submitConfirmation();
    await confirmation.waitFor();
    const text = await confirmation.innerText();
    expect(text).toContain(`Case ${SUBMIT_CASE} was submitted.`);
    expect(text).toContain('sent to the registry');
    expect(text).toContain('“Sent to DOJ”');
    expect(text).toContain('file control number (FCN)');
    expect(await page.getByRole('dialog', { name: 'Order submitted' }).isVisible()).toBe(true);
    await checkScreen('sync-02-submit-confirmation');
    await page.getByRole('button', { name: 'OK' }).click();
    expect(await agreedOn('idle')).toBe('Everything is sent.');
  });

  it('says the same in both places while the registry does not answer, and "Sync now" says why it could not send', async () => {
    await stack.stopRegistry();
    const sync = new SyncStatus(page);
    expect(await sync.syncNow()).toBe(
      'Not sent: the registry does not answer. Your changes are kept on this station and go when it answers.',
    );
    expect(await agreedOn('offline')).toBe('The registry does not answer.');
    await checkScreen('sync-03-offline');
  });

  it('after an offline unlock, offers "Sign in to send" once the registry is back; a wrong password loses nothing; the changes go', async () => {
    const shell = new Shell(page);
    await shell.signOut();
    const signIn = new SignInPage(page);
    await signIn.ready();
    await page.getByLabel('I have read this notice and I accept its terms').check();
    await page.getByLabel('User name').fill(USER);
    await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
    await page.getByLabel('6-digit code from your authenticator app').fill(ANY_CODE);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Unlock offline' }).click();
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();

    const order = saveDraft(OFFLINE_CASE);
    const sync = new SyncStatus(page);
    await expect
      .poll(() => page.getByTestId('sync-pending').innerText(), { timeout: 30_000 })
      .toBe('1 change is waiting to be sent.');
    expect(await agreedOn('signed-out')).toBe('Sign in to the registry to send your changes.');
    expect(await sync.syncNow()).toBe(
      'Not sent: you are not signed in to the registry. Press “Sign in to send”.',
    );

    await stack.startRegistry();
    await sync.openSignIn();
    await sync.signIn('not the password', ANY_CODE);
    await sync.signInProblem().waitFor();
    expect(await sync.signInProblem().innerText()).toContain(
      'The password or the code is wrong. Nothing was lost: your changes stay on this station.',
    );
    await checkScreen('sync-04-sign-in-to-send');
    expect(await page.getByTestId('sync-pending').innerText()).toBe('1 change is waiting to be sent.');

    await sync.signIn(DEMO_PASSWORD, nextCode());
    await sync.signInDialog().waitFor({ state: 'hidden' });
    expect(await page.getByTestId('signed-in-user').innerText()).not.toContain('(offline)');
    expect(await agreedOn('idle')).toBe('Everything is sent.');
    expect(await page.getByTestId('sync-pending').innerText()).toBe('Nothing is waiting to be sent.');
    const other = new RegistryClient({ baseUrl: stack.registryUrl() });
    try {
      await other.signIn({
        username: 'alameda.clerk2',
        password: DEMO_PASSWORD,
        totp: nextCode('alameda.clerk2'),
      });
      expect((await other.getOrder(order.id)).order.caseNumber).toBe(OFFLINE_CASE);
    } finally {
      other.close();
    }
  });

  it('names conflicting fields as the form does and says who changed the registry version and when', async () => {
    const store = stack.station.store;
    const [summary] = store.drafts.list({ text: OFFLINE_CASE });
    const draft = store.drafts.mustGet(summary?.id ?? '');
    const base = draft.registryVersion ?? 0;
    expect(base).toBeGreaterThan(0);
    const other = new RegistryClient({ baseUrl: stack.registryUrl() });
    try {
      await other.signIn({
        username: 'alameda.clerk2',
        password: DEMO_PASSWORD,
        totp: nextCode('alameda.clerk2'),
      });
      // A stale update, as in station.e2e.ts: the other clerk changes the order in the registry
      // while this station, sync paused, changes the same fields.
      await stack.station.sync.stop();
      const person = draft.order.restrainedPerson;
      const theirs = {
        ...draft.order,
        restrainedPerson: { ...person, name: { ...person.name, first: 'Marla' } },
      };
      await other.updateOrder(draft.id, { order: theirs, baseVersion: base }, randomUUID());
      const mine = {
        ...draft.order,
        restrainedPerson: { ...person, name: { ...person.name, first: 'Marlowe' } },
      };
      store.drafts.save(mine, stack.station.session.requireUser());
      stack.station.sync.start();

      const conflicts = new ConflictsDialog(page);
      await conflicts.open();
      expect(await conflicts.fields(OFFLINE_CASE)).toEqual(['Restrained person — first name']);
      const changedBy = await conflicts.changedBy(OFFLINE_CASE);
      expect(changedBy).toMatch(
        /^The registry’s version was changed by Alameda Second Clerk \(demo\) \(alameda\.clerk2\) today at (1[0-2]|[1-9]):[0-5]\d (AM|PM)\./,
      );
      expect(await agreedOn('error')).toBe('A change needs your decision.');
      await checkScreen('sync-05-conflict-labels');
      await conflicts.choose(OFFLINE_CASE, 'Restrained person — first name', 'theirs');
      await conflicts.useMyChoices(OFFLINE_CASE);
      await conflicts.noneWaiting().waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => store.drafts.mustGet(draft.id).syncState, { timeout: 30_000 }).toBe('synced');
      expect((await other.getOrder(draft.id)).order.restrainedPerson.name.first).toBe('Marla');
    } finally {
      other.close();
    }
  });
});
