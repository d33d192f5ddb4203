/**
 * A full disk during a scan and during the save of the scanned batch, on the station's real path
 * (page workers, encrypted blob store, journal, commit) fed by a stand-in scanner (stack-driver.ts)
 * with generated PNG pages. Writes are made to fail honestly: the process's own RLIMIT_FSIZE (no
 * privilege; EFBIG) or a tmpfs filled to the brim (needs root or CAP_SYS_ADMIN; ENOSPC).
 *
 * Expected: a page that cannot be stored says the disk is full (DISK_FULL / DISK_ERROR) and the
 * batch goes on; a save refused part-way stays open, saves the rest once space returns, and never
 * saves an order twice; nothing is half-written (no temp file, integrity_check ok).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BatchDto, ScanProfile } from '../../../../src/shared/ipc';
import { fileSizeLimitUnavailable, limitFileSize, mountSmallDisk } from '../../../support/disk-limits';
import { useTempDir } from '../../../support/temp';
import { openRig, type Rig } from './fixtures/scan-controller-rig';
import { STACK_DEVICE, stackDriver, type Spec } from './fixtures/stack-driver';

const tempDir = useTempDir('scan-disk-full-');
const noLimit = fileSizeLimitUnavailable();
const ROUNDS = 6;
const STEP = 60_000;
const PAIRS: ScanProfile = {
  resolutionDpi: 300,
  output: 'bilevel',
  duplex: false,
  separation: 'fixed-count',
  fixedCount: 2,
};

let rig: Rig | null = null;
afterEach(async () => {
  if (!noLimit) limitFileSize(null);
  await rig?.close();
  rig = null;
});

/** A page with writing on it (black bars, different on each page), so it is not taken for blank. */
async function contentPage(n: number): Promise<Buffer> {
  const width = 400;
  const height = 500;
  const raw = Buffer.alloc(width * height, 255);
  for (let y = 40; y < height - 40; y += 12)
    raw.fill(0, y * width + 40, y * width + 40 + ((y * 7 + n * 31) % 300) + 20);
  return sharp(raw, { raw: { width, height, channels: 1 } })
    .withMetadata({ density: 300 })
    .png()
    .toBuffer();
}

async function pages(count: number): Promise<Spec[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      bytes: await contentPage(i + 1),
      format: 'png' as const,
    })),
  );
}

/** Waits until the controller has processed `count` pages (the pages fed so far). */
async function processed(r: Rig, count: number): Promise<void> {
  while ((r.controller.current()?.progress.processed ?? 0) < count)
    await new Promise((resolve) => setTimeout(resolve, 5));
}

function tempFiles(r: Rig): string[] {
  return readdirSync(join(r.store.dataDir, 'blobs'), { recursive: true, encoding: 'utf8' }).filter((p) =>
    (p.split('/').pop() ?? '').startsWith('.tmp-'),
  );
}

function pageFlags(batch: BatchDto): string[] {
  return batch.pages.map((p) => (p.status === 'ok' ? 'ok' : `${p.flags[0]?.code}: ${p.flags[0]?.message}`));
}

/**
 * Scans 6 pages; the disk is full while pages 3 and 4 are stored (`fill` before page 3, `free`
 * before page 5, once 3 and 4 are processed).
 */
/** Scans the rig's stack in pairs to the end; returns the batch's id. */
async function scanPairs(r: Rig): Promise<string> {
  const done = r.complete();
  await r.controller.start(STACK_DEVICE, PAIRS);
  await done;
  return (r.controller.current() as BatchDto).id;
}

async function scanThroughFullDisk(dir: string, fill: () => void, free: () => void): Promise<Rig> {
  const specs = await pages(6);
  let r: Rig | null = null;
  r = await openRig(dir, {
    drivers: [
      stackDriver('', specs, {
        before: async (i) => {
          if (!r) return;
          if (i === 2) {
            await processed(r, 2);
            fill();
          } else if (i === 4) {
            await processed(r, 4);
            free();
          }
        },
      }),
    ],
  });
  rig = r;
  await scanPairs(r);
  return r;
}

