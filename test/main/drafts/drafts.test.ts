import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { openStationStore, type StationStore } from '../../../src/main/app/station-store';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-drafts-');

async function store(now?: () => Date): Promise<StationStore> {
  return openStationStore({ dataDir: tempDir(), secrets: new MemorySecretStore(), ...(now ? { now } : {}) });
}

function clock(start = Date.parse('2026-11-29T10:00:00Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

const named = (last: string, first: string, extra: Partial<ProtectiveOrder> = {}): ProtectiveOrder =>
  completeOrder({
    id: randomUUID(),
    restrainedPerson: { ...completeOrder().restrainedPerson, name: { last, first } },
    ...extra,
  });

describe('drafts repository', () => {
  it('writes each save and its outbox row in one transaction', async () => {
    const s = await store();
    const order = completeOrder();
    const first = s.drafts.save(order);
    expect(first).toMatchObject({
      id: order.id,
      status: 'draft',
      localVersion: 1,
      syncState: 'pending',
      registryVersion: null,
    });
    const second = s.drafts.save({ ...order, caseNumber: '26FL09999' });
    expect(second.localVersion).toBe(2);
    expect(second.order.caseNumber).toBe('26FL09999');
    const queued = s.outbox.forRecord(order.id);
    expect(queued.map((e) => e.kind)).toEqual(['order.save', 'order.save']);
    expect((queued[1]!.payload as { order: ProtectiveOrder }).order.caseNumber).toBe('26FL09999');
    expect(new Set(queued.map((e) => e.mutationId)).size).toBe(2);
    s.close();
  });

  it('rejects an invalid draft with the field named, and writes nothing', async () => {
    const s = await store();
    expect(() => s.drafts.save({ ...completeOrder(), issueDate: '2026-02-31' })).toThrow(
      expect.objectContaining({ code: 'INVALID_RECORD', field: 'issueDate' }),
    );
    expect(() => s.drafts.save({ id: 'not-an-order' })).toThrow(
      expect.objectContaining({ code: 'INVALID_RECORD' }),
    );
    expect(() => s.drafts.save(null)).toThrow(expect.objectContaining({ code: 'INVALID_RECORD' }));
    expect(s.drafts.count()).toBe(0);
    expect(s.outbox.totals()).toEqual({ count: 0, bytes: 0 });
    s.close();
  });

  it('rolls back the draft when its outbox row cannot be written', async () => {
    const s = await store();
    const order = completeOrder();
    s.drafts.save(order);
    // Sabotage the outbox so the next insert fails inside the transaction.
    s.db.exec(
      "CREATE TRIGGER no_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END",
    );
    expect(() => s.drafts.save({ ...order, caseNumber: '26FL00000' })).toThrow(/outbox unavailable/);
    expect(s.drafts.mustGet(order.id).order.caseNumber).toBe('26FL01234');
    expect(s.drafts.mustGet(order.id).localVersion).toBe(1);
    s.close();
  });

  it('lists newest first with filters, accent-insensitive name search, case-number search and keyset pages', async () => {
    const s = await store(clock());
    const a = s.drafts.save(named('Núñez', 'José'));
    const b = s.drafts.save(named('Nunnally', 'Ann', { caseNumber: '26CR00077' }));
    const c = s.drafts.save(
      named('Baker', 'Sam', { protectedPersons: [{ name: { last: 'Nunes', first: 'Rita' } }] }),
    );
    s.drafts.transition(c.id, 'discard');
    expect(s.drafts.list().map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    expect(s.drafts.list({ text: 'nunez' }).map((d) => d.id)).toEqual([a.id]);
    expect(s.drafts.list({ text: 'NUN' }).map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    expect(s.drafts.list({ text: '26cr' }).map((d) => d.id)).toEqual([b.id]);
    expect(s.drafts.list({ text: '%' })).toEqual([]);
    expect(s.drafts.list({ status: 'discarded' }).map((d) => d.id)).toEqual([c.id]);
    const page1 = s.drafts.list({ limit: 2 });
    const last = page1.at(-1)!;
    const page2 = s.drafts.list({ limit: 2, after: { updatedAt: last.updatedAt, id: last.id } });
    expect([...page1, ...page2].map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    expect(page1[0]).toMatchObject({ restrainedName: 'Baker, Sam', formId: 'DV-130', syncState: 'pending' });
    s.close();
  });

  it('applies lifecycle transitions through the state machine; a refused one changes nothing', async () => {
    const s = await store();
    const d = s.drafts.save(completeOrder());
    expect(() => s.drafts.transition(d.id, 'cancel')).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
    expect(s.drafts.mustGet(d.id).status).toBe('draft');
    expect(s.outbox.forRecord(d.id)).toHaveLength(1);
    expect(s.drafts.transition(d.id, 'submit').status).toBe('submitted');
    expect(s.outbox.forRecord(d.id).map((e) => e.kind)).toEqual(['order.save', 'order.transition']);
    expect(() => s.drafts.transition(randomUUID(), 'submit')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    s.close();
  });

  it('records what the registry said', async () => {
    const s = await store();
    const d = s.drafts.save(completeOrder());
    s.drafts.recordSyncResult(d.id, { registryVersion: 3, syncState: 'synced' });
    expect(s.drafts.mustGet(d.id)).toMatchObject({
      registryVersion: 3,
      syncState: 'synced',
      syncMessage: null,
    });
    s.drafts.recordSyncResult(d.id, { syncState: 'rejected', message: 'DOJ: invalid ORI' });
    expect(s.drafts.mustGet(d.id)).toMatchObject({
      registryVersion: 3,
      syncState: 'rejected',
      syncMessage: 'DOJ: invalid ORI',
    });
    s.close();
  });
});
