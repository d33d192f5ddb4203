/** Debian's Chromium through playwright-core, with the flags CI needs, at the size of a clerk's screen. */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 1024 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * Opens the station in a new browser context (its own cookies) at `launchUrl`, a one-time launch
 * address of the browser host (`host.launchUrl()`): the host spends the code, sets its session
 * cookie and sends the page to `/`. Fails with the host's page when the address is refused.
 */
export async function openStation(browser: Browser, launchUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    console.error(`renderer error: ${error.message}`);
  });
  const response = await page.goto(launchUrl);
  if (response?.status() !== 200 || new URL(page.url()).pathname !== '/') {
    throw new Error(
      `The station did not open (${response?.status() ?? 'no answer'} at ${new URL(page.url()).pathname}): ${await page.innerText('body')}`,
    );
  }
  return page;
}
