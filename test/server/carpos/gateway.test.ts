import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChangesResponse, DojResponses, OrderRecord } from '../../../src/shared/api';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { claimNext } from '../../../src/server/carpos/claim';
import { recordOutcome } from '../../../src/server/carpos/outcome';
import { isWellFormedFcn } from '../../../src/server/carpos/simulator/fcn';
import { CarposSimulator } from '../../../src/server/carpos/simulator/simulator';
import { CarposWorker } from '../../../src/server/carpos/worker';
import { describeOnBackends } from '../support/backends';
import { startHarness, type Harness } from '../support/harness';
import { completeOrder } from '../support/orders';

interface AuditRow {
  component: string;
  event_type: string;
  outcome: string;
  username: string;
  details: Record<string, unknown>;
}

describeOnBackends('DOJ CARPOS gateway worker with the DOJ simulator', (kind) => {
  let h: Harness;
  let clerk: string; // alameda.clerk: CLETS-certified
  let clerk2: string; // alameda.clerk2: not certified
  let today: string;

  beforeAll(async () => {
    h = await startHarness(kind, { accessTokenTtlSeconds: 3600 });
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    clerk2 = (await h.signIn('alameda.clerk2')).accessToken;
    today = h.app.registry.orders.today();
  });
  afterAll(async () => {
    await h.close();
  });

  function worker(gateway: CarposSimulator, id?: string): CarposWorker {
    return new CarposWorker({
      db: h.database.db,
      orders: h.app.registry.orders,
      gateway,
      now: () => h.now(),
      retry: { initialMs: 10_000, maxMs: 60_000 },
      timeoutMs: 5_000,
      ...(id === undefined ? {} : { workerId: id }),
    });
  }

  /** A clerk creates and submits a complete order over HTTP, as a station would. */
  async function submitted(order: ProtectiveOrder = completeOrder(today)): Promise<ProtectiveOrder> {
    const headers = () => ({ 'idempotency-key': randomUUID() });
    const created = await h.call('POST', '/api/v1/orders', {
      token: clerk,
      body: { order },
      headers: headers(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submit = await h.call('POST', `/api/v1/orders/${order.id}/transitions`, {
      token: clerk,
      body: { transition: 'submit', baseVersion: 1 },
      headers: headers(),
    });
    expect(submit.status, JSON.stringify(submit.body)).toBe(200);
    return order;
  }

  const record = async (id: string) =>
    (await h.call<OrderRecord>('GET', `/api/v1/orders/${id}`, { token: clerk })).body;

  async function gatewayAudit(id: string): Promise<AuditRow[]> {
    const rows = await h.database.db.query<AuditRow>(
      `SELECT component, event_type, outcome, username, details FROM audit_log
        WHERE object_id = $1 AND component = 'carpos-gateway' ORDER BY id`,
      [id],
    );
    return rows.rows;
  }

  /** Drains the whole change feed for the clerk. */
  async function feedFor(id: string) {
    let cursor: string | undefined;
    const out: ChangesResponse['changes'] = [];
    for (;;) {
      const page = await h.call<ChangesResponse>(
        'GET',
        `/api/v1/changes?limit=1000${cursor === undefined ? '' : `&cursor=${cursor}`}`,
        { token: clerk },
      );
      out.push(...page.body.changes.filter((c) => c.orderId === id));
      cursor = page.body.cursor;
      if (!page.body.hasMore) return out;
    }
  }

  it('DOJ simulator acknowledges a submitted order: an FCN on a new version, in the change feed, audited', async () => {
    const sim = new CarposSimulator();
    const order = await submitted();
    const pass = await worker(sim).runOnce();
    expect(pass.acknowledged).toBeGreaterThanOrEqual(1);

    const rec = await record(order.id);
    expect(rec.status).toBe('acknowledged');
    expect(rec.version).toBe(4); // created 1, submitted 2, sent_to_doj 3, acknowledged 4
    expect(rec.order.fcn).toMatch(/^\d{13}$/);
    expect(isWellFormedFcn(rec.order.fcn ?? '')).toBe(true);
    const fcnColumn = await h.database.db.query<{ fcn: string }>('SELECT fcn FROM orders WHERE id = $1', [
      order.id,
    ]);
    expect(fcnColumn.rows[0]?.fcn).toBe(rec.order.fcn);

    const feed = await feedFor(order.id);
    expect(feed.map((c) => [c.status, c.version])).toEqual([
      ['draft', 1],
      ['submitted', 2],
      ['sent_to_doj', 3],
      ['acknowledged', 4],
    ]);

    const audit = await gatewayAudit(order.id);
    expect(audit.map((a) => [a.event_type, a.details.transition ?? a.details.outcome ?? null])).toEqual([
      ['transition', 'sendToDoj'],
      ['carpos_send', null],
      ['transition', 'dojAcknowledge'],
      ['carpos_response', 'accepted'],
    ]);
    expect(audit.every((a) => a.username === 'system:carpos-gateway')).toBe(true);
    expect(audit[3]?.details.fcn).toBe(rec.order.fcn);
    expect(sim.received.map((r) => r.transactionId)).toEqual([`${order.id}.v3`]);
  });

  it('DOJ simulator rejects a DOJ-known person with another DOB; the reasons are for CLETS-certified users', async () => {
    const sim = new CarposSimulator();
    const order = await submitted(
      completeOrder(today, { last: 'Fictional', first: 'Taylor', dob: '1991-01-01' }),
    );
    expect((await worker(sim).runOnce()).rejected).toBe(1);
    const rec = await record(order.id);
    expect(rec.status).toBe('rejected');
    expect(rec.order.fcn).toBeUndefined();
    expect((await feedFor(order.id)).at(-1)).toMatchObject({ status: 'rejected', version: 4 });

    const read = await h.call<DojResponses>('GET', `/api/v1/orders/${order.id}/doj-responses`, {
      token: clerk,
    });
    expect(read.status).toBe(200);
    expect(read.body.responses).toHaveLength(1);
    expect(read.body.responses[0]).toMatchObject({
      outcome: 'rejected',
      transaction: 'enter',
      transactionId: `${order.id}.v3`,
      reasons: [{ code: 'IDENTITY_MISMATCH', field: 'restrainedPerson.dob' }],
    });
    expect(read.body.responses[0]?.reasons[0]?.message).toMatch(/different date of birth/);

    const denied = await h.call('GET', `/api/v1/orders/${order.id}/doj-responses`, { token: clerk2 });
    expect(denied.status).toBe(403);
    expect(denied.body).toMatchObject({ code: 'CLETS_CERTIFICATION_REQUIRED' });
    const reads = await h.database.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE object_id = $1 AND object_type = 'doj_response' ORDER BY id`,
      [order.id],
    );
    expect(reads.rows.map((r) => r.outcome)).toEqual(['success', 'denied']);

    // The clerk corrects the DOB and resubmits: a new transaction, accepted.
    const fixed = { ...rec.order, restrainedPerson: { ...rec.order.restrainedPerson, dob: '1990-12-31' } };
    const post = (body: unknown) =>
      h.call<OrderRecord>('POST', `/api/v1/orders/${order.id}/transitions`, {
        token: clerk,
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
    expect((await post({ transition: 'revise', baseVersion: 4 })).status).toBe(200);
    expect((await post({ transition: 'submit', baseVersion: 5, order: fixed })).status).toBe(200);
    expect((await worker(sim).runOnce()).acknowledged).toBe(1);
    expect((await record(order.id)).status).toBe('acknowledged');
    expect(sim.received.map((r) => r.transactionId)).toEqual([`${order.id}.v3`, `${order.id}.v7`]);
  });

  it('DOJ simulator unavailable, then available: the order waits in sent_to_doj, retried with backoff, acknowledged once', async () => {
    const sim = new CarposSimulator({ unavailable: true });
    const w = worker(sim);
    const order = await submitted();
    expect((await w.runOnce()).unavailable).toBe(1);
    expect((await record(order.id)).status).toBe('sent_to_doj');

    sim.setAvailable(true);
    // Not due before the backoff has passed (10 s for the first retry, then 20 s …).
    expect(await w.runOnce()).toMatchObject({ acknowledged: 0, unavailable: 0 });
    sim.setAvailable(false);
    h.advance(10_001);
    expect((await w.runOnce()).unavailable).toBe(1);
    sim.setAvailable(true);
    h.advance(10_001);
    expect((await w.runOnce()).acknowledged).toBe(0); // the second retry waits 20 s
    h.advance(10_001);
    expect((await w.runOnce()).acknowledged).toBe(1);

    const rec = await record(order.id);
    expect(rec.status).toBe('acknowledged');
    expect(rec.version).toBe(4);
    const sends = sim.received.filter((r) => r.order.id === order.id);
    expect(sends.map((r) => r.transactionId)).toEqual(Array(3).fill(`${order.id}.v3`));
    const audit = await gatewayAudit(order.id);
    const responses = audit.filter((a) => a.event_type === 'carpos_response');
    expect(responses.map((a) => [a.outcome, a.details.outcome, a.details.attempt])).toEqual([
      ['failure', 'unavailable', 1],
      ['failure', 'unavailable', 2],
      ['success', 'accepted', 3],
    ]);
    expect(audit.filter((a) => a.details.transition === 'dojAcknowledge')).toHaveLength(1);
  });

  it('two workers at once never send the same order twice (DOJ simulator with latency)', async () => {
    const sim = new CarposSimulator({ latencyMs: 20 });
    const orders = [];
    for (let i = 0; i < 6; i += 1) orders.push(await submitted());
    const [a, b] = await Promise.all([worker(sim, 'worker-a').runOnce(), worker(sim, 'worker-b').runOnce()]);
    expect(a.acknowledged + b.acknowledged).toBe(6);
    for (const order of orders) {
      expect(sim.received.filter((r) => r.order.id === order.id)).toHaveLength(1);
      expect((await record(order.id)).status).toBe('acknowledged');
    }
  });

  it('after a worker dies mid-send, its lease lapses and the same transaction is sent again and acknowledged once', async () => {
    const sim = new CarposSimulator();
    const order = await submitted();
    const w = worker(sim, 'survivor');
    const dead = await claimNext(h.database.db, h.app.registry.orders, {
      workerId: 'dead-worker',
      now: h.now(),
      leaseMs: w.leaseMs,
      refusedRetryMs: 60_000,
    });
    expect(dead?.kind).toBe('claimed');
    if (dead?.kind !== 'claimed') return;
    expect(dead.claim.orderId).toBe(order.id);
    expect((await record(order.id)).status).toBe('sent_to_doj');
    expect(await w.runOnce()).toMatchObject({ acknowledged: 0 }); // leased by the dead worker
    h.advance(w.leaseMs + 1);
    expect((await w.runOnce()).acknowledged).toBe(1);
    expect(sim.received.map((r) => r.transactionId)).toEqual([dead.claim.transactionId]);
    // The dead worker's late answer changes nothing.
    const late = await recordOutcome(
      h.database.db,
      h.app.registry.orders,
      dead.claim,
      { outcome: 'accepted', fcn: '1000000000009', dojReference: 'late' },
      { workerId: 'dead-worker', now: h.now(), retryInMs: 1000 },
    );
    expect(late).toBe('superseded');
    const rec = await record(order.id);
    expect(rec.version).toBe(4);
    expect(rec.order.fcn).not.toBe('1000000000009');
  });

  it('a shutdown during the DOJ simulator call keeps the order in sent_to_doj; the restarted worker sends it once more', async () => {
    const slow = new CarposSimulator({ latencyMs: 60_000 });
    const order = await submitted();
    const stop = new AbortController();
    const pass = worker(slow, 'before-restart').runOnce(stop.signal);
    for (let i = 0; i < 400 && (await record(order.id)).status !== 'sent_to_doj'; i += 1)
      await new Promise((r) => setTimeout(r, 25));
    stop.abort();
    expect(await pass).toMatchObject({ unavailable: 1, acknowledged: 0 });
    expect((await record(order.id)).status).toBe('sent_to_doj');

    const sim = new CarposSimulator();
    h.advance(10_001); // the first retry delay
    expect((await worker(sim, 'after-restart').runOnce()).acknowledged).toBe(1);
    expect(sim.received.map((r) => r.transactionId)).toEqual([`${order.id}.v3`]);
    expect((await record(order.id)).status).toBe('acknowledged');
  });

  it('leaves an order the registry pre-flight now refuses in submitted, with the reasons, and retries later', async () => {
    const sim = new CarposSimulator();
    const order = await submitted();
    // The order became incomplete after submit (e.g. data loaded by an ETL): the gateway must not send it.
    await h.database.db.query(
      `UPDATE orders SET data = jsonb_set(data, '{conditions,codes}', '[]'::jsonb) WHERE id = $1`,
      [order.id],
    );
    const pass = await worker(sim).runOnce();
    expect(pass.refused).toBe(1);
    expect((await record(order.id)).status).toBe('submitted');
    expect(sim.received.filter((r) => r.order.id === order.id)).toHaveLength(0);
    const read = await h.call<DojResponses>('GET', `/api/v1/orders/${order.id}/doj-responses`, {
      token: clerk,
    });
    expect(read.body.responses[0]).toMatchObject({
      outcome: 'refused',
      reasons: expect.arrayContaining([expect.objectContaining({ code: 'CONDITION_REQUIRED' })]),
    });
    expect((await worker(sim).runOnce()).refused).toBe(0); // not due again for an hour
  });
});
