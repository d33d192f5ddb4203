import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to date: every pending migration and the new `user_version` in ONE
 * transaction, so a crash or a failed step leaves the database exactly as it was.
 * A database written by a newer station is refused, never downgraded.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'NEWER_DATABASE',
      `This station database was written by a newer version of CCPOR Station (schema ${current}; this version knows ${latest}). ` +
        'Update CCPOR Station; the database has not been changed.',
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  const run = db.transaction(() => {
    for (const m of pending) {
      try {
        m.up(db);
      } catch (error) {
        throw new StoreError(
          'MIGRATION_FAILED',
          `Database upgrade step ${m.version} (${m.name}) failed: ${(error as Error).message}`,
        );
      }
    }
    db.pragma(`user_version = ${latest}`);
  });
  run.immediate();
  return latest;
}

export { LATEST_VERSION };
