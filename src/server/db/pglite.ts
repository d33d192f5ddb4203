/**
 * The Db interface on PGlite: PostgreSQL in WASM, in-process, with the pg_trgm and fuzzystrmatch
 * extensions the search needs. One connection; PGlite queues statements and holds other work back
 * while a transaction runs, so transactions are serial here (fine for a single-office registry).
 */
import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes, type Transaction } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable, QueryResult } from './types';

const asText = (value: string): string => value;

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await target.query<R>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await target.exec(sql);
    },
  };
}

/** Opens PGlite in `dataDir` (created if absent), or in memory when `dataDir` is null. */
export async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(dataDir === null ? {} : { dataDir }),
    extensions: { pg_trgm, fuzzystrmatch },
    parsers: { [pgliteTypes.DATE]: asText, [pgliteTypes.INT8]: asText },
  });
  const direct = wrap(db);
  return {
    kind: 'pglite',
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      await db.close();
    },
  };
}
