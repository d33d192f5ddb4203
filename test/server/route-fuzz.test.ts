/**
 * Generated input at every route of the OpenAPI document (issue 12): path, query and body from the
 * route's own schemas, mostly valid so they reach the services and the database, often made hostile
 * by one mutation, sent with no, forged or real tokens of several roles. Every answer must be below
 * 500 and a `{ code, message }` problem when refused; a refused request must change nothing in the
 * data tables (the audit log may grow: refusals are audited). ROUTE_FUZZ_RUNS per backend (default
 * 6,000: 12,000 per CI run on the two backends), through fastify.inject on one app per backend.
 * Besides schema-generated values, each route also draws from valid examples (a complete order, a
 * real order's id), so mutations land in requests that would otherwise be accepted and reach the
 * database: that is where a broken string or an out-of-range date used to become a 500.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATION_ID_HEADER } from '../../src/shared/api';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { orderInStatus, storedOrder } from './support/lifecycle';
import { completeOrder } from './support/orders';
import { applyMutation, fromSchema, mutationArbitrary, type JsonSchema } from './support/schema-arbitrary';

const RUNS = Number(process.env.ROUTE_FUZZ_RUNS ?? 6000);

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly params: readonly { name: string; in: string; schema: JsonSchema; required?: boolean }[];
  readonly body: JsonSchema | null;
}

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Operation['params'];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
}

/** What the data tables hold, in one statement: a refused request must leave it unchanged. */
const FINGERPRINT = `SELECT
  (SELECT count(*) FROM orders)::text || '/' || (SELECT coalesce(sum(version), 0) FROM orders)::text || '/' ||
  (SELECT count(*) FROM orders WHERE claimed_by IS NOT NULL)::text || '/' ||
  (SELECT count(*) FROM order_names)::text || '/' || (SELECT count(*) FROM order_images)::text || '/' ||
  (SELECT count(*) FROM blobs)::text || '/' || (SELECT count(*) FROM blob_uploaders)::text || '/' ||
  (SELECT count(*) FROM order_changes)::text || '/' || (SELECT count(*) FROM idempotency_keys)::text || '/' ||
  (SELECT count(*) FROM sessions WHERE revoked_at IS NULL)::text || '/' || (SELECT count(*) FROM organisations)::text || '/' ||
  (SELECT md5(coalesce(string_agg(id::text || roles::text || coalesce(clets_certified_until::text, '') || disabled::text, ',' ORDER BY id), ''))
     FROM users) AS print`;

