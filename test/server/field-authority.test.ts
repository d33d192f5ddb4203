/**
 * Field-level authority (issue 12, hole 1): each role changes only the fields its job allows, per
 * transition and per edit. The registry refuses a body that changes anything else and stores none
 * of it. The property test sends generated bodies for each (role, action) and checks the stored
 * order against an oracle written here, independently of the shared declaration.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../src/shared/api';
import {
  changedPaths,
  TRANSITIONS,
  type DataAction,
  type OrderStatus,
  type ProtectiveOrder,
} from '../../src/shared/order';
import { addDays } from '../../src/shared/util/dates';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { orderInStatus, storedOrder } from './support/lifecycle';
import { completeOrder, courtOf } from './support/orders';

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]])) as Pick<
    T,
    K
  >;
}

type Json = Record<string, unknown>;

/** A copy of `order` with `value` at the dotted `path` (objects on the way are created). */
function withValue(order: ProtectiveOrder, path: string, value: unknown): ProtectiveOrder {
  const copy = structuredClone(order) as unknown as Json;
  const keys = path.split('.');
  let node = copy;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node[key] = typeof next === 'object' && next !== null ? next : {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1]!] = value;
  return copy as unknown as ProtectiveOrder;
}

const ALL_BUT_IDENTITY = [
  'court',
  'caseNumber',
  'lawEnforcementCaseNumber',
  'formId',
  'formRevision',
  'issueDate',
  'issueTime',
  'expirationDate',
  'expirationTime',
  'hearing',
  'conditions',
  'firearms',
  'bradyIndicator',
  'sealed',
  'restrainedPerson',
  'protectedPersons',
  'service',
];
const CARPOS = [
  'lawEnforcementCaseNumber',
  'formRevision',
  'issueTime',
  'expirationDate',
  'expirationTime',
  'hearing',
  'conditions',
  'firearms',
  'bradyIndicator',
  'restrainedPerson',
  'protectedPersons',
  'service',
];

interface Pair {
  readonly user: string;
  readonly action: DataAction;
  readonly status: OrderStatus;
  readonly county?: string;
  /** The sheriff claims the order from the work queue first. */
  readonly claim?: boolean;
  /** Top-level fields (or `conditions.miscellaneous+` = appending to it) this pair may change: the oracle. */
  readonly oracle: readonly string[];
  /** The sheriff's completion: the CARPOS data a body carries before the generated changes. */
  readonly completes?: true;
}

const PAIRS: readonly Pair[] = [
  { user: 'alameda.clerk', action: 'editDraft', status: 'draft', oracle: ALL_BUT_IDENTITY },
  { user: 'alameda.clerk', action: 'submit', status: 'draft', oracle: ALL_BUT_IDENTITY },
  { user: 'alameda.clerk', action: 'submitForCompletion', status: 'draft', oracle: ALL_BUT_IDENTITY },
  { user: 'alameda.clerk', action: 'discard', status: 'draft', oracle: [] },
  { user: 'alameda.clerk', action: 'activateWithoutGateway', status: 'submitted', oracle: ['fcn'] },
  { user: 'alameda.clerk', action: 'reviewResponse', status: 'acknowledged', oracle: [] },
  { user: 'alameda.clerk', action: 'revise', status: 'rejected', oracle: ALL_BUT_IDENTITY },
  {
    user: 'alameda.supervisor',
    action: 'modify',
    status: 'active',
    oracle: ALL_BUT_IDENTITY.filter((f) => f !== 'court'),
  },
  { user: 'alameda.clerk', action: 'cancel', status: 'active', oracle: [] },
  {
    user: 'alameda.clerk',
    action: 'recordService',
    status: 'active',
    oracle: ['service', 'conditions.miscellaneous+'],
  },
  {
    user: 'fresno.sheriff',
    action: 'recordService',
    status: 'modified',
    oracle: ['service', 'conditions.miscellaneous+'],
  },
  {
    user: 'alameda.sheriff',
    action: 'editAwaitingCarposData',
    status: 'awaiting_carpos_data',
    claim: true,
    oracle: CARPOS,
  },
  {
    user: 'alameda.sheriff',
    action: 'completeCarposData',
    status: 'awaiting_carpos_data',
    claim: true,
    oracle: CARPOS,
    completes: true,
  },
  {
    user: 'alameda.sheriff',
    action: 'returnToCourt',
    status: 'awaiting_carpos_data',
    claim: true,
    oracle: [],
  },
  { user: 'alameda.query', action: 'modify', status: 'active', oracle: [] },
  { user: 'alameda.admin', action: 'recordService', status: 'active', oracle: [] },
];

function withinOracle(
  oracle: readonly string[],
  path: string,
  before: ProtectiveOrder,
  after: ProtectiveOrder,
) {
  if (oracle.includes(path.split('.')[0]!)) return true;
  if (path === 'conditions.miscellaneous' && oracle.includes('conditions.miscellaneous+')) {
    const old = before.conditions.miscellaneous ?? '';
    return (after.conditions.miscellaneous ?? '').startsWith(old);
  }
  return false;
}

