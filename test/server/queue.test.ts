import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChangesResponse, OrderRecord, QueueItem } from '../../src/shared/api';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder, intakeOnly } from './support/orders';

describeOnBackends('registry work queue and change feed', (kind) => {
  let h: Harness;
  let clerk: string;
  let sheriff: string;
  let sheriff2: string;
  let fresnoSheriff: string;
  let today: string;

  beforeAll(async () => {
    h = await startHarness(kind, { claimMinutes: 30, accessTokenTtlSeconds: 3600 });
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    sheriff = (await h.signIn('alameda.sheriff')).accessToken;
    sheriff2 = (await h.signIn('alameda.sheriff2')).accessToken;
    fresnoSheriff = (await h.signIn('fresno.sheriff')).accessToken;
    today = h.app.registry.orders.today();
  });
  afterAll(async () => {
    await h.close();
  });

  const post = <T>(path: string, token: string, body?: unknown) =>
    h.call<T & { code?: string }>('POST', path, {
      token,
      ...(body === undefined ? {} : { body }),
      headers: { 'idempotency-key': randomUUID() },
    });

  async function queuedOrder() {
    const order = intakeOnly(today);
    await post('/api/v1/orders', clerk, { order });
    const res = await post<OrderRecord>(`/api/v1/orders/${order.id}/transitions`, clerk, {
      transition: 'submitForCompletion',
      baseVersion: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return order;
  }

  it('puts a court-submitted order in the county queue; one operator at a time completes it', async () => {
    const order = await queuedOrder();
    const queue = await h.call<{ items: QueueItem[] }>('GET', '/api/v1/queue', { token: sheriff });
    expect(queue.body.items.map((i) => i.orderId)).toContain(order.id);
    const other = await h.call<{ items: QueueItem[] }>('GET', '/api/v1/queue', { token: fresnoSheriff });
    expect(other.body.items.map((i) => i.orderId)).not.toContain(order.id);
    expect((await h.call('GET', '/api/v1/queue', { token: clerk })).status).toBe(403);

    const complete = { ...completeOrder(today), id: order.id, caseNumber: order.caseNumber };
    const unclaimed = await post(`/api/v1/orders/${order.id}/transitions`, sheriff, {
      transition: 'completeCarposData',
      baseVersion: 2,
      order: complete,
    });
    expect(unclaimed.status).toBe(409);
    expect(unclaimed.body.code).toBe('CLAIM_REQUIRED');

    expect((await post(`/api/v1/queue/${order.id}/claim`, sheriff)).status).toBe(200);
    const second = await post(`/api/v1/queue/${order.id}/claim`, sheriff2);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('ALREADY_CLAIMED');
    const notMine = await post(`/api/v1/orders/${order.id}/transitions`, sheriff2, {
      transition: 'completeCarposData',
      baseVersion: 2,
      order: complete,
    });
    expect(notMine.status).toBe(409);

    const done = await post<OrderRecord>(`/api/v1/orders/${order.id}/transitions`, sheriff, {
      transition: 'completeCarposData',
      baseVersion: 2,
      order: complete,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'submitted', claim: null });
    const after = await h.call<{ items: QueueItem[] }>('GET', '/api/v1/queue', { token: sheriff });
    expect(after.body.items.map((i) => i.orderId)).not.toContain(order.id);
  });

  it('lets a claim lapse so another operator can take the order', async () => {
    const order = await queuedOrder();
    await post(`/api/v1/queue/${order.id}/claim`, sheriff);
    h.advance(31 * 60_000);
    const taken = await post<{ claimedBy: string }>(`/api/v1/queue/${order.id}/claim`, sheriff2);
    expect(taken.status).toBe(200);
    const released = await h.call('POST', `/api/v1/queue/${order.id}/release`, { token: sheriff2 });
    expect(released.status).toBe(204);
    expect((await h.call('POST', `/api/v1/queue/${order.id}/release`, { token: sheriff2 })).status).toBe(409);
  });

  it('lets the claimant return an order to the court', async () => {
    const order = await queuedOrder();
    await post(`/api/v1/queue/${order.id}/claim`, sheriff);
    const back = await post<OrderRecord>(`/api/v1/orders/${order.id}/transitions`, sheriff, {
      transition: 'returnToCourt',
      baseVersion: 2,
    });
    expect(back.body.status).toBe('draft');
  });

  it("feeds the court its own orders' changes and the sheriff the county queue, resumably", async () => {
    const first = await h.call<ChangesResponse>('GET', '/api/v1/changes?limit=1000', { token: clerk });
    expect(first.status).toBe(200);
    const cursor = first.body.cursor;
    const order = await queuedOrder();

    const court = await h.call<ChangesResponse>('GET', `/api/v1/changes?cursor=${cursor}`, { token: clerk });
    expect(court.body.changes.map((c) => [c.orderId, c.status, c.kind])).toEqual([
      [order.id, 'draft', 'created'],
      [order.id, 'awaiting_carpos_data', 'transition'],
    ]);
    expect(court.body.changes.every((c) => !c.queue)).toBe(true);

    const sheriffFeed = await h.call<ChangesResponse>('GET', '/api/v1/changes?limit=1000', {
      token: sheriff,
    });
    const mine = sheriffFeed.body.changes.filter((c) => c.orderId === order.id);
    expect(mine.map((c) => c.status)).toEqual(['awaiting_carpos_data']);
    expect(mine[0]?.queue).toBe(true);
    const fresnoFeed = await h.call<ChangesResponse>('GET', '/api/v1/changes?limit=1000', {
      token: fresnoSheriff,
    });
    expect(fresnoFeed.body.changes.filter((c) => c.orderId === order.id)).toEqual([]);

    // Paging: limit 1 walks the same entries one at a time.
    const p1 = await h.call<ChangesResponse>('GET', `/api/v1/changes?cursor=${cursor}&limit=1`, {
      token: clerk,
    });
    expect(p1.body.hasMore).toBe(true);
    const p2 = await h.call<ChangesResponse>('GET', `/api/v1/changes?cursor=${p1.body.cursor}&limit=1`, {
      token: clerk,
    });
    expect([...p1.body.changes, ...p2.body.changes]).toEqual(court.body.changes);
    const end = await h.call<ChangesResponse>('GET', `/api/v1/changes?cursor=${court.body.cursor}`, {
      token: clerk,
    });
    expect(end.body).toEqual({ changes: [], cursor: court.body.cursor, hasMore: false });
  });

  it('refuses a cursor it did not issue', async () => {
    const res = await h.call('GET', '/api/v1/changes?cursor=bm9wZQ', { token: clerk });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
  });
});
