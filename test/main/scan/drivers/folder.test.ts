/**
 * The hot-folder driver on real files in a temporary folder: files written in chunks between polls,
 * renamed in, dropped twice, damaged, vanishing, multi-page TIFF, and a restart that must not take a
 * stored file again. A file whose pages are all stored is removed (no plain copy of a court order
 * stays behind); one that cannot be read stays, in rejected/.
 *
 * No test depends on the machine's speed. Most run the driver on a ManualClock: a poll pass runs
 * only when the test runs it, and the test's await ends when the pass is over, so "nothing arrived"
 * is "nothing arrived after these passes" and the grace and idle periods are measured on that clock.
 * One test runs on the default system clock (the timer path the station uses) and only awaits
 * events. Nothing sleeps.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../src/main/scan/driver';
import {
  FolderDriver,
  type FolderDriverOptions,
} from '../../../../src/main/scan/drivers/folder/folder-driver';
import type { TakenJournal, TakenRecord } from '../../../../src/main/scan/drivers/folder/taken-journal';
import { EventTap } from './event-tap';
import { multiPageTiff, pngPage } from './images';
import { ManualClock } from './manual-clock';

const SETTINGS: ScanSettings = {
  resolutionDpi: 300,
  mode: 'gray',
  source: 'feeder',
  widthMm: 215.9,
  heightMm: 279.4,
};
const FAST = { pollIntervalMs: 40, incompleteGraceMs: 400 };

let folder: string;
const taps: EventTap[] = [];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ccpor-hot-'));
});
afterEach(async () => {
  await Promise.all(taps.splice(0).map((t) => t.job.cancel()));
  await rm(folder, { recursive: true, force: true });
});

function watch(driver = new FolderDriver(FAST), settings = SETTINGS): EventTap {
  const tap = new EventTap(driver.scan(`folder:${folder}`, settings));
  taps.push(tap);
  return tap;
}

/** A driver whose poll passes run only when the test says (see ManualClock). */
function manual(options: Partial<FolderDriverOptions> = {}): { clock: ManualClock; driver: FolderDriver } {
  const clock = new ManualClock();
  return { clock, driver: new FolderDriver({ ...FAST, ...options, clock }) };
}

/**
 * Runs poll passes until `predicate` holds; returns how many it took. Fails when the batch ends
 * first or after `maxPasses` passes (a bound counted in passes of the controlled clock, not in time).
 */
async function pollUntil(
  clock: ManualClock,
  tap: EventTap,
  predicate: (tap: EventTap) => boolean,
  what: string,
  maxPasses = 40,
): Promise<number> {
  let ran = 0;
  while (!predicate(tap)) {
    if (tap.finished) throw new Error(`the batch ended before ${what}`);
    if (ran >= maxPasses) throw new Error(`no ${what} after ${maxPasses} poll passes`);
    await clock.next();
    ran += 1;
  }
  return ran;
}

/** Runs `n` poll passes. */
async function passes(clock: ManualClock, n: number): Promise<void> {
  for (let i = 0; i < n; i += 1) await clock.next();
}

async function ls(sub = ''): Promise<string[]> {
  return (await readdir(join(folder, sub)).catch(() => [])).sort();
}

