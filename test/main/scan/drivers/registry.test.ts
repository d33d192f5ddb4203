/** The station's drivers: which ones it offers, from its settings and environment, and which ones this machine can use. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDrivers, stationDrivers } from '../../../../src/main/scan/drivers';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-registry-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scanner driver registry', () => {
  it('offers the hot folder and those in CCPOR_HOT_FOLDERS, SANE or TWAIN by platform, and CCPOR_ESCL_URLS', async () => {
    const hot = join(work, 'hot');
    const extra = join(work, 'kofax-out');
    await mkdir(hot);
    await mkdir(extra);
    const env = { CCPOR_HOT_FOLDERS: extra, CCPOR_ESCL_URLS: 'http://10.0.0.5/eSCL, http://10.0.0.6/eSCL' };
    const linux = stationDrivers(hot, {}, env, 'linux');
    expect(linux.map((d) => d.name)).toEqual(['folder', 'sane', 'escl']);
    const folders = await linux[0]?.listDevices();
    expect(folders?.map((d) => d.id)).toEqual([`folder:${hot}`, `folder:${extra}`]);
    expect(stationDrivers(hot, {}, {}, 'win32').map((d) => d.name)).toEqual(['folder', 'twain']);
  });

  it('detects this machine: scanimage on PATH, nothing else configured', async () => {
    const found = await detectDrivers({ twain: { platform: 'linux' } }, { PATH: process.env.PATH ?? '' });
    const byName = Object.fromEntries(found.map((d) => [d.name, d]));
    expect(byName.sane).toMatchObject({
      usable: true,
      reason: expect.stringContaining('scanimage found at') as unknown,
    });
    expect(byName.escl).toMatchObject({
      usable: false,
      reason: expect.stringContaining('CCPOR_ESCL_URLS') as unknown,
    });
    expect(byName.twain).toMatchObject({
      usable: false,
      reason: expect.stringContaining('NAPS2') as unknown,
    });
    expect(byName.folder).toMatchObject({
      usable: false,
      reason: expect.stringContaining('CCPOR_HOT_FOLDERS') as unknown,
    });
  });

  it('reports each driver usable once configured, and why not when not', async () => {
    const console = join(work, 'NAPS2.Console.exe');
    await writeFile(console, '');
    const env = {
      PATH: join(work, 'empty-bin'),
      CCPOR_ESCL_URLS: 'http://10.0.0.5/eSCL',
      CCPOR_NAPS2_CONSOLE: console,
      CCPOR_HOT_FOLDERS: work,
    };
    const found = Object.fromEntries((await detectDrivers({}, env)).map((d) => [d.name, d]));
    expect(found.sane).toMatchObject({
      usable: false,
      reason: expect.stringContaining('apt install sane-utils') as unknown,
    });
    expect(found.escl).toMatchObject({
      usable: true,
      reason: expect.stringContaining('http://10.0.0.5/eSCL') as unknown,
    });
    expect(found.twain).toMatchObject({ usable: true, reason: `NAPS2 console found at ${console}.` });
    expect(found.folder).toMatchObject({ usable: true, reason: `Watching ${work}.` });
    const missing = await detectDrivers({ folder: { folders: [join(work, 'nope')] } }, env);
    expect(missing.find((d) => d.name === 'folder')).toMatchObject({
      usable: false,
      reason: expect.stringContaining('nope') as unknown,
    });
  });
});
