/**
 * Issue 12, hole 6: every refused request (401, 403, 423, 429) leaves an audit record with its
 * reason, and every record carries the client's address, the station id and the request id, which
 * the audit API returns and filters on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATION_ID_HEADER, type AuditEntry } from '../../src/shared/api';
import { emptyOrder } from '../../src/shared/order';
import { describeOnBackends } from './support/backends';
import { startHarness, type ApiResponse, type Harness } from './support/harness';
import { orderInStatus } from './support/lifecycle';
import { courtOf } from './support/orders';

const STATION = 'ALA-CLERK-07';

describeOnBackends('registry audit of refusals', (kind) => {
  let h: Harness;
  let stateAdmin: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    stateAdmin = (await h.signIn('state.admin')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  /** The audit entries of the request that produced `res`, read through the audit API. */
  async function entriesOf(res: ApiResponse): Promise<AuditEntry[]> {
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const read = await h.call<{ entries: AuditEntry[] }>('GET', `/api/v1/audit?requestId=${requestId}`, {
      token: stateAdmin,
    });
    expect(read.status).toBe(200);
    return read.body.entries;
  }

  const fromStation = { [STATION_ID_HEADER]: STATION };

  it('hole 6: a query-only user creating an order is refused and the refusal is audited with station and address', async () => {
    const query = await h.signIn('alameda.query');
    const res = await h.call('POST', '/api/v1/orders', {
      token: query.accessToken,
      body: { order: emptyOrder(randomUUID(), courtOf('Alameda')) },
      headers: { 'idempotency-key': randomUUID(), ...fromStation },
    });
    expect(res.status).toBe(403);
    const [entry] = await entriesOf(res);
    expect(entry).toMatchObject({
      eventType: 'access_denied',
      outcome: 'denied',
      username: 'alameda.query',
      userId: query.user.id,
      stationId: STATION,
      clientAddress: '127.0.0.1',
      requestId: res.headers.get('x-request-id'),
      details: { reason: 'FORBIDDEN', status: 403, method: 'POST', route: '/api/v1/orders' },
    });
  });

  it('hole 6: another court changing an order, and a clerk listing users, are audited refusals', async () => {
    const record = await orderInStatus(h, 'active');
    const fresno = await h.signIn('fresno.clerk');
    const cancel = await h.call('POST', `/api/v1/orders/${record.order.id}/transitions`, {
      token: fresno.accessToken,
      body: { transition: 'cancel', baseVersion: record.version },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(cancel.status).toBe(403);
    expect(await entriesOf(cancel)).toEqual([
      expect.objectContaining({ eventType: 'access_denied', username: 'fresno.clerk', stationId: null }),
    ]);
    const users = await h.call('GET', '/api/v1/users', { token: fresno.accessToken });
    expect(users.status).toBe(403);
    expect(await entriesOf(users)).toEqual([
      expect.objectContaining({
        details: expect.objectContaining({ route: '/api/v1/users', reason: 'FORBIDDEN' }),
      }),
    ]);
  });

  it('hole 6: forged, missing and expired tokens are audited as 401 refusals', async () => {
    const session = await h.signIn('alameda.clerk');
    const [payload] = session.accessToken.split('.');
    const forged = await h.call('GET', '/api/v1/changes', {
      token: `${payload}.${'A'.repeat(43)}`,
      headers: fromStation,
    });
    expect(forged.status).toBe(401);
    expect(await entriesOf(forged)).toEqual([
      expect.objectContaining({
        eventType: 'access_denied',
        userId: null,
        stationId: STATION,
        details: expect.objectContaining({ reason: 'UNAUTHENTICATED', status: 401 }),
      }),
    ]);
    const missing = await h.call('GET', '/api/v1/queue');
    expect(missing.status).toBe(401);
    expect(await entriesOf(missing)).toHaveLength(1);
    h.advance(901_000);
    stateAdmin = (await h.signIn('state.admin')).accessToken;
    const expired = await h.call('GET', '/api/v1/changes', { token: session.accessToken });
    expect(expired.status).toBe(401);
    expect(await entriesOf(expired)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ reason: 'TOKEN_EXPIRED' }) }),
    ]);
  });

  it('hole 6: a refusal with its own record (a failed sign-in) is recorded once, with the context', async () => {
    const res = await h.call('POST', '/api/v1/auth/sign-in', {
      body: { username: 'alameda.clerk2', password: 'wrong', totp: '000000' },
      headers: fromStation,
    });
    expect(res.status).toBe(401);
    expect(await entriesOf(res)).toEqual([
      expect.objectContaining({
        eventType: 'sign_in_failed',
        stationId: STATION,
        clientAddress: '127.0.0.1',
        details: expect.objectContaining({ reason: 'bad_password' }),
      }),
    ]);
  });

  it('hole 6: the audit API filters by station, outcome and address', async () => {
    const byStation = await h.call<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/audit?stationId=${STATION}&outcome=denied&clientAddress=127.0.0.1`,
      { token: stateAdmin },
    );
    expect(byStation.status).toBe(200);
    expect(byStation.body.entries.length).toBeGreaterThanOrEqual(2);
    for (const e of byStation.body.entries) {
      expect(e).toMatchObject({ stationId: STATION, outcome: 'denied', clientAddress: '127.0.0.1' });
    }
  });

  it('refuses a malformed station header with 400 naming it', async () => {
    const res = await h.call('GET', '/api/v1/banner', { headers: { [STATION_ID_HEADER]: 'bad station!' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_REQUEST', field: STATION_ID_HEADER });
  });
});