describeOnBackends('registry generated input at every route', (kind) => {
  let h: Harness;
  const tokens: Record<string, string> = {};
  const ids: string[] = [];
  let operations: Operation[] = [];

  beforeAll(async () => {
    h = await startHarness(kind, {
      rateLimitPerAddress: 10_000_000,
      signInLimitPerAddress: 1_000_000,
      signInLimitPerAccount: 1_000_000,
      accessTokenTtlSeconds: 3600,
      logLevel: 'warn',
    });
    for (const user of [
      'alameda.clerk',
      'alameda.supervisor',
      'alameda.sheriff',
      'alameda.admin',
      'state.admin',
    ]) {
      tokens[user] = (await h.signIn(user)).accessToken;
    }
    for (const status of ['draft', 'awaiting_carpos_data', 'submitted', 'active'] as const) {
      ids.push((await orderInStatus(h, status)).order.id);
    }
    const doc = h.app.swagger() as unknown as OpenApi;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      })),
    );
  });
  afterAll(async () => {
    await h.close();
  });

  it(`answers ${RUNS} generated requests without a 5xx, and refused ones write nothing`, async () => {
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const print = async () => (await h.database.db.query<{ print: string }>(FINGERPRINT)).rows[0]?.print;
    const statuses = new Map<number, number>();

    const today = h.app.registry.orders.today();
    const stored = await storedOrder(h, ids[0]!);
    /** Valid requests of `op` (bodies, or queries for GET routes) for the mutations to work on. */
    const examples = (op: Operation): fc.Arbitrary<unknown>[] => {
      const order = completeOrder(today);
      const byPath: Record<string, unknown[]> = {
        '/api/v1/orders': [{ order }],
        '/api/v1/orders/{id}': [{ order: stored.data, baseVersion: stored.version }],
        '/api/v1/orders/{id}/transitions': [
          { transition: 'submit', baseVersion: 1, order: stored.data },
          {
            transition: 'recordService',
            baseVersion: 3,
            order: { ...order, service: { servedBy: 'Deputy A' } },
          },
        ],
        '/api/v1/orders/{id}/clone': [{ newId: order.id }],
        '/api/v1/conflicts': [{ name: order.restrainedPerson.name, dob: '1980-05-17' }],
        '/api/v1/search': [{ lastName: 'Smith', firstName: 'Ann', dob: '1980-05-17', scope: 'statewide' }],
        '/api/v1/audit': [{ from: '2020-01-01T00:00:00Z', outcome: 'denied', stationId: 'ALA-07' }],
        '/api/v1/users/{id}/clets': [{ certifiedUntil: '2026-12-31' }],
        '/api/v1/auth/sign-in': [{ username: 'alameda.clerk2', password: 'x', totp: '123456' }],
      };
      const found = byPath[op.path] ?? [];
      if (op.path === '/api/v1/orders' && op.method === 'POST') {
        // A new id each time, or every create after the first is a 409 before it reaches the data.
        return [fc.uuid({ version: 4 }).map((id) => ({ order: { ...order, id } }))];
      }
      return found.length === 0 ? [] : [fc.constantFrom(...found)];
    };
    // One arbitrary per operation, built once: building them is far slower than drawing from them.
    const perOperation = operations.map((op, index) =>
      fc.record({
        // The index, not the operation: a counterexample then prints the request, not the schemas.
        operation: fc.constant(index),
        pathValues: fc.tuple(
          ...op.params
            .filter((p) => p.in === 'path')
            .map((p) => fc.oneof(fromSchema(p.schema), fc.constantFrom(...ids))),
        ),
        query: fc.record(
          Object.fromEntries(
            op.params.filter((p) => p.in === 'query').map((p) => [p.name, fromSchema(p.schema)]),
          ),
          { requiredKeys: [] },
        ),
        body:
          op.body === null
            ? fc.constant(undefined)
            : fc.oneof(
                { weight: 1, arbitrary: fromSchema(op.body) },
                ...examples(op).map((arbitrary) => ({ weight: 2, arbitrary })),
              ),
        mutation: mutationArbitrary,
        // Mostly a well-formed envelope, so the body's one mutation is what the registry must judge;
        // sometimes a hostile one (no or forged token, a bad idempotency key or station header).
        envelope: fc.oneof(
          {
            weight: 2,
            arbitrary: fc.record({
              auth: fc.constantFrom(...Object.keys(tokens)),
              idempotency: fc.uuid({ version: 4 }),
              station: fc.constantFrom<string | null>(null, 'ALA-07'),
            }),
          },
          {
            weight: 1,
            arbitrary: fc.record({
              auth: fc.constantFrom('none', 'forged', ...Object.keys(tokens)),
              idempotency: fc.oneof(fc.uuid(), fc.constant('not-a-key')),
              station: fc.constantFrom<string | null>(null, 'ALA-07', 'bad station!'),
            }),
          },
        ),
      }),
    );
    const request = fc.oneof(...perOperation);

    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const op = operations[r.operation]!;
        const pathParams = op.params.filter((p) => p.in === 'path');
        let url = op.path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, encodeURIComponent(String(r.pathValues[i])));
        });
        const mutatedQuery = op.body === null ? applyMutation(r.query, r.mutation) : r.query;
        const search = new URLSearchParams();
        if (typeof mutatedQuery === 'object' && mutatedQuery !== null) {
          for (const [k, v] of Object.entries(mutatedQuery)) {
            for (const item of Array.isArray(v) ? v : [v]) search.append(k, String(item));
          }
        }
        const query = search.toString();
        const body = op.body === null ? undefined : applyMutation(r.body, r.mutation);
        // Signing out with a real token would end the session the rest of the run uses.
        const { idempotency, station } = r.envelope;
        const auth = op.path.endsWith('/sign-out') && r.envelope.auth in tokens ? 'forged' : r.envelope.auth;
        const headers: Record<string, string> = { 'idempotency-key': idempotency };
        if (auth === 'forged') headers.authorization = `Bearer eyJzaWQiOiJ4In0.${'A'.repeat(43)}`;
        else if (auth !== 'none') headers.authorization = `Bearer ${tokens[auth] ?? ''}`;
        if (station !== null) headers[STATION_ID_HEADER] = station;
        if (body !== undefined) headers['content-type'] = 'application/json';

        const before = await print();
        const res = await h.app.inject({
          method: op.method as 'GET',
          url: query === '' ? url : `${url}?${query}`,
          headers,
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const where = `${op.method} ${op.path} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const problem = res.json<{ code?: unknown; message?: unknown }>();
          expect(typeof problem.code, where).toBe('string');
          expect(typeof problem.message, where).toBe('string');
          expect(await print(), `a refused request wrote: ${where}`).toBe(before);
        }
      }),
      { numRuns: RUNS, seed: 12_0012 },
    );
    // The run reached past validation: some requests succeeded and some were refused by the services.
    const count = (test: (s: number) => boolean) =>
      [...statuses].filter(([s]) => test(s)).reduce((n, [, c]) => n + c, 0);
    expect(count((s) => s < 300)).toBeGreaterThan(RUNS / 50);
    expect(count((s) => [403, 404, 409, 422].includes(s))).toBeGreaterThan(RUNS / 50);
    console.log(
      `route fuzz [${kind}]: ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  }, 600_000);
});
