/**
 * The same page objects against the Electron shell (playwright-core's `_electron`), for workstations
 * that have the Electron binary. Here (CI, ELECTRON_SKIP_BINARY_DOWNLOAD=1) the binary is absent and
 * the suite is skipped, saying why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInPage } from './pages/sign-in-page';
import { screenshot, seriousViolations } from './support/axe';
import { ROOT } from './support/global-setup';
import { electronBinary } from '../../scripts/electron-binary';

const binary = electronBinary();
if (binary === null) {
  console.log(
    'Electron smoke suite skipped: the Electron binary is not installed on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1).',
  );
}

describe.skipIf(binary === null)('the station in Electron (smoke)', () => {
  let app: ElectronApplication;
  let home: string;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'ccpor-electron-'));
    app = await _electron.launch({
      executablePath: binary ?? '',
      args: [ROOT],
      // A throwaway profile: HOME and XDG dirs decide Electron's userData folder on Linux.
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
    });
  });
  afterAll(async () => {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('opens one hardened window on app:// with the sign-in screen and its notice', async () => {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://station/index.html');
    const signIn = new SignInPage(page);
    await signIn.ready();
    expect(await signIn.bannerText()).toMatch(/restricted|authorized/i);
    expect(await signIn.signInButtonEnabled()).toBe(false);
    // No Node in the page; the station API is the only bridge.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(
      await page.evaluate(
        () => typeof (globalThis as { ccporStation?: { invoke?: unknown } }).ccporStation?.invoke,
      ),
    ).toBe('function');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'electron-01-sign-in');
  });
});
