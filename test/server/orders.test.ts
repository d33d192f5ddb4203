import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { versionConflictSchema, type OrderRecord } from '../../src/shared/api';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder, courtOf } from './support/orders';
import { emptyOrder } from '../../src/shared/order';

describeOnBackends('registry orders', (kind) => {
  let h: Harness;
  let clerk: string;
  let otherClerk: string;
  let fresnoClerk: string;
  let supervisor: string;
  let query: string;
  let today: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    otherClerk = (await h.signIn('alameda.clerk2')).accessToken;
    fresnoClerk = (await h.signIn('fresno.clerk')).accessToken;
    supervisor = (await h.signIn('alameda.supervisor')).accessToken;
    query = (await h.signIn('alameda.query')).accessToken;
    today = h.app.registry.orders.today();
  });
  afterAll(async () => {
    await h.close();
  });

  const create = (token: string, order: unknown, key = randomUUID()) =>
    h.call<OrderRecord>('POST', '/api/v1/orders', {
      token,
      body: { order },
      headers: { 'idempotency-key': key },
    });

  it('creates a record from a station draft and replays the first answer for the same key', async () => {
    const order = emptyOrder(randomUUID(), courtOf('Alameda'));
    const key = randomUUID();
    const first = await create(clerk, order, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'draft',
      version: 1,
      courtOri: 'CA001013J',
      images: [],
      claim: null,
    });
    expect(first.body.order).toEqual(order);

    const replay = await create(clerk, order, key);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await h.count(`orders WHERE id = '${order.id}'`)).toBe(1);
  });

  it('refuses the same key with a different body (409) and changes nothing', async () => {
    const key = randomUUID();
    const a = emptyOrder(randomUUID(), courtOf('Alameda'));
    expect((await create(clerk, a, key)).status).toBe(201);
    const before = await h.count('orders');
    const b = emptyOrder(randomUUID(), courtOf('Alameda'));
    const res = await create(clerk, b, key);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await h.count('orders')).toBe(before);
  });

  it('requires an Idempotency-Key on mutations', async () => {
    const res = await h.call('POST', '/api/v1/orders', {
      token: clerk,
      body: { order: emptyOrder(randomUUID(), courtOf('Alameda')) },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REQUIRED', field: 'idempotency-key' });
  });

  it('rejects a stale update with 409 VERSION_CONFLICT carrying the current record', async () => {
    const order = completeOrder(today);
    await create(clerk, order);
    const edited = { ...order, caseNumber: 'T-EDIT-1' };
    const first = await h.call<OrderRecord>('PUT', `/api/v1/orders/${order.id}`, {
      token: clerk,
      body: { order: edited, baseVersion: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const stale = await h.call<{ code: string; current: OrderRecord }>('PUT', `/api/v1/orders/${order.id}`, {
      token: otherClerk,
      body: { order: { ...order, caseNumber: 'T-EDIT-2' }, baseVersion: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.current.version).toBe(2);
    expect(stale.body.current.order.caseNumber).toBe('T-EDIT-1');
  });

  it('says in a VERSION_CONFLICT who changed the order last and when', async () => {
    const order = completeOrder(today);
    await create(clerk, order);
    const edited = await h.call<OrderRecord>('PUT', `/api/v1/orders/${order.id}`, {
      token: otherClerk,
      body: { order: { ...order, caseNumber: 'T-WHO-1' }, baseVersion: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(edited.status).toBe(200);
    const stale = await h.call<unknown>('PUT', `/api/v1/orders/${order.id}`, {
      token: clerk,
      body: { order: { ...order, caseNumber: 'T-WHO-2' }, baseVersion: 1 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(stale.status).toBe(409);
    const conflict = versionConflictSchema.parse(stale.body);
    expect(conflict.updatedBy?.username).toBe('alameda.clerk2');
    expect(conflict.updatedBy?.displayName).not.toBe('');
    expect(conflict.updatedAt).toBe(edited.body.updatedAt);
    expect(conflict.updatedAt).toBe(conflict.current.updatedAt);
  });

  it('runs transitions through the state machine and pre-flight validation', async () => {
    const draft = emptyOrder(randomUUID(), courtOf('Alameda'));
    await create(clerk, draft);
    const transition = (body: unknown, token = clerk) =>
      h.call<{ code: string; issues?: { code: string }[] } & OrderRecord>(
        'POST',
        `/api/v1/orders/${draft.id}/transitions`,
        {
          token,
          body,
          headers: { 'idempotency-key': randomUUID() },
        },
      );
    const incomplete = await transition({ transition: 'submit', baseVersion: 1 });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('VALIDATION_FAILED');
    expect(incomplete.body.issues?.map((i) => i.code)).toContain('CASE_NUMBER_REQUIRED');

    const complete = { ...completeOrder(today), id: draft.id };
    const submitted = await transition({ transition: 'submit', baseVersion: 1, order: complete });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2 });

    const wrong = await transition({ transition: 'cancel', baseVersion: 2 });
    expect(wrong.status).toBe(409);
    expect(wrong.body.code).toBe('INVALID_TRANSITION');

    const gateway = await transition({ transition: 'sendToDoj', baseVersion: 2 });
    expect(gateway.status).toBe(403);

    const noClets = await transition({ transition: 'activateWithoutGateway', baseVersion: 2 }, query);
    expect(noClets.status).toBe(403);

    const active = await transition({ transition: 'activateWithoutGateway', baseVersion: 2 });
    expect(active.body.status).toBe('active');
    const put = await h.call('PUT', `/api/v1/orders/${draft.id}`, {
      token: clerk,
      body: { order: complete, baseVersion: 3 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(put.status).toBe(409);
    expect(put.body).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('only lets a CLETS-certified user review a DOJ response', async () => {
    const order = completeOrder(today);
    await create(otherClerk, order);
    const svc = h.app.registry.orders;
    const system = {
      principal: { kind: 'system' as const, component: 'test-gateway' },
      idempotencyKey: null,
      requestId: 't',
    };
    await svc.transition(system, order.id, { transition: 'submit', baseVersion: 1 });
    await svc.transition(system, order.id, { transition: 'sendToDoj', baseVersion: 2 });
    await svc.transition(system, order.id, {
      transition: 'dojAcknowledge',
      baseVersion: 3,
      order: { ...order, fcn: '1234567890123' },
    });
    const refused = await h.call('POST', `/api/v1/orders/${order.id}/transitions`, {
      token: otherClerk, // alameda.clerk2 is not CLETS-certified
      body: { transition: 'reviewResponse', baseVersion: 4 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'CLETS_CERTIFICATION_REQUIRED' });
    const ok = await h.call<OrderRecord>('POST', `/api/v1/orders/${order.id}/transitions`, {
      token: clerk,
      body: { transition: 'reviewResponse', baseVersion: 4 },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('active');
  });

  it('applies role and organisation rules', async () => {
    const order = emptyOrder(randomUUID(), courtOf('Alameda'));
    expect((await create(query, order)).status).toBe(403);
    const foreign = await create(fresnoClerk, order);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'COURT_NOT_YOURS' });
    await create(clerk, order);
    // A draft is visible only to its own organisation.
    expect((await h.call('GET', `/api/v1/orders/${order.id}`, { token: fresnoClerk })).status).toBe(404);
    expect((await h.call('GET', `/api/v1/orders/${order.id}`, { token: otherClerk })).status).toBe(200);
    const unknownCourt = await create(clerk, {
      ...order,
      id: randomUUID(),
      court: { ...order.court, ori: 'CA999999J' },
    });
    expect(unknownCourt.status).toBe(422);
    expect(unknownCourt.body).toMatchObject({ code: 'UNKNOWN_COURT', field: 'court.ori' });
  });

  it('keeps sealed orders from clerks and shows them to supervisors', async () => {
    const sealed = { ...emptyOrder(randomUUID(), courtOf('Alameda')), sealed: true };
    const byClerk = await create(clerk, sealed);
    expect(byClerk.status).toBe(403);
    expect(byClerk.body).toMatchObject({ code: 'SEALED_ORDER' });
    expect((await create(supervisor, sealed)).status).toBe(201);
    expect((await h.call('GET', `/api/v1/orders/${sealed.id}`, { token: supervisor })).status).toBe(200);
    expect((await h.call('GET', `/api/v1/orders/${sealed.id}`, { token: clerk })).status).toBe(404);
  });

  it('clones an order into a new draft that remembers its source', async () => {
    const source = completeOrder(today);
    await create(clerk, source);
    const newId = randomUUID();
    const res = await h.call<OrderRecord>('POST', `/api/v1/orders/${source.id}/clone`, {
      token: clerk,
      body: { newId, formId: 'DV-130' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    expect(res.body.order).toMatchObject({ id: newId, clonedFrom: source.id, caseNumber: source.caseNumber });
    expect(res.body.order.issueDate).toBeUndefined();
  });

  it('audits views, creates and transitions', async () => {
    const order = emptyOrder(randomUUID(), courtOf('Alameda'));
    await create(clerk, order);
    await h.call('GET', `/api/v1/orders/${order.id}`, { token: clerk });
    const events = await h.database.db.query<{ event_type: string }>(
      'SELECT event_type FROM audit_log WHERE object_id = $1 ORDER BY id',
      [order.id],
    );
    expect(events.rows.map((r) => r.event_type)).toEqual(['create', 'view']);
  });
});