const FULL_PAGE = /^PAGE_ERROR: The station('s disk is full| could not write this page)/;

describe('a full disk during a scan and its save', () => {
  it.skipIf(noLimit !== null)(
    `pages stored while a file-size limit refuses writes (no privilege: RLIMIT_FSIZE) are disk errors, the other pages are kept and the batch completes${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const r = await scanThroughFullDisk(
        tempDir(),
        () => {
          limitFileSize(0);
        },
        () => {
          limitFileSize(null);
        },
      );
      const batch = r.controller.current() as BatchDto;
      expect(batch.status).toBe('complete');
      const flags = pageFlags(batch);
      expect(flags.filter((f) => f === 'ok')).toHaveLength(4);
      expect([flags[2], flags[3]]).toEqual([
        expect.stringMatching(FULL_PAGE),
        expect.stringMatching(FULL_PAGE),
      ]);
      expect(tempFiles(r)).toEqual([]);
      expect(r.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    },
    30_000,
  );

  it.skipIf(noLimit !== null)(
    `a save refused part-way by a file-size limit (no privilege: RLIMIT_FSIZE) at ${ROUNDS} points is DISK_FULL/DISK_ERROR, keeps the batch open, and the next save stores the rest without saving any order twice${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const specs = await pages(6);
      const halted = new Map<number, number>();
      const r = await openRig(tempDir(), { drivers: [stackDriver('', specs)] });
      rig = r;
      for (let round = 0; round < ROUNDS; round += 1) {
        const batchId = await scanPairs(r);
        const wal = statSync(join(r.store.dataDir, 'station.db-wal'), { throwIfNoEntry: false })?.size ?? 0;
        // Each order writes a new draft and its document row (WAL frames) and a PDF blob: a limit
        // further past the WAL on each round stops the save at a later write.
        limitFileSize(wal + round * STEP);
        const first = await r.controller.commit(batchId).then(
          (orders) => ({ ok: true as const, orders }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        limitFileSize(null);
        if (!first.ok) {
          expect(first.error).toMatchObject({
            code: expect.stringMatching(/^DISK_(FULL|ERROR)$/),
            message: expect.stringContaining('press Save again'),
          });
          // Orders of this batch stored before the refusal (3 per earlier round are there already).
          const documents = r.store.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
          halted.set(round, documents - 3 * round);
          expect(r.controller.current()?.status).toBe('complete');
          expect(tempFiles(r)).toEqual([]);
          expect(r.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        }
        const orders = first.ok ? first.orders : await r.controller.commit(batchId);
        expect(
          orders.map((o) => o.problem),
          `round ${round}`,
        ).toEqual([null, null, null]);
        expect(r.controller.current()?.status).toBe('committed');
        // One document per order, each on its own draft: nothing saved twice.
        const drafts = orders.map((o) => o.draftId as string);
        expect(new Set(drafts).size).toBe(3);
        for (const id of drafts) expect(r.store.documents.forDraft(id)).toHaveLength(1);
        expect(r.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      }
      console.log(`save halted in rounds ${JSON.stringify([...halted])} ([round, orders stored before it])`);
      // The refusal fell before the first order and after some orders were stored.
      expect(halted.get(0)).toBe(0);
      expect([...halted.values()].some((stored) => stored > 0)).toBe(true);
    },
    60_000,
  );

  it.skipIf(noLimit !== null)(
    `a save refused part-way, then a restart: the batch comes back and the next save stores only the orders not yet stored (RLIMIT_FSIZE)${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const dir = tempDir();
      const specs = await pages(6);
      const first = await openRig(dir, { drivers: [stackDriver('', specs)] });
      rig = first;
      const batchId = await scanPairs(first);
      // Find a limit that lets some orders in and refuses the rest.
      let stored = 0;
      for (let step = 1; step <= 12 && stored === 0; step += 1) {
        const wal =
          statSync(join(first.store.dataDir, 'station.db-wal'), { throwIfNoEntry: false })?.size ?? 0;
        limitFileSize(wal + step * STEP);
        const outcome = await first.controller.commit(batchId).then(
          () => 'saved',
          (error: unknown) => error,
        );
        limitFileSize(null);
        expect(outcome, 'the save must be refused part-way for this test').not.toBe('saved');
        stored = first.store.db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
      }
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(3);
      await first.close();
      rig = null;

      // The station restarts: the batch is back, still to be saved.
      const second = await openRig(dir, { drivers: [stackDriver('', specs)] });
      rig = second;
      expect(second.controller.current()?.id).toBe(batchId);
      const orders = await second.controller.commit(batchId);
      expect(orders.map((o) => o.problem)).toEqual([null, null, null]);
      const drafts = orders.map((o) => o.draftId as string);
      expect(new Set(drafts).size).toBe(3);
      for (const id of drafts) expect(second.store.documents.forDraft(id)).toHaveLength(1);
      expect(second.store.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(3);
    },
    60_000,
  );

  it('a saved batch whose journal could not be forgotten (stand-in: the journal removal throws as on a full disk) does not come back after a restart to be saved again', async () => {
    const dir = tempDir();
    const specs = await pages(4);
    const first = await openRig(dir, { drivers: [stackDriver('', specs)] });
    rig = first;
    const batchId = await scanPairs(first);
    first.store.scanBatches.remove = () => {
      throw Object.assign(new Error('SQLITE_FULL: database or disk is full'), { code: 'SQLITE_FULL' });
    };
    const saved = await first.controller.commit(batchId);
    expect(saved.map((o) => o.problem)).toEqual([null, null]);
    expect(first.store.scanBatches.open()?.id).toBe(batchId);
    await first.close();
    rig = null;

    const second = await openRig(dir, { drivers: [stackDriver('', specs)] });
    rig = second;
    expect(second.controller.current()).toBeNull();
    expect(second.store.scanBatches.open()).toBeNull();
    expect(second.store.db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(2);
  });

  const disk = mountSmallDisk(64 * 1024 * 1024);
  const noDisk = typeof disk === 'string' ? disk : null;
  afterAll(() => {
    if (typeof disk !== 'string') disk.unmount();
  });

  it.skipIf(noDisk !== null)(
    `on a 64 MiB tmpfs that fills up mid-scan (needs root or CAP_SYS_ADMIN), pages 3-4 are DISK_FULL, the rest are kept, and the batch saves once space returns${noDisk ? ` (skipped: ${noDisk})` : ''}`,
    async () => {
      if (typeof disk === 'string') return;
      const r = await scanThroughFullDisk(
        join(disk.dir, 'station'),
        () => {
          disk.fill(0);
        },
        () => {
          disk.free();
        },
      );
      const batch = r.controller.current() as BatchDto;
      expect(batch.status).toBe('complete');
      const flags = pageFlags(batch);
      expect(flags.filter((f) => f === 'ok')).toHaveLength(4);
      expect([flags[2], flags[3]]).toEqual([
        expect.stringMatching(/^PAGE_ERROR: The station's disk is full/),
        expect.stringMatching(/^PAGE_ERROR: The station's disk is full/),
      ]);
      expect(tempFiles(r)).toEqual([]);
      expect(r.store.db.pragma('integrity_check', { simple: true })).toBe('ok');
      // Orders 1 and 3 are whole; order 2 holds the two pages that were not kept.
      const orders = await r.controller.commit(batch.id);
      expect(orders.map((o) => o.fileName !== null)).toEqual([true, false, true]);
    },
    30_000,
  );
});