describe('hot folder driver on real files', () => {
  it('does not take a half-written file: a PNG written in chunks between polls arrives whole, once', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const bytes = await pngPage(1);
    const path = join(folder, 'slow.png');
    await writeFile(path, bytes.subarray(0, 10));
    const chunk = Math.ceil(bytes.length / 12);
    for (let at = 10; at < bytes.length; at += chunk) {
      await clock.next(); // a poll between every two writes: the size differs at every poll
      expect(tap.events).toEqual([]); // not taken, not even read as incomplete
      await appendFile(path, bytes.subarray(at, Math.min(bytes.length, at + chunk)));
    }
    // Complete: seen with its final size at the next poll, unchanged (stable) at the one after.
    expect(await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page')).toBe(2);
    expect(Buffer.from(tap.pages[0]!.bytes).equals(bytes)).toBe(true);
    expect(tap.pages[0]).toMatchObject({
      index: 1,
      sheet: 1,
      side: 'front',
      format: 'png',
      resolutionDpi: 200,
    });
    await passes(clock, 10); // far past the grace period
    expect(tap.pages).toHaveLength(1);
    expect(tap.pageErrors).toEqual([]);
  });

  it('a writer that pauses mid-file (the half file stable across polls) is waited for, not rejected', async () => {
    const { clock, driver } = manual({ incompleteGraceMs: 10_000 });
    const tap = watch(driver);
    const bytes = await pngPage(11);
    const path = join(folder, 'paused.png');
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(
      await pollUntil(
        clock,
        tap,
        (t) => t.messages.includes('Waiting for paused.png to be complete'),
        'wait',
      ),
    ).toBe(2);
    await passes(clock, 5);
    expect(tap.pages).toEqual([]);
    expect(tap.pageErrors).toEqual([]);
    await appendFile(path, bytes.subarray(Math.floor(bytes.length / 2)));
    expect(await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page')).toBe(2);
    expect(Buffer.from(tap.pages[0]!.bytes).equals(bytes)).toBe(true);
    expect(tap.pageErrors).toEqual([]);
  });

  it('ignores temporary and hidden names, takes the file once renamed in', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const bytes = await pngPage(2);
    await writeFile(join(folder, 'scan-0001.tif.tmp'), bytes);
    await writeFile(join(folder, '.hidden.png'), bytes);
    await writeFile(join(folder, '~owner.png'), bytes);
    await writeFile(join(folder, 'copy.partial'), bytes);
    // Three passes: a file with an ordinary name would have been taken by the second (see below).
    await passes(clock, 3);
    expect(tap.events.filter((e) => e.type !== 'progress')).toEqual([]);
    await rename(join(folder, 'scan-0001.tif.tmp'), join(folder, 'scan-0001.png'));
    expect(await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page')).toBe(2);
    expect(tap.pages[0]!.origin).toBe(join(folder, 'scan-0001.png'));
  });

  it('splits a multi-page TIFF into pages without re-encoding them, in natural file order', async () => {
    // On the system clock (the station's timer path): the test only awaits the pages.
    // Both present before the watch starts, so they become stable at the same poll.
    await writeFile(join(folder, 'batch10.tif'), multiPageTiff([30], 20, 300));
    await writeFile(join(folder, 'batch9.tif'), multiPageTiff([60, 61, 62], 40, 200));
    const tap = watch();
    await tap.waitFor((t) => t.pages.length === 4);
    expect(tap.pages.map((p) => p.origin.slice(folder.length + 1))).toEqual([
      'batch9.tif#page=1',
      'batch9.tif#page=2',
      'batch9.tif#page=3',
      'batch10.tif',
    ]);
    const metas = await Promise.all(tap.pages.map((p) => sharp(p.bytes).metadata()));
    expect(metas.map((m) => [m.width, m.height, m.pages ?? 1])).toEqual([
      [60, 40, 1],
      [61, 40, 1],
      [62, 40, 1],
      [30, 20, 1],
    ]);
    expect(tap.pages.map((p) => p.resolutionDpi)).toEqual([200, 200, 200, 300]);
    const second = await sharp(tap.pages[1]!.bytes).raw().toBuffer();
    expect(second[0]).toBe(40); // page 2's own pixels, copied as they were
  });

  it('removes a file only after every page of it is acknowledged as stored, keeping its name, size and hash', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const bytes = multiPageTiff([40, 41], 30, 300);
    await writeFile(join(folder, 'two.tif'), bytes);
    await pollUntil(clock, tap, (t) => t.pages.length === 2, 'pages');
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    expect(await ls()).toContain('two.tif');
    await tap.job.acknowledge?.(tap.pages[1]!.origin);
    // Stored in the encrypted store: no plain copy is left anywhere in the folder.
    expect(await ls()).toEqual(['.ccpor-taken.json']);
    const journal = JSON.parse(await readFile(join(folder, '.ccpor-taken.json'), 'utf8')) as {
      records: Record<string, TakenRecord>;
    };
    expect(Object.values(journal.records)).toEqual([
      expect.objectContaining({ name: 'two.tif', size: bytes.length, state: 'stored' }),
    ]);
    expect(Object.keys(journal.records)).toEqual([createHash('sha256').update(bytes).digest('hex')]);
    await expect(tap.job.acknowledge?.('nonsense')).rejects.toMatchObject({ field: 'origin' });
  });

  it('leaves a newer file written under the same name after it was taken (a new scan)', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    await writeFile(join(folder, 'reused.png'), await pngPage(12));
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
    const newer = await pngPage(13);
    await writeFile(join(folder, 'reused.png'), newer);
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    expect(await ls()).toContain('reused.png');
    expect((await readFile(join(folder, 'reused.png'))).equals(newer)).toBe(true);
    await pollUntil(clock, tap, (t) => t.pages.length === 2, 'the new scan');
    expect(Buffer.from(tap.pages[1]!.bytes).equals(newer)).toBe(true);
  });

  it('never takes the same scan twice: a copy of a stored scan is removed, not delivered', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const bytes = await pngPage(3);
    await writeFile(join(folder, 'first.png'), bytes);
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    await writeFile(join(folder, 'again.png'), bytes);
    await pollUntil(
      clock,
      tap,
      (t) =>
        t.messages.includes(
          'again.png is the same scan as first.png, already stored; removed from the hot folder',
        ),
      'duplicate message',
    );
    expect(tap.pages).toHaveLength(1);
    expect(await ls()).toEqual(['.ccpor-taken.json']);
  });

  it('a copy of a scan still being stored waits in place, undelivered, and goes once the first is stored', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const bytes = await pngPage(14);
    await writeFile(join(folder, 'a-first.png'), bytes);
    await writeFile(join(folder, 'b-copy.png'), bytes);
    await pollUntil(
      clock,
      tap,
      (t) =>
        t.messages.some((m) => m.startsWith('b-copy.png is the same scan as a-first.png, already taken')),
      'held copy',
    );
    await passes(clock, 3);
    expect(tap.pages.map((p) => p.origin)).toEqual([join(folder, 'a-first.png')]);
    expect(await ls()).toEqual(['.ccpor-taken.json', 'a-first.png', 'b-copy.png']);
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    await pollUntil(
      clock,
      tap,
      (t) =>
        t.messages.some((m) =>
          m.startsWith('b-copy.png is the same scan as a-first.png, already stored; removed'),
        ),
      'removal',
    );
    expect(tap.pages).toHaveLength(1);
    expect(await ls()).toEqual(['.ccpor-taken.json']);
  });

  it('a damaged file becomes a page error after a grace period, goes to rejected/, and the batch goes on', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    const good = await pngPage(4);
    await writeFile(join(folder, 'a-broken.png'), good.subarray(0, good.length - 30));
    await writeFile(join(folder, 'b-report.pdf'), '%PDF-1.7\n...');
    await writeFile(join(folder, 'c-good.png'), good);
    // At the second pass all three are stable: the good page comes, the PDF is refused at once, the
    // damaged PNG is given the grace period.
    await passes(clock, 2);
    expect(tap.pages).toHaveLength(1);
    expect(tap.pageErrors.map((e) => e.code)).toEqual(['UNSUPPORTED_FORMAT']);
    expect(tap.messages).toContain('Waiting for a-broken.png to be complete');
    const waitingSince = clock.now();
    await pollUntil(clock, tap, (t) => t.pageErrors.length === 2, 'second page error');
    // Rejected at the first pass once the grace period (on the driver's clock) is over.
    expect(clock.now() - waitingSince).toBeGreaterThanOrEqual(FAST.incompleteGraceMs);
    expect(clock.now() - waitingSince).toBeLessThan(FAST.incompleteGraceMs + FAST.pollIntervalMs);
    expect(tap.pageErrors.map((e) => e.code).sort()).toEqual(['CORRUPT_IMAGE', 'UNSUPPORTED_FORMAT']);
    expect(tap.pageErrors.find((e) => e.code === 'CORRUPT_IMAGE')?.message).toContain('a-broken.png');
    expect(tap.pages[0]!.origin).toContain('c-good.png');
    expect(await ls('rejected')).toEqual(['a-broken.png', 'b-report.pdf']);
    expect(tap.messages).toContain('Waiting for a-broken.png to be complete');
    // The good page, once stored, is gone; what could not be read stays for the operator.
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    expect(await ls()).toEqual(['.ccpor-taken.json', 'rejected']);
    // The same unreadable file dropped again joins it in rejected/, not taken.
    await writeFile(join(folder, 'report-again.pdf'), '%PDF-1.7\n...');
    await pollUntil(
      clock,
      tap,
      (t) => t.messages.some((m) => m.startsWith('report-again.pdf is the same file as b-report.pdf')),
      'copy of a rejected file',
    );
    expect(await ls('rejected')).toEqual(['a-broken.png', 'b-report.pdf', 'report-again.pdf']);
    expect(tap.pageErrors).toHaveLength(2);
  });

  it('an empty file is waited for longer than a damaged one (a capture program may create it when the scan starts), and rejected with a page error if it stays empty', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    await writeFile(join(folder, 'later.png'), '');
    await writeFile(join(folder, 'never.png'), '');
    await clock.advance(3 * FAST.incompleteGraceMs); // past the grace a damaged file gets
    expect(tap.pageErrors).toEqual([]);
    await writeFile(join(folder, 'later.png'), await pngPage(6));
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
    expect(tap.pages[0]!.origin).toContain('later.png');
    await pollUntil(clock, tap, (t) => t.pageErrors.length === 1, 'page error for the empty file');
    expect(tap.pageErrors[0]).toMatchObject({ code: 'CORRUPT_IMAGE' });
    expect(tap.pageErrors[0]!.message).toContain('never.png is empty');
    expect(await ls('rejected')).toEqual(['never.png']);
  });

  it('a file that vanishes while waited for is a page error; the batch goes on', async () => {
    const { clock, driver } = manual({ incompleteGraceMs: 60_000 });
    const tap = watch(driver);
    const good = await pngPage(5);
    await writeFile(join(folder, 'going.png'), good.subarray(0, 40));
    await pollUntil(clock, tap, (t) => t.messages.includes('Waiting for going.png to be complete'), 'wait');
    await rm(join(folder, 'going.png'));
    expect(await pollUntil(clock, tap, (t) => t.pageErrors.length === 1, 'page error')).toBe(1);
    expect(tap.pageErrors[0]).toMatchObject({ code: 'IO_ERROR' });
    expect(tap.pageErrors[0]!.message).toContain('going.png vanished');
    await writeFile(join(folder, 'next.png'), good);
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
  });

  it('after a restart (new driver, state from the journal file) a stored file is not taken again, and is removed', async () => {
    const [a, b] = [await pngPage(6), await pngPage(7)];
    await writeFile(join(folder, 'a.png'), a);
    await writeFile(join(folder, 'b.png'), b);
    const { clock, driver } = manual();
    const first = watch(driver);
    await pollUntil(clock, first, (t) => t.pages.length === 2, 'pages');
    await first.job.acknowledge?.(first.pages[0]!.origin); // a stored; b delivered but never confirmed
    await first.job.cancel();
    expect(await ls()).toEqual(['.ccpor-taken.json', 'b.png']); // unconfirmed: stays where it is
    // As if the station stopped between confirming a.png and removing it: a.png is back in the folder.
    await writeFile(join(folder, 'a.png'), a);

    const restarted = manual();
    const second = watch(restarted.driver);
    await pollUntil(
      restarted.clock,
      second,
      (t) =>
        t.pages.length === 1 && t.messages.includes('a.png was already stored; removed from the hot folder'),
      'page and message',
    );
    expect(second.pages.map((p) => p.origin)).toEqual([join(folder, 'b.png')]); // unconfirmed: offered again
    expect(second.pages[0]!.index).toBe(1);
    expect(await ls()).toEqual(['.ccpor-taken.json', 'b.png']);
  });

  it('uses an injected store of taken files instead of the journal file', async () => {
    const records = new Map<string, TakenRecord>();
    const store: TakenJournal = {
      get: (sha) => Promise.resolve(records.get(sha)),
      put: (r) => {
        records.set(r.sha256, r);
        return Promise.resolve();
      },
    };
    const { clock, driver } = manual({ journal: () => store });
    const tap = watch(driver);
    await writeFile(join(folder, 'x.png'), await pngPage(8));
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
    await tap.job.acknowledge?.(tap.pages[0]!.origin);
    expect([...records.values()]).toMatchObject([{ name: 'x.png', state: 'stored' }]);
    expect(await ls()).toEqual([]); // no journal file, and the stored file removed
  });

  it('numbers duplex sides and ends the batch after the idle time', async () => {
    const idleMs = 300;
    const { clock, driver } = manual({ stopWhenIdleMs: idleMs });
    const tap = watch(driver, { ...SETTINGS, source: 'feeder-duplex' });
    await writeFile(join(folder, 'sheet.tif'), multiPageTiff([20, 21, 22], 10, 300));
    await pollUntil(clock, tap, (t) => t.pages.length === 3, 'pages');
    const takenAt = clock.now();
    await pollUntil(clock, tap, (t) => t.finished, 'end of the batch');
    await tap.done;
    expect(tap.error).toBeUndefined();
    expect(tap.pages.map((p) => `${p.sheet}${p.side}`)).toEqual(['1front', '1back', '2front']);
    // Ended at the first pass after the idle time (on the driver's clock), and stopped polling.
    expect(clock.now() - takenAt).toBeGreaterThanOrEqual(idleMs);
    expect(clock.now() - takenAt).toBeLessThan(idleMs + FAST.pollIntervalMs);
    expect(clock.pending).toBe(0);
  });

  it('cancel stops watching; unconfirmed files stay where they are', async () => {
    const { clock, driver } = manual();
    const tap = watch(driver);
    await writeFile(join(folder, 'kept.png'), await pngPage(9));
    await pollUntil(clock, tap, (t) => t.pages.length === 1, 'page');
    await tap.job.cancel();
    await tap.done;
    expect(tap.error).toBeUndefined();
    expect(clock.pending).toBe(0); // no poll pass will run again
    await writeFile(join(folder, 'later.png'), await pngPage(10));
    expect(await clock.advance(100 * FAST.pollIntervalMs)).toBe(0);
    expect(tap.pages).toHaveLength(1);
    expect(await ls()).toEqual(['.ccpor-taken.json', 'kept.png', 'later.png']);
  });

  it('a folder that does not exist is DEVICE_GONE', async () => {
    const driver = new FolderDriver({ ...FAST, folders: [join(folder, 'missing'), folder] });
    expect((await driver.listDevices()).map((d) => d.id)).toEqual([`folder:${folder}`]);
    await expect(driver.capabilities(`folder:${join(folder, 'missing')}`)).rejects.toMatchObject({
      code: 'DEVICE_GONE',
    });
    const tap = new EventTap(driver.scan(`folder:${join(folder, 'missing')}`, SETTINGS));
    await tap.done;
    expect(tap.error?.code).toBe('DEVICE_GONE');
  });
});
