/**
 * A full or failing disk under the station's real writers — the encrypted SQLite store (drafts and
 * their outbox rows) and the encrypted blob files — in the spirit of SQLite's own I/O-error test
 * loop: make the writes fail at a point that moves further on each round, and after every failure
 * check that the clerk got a coded error (DISK_FULL / DISK_ERROR), that nothing acknowledged is
 * lost and nothing refused is half there (integrity_check ok, no stray temp file, no outbox row
 * without its record), and that the same call works once space returns.
 *
 * Two ways to make writes fail, both on real files: the process's own RLIMIT_FSIZE (no privilege;
 * EFBIG) and a small tmpfs filled to the brim (needs root or CAP_SYS_ADMIN; ENOSPC).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch, type Handlers } from '../../../src/main/app/dispatcher';
import { openStationStore, type StationStore } from '../../../src/main/app/station-store';
import { draftHandlers } from '../../../src/main/drafts/draft-handlers';
import { silentLog } from '../../../src/main/log/station-log';
import { openConfSettings } from '../../../src/main/settings';
import { diskFailure } from '../../../src/main/store';
import { sha256Hex } from '../../../src/main/store/blob-store';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { CodedError } from '../../../src/shared/errors';
import { CHANNELS, type Channel } from '../../../src/shared/ipc';
import { fileSizeLimitUnavailable, limitFileSize, mountSmallDisk } from '../../support/disk-limits';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('disk-full-');
const noLimit = fileSizeLimitUnavailable();
const ROUNDS = 24;
/** A WAL frame: a 24-byte header and a 4 KiB page. */
const WAL_FRAME = 24 + 4096;
const CLERK = {
  username: 'test.clerk',
  displayName: 'Test Clerk',
  roles: ['court_clerk'],
  orgOri: 'CA001013J',
  county: 'Alameda',
  cletsCertified: false,
};

const opened: StationStore[] = [];
afterEach(() => {
  if (!noLimit) limitFileSize(null);
  for (const s of opened.splice(0)) s.close();
});

async function station(
  dataDir: string,
  secrets = new MemorySecretStore(),
): Promise<{ store: StationStore; dispatch: Dispatch }> {
  const store = await openStationStore({ dataDir, secrets });
  opened.push(store);
  const notWired: Partial<Record<Channel, () => never>> = {};
  for (const channel of CHANNELS)
    notWired[channel] = () => {
      throw new CodedError('NOT_WIRED', `${channel} is not wired in this test.`);
    };
  const dispatch = createDispatcher(
    {
      ...(notWired as Handlers),
      ...draftHandlers({
        store,
        settings: openConfSettings(join(dataDir, 'config')),
        user: () => CLERK,
        audit: () => undefined,
        changed: () => undefined,
      }),
    },
    silentLog(),
  );
  return { store, dispatch };
}

/** A draft whose size varies with `n`, so each round's failing write falls somewhere new. */
function orderNo(n: number) {
  const base = completeOrder();
  const people = (n * 7) % 21;
  return completeOrder({
    id: randomUUID(),
    caseNumber: `26FL${String(n).padStart(5, '0')}`,
    protectedPersons: Array.from({ length: people }, (_, i) => ({
      name: { last: `Quill${'x'.repeat((n + i) % 30)}`, first: 'Ansel' },
      sex: 'F' as const,
      dob: '1990-07-01',
    })),
    restrainedPerson: { ...base.restrainedPerson, aliases: base.restrainedPerson.aliases.slice(0, n % 2) },
  });
}

function largestFile(dir: string): number {
  let largest = 0;
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    if (st.isFile()) largest = Math.max(largest, st.size);
  }
  return largest;
}

function tempFilesIn(blobDir: string): string[] {
  return readdirSync(blobDir, { recursive: true, encoding: 'utf8' }).filter((p) =>
    p.split('/').pop()?.startsWith('.tmp-'),
  );
}

/** What must hold after any refused write: the store whole, every acknowledged draft with its outbox row, the refused one nowhere. */
function expectConsistent(
  store: StationStore,
  acknowledged: readonly string[],
  refused: string | null,
): void {
  expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  for (const id of acknowledged) {
    expect(store.drafts.get(id)?.id).toBe(id);
  }
  const outboxRecords = new Set(
    (store.db.prepare('SELECT DISTINCT record_id FROM outbox').all() as { record_id: string }[]).map(
      (r) => r.record_id,
    ),
  );
  expect([...outboxRecords].sort()).toEqual([...acknowledged].sort());
  if (refused !== null) expect(store.drafts.get(refused)).toBeUndefined();
  expect(store.drafts.count()).toBe(acknowledged.length);
}

const REFUSED = {
  code: expect.stringMatching(/^DISK_(FULL|ERROR)$/),
  message: expect.stringContaining('Free some space'),
};

