/** The driver registry: building drivers by name and telling which ones this machine can use. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver, detectDrivers, DRIVER_NAMES } from '../../../../src/main/scan/drivers';

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-registry-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('scanner driver registry', () => {
  it('creates each driver by name', () => {
    for (const name of DRIVER_NAMES) expect(createDriver(name).name).toBe(name);
  });

  it('refuses an unknown driver name with DRIVER_MISSING on field driver', () => {
    expect(() => createDriver('scanner.js')).toThrow(
      expect.objectContaining({ code: 'DRIVER_MISSING', field: 'driver' }) as Error,
    );
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
