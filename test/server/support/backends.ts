/**
 * Every registry suite runs twice: on PGlite (in memory) and on a real PostgreSQL server. The
 * PostgreSQL run needs TEST_DATABASE_URL (CI sets it from scripts/ci/setup-postgres.sh); without
 * it that variant is skipped and the reason is printed. Each test file gets a database of its own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openPglite } from '../../../src/server/db/pglite';
import { openPostgres } from '../../../src/server/db/postgres';
import type { Db } from '../../../src/server/db/types';

export type BackendKind = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly db: Db;
  /** The connection URL (postgres only). */
  readonly url: string | null;
  drop(): Promise<void>;
}

const TEST_URL = process.env.TEST_DATABASE_URL;

export async function createTestDatabase(kind: BackendKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  if (!TEST_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `ccpor_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_URL);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 10);
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: TEST_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch (error) {
        // FORCE may not terminate a server process of another role (an autovacuum worker on the
        // test database): a leftover scratch database is not the test's failure, only noted.
        console.warn(`test database ${name} not dropped: ${(error as Error).message}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

let reasonPrinted = false;

/** `describe` once per backend; the PostgreSQL variant is skipped (with a printed reason) when no server is configured. */
export function describeOnBackends(title: string, body: (kind: BackendKind) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const skip = kind === 'postgres' && !TEST_URL;
    if (skip && !reasonPrinted) {
      reasonPrinted = true;
      console.warn(
        'SKIPPED: the PostgreSQL variants of the registry suites, because TEST_DATABASE_URL is not set. ' +
          'Run scripts/ci/setup-postgres.sh and export the URL it prints (CI always does).',
      );
    }
    describe.skipIf(skip)(`${title} [${kind}]`, () => {
      body(kind);
    });
  }
}
