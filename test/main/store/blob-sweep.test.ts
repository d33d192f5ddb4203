/**
 * The blob sweep on a real encrypted store: it removes only blobs nothing refers to that are older
 * than the grace period, and never one referenced by a document, a page of the open scan batch, a
 * queued change, an upload, or the caller's in-memory batch.
 */
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { openStationStore } from '../../../src/main/app/station-store';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('blob-sweep-');
const HOUR = 60 * 60 * 1000;

describe('blob sweep', () => {
  it('removes old unreferenced blobs only, and re-storing a blob makes it young again', async () => {
    const dataDir = join(tempDir(), 'data');
    const store = await openStationStore({ dataDir, secrets: new MemorySecretStore() });
    try {
      const put = (text: string): string => store.blobs.put(Buffer.from(text)).sha256;
      const age = (sha256: string, ms: number): void => {
        const then = new Date(Date.now() - ms);
        utimesSync(join(dataDir, 'blobs', sha256.slice(0, 2), sha256), then, then);
      };
      const draft = store.drafts.save(completeOrder({}));
      const doc = store.documents.attachBytes(draft.id, Buffer.from('%PDF document'), 'a.pdf', 1);
      const page = put('page of the open batch');
      const memory = put('page held in memory only');
      const garbage = put('page of a discarded batch');
      const young = put('page stored a minute ago, not yet referenced');
      const uploading = put('blob with an upload in progress');
      store.scanBatches.begin({
        id: 'b1',
        deviceId: 'sane:test',
        profile: {},
        scanSettings: {},
        startedAt: new Date().toISOString(),
      });
      store.scanBatches.addPages('b1', [{ index: 1, page: { id: 'p1' }, imageSha256: page }]);
      store.db
        .prepare(
          "INSERT INTO sync_uploads (sha256, upload_id, byte_size, updated_at) VALUES (?, 'u1', 1, '')",
        )
        .run(uploading);
      for (const sha of [doc.sha256, page, memory, garbage, uploading]) age(sha, 2 * HOUR);
      age(young, 60_000);

      const result = store.sweepBlobs({ keep: [memory] });
      expect(result).toEqual({ examined: 6, removed: 1, referenced: 4, young: 1 });
      expect(store.blobs.has(garbage)).toBe(false);
      for (const sha of [doc.sha256, page, memory, young, uploading]) expect(store.blobs.has(sha)).toBe(true);
      expect(store.blobs.get(page).toString()).toBe('page of the open batch');

      // The batch is discarded: its page becomes garbage, but a scan storing the same bytes again
      // (a new reference on its way) makes it young, so the sweep leaves it.
      store.scanBatches.remove('b1');
      expect(store.sweepBlobs({ keep: [memory] }).removed).toBe(1);
      expect(store.blobs.has(page)).toBe(false);
      const again = put('page held in memory only');
      expect(again).toBe(memory);
      expect(store.sweepBlobs().removed).toBe(0);
      expect(store.blobs.has(memory)).toBe(true);
      // With no grace at all, only what nothing refers to goes; the document stays.
      expect(store.sweepBlobs({ graceMs: 0 }).removed).toBe(2);
      expect(store.blobs.get(doc.sha256).toString()).toBe('%PDF document');
      expect(store.blobs.has(uploading)).toBe(true);
    } finally {
      store.close();
    }
  });

  it('keeps a blob named only in a queued change', async () => {
    const store = await openStationStore({
      dataDir: join(tempDir(), 'data'),
      secrets: new MemorySecretStore(),
    });
    try {
      const sha = store.blobs.put(Buffer.from('referenced by payload only')).sha256;
      store.outbox.enqueue('some-record', 'document.attach', { sha256: sha }, null);
      expect(store.sweepBlobs({ graceMs: 0 })).toMatchObject({ removed: 0, referenced: 1 });
      expect(store.blobs.has(sha)).toBe(true);
    } finally {
      store.close();
    }
  });
});
