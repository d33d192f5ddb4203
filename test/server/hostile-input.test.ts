/**
 * Generated malformed and hostile requests at every route: each must get a 4xx with a
 * `{ code, message }` body, and nothing may be written (row counts of every data table unchanged;
 * the audit log may grow, because refusals are audited).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emptyOrder } from '../../src/shared/order';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { completeOrder, courtOf } from './support/orders';

const DATA_TABLES = [
  'organisations',
  'users',
  'orders',
  'order_names',
  'order_images',
  'blobs',
  'order_changes',
  'idempotency_keys',
];

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "'; DROP TABLE orders; --",
    '../../etc/passwd',
    '%00',
    '\u0000\u0001\u001f',
    '<script>alert(1)</script>',
    'A'.repeat(5000),
    '{"$ne":null}',
    '💥'.repeat(50),
    '-1',
    'NaN',
    '1e309',
  ),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);

describeOnBackends('registry hostile input', (kind) => {
  let h: Harness;
  let token: string;
  let orderId: string;
  let valid: ReturnType<typeof completeOrder>;

  beforeAll(async () => {
    h = await startHarness(kind, { bodyLimitBytes: 64 * 1024 });
    token = (await h.signIn('alameda.supervisor')).accessToken;
    valid = completeOrder(h.app.registry.orders.today());
    orderId = valid.id;
    await h.call('POST', '/api/v1/orders', {
      token,
      body: { order: valid },
      headers: { 'idempotency-key': randomUUID() },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  async function counts(): Promise<number[]> {
    return Promise.all(DATA_TABLES.map((t) => h.count(t)));
  }

  /** Routes with a JSON body, and a function making a body that is invalid by construction. */
  const bodyRoutes = () => [
    { method: 'POST', path: '/api/v1/auth/sign-in' },
    { method: 'POST', path: '/api/v1/auth/refresh' },
    { method: 'POST', path: '/api/v1/orders' },
    { method: 'PUT', path: `/api/v1/orders/${orderId}` },
    { method: 'POST', path: `/api/v1/orders/${orderId}/transitions` },
    { method: 'POST', path: `/api/v1/orders/${orderId}/clone` },
    { method: 'POST', path: `/api/v1/orders/${orderId}/images` },
    { method: 'POST', path: '/api/v1/conflicts' },
    { method: 'PUT', path: `/api/v1/users/${randomUUID()}/roles` },
    { method: 'PUT', path: `/api/v1/users/${randomUUID()}/clets` },
  ];

  /** Valid-shaped bodies, each then broken by one generated mutation. */
  const validBodies: Record<string, () => Record<string, unknown>> = {
    '/api/v1/auth/sign-in': () => ({ username: 'alameda.clerk', password: 'x', totp: '123456' }),
    '/api/v1/auth/refresh': () => ({ refreshToken: 'a'.repeat(43) }),
    '/api/v1/orders': () => ({ order: emptyOrder(randomUUID(), courtOf('Alameda')) }),
    [`/api/v1/orders/:id`]: () => ({ order: valid, baseVersion: 1 }),
    transitions: () => ({ transition: 'submit', baseVersion: 1 }),
    clone: () => ({ newId: randomUUID() }),
    images: () => ({ sha256: 'a'.repeat(64), fileName: 'x.pdf', pageCount: 1 }),
    '/api/v1/conflicts': () => ({ name: { last: 'Smith' }, dob: '1980-01-01' }),
    roles: () => ({ roles: ['court_clerk'] }),
    clets: () => ({ certifiedUntil: '2030-01-01' }),
  };
  const validFor = (path: string) => {
    const key = Object.keys(validBodies).find(
      (k) => path === k || path.endsWith(k.replace(/^.*\//, '/')) || path.includes(k),
    );
    const fallback = path.startsWith('/api/v1/orders/') ? validBodies['/api/v1/orders/:id'] : undefined;
    return (key ? validBodies[key] : fallback)?.() ?? {};
  };

  type Mutation =
    | { kind: 'extra'; key: string; value: unknown }
    | { kind: 'wrongType'; key: string; value: unknown }
    | { kind: 'raw'; text: string };
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({
      kind: fc.constant('extra' as const),
      key: fc.constantFrom('__proto__x', 'admin', 'status2', 'sql', 'zz'),
      value: hostileValue,
    }),
    fc.record({ kind: fc.constant('wrongType' as const), key: fc.constant(''), value: hostileValue }),
    fc.record({
      kind: fc.constant('raw' as const),
      text: fc.constantFrom('{', '{"a":', 'null', '[]', '"str"', '{"order":}', '\u0000', 'nul', '{}}'),
    }),
  );

  function apply(base: Record<string, unknown>, m: Mutation): string {
    if (m.kind === 'raw') return m.text;
    if (m.kind === 'extra') return JSON.stringify({ ...base, [m.key]: m.value });
    // Replace the first field with a value of the wrong shape (never a valid one: wrap it in an object).
    const [first] = Object.keys(base);
    return JSON.stringify({ ...base, [first ?? 'x']: { wrong: m.value } });
  }

  it('answers every malformed body with a 4xx problem and writes nothing', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bodyRoutes()),
        mutation,
        fc.boolean(),
        async (route, m, withAuth) => {
          const res = await h.call<{ code?: string; message?: string }>(route.method, route.path, {
            ...(withAuth ? { token } : {}),
            rawBody: apply(validFor(route.path), m),
            headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
          });
          expect(
            res.status,
            `${route.method} ${route.path} → ${JSON.stringify(res.body)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(res.status).toBeLessThan(500);
          expect(typeof res.body.code).toBe('string');
          expect(typeof res.body.message).toBe('string');
        },
      ),
      { numRuns: 150, seed: 4300 },
    );
    expect(await counts()).toEqual(before);
  });

  it('answers hostile paths, queries and headers with a 4xx and writes nothing', async () => {
    const before = await counts();
    const paths = (s: string) => {
      const e = encodeURIComponent(s);
      return [
        ['GET', `/api/v1/orders/${e}`],
        ['GET', `/api/v1/orders/${orderId}/images/${e}`],
        ['GET', `/api/v1/blobs/${e}`],
        ['GET', `/api/v1/search?lastName=${e}&bogus=${e}`],
        ['GET', `/api/v1/search?page=${e}&pageSize=${e}x`],
        ['GET', `/api/v1/search?dob=${e}x`],
        ['GET', `/api/v1/changes?cursor=${e}!`],
        ['GET', `/api/v1/audit?from=${e}x`],
        ['POST', `/api/v1/queue/${e}/claim`],
        ['POST', `/api/v1/users/${e}/unlock`],
        ['DELETE', `/api/v1/orders/${orderId}`],
        ['GET', `/api/v1/${e}`],
      ] as const;
    };
    await fc.assert(
      fc.asyncProperty(hostileString, fc.nat(11), async (s, i) => {
        const [method, path] = paths(s)[i]!;
        const res = await h.call<{ code?: string }>(method, path, { token });
        expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.code).toBe('string');
      }),
      { numRuns: 120, seed: 4301 },
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses oversize bodies, wrong media types and missing auth without writing', async () => {
    const before = await counts();
    const huge = await h.call('POST', '/api/v1/orders', {
      token,
      rawBody: JSON.stringify({ order: valid, pad: 'x'.repeat(70 * 1024) }),
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const xml = await h.call('POST', '/api/v1/orders', {
      token,
      rawBody: '<order/>',
      headers: { 'content-type': 'application/xml', 'idempotency-key': randomUUID() },
    });
    expect(xml.status).toBe(415);
    const anonymous = await h.call('POST', '/api/v1/orders', {
      body: { order: emptyOrder(randomUUID(), courtOf('Alameda')) },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(anonymous.status).toBe(401);
    const unknownField = await h.call('POST', '/api/v1/orders', {
      token,
      body: { order: { ...emptyOrder(randomUUID(), courtOf('Alameda')), injected: true } },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body).toMatchObject({ code: 'INVALID_REQUEST', field: 'order.injected' });
    const badDate = await h.call('POST', '/api/v1/orders', {
      token,
      body: { order: { ...emptyOrder(randomUUID(), courtOf('Alameda')), issueDate: '2025-02-30' } },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ field: 'order.issueDate' });
    expect(await counts()).toEqual(before);
  });
});
