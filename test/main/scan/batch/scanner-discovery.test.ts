/**
 * The remembered scanner list, over the real drivers: the hot-folder driver on real folders and the
 * SANE driver running the real `scanimage` with a SANE configuration that enables only the `test`
 * backend (so listing answers in milliseconds, test:0 and test:1). "sane-utils uninstalled" is made
 * real by emptying the PATH scanimage is looked up on. Time is a controlled clock.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../../../src/main/log/station-log';
import { ScannerDiscovery } from '../../../../src/main/scan/batch/scanner-discovery';
import { FolderDriver, SaneDriver } from '../../../../src/main/scan/drivers';
import { useTempDir } from '../../../support/temp';

const tempDir = useTempDir('scanner-discovery-');

function rig() {
  const root = tempDir();
  const saneConfig = join(root, 'sane.d');
  mkdirSync(saneConfig);
  writeFileSync(join(saneConfig, 'dll.conf'), 'test\n');
  const first = join(root, 'first');
  const second = join(root, 'second');
  mkdirSync(first);
  // Read by the driver at every listing: emptying PATH uninstalls scanimage for it.
  const saneEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, SANE_CONFIG_DIR: saneConfig };
  let clock = new Date('2026-03-02T17:04:00Z');
  const discovery = new ScannerDiscovery({
    drivers: [new FolderDriver({ folders: [first, second] }), new SaneDriver({ env: saneEnv })],
    log: silentLog(),
    now: () => clock,
  });
  return {
    discovery,
    first,
    second,
    saneEnv,
    emptyDir: root,
    advance: (minutes: number): void => {
      clock = new Date(clock.getTime() + minutes * 60_000);
    },
  };
}

describe('the scanner discovery cache', () => {
  it('looks for scanners on the first call and remembers what it found', async () => {
    const { discovery, first } = rig();
    const list = await discovery.list();
    expect(list.discoveries).toBe(1);
    expect(list.discoveredAt).toBe('2026-03-02T17:04:00.000Z');
    expect(list.devices.map((d) => d.id)).toEqual([`folder:${first}`, 'sane:test:0', 'sane:test:1']);
    expect(list.problems).toEqual([]);
  });

  it('serves later calls from the cache without looking again', async () => {
    const { discovery, second, advance } = rig();
    discovery.start();
    const before = await discovery.list();
    // A scanner that appears now is not seen until someone asks to look again.
    mkdirSync(second);
    advance(5);
    const later = await discovery.list();
    expect(later).toEqual(before);
    expect(later.discoveries).toBe(1);
  });

  it('joins a look already under way instead of starting a second one', async () => {
    const { discovery } = rig();
    discovery.start();
    const [a, b] = await Promise.all([discovery.list(), discovery.refresh()]);
    expect(a.discoveries).toBe(1);
    expect(b.discoveries).toBe(1);
  });

  it('looks again on refresh: new scanners appear, gone ones go, and the time is the new look', async () => {
    const { discovery, first, second, advance } = rig();
    await discovery.list();
    mkdirSync(second);
    rmSync(first, { recursive: true });
    advance(7);
    const refreshed = await discovery.refresh();
    expect(refreshed.discoveries).toBe(2);
    expect(refreshed.discoveredAt).toBe('2026-03-02T17:11:00.000Z');
    expect(refreshed.devices.map((d) => d.id)).toEqual([`folder:${second}`, 'sane:test:0', 'sane:test:1']);
    expect(await discovery.list()).toEqual(refreshed);
  });

  it('keeps the last list of a driver that fails while looking again, and says why', async () => {
    const { discovery, saneEnv, emptyDir, advance } = rig();
    await discovery.list();
    saneEnv.PATH = emptyDir;
    advance(1);
    const refreshed = await discovery.refresh();
    expect(refreshed.discoveries).toBe(2);
    expect(refreshed.devices.map((d) => d.id)).toContain('sane:test:0');
    expect(refreshed.problems).toEqual([
      {
        driver: 'sane',
        message: expect.stringMatching(
          /^The SANE scanners could not be listed\. The scanning software for this scanner is not installed on this computer\..*The scanners found before are still listed\.$/,
        ) as unknown,
      },
    ]);
  });

  it('reports a driver that fails at the first look, with nothing to keep', async () => {
    const { discovery, saneEnv, emptyDir, first } = rig();
    saneEnv.PATH = emptyDir;
    const list = await discovery.list();
    expect(list.devices.map((d) => d.id)).toEqual([`folder:${first}`]);
    expect(list.problems).toHaveLength(1);
    expect(list.problems[0]?.message).not.toContain('found before');
  });

  it('refuses to start a scan on a scanner the last look did not find', async () => {
    const { discovery, first } = rig();
    await discovery.list();
    expect(() => {
      discovery.requireKnown(`folder:${first}`);
    }).not.toThrow();
    expect(() => {
      discovery.requireKnown('sane:fujitsu:fi-7160:1');
    }).toThrow(/not found when the station last looked for scanners.*Refresh scanners/);
  });
});