describeOnBackends('registry field-level authority', (kind) => {
  let h: Harness;
  let today: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    h = await startHarness(kind, { accessTokenTtlSeconds: 3600 });
    today = h.app.registry.orders.today();
    for (const user of new Set(PAIRS.map((p) => p.user)))
      tokens.set(user, (await h.signIn(user)).accessToken);
  });
  afterAll(async () => {
    await h.close();
  });

  const token = (user: string) => tokens.get(user) ?? '';

  /** The CARPOS data a sheriff adds to the court's intake entries. */
  const completion = (intake: ProtectiveOrder): ProtectiveOrder => {
    const full = completeOrder(today);
    return { ...full, ...pick(intake, ['id', 'court', 'caseNumber', 'formId', 'issueDate', 'sealed']) };
  };

  const send = (pair: Pair, record: OrderRecord, order: ProtectiveOrder | undefined) =>
    pair.action === 'editDraft' || pair.action === 'editAwaitingCarposData'
      ? h.call<{ code?: string; field?: string }>('PUT', `/api/v1/orders/${record.order.id}`, {
          token: token(pair.user),
          body: { order: order ?? record.order, baseVersion: record.version },
          headers: { 'idempotency-key': randomUUID() },
        })
      : h.call<{ code?: string; field?: string }>('POST', `/api/v1/orders/${record.order.id}/transitions`, {
          token: token(pair.user),
          body: {
            transition: pair.action,
            baseVersion: record.version,
            ...(order === undefined ? {} : { order }),
          },
          headers: { 'idempotency-key': randomUUID() },
        });

  async function prepare(pair: Pair): Promise<OrderRecord> {
    const record = await orderInStatus(h, pair.status, { county: pair.county ?? 'Alameda' });
    if (pair.claim) {
      const claimed = await h.call('POST', `/api/v1/queue/${record.order.id}/claim`, {
        token: token(pair.user),
      });
      expect(claimed.status).toBe(200);
    }
    return record;
  }

  it("hole 1: a sheriff serving another county's order records the service and cannot rewrite the order", async () => {
    const record = await orderInStatus(h, 'active', { county: 'Alameda' });
    const service = {
      servedBy: 'Deputy Ruiz',
      agency: 'Fresno County Sheriff',
      date: today,
      time: '10:15',
      method: 'PERSONAL' as const,
    };
    const rewritten: ProtectiveOrder = {
      ...record.order,
      restrainedPerson: { ...record.order.restrainedPerson, name: { last: 'Someone', first: 'Else' } },
      firearms: { ...record.order.firearms, prohibited: false },
      expirationDate: addDays(today, 2),
      service,
    };
    const sheriff = (await h.signIn('fresno.sheriff')).accessToken;
    const transition = (order: ProtectiveOrder) =>
      h.call<{ code?: string; field?: string; fields?: string[] } & OrderRecord>(
        'POST',
        `/api/v1/orders/${record.order.id}/transitions`,
        {
          token: sheriff,
          body: { transition: 'recordService', baseVersion: record.version, order },
          headers: { 'idempotency-key': randomUUID() },
        },
      );
    const refused = await transition(rewritten);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FIELD_NOT_ALLOWED');
    expect(refused.body.fields).toEqual(
      expect.arrayContaining([
        'order.expirationDate',
        'order.firearms.prohibited',
        'order.restrainedPerson.name.last',
      ]),
    );
    expect(refused.body.fields).not.toContain('order.service');
    expect((await storedOrder(h, record.order.id)).data).toEqual(record.order);

    const served = await transition({ ...record.order, service });
    expect(served.status).toBe(200);
    expect(served.body.status).toBe('served');
    const stored = await storedOrder(h, record.order.id);
    expect(changedPaths(record.order, stored.data)).toEqual(['service']);
  });

  it('a local administrator may not cancel an order (no role outside the writers acts on order data)', async () => {
    const record = await orderInStatus(h, 'active');
    const admin = (await h.signIn('alameda.admin')).accessToken;
    const res = await h.call('POST', `/api/v1/orders/${record.order.id}/transitions`, {
      token: admin,
      body: { transition: 'cancel', baseVersion: record.version },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(res.status).toBe(403);
    expect((await storedOrder(h, record.order.id)).status).toBe('active');
  });

  it('property: for each (role, action), no field outside its set ever changes', async () => {
    // Each mutator changes one field to a valid value, so a refusal is the registry's decision, not
    // the schema's.
    const mutators: readonly { path: string; value: fc.Arbitrary<(o: ProtectiveOrder) => unknown> }[] = [
      { path: 'restrainedPerson.name.last', value: fc.constantFrom('Novak', 'Okafor').map((v) => () => v) },
      { path: 'restrainedPerson.dob', value: fc.constant(() => '1971-05-05') },
      { path: 'firearms.prohibited', value: fc.boolean().map((v) => () => v) },
      {
        path: 'expirationDate',
        value: fc.integer({ min: 30, max: 900 }).map((d) => () => addDays(today, d)),
      },
      { path: 'caseNumber', value: fc.constant(() => 'FA-99-0001') },
      { path: 'lawEnforcementCaseNumber', value: fc.constant(() => 'LE-2026-17') },
      {
        path: 'service',
        value: fc.constant(() => ({
          servedBy: 'Deputy Ng',
          agency: 'Sheriff',
          date: today,
          time: '09:30',
          method: 'PERSONAL',
        })),
      },
      {
        path: 'conditions.miscellaneous',
        value: fc.constantFrom(
          (o: ProtectiveOrder) => `${o.conditions.miscellaneous ?? 'Terms.'} Told to stay away.`,
          () => 'Replaced terms.',
        ),
      },
      { path: 'fcn', value: fc.constant(() => '9876543210987') },
      { path: 'court', value: fc.constant(() => courtOf('Fresno')) },
      { path: 'hearing', value: fc.constant(() => ({ date: addDays(today, 10), department: '7' })) },
      { path: 'bradyIndicator', value: fc.boolean().map((v) => () => v) },
      { path: 'protectedPersons', value: fc.constant(() => []) },
      { path: 'sealed', value: fc.constant(() => true) },
      { path: 'clonedFrom', value: fc.constant(() => randomUUID()) },
    ];
    interface Change {
      readonly path: string;
      readonly value: (o: ProtectiveOrder) => unknown;
    }
    const change = (m: (typeof mutators)[number]): fc.Arbitrary<Change> =>
      m.value.map((value) => ({ path: m.path, value }));
    /** Bodies for `pair`: no change, one change within its oracle, one outside it, or a few of any. */
    const bodies = (pair: Pair) => {
      const inside = mutators.filter(
        (m) => pair.oracle.includes(m.path.split('.')[0]!) || pair.oracle.includes(`${m.path}+`),
      );
      const some = fc
        .subarray([...mutators.keys()], { minLength: 1, maxLength: 4 })
        .chain((picked) => fc.tuple(...picked.map((i) => change(mutators[i]!))))
        .map((changes): readonly Change[] => changes);
      const outside = mutators.filter((m) => !inside.includes(m));
      const one = (pool: typeof mutators) =>
        pool.length > 0
          ? [
              fc
                .constantFrom(...pool)
                .chain(change)
                .map((c): readonly Change[] => [c]),
            ]
          : [];
      return fc.record({
        changes: fc.oneof(fc.constant<readonly Change[]>([]), some, ...one(inside), ...one(outside)),
        sendOrder: fc.boolean(),
      });
    };
    for (const pair of PAIRS) {
      const seen = { accepted: 0, acceptedWithChange: 0, refused: 0, fieldRefused: 0 };
      await fc.assert(
        fc.asyncProperty(bodies(pair), async ({ changes, sendOrder }) => {
          const record = await prepare(pair);
          const before = record.order;
          const start = pair.completes ? completion(before) : before;
          const order = changes.reduce((o, m) => withValue(o, m.path, m.value(o)), start);
          const res = await send(
            pair,
            record,
            changes.length > 0 || sendOrder || pair.completes ? order : undefined,
          );
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
          const after = await storedOrder(h, before.id);
          if (res.status === 200) {
            seen.accepted += 1;
            const changed = changedPaths(before, after.data);
            if (changed.length > 0) seen.acceptedWithChange += 1;
            for (const path of changed) {
              expect(
                withinOracle(pair.oracle, path, before, after.data),
                `${pair.user} ${pair.action} changed ${path}`,
              ).toBe(true);
            }
            // Nothing is silently dropped either: what was accepted is what was sent.
            expect(after.data).toEqual(changes.length > 0 || sendOrder || pair.completes ? order : before);
            const to =
              pair.action in TRANSITIONS
                ? TRANSITIONS[pair.action as keyof typeof TRANSITIONS].to
                : pair.status;
            expect(after.status).toBe(to);
          } else {
            seen.refused += 1;
            if (res.body.code === 'FIELD_NOT_ALLOWED') seen.fieldRefused += 1;
            expect(after.data).toEqual(before);
            expect(after.version).toBe(record.version);
            expect(after.status).toBe(pair.status);
          }
        }),
        { numRuns: 16, seed: 1200 + PAIRS.indexOf(pair) },
      );
      const label = `${pair.user} ${pair.action}`;
      expect(seen.refused, label).toBeGreaterThan(0);
      if (pair.oracle.length > 0) expect(seen.acceptedWithChange, label).toBeGreaterThan(0);
      if (!['alameda.query', 'alameda.admin'].includes(pair.user))
        expect(seen.fieldRefused, label).toBeGreaterThan(0);
    }
  });
});
