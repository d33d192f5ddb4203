import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeOrder } from '../../support/orders';
import { USERS } from './support/directory';
import { FaultProxy } from './support/fault-proxy';
import { scanPdf } from './support/pdf';
import { startTestRegistry, type TestRegistry } from './support/registry';
import { openTestStation, type TestStation } from './support/station';

let registry: TestRegistry;
const stations: TestStation[] = [];

beforeAll(async () => {
  registry = await startTestRegistry();
});
afterAll(async () => {
  for (const s of stations) await s.close();
  await registry.close();
});

async function station(baseUrl = registry.url, options = {}): Promise<TestStation> {
  const s = await openTestStation(baseUrl, options);
  stations.push(s);
  return s;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('sync: draining the outbox', () => {
  it('sends drafts and their scanned documents; the registry holds each once, images verified by SHA-256', async () => {
    const s = await station();
    await registry.signIn(s.client, USERS.clerk);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const pdfs = new Map<string, Buffer>();
    for (const [i, id] of ids.entries()) {
      s.store.drafts.save(completeOrder({ id, caseNumber: `26FL1100${i}` }));
      s.store.drafts.save(completeOrder({ id, caseNumber: `26FL1200${i}` }));
      const pdf = await scanPdf({ seed: 100 + i, width: 300, height: 400 });
      pdfs.set(id, pdf);
      s.store.documents.attachBytes(id, pdf, `order-${i}.pdf`, 1);
    }
    expect(s.sync.status().pendingChanges).toBe(9);
    expect(s.sync.status().pendingBytes).toBeGreaterThan(
      [...pdfs.values()].reduce((n, b) => n + b.length, 0),
    );
    s.sync.start();
    const status = await s.drain();
    expect(status).toMatchObject({
      state: 'idle',
      pendingChanges: 0,
      pendingBytes: 0,
      conflicts: 0,
      rejected: 0,
      problem: null,
    });
    expect(status.lastSuccessAt).not.toBeNull();
    for (const [i, id] of ids.entries()) {
      const draft = s.store.drafts.mustGet(id);
      expect(draft).toMatchObject({ syncState: 'synced', registryVersion: 1 });
      const record = await s.client.getOrder(id);
      expect(record.order).toEqual(draft.order);
      expect(record.order.caseNumber).toBe(`26FL1200${i}`);
      expect(record.images).toHaveLength(1);
      const image = await s.client.getImage(id, record.images[0]!.sha256);
      expect(sha256(image.bytes)).toBe(sha256(pdfs.get(id)!));
      const head = await s.client.getImage(id, record.images[0]!.sha256, { start: 0, end: 4 });
      expect(head).toMatchObject({ totalSize: pdfs.get(id)!.length, range: { start: 0, end: 4 } });
      expect(head.bytes.toString('latin1')).toBe('%PDF-');
    }
    expect(s.store.outbox.totals().count).toBe(0);
  });

  it('waits signed out with the changes kept, and sends them once someone signs in', async () => {
    const s = await station();
    const id = randomUUID();
    s.store.drafts.save(completeOrder({ id, caseNumber: '26FL13000' }));
    s.sync.start();
    const waiting = await s.waitFor((st) => st.state === 'signed-out', 'signed-out');
    expect(waiting.problem).toBe('Sign in to the registry to send your changes.');
    expect(waiting.pendingChanges).toBe(1);
    await registry.signIn(s.client, USERS.clerk);
    await s.drain();
    expect(s.store.drafts.mustGet(id).syncState).toBe('synced');
  });

  it('pauses while the registry does not answer, says since when, and resumes by itself', async () => {
    const s = await station();
    await registry.signIn(s.client, USERS.clerk);
    s.sync.start();
    await s.drain();
    await registry.stop();
    const id = randomUUID();
    s.store.drafts.save(completeOrder({ id, caseNumber: '26FL14000' }));
    s.sync.kick();
    const offline = await s.waitFor((st) => st.state === 'offline', 'offline');
    expect(offline.problem).toMatch(
      /^The registry has not answered since \d{1,2}:\d\d [AP]M\. Your changes are kept on this station/,
    );
    expect(offline.pendingChanges).toBe(1);
    await registry.restart();
    // No syncNow: the health probe notices on its own.
    await s.waitFor((st) => st.state === 'idle' && st.pendingChanges === 0, 'resumed and idle');
    expect((await s.client.getOrder(id)).order.caseNumber).toBe('26FL14000');
  });

  it('resumes an interrupted image upload without sending its completed chunks again', async () => {
    const proxy = new FaultProxy({ host: '127.0.0.1', port: registry.port });
    await proxy.listen();
    try {
      const chunk = 8 * 1024;
      const s = await station(proxy.url, { chunkSize: chunk });
      await registry.signIn(s.client, USERS.clerk);
      const id = randomUUID();
      s.store.drafts.save(completeOrder({ id, caseNumber: '26FL15000' }));
      const pdf = await scanPdf({ seed: 7, width: 400, height: 600 });
      expect(pdf.length).toBeGreaterThan(5 * chunk);
      s.store.documents.attachBytes(id, pdf, 'resumable.pdf', 1);
      let patches = 0;
      proxy.decide = (r) => (r.method === 'PATCH' && ++patches === 3 ? 'cut-upload' : 'pass');
      s.sync.start();
      await s.drain();
      const log = proxy.log.filter((e) => e.method === 'PATCH');
      const cutAt = log.findIndex((e) => e.fault === 'cut-upload');
      expect(cutAt).toBe(2);
      const cut = log[cutAt]!;
      expect(cut.uploadOffset).toBe(2 * chunk);
      const resumed = log[cutAt + 1]!;
      // The resumed upload starts where the registry's copy ends: at or past the cut chunk's start.
      expect(resumed.uploadOffset).toBeGreaterThanOrEqual(2 * chunk);
      expect(
        log
          .filter((e) => e.fault === 'pass')
          .every((e, i, all) => i === 0 || e.uploadOffset! > all[i - 1]!.uploadOffset!),
      ).toBe(true);
      const sent = log.reduce((n, e) => n + e.bytesForwarded, 0);
      expect(sent).toBeLessThanOrEqual(pdf.length + chunk);
      const record = await s.client.getOrder(id);
      const image = await s.client.getImage(id, record.images[0]!.sha256);
      expect(sha256(image.bytes)).toBe(sha256(pdf));
      expect(s.store.sync.uploads.get(sha256(pdf))).toBeUndefined();
      console.log(
        `resumable upload: ${pdf.length} bytes, ${log.length} PATCH requests, ${sent} bytes forwarded, resumed at ${resumed.uploadOffset}`,
      );
    } finally {
      await proxy.close();
    }
  });
  // Last in the file: the registry's clock stays two hours on.
  it('an upload in flight when the computer sleeps (its request goes silent, the clock jumps 2 hours) is retried on waking and lands once', async () => {
    const proxy = new FaultProxy({ host: '127.0.0.1', port: registry.port });
    await proxy.listen();
    try {
      let clock = Date.now();
      const chunk = 8 * 1024;
      const s = await station(proxy.url, { chunkSize: chunk, now: () => new Date(clock) });
      await registry.signIn(s.client, USERS.clerk);
      const id = randomUUID();
      s.store.drafts.save(completeOrder({ id, caseNumber: '26FL15500' }));
      const pdf = await scanPdf({ seed: 11, width: 400, height: 600 });
      s.store.documents.attachBytes(id, pdf, 'asleep.pdf', 1);
      let patches = 0;
      proxy.decide = (r) => {
        if (r.method !== 'PATCH' || ++patches !== 2) return 'pass';
        // The second chunk is on the wire when the lid closes: no answer ever comes, and the
        // station's clock is two hours on when it wakes.
        // The registry's clock ran on meanwhile: tokens issued before the sleep are old now.
        clock += 2 * 60 * 60_000;
        registry.clock.advance(2 * 60 * 60_000);
        return 'stall';
      };
      s.sync.start();
      await s.drain(60_000);
      const patchesSent = proxy.log.filter((e) => e.method === 'PATCH');
      expect(patchesSent[1]?.fault).toBe('stall');
      expect(patchesSent.length).toBeGreaterThan(2); // the upload went on after the silent request
      const record = await s.client.getOrder(id);
      expect(record.order.caseNumber).toBe('26FL15500');
      expect(record.images).toHaveLength(1);
      const image = await s.client.getImage(id, record.images[0]!.sha256);
      expect(sha256(image.bytes)).toBe(sha256(pdf));
      // One order created, whatever was retried.
      const created = await registry.app.registry.db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND event_type = 'create'`,
        [id],
      );
      expect(created.rows[0]).toEqual({ n: 1 });
      expect(s.store.sync.counts().pendingChanges).toBe(0);
    } finally {
      await proxy.close();
    }
  });
});