describe('disk full or failing under the station store', () => {
  it.skipIf(noLimit !== null)(
    `drafts:save refused by a file-size limit (no privilege: RLIMIT_FSIZE) at ${ROUNDS} moving points answers DISK_FULL/DISK_ERROR, loses nothing acknowledged, and the same save works after${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const dataDir = tempDir();
      const secrets = new MemorySecretStore();
      const { store, dispatch } = await station(dataDir, secrets);
      const acknowledged: string[] = [];
      let n = 0;
      const codes = new Set<string>();
      for (let round = 0; round < ROUNDS; round += 1) {
        // A save appends 15-20 WAL frames of 4,120 bytes: the limit, `round` frames past the end of
        // the WAL, makes the save's (round+1)th frame write fail — SQLite's "fail the Nth write".
        limitFileSize(largestFile(dataDir) + round * WAL_FRAME + 512);
        let refused: { id: string; answer: unknown } | null = null;
        for (let attempt = 0; attempt < 400 && !refused; attempt += 1) {
          const order = orderNo((n += 1));
          const answer = await dispatch('drafts:save', { order });
          if (answer.ok) acknowledged.push(order.id);
          else refused = { id: order.id, answer };
        }
        limitFileSize(null);
        expect(refused, `round ${round}: no save was refused`).not.toBeNull();
        if (!refused) return;
        expect(refused.answer).toMatchObject({ ok: false, error: REFUSED });
        codes.add((refused.answer as { error: { code: string } }).error.code);
        expectConsistent(store, acknowledged, refused.id);
        // Space is back: the very same save goes through.
        const again = await dispatch('drafts:save', { order: { ...orderNo(n), id: refused.id } });
        expect(again).toMatchObject({ ok: true, value: { id: refused.id } });
        acknowledged.push(refused.id);
      }
      expectConsistent(store, acknowledged, null);
      // And all of it is there after the station restarts.
      store.close();
      opened.splice(opened.indexOf(store), 1);
      const { store: reopened } = await station(dataDir, secrets);
      expectConsistent(reopened, acknowledged, null);
      console.log(
        `disk-full drafts loop: ${acknowledged.length} saves acknowledged, refusals answered ${[...codes].join(', ')}`,
      );
    },
    50_000,
  );

  it.skipIf(noLimit !== null)(
    `a blob refused by a file-size limit (no privilege: RLIMIT_FSIZE) at every 4 KiB is DISK_FULL, leaves no temp file and no blob, and is stored once space returns${noLimit ? ` (skipped: ${noLimit})` : ''}`,
    async () => {
      const { store } = await station(tempDir());
      const blobDir = join(store.dataDir, 'blobs');
      const bytes = randomBytes(40_000);
      for (let limit = 0; limit < 40_000; limit += 4096) {
        limitFileSize(limit);
        let thrown: unknown = null;
        try {
          store.blobs.put(bytes);
        } catch (error) {
          thrown = error;
        }
        limitFileSize(null);
        expect(diskFailure(thrown)?.toProblem(), `limit ${limit}`).toMatchObject({ code: 'DISK_FULL' });
        expect(tempFilesIn(blobDir)).toEqual([]);
        expect(store.blobs.list()).toEqual([]);
      }
      const stored = store.blobs.put(bytes);
      expect(store.blobs.get(stored.sha256).equals(bytes)).toBe(true);
      expect(tempFilesIn(blobDir)).toEqual([]);
    },
  );

  const disk = mountSmallDisk(16 * 1024 * 1024);
  const noDisk = typeof disk === 'string' ? disk : null;
  afterAll(() => {
    if (typeof disk !== 'string') disk.unmount();
  });

  it.skipIf(noDisk !== null)(
    `on a 16 MiB tmpfs filled to within 0-60 KiB (needs root or CAP_SYS_ADMIN), drafts:save and a blob are DISK_FULL, nothing is half-written, and both work once space returns${noDisk ? ` (skipped: ${noDisk})` : ''}`,
    async () => {
      if (typeof disk === 'string') return;
      const dataDir = join(disk.dir, 'station');
      const { store, dispatch } = await station(dataDir);
      const blobDir = join(store.dataDir, 'blobs');
      const acknowledged: string[] = [];
      const page = randomBytes(40_000);
      let n = 0;
      for (let leave = 0; leave <= 60 * 1024; leave += 4096) {
        disk.fill(leave);
        let refused: { id: string; answer: unknown } | null = null;
        for (let attempt = 0; attempt < 50 && !refused; attempt += 1) {
          const order = orderNo((n += 1));
          const answer = await dispatch('drafts:save', { order });
          if (answer.ok) acknowledged.push(order.id);
          else refused = { id: order.id, answer };
        }
        let blobError: unknown = null;
        try {
          store.blobs.put(page);
        } catch (error) {
          blobError = error;
        }
        disk.free();
        expect(refused, `${leave} bytes left: no save was refused`).not.toBeNull();
        if (!refused) return;
        expect(refused.answer).toMatchObject({ ok: false, error: { ...REFUSED, code: 'DISK_FULL' } });
        expect(diskFailure(blobError)?.code).toBe('DISK_FULL');
        expect(tempFilesIn(blobDir)).toEqual([]);
        expect(store.blobs.has(sha256Hex(page))).toBe(false);
        expectConsistent(store, acknowledged, refused.id);
        const again = await dispatch('drafts:save', { order: { ...orderNo(n), id: refused.id } });
        expect(again).toMatchObject({ ok: true, value: { id: refused.id } });
        acknowledged.push(refused.id);
      }
      const stored = store.blobs.put(page);
      expect(store.blobs.get(stored.sha256).equals(page)).toBe(true);
      expectConsistent(store, acknowledged, null);
    },
    50_000,
  );
});
