import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/main/store/blob-store';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { openStationStore } from '../../../src/main/app/station-store';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-blobs-');

describe('blob store', () => {
  it('stores content once under its SHA-256 and returns it verified', async () => {
    const s = await openStationStore({ dataDir: tempDir(), secrets: new MemorySecretStore() });
    const bytes = randomBytes(100_000);
    const a = s.blobs.put(bytes);
    const b = s.blobs.put(bytes);
    expect(a).toEqual({ sha256: sha256Hex(bytes), size: 100_000 });
    expect(b).toEqual(a);
    expect(s.blobs.get(a.sha256).equals(bytes)).toBe(true);
    expect(readdirSync(join(s.dataDir, 'blobs', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
    s.close();
  });

  it('reports a damaged, substituted or missing file instead of returning wrong bytes', async () => {
    const s = await openStationStore({ dataDir: tempDir(), secrets: new MemorySecretStore() });
    const x = s.blobs.put(Buffer.from('first document'));
    const y = s.blobs.put(Buffer.from('second document'));
    const pathOf = (sha: string) => join(s.dataDir, 'blobs', sha.slice(0, 2), sha);
    const file = readFileSync(pathOf(x.sha256));
    file[file.length - 20] = (file[file.length - 20] ?? 0) ^ 0xff;
    writeFileSync(pathOf(x.sha256), file);
    expect(() => s.blobs.get(x.sha256)).toThrow(expect.objectContaining({ code: 'BLOB_DAMAGED' }));
    // A valid file moved to another address does not decrypt there.
    mkdirSync(join(s.dataDir, 'blobs', x.sha256.slice(0, 2)), { recursive: true });
    renameSync(pathOf(y.sha256), pathOf(x.sha256));
    expect(() => s.blobs.get(x.sha256)).toThrow(expect.objectContaining({ code: 'BLOB_DAMAGED' }));
    expect(() => s.blobs.get(y.sha256)).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
    expect(() => s.blobs.get('../../etc/passwd')).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
    s.close();
  });

  it('sweeps temp files left by a crash mid-write on open', async () => {
    const dataDir = tempDir();
    const secrets = new MemorySecretStore();
    (await openStationStore({ dataDir, secrets })).close();
    mkdirSync(join(dataDir, 'blobs', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'blobs', 'ab', '.tmp-123456'), 'half a file');
    const s = await openStationStore({ dataDir, secrets });
    expect(existsSync(join(dataDir, 'blobs', 'ab', '.tmp-123456'))).toBe(false);
    s.close();
  });

  it('attaches a document only once its bytes are stored, and queues its upload', async () => {
    const s = await openStationStore({ dataDir: tempDir(), secrets: new MemorySecretStore() });
    const d = s.drafts.save(completeOrder());
    expect(() =>
      s.documents.attach({ draftId: d.id, sha256: 'a'.repeat(64), fileName: 'x.pdf', pageCount: 1 }),
    ).toThrow(expect.objectContaining({ code: 'BLOB_MISSING' }));
    const doc = s.documents.attachBytes(
      d.id,
      Buffer.from('%PDF-1.7 test'),
      'Fresno_26FL01234_DV-130_20261122_001.pdf',
      3,
    );
    expect(
      s.documents.attachBytes(
        d.id,
        Buffer.from('%PDF-1.7 test'),
        'Fresno_26FL01234_DV-130_20261122_001.pdf',
        3,
      ),
    ).toEqual(doc);
    expect(s.documents.forDraft(d.id)).toEqual([doc]);
    expect(s.documents.fileNameTaken('FRESNO_26fl01234_DV-130_20261122_001.PDF')).toBe(true);
    expect(() =>
      s.documents.attachBytes(d.id, Buffer.from('other'), 'fresno_26fl01234_dv-130_20261122_001.pdf', 1),
    ).toThrow(expect.objectContaining({ code: 'INVALID_RECORD', field: 'fileName' }));
    expect(() => s.documents.attachBytes(randomUUID(), Buffer.from('x'), 'y.pdf', 1)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(s.outbox.forRecord(d.id).map((e) => e.kind)).toEqual(['order.save', 'document.attach']);
    s.close();
  });
});

describe('outbox', () => {
  it('hands out the oldest change of each record, in order, and holds a failed one until it is due', async () => {
    let now = Date.parse('2026-11-29T10:00:00Z');
    const s = await openStationStore({
      dataDir: tempDir(),
      secrets: new MemorySecretStore(),
      now: () => new Date(now),
    });
    const a = completeOrder({ id: randomUUID() });
    const b = completeOrder({ id: randomUUID() });
    s.drafts.save(a);
    s.drafts.save(b);
    s.drafts.save({ ...a, caseNumber: '26FL00002' });
    let heads = s.outbox.dueHeads();
    expect(heads.map((h) => h.recordId)).toEqual([a.id, b.id]);
    s.outbox.recordFailure(heads[0]!.seq, 'registry unreachable', new Date(now + 60_000));
    heads = s.outbox.dueHeads();
    expect(heads.map((h) => h.recordId)).toEqual([b.id]);
    now += 61_000;
    heads = s.outbox.dueHeads();
    // The failed change comes after the one that has been waiting without failing.
    expect(heads.map((h) => h.recordId)).toEqual([b.id, a.id]);
    expect(heads[1]).toMatchObject({ recordId: a.id, attempts: 1, lastError: 'registry unreachable' });
    s.outbox.acknowledge(heads[1]!.seq);
    s.outbox.acknowledge(heads[1]!.seq);
    expect(
      s.outbox
        .dueHeads()
        .map((h) => [h.recordId, (h.payload as { order: { caseNumber: string } }).order.caseNumber]),
    ).toEqual([
      [b.id, '26FL01234'],
      [a.id, '26FL00002'],
    ]);
    const totals = s.outbox.totals();
    expect(totals.count).toBe(2);
    expect(totals.bytes).toBeGreaterThan(1000);
    s.close();
  });
});
