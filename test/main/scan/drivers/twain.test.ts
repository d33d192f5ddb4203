/**
 * The TWAIN/WIA driver's contract with NAPS2's console, with a stand-in for NAPS2 (the real one is
 * Windows-only): the command lines it builds, the files it consumes, the errors it maps.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../src/main/scan/driver';
import { locateNaps2 } from '../../../../src/main/scan/drivers/twain/naps2-locate';
import { TwainDriver, type TwainDriverOptions } from '../../../../src/main/scan/drivers/twain/naps2-driver';
import { collect } from './collect';
import { EventTap } from './event-tap';
import { processesMentioning } from './proc';
import { writeNaps2StandIn } from './naps2-standin';

const LETTER: ScanSettings = {
  resolutionDpi: 300,
  mode: 'gray',
  source: 'feeder',
  widthMm: 215.9,
  heightMm: 279.4,
};

let work: string;
let standIn: string;
let threePages: string;
let argvFile: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ccpor-naps2-test-'));
  standIn = await writeNaps2StandIn(work);
  argvFile = join(work, 'argv.txt');
  threePages = join(work, 'three-pages');
  await mkdir(threePages);
  for (let n = 1; n <= 3; n++) {
    // Page n is n*40 pixels wide, so the test can tell which page arrived where.
    const png = await sharp(Buffer.alloc(n * 40 * 50, 255), {
      raw: { width: n * 40, height: 50, channels: 1 },
    })
      .png()
      .toBuffer();
    await writeFile(join(threePages, `p${n}.png`), png);
  }
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function driver(
  env: Record<string, string> = {},
  extra: Pick<TwainDriverOptions, 'format' | 'stopGraceMs'> = {},
): TwainDriver {
  return new TwainDriver({
    naps2Console: standIn,
    env: { ...process.env, STANDIN_ARGV: argvFile, STANDIN_PAGES: threePages, ...env },
    ...extra,
  });
}

async function recordedArgv(): Promise<string[]> {
  return (await readFile(argvFile, 'utf8')).split('\n').slice(0, -1);
}

describe('TWAIN/WIA driver with a stand-in for NAPS2 (the real one is Windows-only)', () => {
  it('builds the scan command line: device, driver, source, dpi, bit depth, page size, numbered output', async () => {
    const result = await collect(driver().scan('twain:twain:Fujitsu fi-7160', LETTER));
    expect(result.error).toBeUndefined();
    const argv = await recordedArgv();
    const out = argv[argv.indexOf('-o') + 1]!;
    expect(argv).toEqual([
      '--noprofile',
      '--driver',
      'twain',
      '--device',
      'Fujitsu fi-7160',
      '--source',
      'feeder',
      '--dpi',
      '300',
      '--bitdepth',
      'gray',
      '--pagesize',
      '8.5x11in',
      '-o',
      out,
      '--force',
      '--verbose',
    ]);
    expect(out).toMatch(/ccpor-naps2-[^/]+\/page-\$\(nnnn\)\.png$/);
  });

  it('TIFF output on WIA duplex lineart: one G4 file per page (--split), duplex source, bw depth', async () => {
    await collect(
      driver({}, { format: 'tiff' }).scan('twain:wia:HP ScanJet Pro 3000 s4', {
        ...LETTER,
        mode: 'lineart',
        source: 'feeder-duplex',
      }),
    );
    const argv = await recordedArgv();
    expect(argv.slice(0, 11)).toEqual([
      '--noprofile',
      '--driver',
      'wia',
      '--device',
      'HP ScanJet Pro 3000 s4',
      '--source',
      'duplex',
      '--dpi',
      '300',
      '--bitdepth',
      'bw',
    ]);
    expect(argv[argv.indexOf('-o') + 1]).toMatch(/page-\$\(nnnn\)\.tif$/);
    expect(argv.slice(-3)).toEqual(['--split', '--tiffcomp', 'ccitt4']);
  });

  it('reads the files NAPS2 writes in page order, numbers duplex sides, removes its folder', async () => {
    const result = await collect(
      driver().scan('twain:twain:Fujitsu fi-7160', { ...LETTER, source: 'feeder-duplex' }),
    );
    expect(result.error).toBeUndefined();
    const widths = await Promise.all(result.pages.map(async (p) => (await sharp(p.bytes).metadata()).width));
    expect(widths).toEqual([40, 80, 120]); // pages 1, 2, 3 although written 3, 2, 1
    expect(result.pages.map((p) => `${p.index}:${p.sheet}${p.side}`)).toEqual([
      '1:1front',
      '2:1back',
      '3:2front',
    ]);
    expect(result.pages.every((p) => p.format === 'png')).toBe(true);
    expect(result.progress.map((e) => (e.type === 'progress' ? e.message : ''))).toEqual([
      'Scanned page 1.',
      'Scanned page 2.',
      'Scanned page 3.',
    ]);
    await expect(readdir(dirname(result.pages[0]!.origin))).rejects.toThrow();
  });

  it('writes into a folder made inside the configured spool folder, and removes it', async () => {
    const spoolDir = join(work, 'spool');
    await mkdir(spoolDir, { mode: 0o700 });
    const job = new TwainDriver({
      naps2Console: standIn,
      env: { ...process.env, STANDIN_ARGV: argvFile, STANDIN_PAGES: threePages },
      spoolDir,
    }).scan('twain:twain:Fujitsu fi-7160', LETTER);
    const result = await collect(job);
    expect(result.error).toBeUndefined();
    expect(result.pages).toHaveLength(3);
    const argv = await recordedArgv();
    expect(dirname(dirname(argv[argv.indexOf('-o') + 1]!))).toBe(spoolDir);
    expect(result.pages.every((p) => dirname(dirname(p.origin)) === spoolDir)).toBe(true);
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it.each([
    ['The scanner has a paper jam.', 'PAPER_JAM', 3],
    ["The scanner's cover is open.", 'COVER_OPEN', 3],
    ['The selected scanner is busy.', 'DEVICE_BUSY', 3],
    ['The selected scanner could not be found.', 'DEVICE_GONE', 3],
  ])('maps "%s" to %s, after delivering the %i pages written', async (message, code, pages) => {
    const result = await collect(
      driver({ STANDIN_MESSAGE: message }).scan('twain:twain:Fujitsu fi-7160', LETTER),
    );
    expect(result.pages).toHaveLength(pages);
    expect(result.error?.code).toBe(code);
    expect(result.error?.message).toContain(message);
  });

  it('"No pages are in the feeder." with nothing written is FEEDER_EMPTY', async () => {
    const empty = join(work, 'empty');
    await mkdir(empty, { recursive: true });
    const result = await collect(
      driver({ STANDIN_PAGES: empty, STANDIN_MESSAGE: 'No pages are in the feeder.' }).scan(
        'twain:twain:Fujitsu fi-7160',
        LETTER,
      ),
    );
    expect(result.pages).toHaveLength(0);
    expect(result.error?.code).toBe('FEEDER_EMPTY');
  });

  it('an unexplained failure exit is IO_ERROR with NAPS2 last words', async () => {
    const result = await collect(
      driver({ STANDIN_EXIT: '3', STANDIN_MESSAGE: 'Something odd happened' }).scan(
        'twain:twain:Fujitsu fi-7160',
        LETTER,
      ),
    );
    expect(result.error?.code).toBe('IO_ERROR');
    expect(result.error?.message).toContain('Something odd happened');
  });

  it('a file NAPS2 wrote that is not a whole image becomes a page error; the other pages still come', async () => {
    const mixed = join(work, 'mixed');
    await mkdir(mixed, { recursive: true });
    const good = await readFile(join(threePages, 'p1.png'));
    await writeFile(join(mixed, 'a.png'), good);
    await writeFile(join(mixed, 'b.png'), good.subarray(0, good.length - 20)); // truncated
    await writeFile(join(mixed, 'c.png'), good);
    const result = await collect(
      driver({ STANDIN_PAGES: mixed }).scan('twain:twain:Fujitsu fi-7160', LETTER),
    );
    expect(result.pages.map((p) => p.index)).toEqual([1, 3]);
    expect(result.pageErrors.map((e) => [e.index, e.error.code])).toEqual([[2, 'CORRUPT_IMAGE']]);
  });

  it('lists TWAIN and WIA devices through --listdevices', async () => {
    const devices = await driver().listDevices();
    expect(devices.map((d) => d.id)).toEqual([
      'twain:twain:Fujitsu fi-7160',
      'twain:twain:Canon DR-C225',
      'twain:wia:HP ScanJet Pro 3000 s4',
    ]);
    expect(await recordedArgv()).toEqual(['--listdevices', '--driver', 'wia']);
  });

  it('cancel mid-scan ends the NAPS2 process (SIGTERM); no page, no folder, events end quietly', async () => {
    // The stand-in prints its "Scanned page" lines, then sleeps (20 s) before writing any file. The
    // cancel comes on the first of those lines, so NAPS2 is running and mid-scan. The grace before
    // SIGKILL is longer than the test: only the SIGTERM can end it before its sleep does.
    const trace = join(work, 'cancel-trace.txt');
    const job = driver({ STANDIN_SLEEP: '20', STANDIN_TRACE: trace }, { stopGraceMs: 600_000 }).scan(
      'twain:twain:Fujitsu fi-7160',
      LETTER,
    );
    const tap = new EventTap(job);
    await tap.waitFor((t) => t.messages.includes('Scanned page 1.'));
    const argv = await recordedArgv();
    const outputFolder = dirname(argv[argv.indexOf('-o') + 1]!);
    expect(await readdir(outputFolder)).toEqual([]); // exists, nothing written yet
    await job.cancel();
    await tap.done;
    expect(tap.error).toBeUndefined();
    expect(tap.pages).toHaveLength(0);
    // Ended by the cancel's signal, not by getting to the end of its sleep.
    expect(await readFile(trace, 'utf8')).toBe('ended by SIGTERM\n');
    await expect(readdir(outputFolder)).rejects.toMatchObject({ code: 'ENOENT' });
    const leftovers = (await readdir(tmpdir())).filter(
      (n) => n.startsWith('ccpor-naps2-') && !n.startsWith('ccpor-naps2-test-'),
    );
    expect(leftovers).toEqual([]);
    expect(await processesMentioning(standIn)).toEqual([]);
  });

  it('reports DRIVER_MISSING clearly when NAPS2 is not installed', async () => {
    const missing = new TwainDriver({ env: { PATH: '/usr/bin' }, platform: 'linux' });
    await expect(missing.listDevices()).rejects.toMatchObject({
      code: 'DRIVER_MISSING',
      message: expect.stringMatching(/NAPS2/) as unknown,
    });
    const result = await collect(missing.scan('twain:twain:Fujitsu fi-7160', LETTER));
    expect(result.error?.code).toBe('DRIVER_MISSING');
    const misconfigured = new TwainDriver({ naps2Console: join(work, 'nowhere', 'NAPS2.Console.exe') });
    await expect(misconfigured.capabilities('twain:wia:x')).rejects.toMatchObject({
      code: 'DRIVER_MISSING',
      message: expect.stringContaining('nowhere') as unknown,
    });
  });

  it('finds NAPS2 in the standard Windows install locations (Program Files tree simulated in a temp folder)', async () => {
    const programFiles = join(work, 'Program Files');
    await mkdir(join(programFiles, 'NAPS2'), { recursive: true });
    await writeFile(join(programFiles, 'NAPS2', 'NAPS2.Console.exe'), '');
    const found = await locateNaps2({ platform: 'win32', env: { ProgramFiles: programFiles } });
    expect(found).toEqual({ found: true, path: join(programFiles, 'NAPS2', 'NAPS2.Console.exe') });
    const none = await locateNaps2({ platform: 'win32', env: { ProgramFiles: join(work, 'elsewhere') } });
    expect(none.found).toBe(false);
  });
});
