/** The Db interface on a real PostgreSQL server through a `pg` connection pool. */
import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types';

const DATE_OID = 1082;
const INT8_OID = 20;

/** Keep dates as calendar strings and int8 as text (see the conventions in types.ts). */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === DATE_OID || oid === INT8_OID) return (value: string) => value;
    // pg's TypeId enum is the OID itself; its parser table is typed `any`.
    const parse = (pg.types.getTypeParser as (id: number, f?: string) => unknown)(oid, format);
    return parse;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      // Without parameters pg uses the simple query protocol, which allows several statements.
      await client.query(sql);
    },
  };
}

export function openPostgres(connectionString: string, poolSize: number): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle client's socket error must not crash the registry; the next query reconnects.
  pool.on('error', () => undefined);
  const direct = wrap(pool);
  return {
    kind: 'postgres',
    query: (sql, params) => direct.query(sql, params),
    exec: (sql) => direct.exec(sql),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}
