import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../../../src/server/auth/principal';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { completeOrder } from '../../support/orders';
import { USERS } from './support/directory';
import { startTestRegistry, type TestRegistry } from './support/registry';
import { openTestStation, type TestStation } from './support/station';

let registry: TestRegistry;
let court: TestStation;

beforeAll(async () => {
  registry = await startTestRegistry();
  court = await openTestStation(registry.url);
  await registry.signIn(court.client, USERS.clerk);
  court.sync.start();
});
afterAll(async () => {
  await court.close();
  await registry.close();
});

/** The DOJ gateway's steps, run by the registry itself (system principal), as the gateway would. */
async function gateway(id: string, transition: 'sendToDoj' | 'dojAcknowledge' | 'dojReject'): Promise<void> {
  const orders = registry.app.registry.orders;
  const current = await orders.get(systemPrincipal('doj-gateway'), id, 'test');
  await orders.transition(
    { principal: systemPrincipal('doj-gateway'), idempotencyKey: null, requestId: 'test' },
    id,
    {
      transition,
      baseVersion: current.version,
    },
  );
}

describe('sync: refusals are kept and shown, never dropped', () => {
  it('an order for an unknown court: the draft shows the registry refusal and the change is kept', async () => {
    const id = randomUUID();
    const order = completeOrder({
      id,
      caseNumber: '26FL31000',
      court: { ori: 'CA099015J', county: 'Nowhere', name: 'No such court' },
    });
    court.store.drafts.save(order);
    court.sync.kick();
    const status = await court.drain();
    expect(status).toMatchObject({ state: 'error', rejected: 1, pendingChanges: 0 });
    expect(status.problem).toContain('1 draft was refused');
    const draft = court.store.drafts.mustGet(id);
    expect(draft.syncState).toBe('rejected');
    expect(draft.syncMessage).toContain('No court with ORI CA099015J');
    const [rejection] = court.sync.rejections(id);
    expect(rejection).toMatchObject({ code: 'UNKNOWN_COURT', kind: 'order.save', field: 'court.ori' });
    expect((rejection!.payload as { order: ProtectiveOrder }).order).toEqual(order);
    // Corrected and saved again: sent, and the draft is synced.
    court.store.drafts.save(completeOrder({ id, caseNumber: '26FL31000' }));
    court.sync.kick();
    expect(await court.drain()).toMatchObject({ state: 'idle', rejected: 0 });
    expect(court.store.drafts.mustGet(id).syncState).toBe('synced');
  });

  it('a submit the registry refuses as incomplete: the draft goes back to draft and shows the first problem', async () => {
    const id = randomUUID();
    const base = completeOrder({ id, caseNumber: '26FL32000' });
    const { sex: _sex, ...withoutSex } = base.restrainedPerson;
    court.store.drafts.save({ ...base, restrainedPerson: withoutSex });
    court.store.drafts.transition(id, 'submit');
    court.sync.kick();
    await court.drain();
    const draft = court.store.drafts.mustGet(id);
    expect(draft).toMatchObject({ status: 'draft', syncState: 'rejected', registryVersion: 1 });
    expect(draft.syncMessage).toMatch(/^The registry refused this change: The order is not complete enough/);
    expect(court.sync.rejections(id)[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      kind: 'order.transition',
    });
    expect((await court.client.getOrder(id)).status).toBe('draft');
  });
});

describe('sync: pulling the registry changes', () => {
  it('brings DOJ acknowledgement and rejection to the drafts, and keeps its cursor', async () => {
    const accepted = randomUUID();
    const refused = randomUUID();
    for (const [id, caseNo] of [
      [accepted, '26FL33000'],
      [refused, '26FL33001'],
    ] as const) {
      court.store.drafts.save(completeOrder({ id, caseNumber: caseNo }));
      court.store.drafts.transition(id, 'submit');
    }
    court.sync.kick();
    await court.drain();
    expect(court.store.drafts.mustGet(accepted)).toMatchObject({
      status: 'submitted',
      syncState: 'synced',
      registryVersion: 2,
    });
    await gateway(accepted, 'sendToDoj');
    await gateway(accepted, 'dojAcknowledge');
    await gateway(refused, 'sendToDoj');
    await gateway(refused, 'dojReject');
    await court.drain();
    expect(court.store.drafts.mustGet(accepted)).toMatchObject({
      status: 'acknowledged',
      syncState: 'synced',
      registryVersion: 4,
    });
    const rejected = court.store.drafts.mustGet(refused);
    expect(rejected).toMatchObject({ status: 'rejected', syncState: 'rejected', registryVersion: 4 });
    expect(rejected.syncMessage).toContain('DOJ CARPOS rejected this order');
    expect(court.sync.status()).toMatchObject({ state: 'error' });
    const cursor = court.store.sync.getMeta('changes.cursor');
    expect(cursor).not.toBeNull();
    // After a restart the pull continues from the stored cursor.
    await court.restartSync();
    await court.drain();
    expect(court.store.sync.getMeta('changes.cursor')).toBe(cursor);
  });

  it('sheriff station: the county work queue arrives, an order is claimed, completed and submitted', async () => {
    const sheriff = await openTestStation(registry.url);
    try {
      await registry.signIn(sheriff.client, USERS.sheriff);
      sheriff.sync.start();
      const id = randomUUID();
      const basic = completeOrder({ id, caseNumber: '26FL34000' });
      court.store.drafts.save(basic);
      court.store.drafts.transition(id, 'submitForCompletion');
      court.sync.kick();
      await court.drain();
      await sheriff.drain();
      const queued = sheriff.sync.workQueue();
      expect(queued.map((q) => q.orderId)).toContain(id);
      expect(queued.find((q) => q.orderId === id)).toMatchObject({ caseNumber: '26FL34000', claim: null });
      const local = await sheriff.sync.claim(id);
      expect(local).toMatchObject({
        status: 'awaiting_carpos_data',
        registryVersion: 2,
        syncState: 'synced',
      });
      // The claimed order is the sheriff's organisation's draft now, not the court's.
      expect(local.orgOri).not.toBe(local.order.court.ori);
      expect(local.orgOri).toBe(sheriff.client.session.current()?.user.orgOri);
      const completed: ProtectiveOrder = {
        ...basic,
        restrainedPerson: { ...basic.restrainedPerson, weightLbs: 201 },
      };
      sheriff.store.drafts.save(completed);
      sheriff.store.drafts.transition(id, 'completeCarposData');
      sheriff.sync.kick();
      await sheriff.drain();
      expect(sheriff.store.drafts.mustGet(id)).toMatchObject({ status: 'submitted', syncState: 'synced' });
      expect(await sheriff.client.getOrder(id)).toMatchObject({ status: 'submitted', order: completed });
      expect(sheriff.sync.workQueue().map((q) => q.orderId)).not.toContain(id);
      // The court's station learns of it through its own pull.
      await court.drain();
      expect(court.store.drafts.mustGet(id)).toMatchObject({
        status: 'submitted',
        order: completed,
        syncState: 'synced',
      });
    } finally {
      await sheriff.close();
    }
  });
});
