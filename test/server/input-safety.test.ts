/**
 * Issue 12, hole 8: inputs that used to reach the database and fail there (500) are refused at the
 * edge with a 400 or 401 naming what is wrong, and nothing the client sent ends up in the logs.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TokenSigner } from '../../src/server/auth/tokens';
import { stackFrames } from '../../src/server/http/error-handler';
import { illFormedAt } from '../../src/server/http/unicode';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder } from './support/orders';

const SECRET = 'input-safety-test-secret-0123456789abcdef';
const MARKER = 'Qwertzuiopa';

describeOnBackends('registry input safety', (kind) => {
  let h: Harness;
  let clerk: string;
  let state: string;
  beforeAll(async () => {
    h = await startHarness(kind, { tokenSecret: SECRET });
    clerk = (await h.signIn('alameda.clerk')).accessToken;
    state = (await h.signIn('state.admin')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  it('hole 8: a lone UTF-16 surrogate in any free-text field is a 400 naming the field, and nothing is written', async () => {
    const order = completeOrder(h.app.registry.orders.today());
    const before = await h.count('orders');
    const cases: [string, string, string, unknown][] = [
      [
        'POST',
        '/api/v1/orders',
        'order.restrainedPerson.marks',
        {
          order: {
            ...order,
            restrainedPerson: { ...order.restrainedPerson, marks: `tattoo \uD800 ${MARKER}` },
          },
        },
      ],
      [
        'POST',
        '/api/v1/orders',
        'order.conditions.miscellaneous',
        {
          order: { ...order, conditions: { ...order.conditions, miscellaneous: `stay away\uDC00${MARKER}` } },
        },
      ],
      ['POST', '/api/v1/conflicts', 'name.last', { name: { last: `Sm\uD83Dith` }, dob: '1980-01-01' }],
    ];
    for (const [method, path, field, body] of cases) {
      const res = await h.call<{ code: string; field: string }>(method, path, {
        token: clerk,
        body,
        headers: { 'idempotency-key': randomUUID() },
      });
      expect(res.status, path).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_REQUEST', field });
    }
    expect(await h.count('orders')).toBe(before);
    // A well-formed pair (an emoji) is fine.
    expect(illFormedAt({ a: ['ok 💥'] })).toBeNull();
    expect(illFormedAt({ a: ['ok', 'x\uD800'] })).toBe('a.1');
  });

  it('hole 8: a date outside the calendar the database keeps is a 400', async () => {
    for (const from of ['0000-01-01T00:00:00Z', '1800-01-01T00:00:00Z', '275760-01-01T00:00:00Z']) {
      const res = await h.call<{ code: string; field: string }>(
        'GET',
        `/api/v1/audit?from=${encodeURIComponent(from)}`,
        { token: state },
      );
      expect(res.status, from).toBe(400);
      expect(res.body.field).toBe('from');
    }
    const ok = await h.call('GET', `/api/v1/audit?from=${encodeURIComponent('2020-01-01T00:00:00Z')}`, {
      token: state,
    });
    expect(ok.status).toBe(200);
  });

  it('hole 8: a validly signed token with malformed claims is a 401', async () => {
    const signer = new TokenSigner(SECRET);
    const exp = Math.floor(h.now().getTime() / 1000) + 600;
    const session = await h.signIn('alameda.query');
    const tokens = [
      signer.sign({ sid: 'not-a-uuid', uid: session.user.id, exp }),
      signer.sign({ sid: randomUUID(), uid: "1' OR '1'='1", exp }),
      signer.sign({ sid: randomUUID(), uid: session.user.id, exp: 1e300 }),
    ];
    for (const token of tokens) {
      const res = await h.call<{ code: string }>('GET', '/api/v1/changes', { token });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('hole 8: logs never quote request values, not even from an internal error', async () => {
    await h.call('POST', '/api/v1/orders', {
      token: clerk,
      rawBody: `{"order": {"id": "${MARKER}"}}`,
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    });
    await h.call('GET', `/api/v1/search?lastName=${MARKER}&bogus=${MARKER}`, { token: clerk });
    expect(h.logs.join('\n')).not.toContain(MARKER);
    // What the error handler logs of an internal error: its frames, never its message.
    const error = new Error(`invalid input syntax for type uuid: "${MARKER}"`);
    const frames = stackFrames(error.stack);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.join('\n')).not.toContain(MARKER);
  });
});
