/** The station's drivers: which ones it offers, from its settings and environment, and which ones this machine can use. */
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

  it("gives SANE the station's spool folder: made 0700 and emptied of a crash's leftovers", async () => {
    const spoolDir = join(work, 'data', 'spool');
    await mkdir(join(spoolDir, 'ccpor-sane-left'), { recursive: true, mode: 0o755 });
    await chmod(spoolDir, 0o755);
    await writeFile(join(spoolDir, 'ccpor-sane-left', 'page-0001.pnm'), 'P5 left by a crash');
    const drivers = stationDrivers(join(work, 'hot'), { spoolDir, withSaneTest: true }, {}, 'linux');
    expect((await stat(spoolDir)).mode & 0o777).toBe(0o700);
    expect(await readdir(spoolDir)).toEqual([]);
    const sane = drivers.find((d) => d.name === 'sane');
    const settings = {
      resolutionDpi: 75,
      mode: 'gray',
      source: 'flatbed',
      widthMm: 20,
      heightMm: 20,
    } as const;
    let origin = '';
    for await (const event of sane!.scan('sane:test', settings).events) {
      if (event.type === 'page') origin = event.page.origin;
    }
    expect(dirname(dirname(origin))).toBe(spoolDir);
    expect(await readdir(spoolDir)).toEqual([]);
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
