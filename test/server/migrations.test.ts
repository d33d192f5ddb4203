import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/server/db/migrations';
import { DatabaseTooNewError, migrate, pendingMigrations } from '../../src/server/db/migrations/runner';
import type { SearchQuery } from '../../src/shared/api';
import { buildSearch } from '../../src/server/search/query';
import { systemPrincipal } from '../../src/server/auth/principal';
import { createTestDatabase, describeOnBackends, type TestDatabase } from './support/backends';

/**
 * The query with its parameters written in as literals: PGlite answers EXPLAIN of some parameterised
 * statements with no rows, and a plan for literal values is what the planner sees per query anyway.
 */
function inline(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

describeOnBackends('registry migrations', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('apply every migration once, each recorded, and do nothing the second time', async () => {
    expect((await pendingMigrations(t.db)).map((m) => m.id)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(t.db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.rows.map((r) => r.id)).toEqual(MIGRATIONS.map((m) => m.id));
    const ext = await t.db.query<{ extname: string }>(
      "SELECT extname FROM pg_extension WHERE extname IN ('pg_trgm', 'fuzzystrmatch') ORDER BY 1",
    );
    expect(ext.rows.map((r) => r.extname)).toEqual(['fuzzystrmatch', 'pg_trgm']);
  });

  it('give the hot name searches an index plan', async () => {
    // Enough rows (random letter names) for the statistics to describe a real table.
    await t.db.exec(`
      INSERT INTO organisations (id, ori, name, county, kind)
        VALUES ('00000000-0000-4000-8000-000000000001', 'CA001013J', 'Plan test court', 'Alameda', 'superior_court');
      INSERT INTO orders (id, org_id, court_ori, county, status, version, sealed, case_number_norm, data)
        SELECT md5(i::text)::uuid, '00000000-0000-4000-8000-000000000001', 'CA001013J', 'Alameda', 'active', 1, false,
               'DV24' || i, '{}'::jsonb
          FROM generate_series(1, 3000) AS i;
      INSERT INTO order_names (order_id, role, ordinal, last_norm, first_norm, last_dm, last_dm_alt, last_sx)
        SELECT md5(i::text)::uuid, 'restrained', 0, n, '', dmetaphone(n), dmetaphone_alt(n), soundex(n)
          FROM (SELECT i, translate(upper(substr(md5('n' || i), 1, 7)), '0123456789', 'AEIOUYRSTL') AS n
                  FROM generate_series(1, 3000) AS i) AS g;
      ANALYZE orders; ANALYZE order_names;`);
    // With a few thousand rows the planner may still prefer a scan; forbid it, one statement per
    // transaction, to see that an index serves each query.
    const planOf = (q: SearchQuery) =>
      t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL enable_seqscan = off');
        const built = buildSearch(systemPrincipal('test'), q);
        const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${inline(built.sql, built.params)}`);
        return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    const NAME_INDEX = /order_names_(last_idx|first_idx|dm_pair_idx|dm_alt_pair_idx)/;
    for (const match of ['exact', 'prefix', 'fuzzy', 'phonetic'] as const) {
      const lastOnly = await planOf({ lastName: 'Smith', match, scope: 'statewide' });
      expect(lastOnly, match).toMatch(NAME_INDEX);
      const withFirst = await planOf({ lastName: 'Smith', firstName: 'Ann', match, scope: 'statewide' });
      expect(withFirst, `${match} + first`).toMatch(NAME_INDEX);
      // Similar spellings come from the vocabulary's trigram index, not from scanning order_names.
      if (match === 'fuzzy') {
        expect(lastOnly).toMatch(/name_terms_trgm_idx/);
        expect(withFirst).toMatch(/name_terms_trgm_idx/);
      }
    }
    expect(await planOf({ caseNumber: 'DV-24-1' })).toMatch(/orders_case_idx/);
    const withDob = await planOf({
      lastName: 'Smith',
      firstName: 'Ann',
      dob: '1980-05-17',
      scope: 'statewide',
    });
    expect(withDob).toMatch(/Index Only Scan using order_names_dob_cover_idx/);
    // A name in another script (migration 009): its own-script branch has its own index, and the
    // branches on its transliteration keep theirs.
    const native = await planOf({ lastName: 'Иванов', firstName: 'Иван', scope: 'statewide' });
    expect(native).toMatch(/order_names_native_idx/);
    expect(native).toMatch(NAME_INDEX);
  });
  it('keep the name vocabulary (name_terms) in step with order_names, each spelling once', async () => {
    const terms = async (term: string) =>
      (await t.db.query<{ n: string }>('SELECT count(*) AS n FROM name_terms WHERE term = $1', [term]))
        .rows[0]?.n;
    expect(await terms('QUILLFEATHERSON')).toBe('0');
    // Two statements (orders md5('1'..'3') come from the plan test above): the trigger adds a new
    // spelling once, and not again when it is already known.
    await t.db.exec(`
      INSERT INTO order_names (order_id, role, ordinal, last_norm, first_norm, last_dm, last_dm_alt, last_sx)
        VALUES (md5('1')::uuid, 'alias', 7, 'QUILLFEATHERSON', 'ZEBEDIAH', '', '', ''),
               (md5('2')::uuid, 'alias', 7, 'QUILLFEATHERSON', '', '', '', '');
      INSERT INTO order_names (order_id, role, ordinal, last_norm, first_norm, last_dm, last_dm_alt, last_sx)
        VALUES (md5('3')::uuid, 'alias', 7, 'QUILLFEATHERSON', 'ZEBEDIAH', '', '', '');`);
    expect(await terms('QUILLFEATHERSON')).toBe('1');
    expect(await terms('ZEBEDIAH')).toBe('1');
    expect(await terms('')).toBe('0');
  });
  it('roll a failing migration back whole', async () => {
    const broken = {
      id: 900,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x int); SELECT no_such_function();',
    };
    await expect(migrate(t.db, { migrations: [...MIGRATIONS, broken] })).rejects.toThrow();
    const table = await t.db.query<{ t: string | null }>("SELECT to_regclass('half_done')::text AS t");
    expect(table.rows[0]?.t).toBeNull();
    expect((await pendingMigrations(t.db, [...MIGRATIONS, broken])).map((m) => m.id)).toEqual([900]);
  });

  it('refuse a database migrated by a newer registry', async () => {
    await t.db.query("INSERT INTO schema_migrations (id, name) VALUES (999, 'from the future')");
    await expect(pendingMigrations(t.db)).rejects.toBeInstanceOf(DatabaseTooNewError);
    await t.db.query('DELETE FROM schema_migrations WHERE id = 999');
  });
});
