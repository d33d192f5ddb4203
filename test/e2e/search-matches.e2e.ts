/**
 * Statewide search as a court clerk types it, in Debian's Chromium through the browser host on the
 * demo registry: a date of birth typed as 7/10/82 or 07/10/1982, a date the station cannot read
 * (the labelled message, and no results left from the search before), and results that say how
 * each matched, exact first. Every screen gets axe-core and a 1280×1024 screenshot.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/main/registry-client';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import type { SearchHit } from '../../src/shared/api';
import { localIsoDate } from '../../src/shared/util/dates';
import { formatCourtDate } from '../../src/shared/util/typed-date';
import { completeOrder } from '../server/support/orders';
import { SearchPage } from './pages/search-page';
import { Shell } from './pages/shell';
import { SignInPage } from './pages/sign-in-page';
import { screenshot, axeViolations } from './support/axe';
import { launchChromium, openStation } from './support/browser';
import { startStack, type Stack } from './support/stack';

const USER = 'alameda.clerk';
/** Another clerk of the same court, who puts this test's own orders in the registry. */
const OTHER_CLERK = 'alameda.clerk2';

let stack: Stack;
let browser: Browser;
let page: Page;
let registry: RegistryClient;

async function checkScreen(name: string): Promise<void> {
  await screenshot(page, name);
  expect(await axeViolations(page), `axe on ${name}`).toEqual([]);
}

/** `1982-07-10` as a clerk might type it in a hurry: `7/10/82`. */
function shortUsDate(iso: string): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  return `${Number(month)}/${Number(day)}/${year.slice(2)}`;
}

beforeAll(async () => {
  stack = await startStack();
  registry = new RegistryClient({ baseUrl: stack.registryUrl() });
  await registry.signIn({
    username: OTHER_CLERK,
    password: DEMO_PASSWORD,
    totp: totpAt(demoTotpSecret(OTHER_CLERK), Date.now() / 1000),
  });
  browser = await launchChromium();
  page = await openStation(browser, stack.host.url);
  const signIn = new SignInPage(page);
  await signIn.ready();
  await signIn.signIn(USER, DEMO_PASSWORD, totpAt(demoTotpSecret(USER), Date.now() / 1000));
  await new Shell(page).go('Search');
});

afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('statewide search as a clerk types it', () => {
  let seeded: SearchHit;

  it('finds a seeded person by a date of birth typed as 7/10/82 or as 07/10/1982', async () => {
    // A person from the demo data set, as the registry has them.
    const demo = await registry.search({
      scope: 'statewide',
      status: 'active',
      sort: 'caseNumber',
      pageSize: 50,
    });
    const hit = demo.hits.find((h) => h.restrainedDob !== null && h.restrainedName.last && h.caseNumber);
    expect(hit, 'a seeded active order with a date of birth').toBeDefined();
    seeded = hit!;
    const dob = seeded.restrainedDob!;
    const search = new SearchPage(page);

    await search.search({ lastName: seeded.restrainedName.last!, dob: shortUsDate(dob) });
    expect(await search.results().allInnerTexts()).toContainEqual(
      expect.stringContaining(seeded.caseNumber!),
    );
    // The date is shown back the court's way, in the field and in the results.
    expect(await search.fieldValue('Date of birth')).toBe(formatCourtDate(dob));
    expect(await search.results().filter({ hasText: seeded.caseNumber! }).innerText()).toContain(
      formatCourtDate(dob),
    );
    await checkScreen('search-dob-typed');

    await search.search({ lastName: '', dob: formatCourtDate(dob) });
    expect(await search.results().allInnerTexts()).toContainEqual(
      expect.stringContaining(seeded.caseNumber!),
    );
  });

  it('names the field in a date it cannot read, and leaves no results from the search before', async () => {
    const search = new SearchPage(page);
    expect(await search.results().count()).toBeGreaterThan(0);
    await search.searchRefused({ lastName: seeded.restrainedName.last!, dob: '13/45/1982' });
    expect(await search.fieldError('Date of birth')).toBe('Date of birth: enter the date as MM/DD/YYYY');
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('query.dob');
    // The keyboard is put where the fix is.
    expect(await search.focusedField()).toBe('dob');
    await checkScreen('search-dob-refused');

    // Fixed, the search runs again and the message goes.
    await search.search({ dob: seeded.restrainedDob! });
    expect(await search.fieldError('Date of birth')).toBe('');
    expect(await search.results().count()).toBeGreaterThan(0);
  });

  it('says how each result matched, exact first, then similar spellings, then sound-alikes', async () => {
    // Three people of this court (drafts the clerk's court may search): the name as typed, one
    // spelt two letters differently, and one that only sounds the same (Double Metaphone SPRS).
    const today = localIsoDate(new Date());
    const people = { exact: 'Zabriskie', similar: 'Zabriskey', soundsLike: 'Sabersky' } as const;
    const cases: Record<keyof typeof people, string> = { exact: '', similar: '', soundsLike: '' };
    for (const key of Object.keys(people) as (keyof typeof people)[]) {
      const order = completeOrder(today, { last: people[key], first: 'Dana', dob: '1982-07-10' });
      await registry.createOrder({ order }, randomUUID());
      cases[key] = order.caseNumber ?? '';
    }
    const search = new SearchPage(page);
    await search.search({ lastName: 'Zabriskie', dob: '' });
    expect(await search.matchOf(cases.exact)).toBe('Exact match');
    expect(await search.matchOf(cases.similar)).toBe('Similar spelling');
    expect(await search.matchOf(cases.soundsLike)).toBe('Sounds like');
    const words = await search.matchWords();
    const rank = (w: string) => ['Exact match', 'Similar spelling', 'Sounds like'].indexOf(w);
    expect(words.every((w) => rank(w) >= 0)).toBe(true);
    expect(words.map(rank)).toEqual([...words.map(rank)].sort((a, b) => a - b));
    expect((await search.results().first().innerText()).toUpperCase()).toContain('ZABRISKIE');
    await checkScreen('search-match-kinds');
  });
});
