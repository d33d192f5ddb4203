/**
 * The browser host's one-time launch address in Debian's Chromium, on the real stack: the address
 * opens the station once (the sign-in screen connects over the WebSocket with the HttpOnly cookie,
 * which no script sees, and the code leaves the address bar); the same address in a fresh browser
 * is refused with a plain page; a browser without the cookie gets the page but no connection.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/sign-in-page';
import { launchChromium, openStation, VIEWPORT } from './support/browser';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await stack.close();
});

describe('the one-time launch address in a browser', () => {
  it('opens the station once; the cookie is invisible to the page; the spent address is refused elsewhere', async () => {
    const url = stack.host.launchUrl();
    const page = await openStation(browser, url);
    await new SignInPage(page).ready(); // the renderer reached the station over the WebSocket
    expect(page.url()).toBe(`http://127.0.0.1:${stack.host.port}/`);
    // (This file is compiled with Node's types, not the DOM's: the page's document by its shape.)
    const pageCookie = await page.evaluate(
      () => (globalThis as unknown as { document: { cookie: string } }).document.cookie,
    );
    expect(pageCookie).toBe('');
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([
      expect.objectContaining({
        name: `ccpor-station-${stack.host.port}`,
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        expires: -1, // ends with the browser session
      }),
    ]);
    // A reload keeps the connection possible (same cookie), with no code in the address.
    await page.reload();
    await new SignInPage(page).ready();

    // The same address, later, in another browser (history, a copy): refused, no cookie.
    const other = await browser.newContext({ viewport: VIEWPORT });
    const stranger = await other.newPage();
    const refused = await stranger.goto(url);
    expect(refused?.status()).toBe(403);
    expect(await stranger.innerText('body')).toContain('already been used or has expired');
    expect(await other.cookies()).toEqual([]);

    // The station's page without the cookie loads, but the station does not let it in.
    await stranger.goto(`http://127.0.0.1:${stack.host.port}/`);
    await expect.poll(() => stranger.innerText('#root')).toContain('The station did not let this page in');
    await other.close();
    await page.context().close();
  });
});
