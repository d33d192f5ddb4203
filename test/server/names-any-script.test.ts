/**
 * Issue 12, hole 7: names in any script are indexed and found in their own script and through a
 * Latin transliteration; a name that normalises to nothing is a 400, never "match every order".
 * Migration 009 re-indexes orders entered before it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SearchResult } from '../../src/shared/api';
import type { ProtectiveOrder } from '../../src/shared/order';
import { systemPrincipal } from '../../src/server/auth/principal';
import { MIGRATIONS } from '../../src/server/db/migrations';
import { migrate } from '../../src/server/db/migrations/runner';
import { buildSearch } from '../../src/server/search/query';
import { normalizeName, normalizeNative } from '../../src/server/search/normalize';
import { createTestDatabase, describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { activate } from './support/lifecycle';
import { completeOrder } from './support/orders';

describeOnBackends('registry names in any script', (kind) => {
  let h: Harness;
  let clerk: string;
  const ids: Record<string, string> = {};

  async function activeOrder(key: string, order: ProtectiveOrder): Promise<void> {
    await activate(h, order);
    ids[key] = order.id;
  }

  beforeAll(async () => {
    h = await startHarness(kind);
    const today = h.app.registry.orders.today();
    await activeOrder('cyrillic', completeOrder(today, { last: 'Иванов', first: 'Иван', dob: '1981-02-03' }));
    await activeOrder('latin', completeOrder(today, { last: 'Ivanov', first: 'Ivan', dob: '1979-04-05' }));
    await activeOrder('greek', completeOrder(today, { last: 'Παπαδόπουλος', first: 'Γιώργος' }));
    await activeOrder('other', completeOrder(today, { last: 'Whitlock', first: 'Ruth' }));
    clerk = (await h.signIn('alameda.clerk')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  const search = (query: string) =>
    h.call<SearchResult & { code?: string; field?: string }>('GET', `/api/v1/search?${query}`, {
      token: clerk,
    });

  it('hole 7: Иванов finds the order entered in Cyrillic first, and Ivanov too', async () => {
    const res = await search(`lastName=${encodeURIComponent('Иванов')}&scope=statewide`);
    expect(res.status).toBe(200);
    expect(res.body.hits.map((x) => x.orderId)).toEqual([ids.cyrillic, ids.latin]);
    expect(res.body.hits[0]?.score).toBeGreaterThan(res.body.hits[1]?.score ?? 1);
    const withFirst = await search(
      `lastName=${encodeURIComponent('Иванов')}&firstName=${encodeURIComponent('Иван')}&scope=statewide`,
    );
    expect(withFirst.body.hits[0]?.orderId).toBe(ids.cyrillic);
  });

  it('hole 7: the Latin spelling finds the order entered in Cyrillic, and Greek is found both ways', async () => {
    const latin = await search('lastName=Ivanov&scope=statewide');
    expect(new Set(latin.body.hits.map((x) => x.orderId))).toEqual(new Set([ids.latin, ids.cyrillic]));
    const greek = await search(`lastName=${encodeURIComponent('Παπαδόπουλος')}&scope=statewide`);
    expect(greek.body.hits.map((x) => x.orderId)).toEqual([ids.greek]);
    const greekLatin = await search(`lastName=Papadopoulos&scope=statewide`);
    expect(greekLatin.body.hits.map((x) => x.orderId)).toContain(ids.greek);
  });

  it('hole 7: a name nobody has finds nothing; a name with no letters is a 400, never everything', async () => {
    const none = await search(`lastName=${encodeURIComponent('Петров')}&scope=statewide`);
    expect(none.status).toBe(200);
    expect(none.body.total).toBe(0);
    const marks = await search(`lastName=${encodeURIComponent('\u0301\u0301')}&scope=statewide`);
    expect(marks.status).toBe(400);
    expect(marks.body).toMatchObject({ code: 'NAME_NOT_SEARCHABLE', field: 'lastName' });
    const conflicts = await h.call<{ code: string }>('POST', '/api/v1/conflicts', {
      token: clerk,
      body: { name: { last: '\u0301' }, dob: '1981-02-03' },
    });
    expect(conflicts.status).toBe(400);
    expect(conflicts.body.code).toBe('NAME_NOT_SEARCHABLE');
  });

  it('migration 009 re-indexes orders whose names were not indexed before it', async () => {
    const t = await createTestDatabase(kind);
    try {
      await migrate(t.db, { migrations: MIGRATIONS.filter((m) => m.id < 9) });
      const order = completeOrder('2026-01-15', { last: 'Сидоров', first: 'Пётр' });
      await t.db.exec(`
        INSERT INTO organisations (id, ori, name, county, kind)
          VALUES ('00000000-0000-4000-8000-000000000009', 'CA001013J', 'Court', 'Alameda', 'superior_court');`);
      await t.db.query(
        `INSERT INTO orders (id, org_id, court_ori, county, status, version, sealed, data)
           VALUES ($1, '00000000-0000-4000-8000-000000000009', 'CA001013J', 'Alameda', 'active', 1, false, $2::jsonb)`,
        [order.id, JSON.stringify(order)],
      );
      // Written as before 009: the A-Z normaliser made the name empty, so it was left out of the index.
      expect(
        (await t.db.query('SELECT 1 FROM order_names WHERE order_id = $1', [order.id])).rows,
      ).toHaveLength(0);
      // 009 and whatever came after it; 009 is the one that re-indexes.
      expect(await migrate(t.db)).toEqual(MIGRATIONS.filter((m) => m.id >= 9).map((m) => m.id));
      const built = buildSearch(systemPrincipal('test'), { lastName: 'Sidorov', scope: 'statewide' });
      const found = await t.db.query<{ id: string }>(built.sql, built.params);
      expect(found.rows.map((r) => r.id)).toEqual([order.id]);
      const row = await t.db.query<{ last_norm: string; last_native: string }>(
        "SELECT last_norm, last_native FROM order_names WHERE order_id = $1 AND role = 'restrained'",
        [order.id],
      );
      expect(row.rows[0]).toEqual({
        last_norm: normalizeName('Сидоров'),
        last_native: normalizeNative('Сидоров'),
      });
    } finally {
      await t.drop();
    }
  });
});
