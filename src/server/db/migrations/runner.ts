/**
 * Applies numbered migrations, each in its own transaction together with its schema_migrations row.
 * A transaction-scoped advisory lock keeps two registry processes from migrating at once, and a
 * database migrated by a newer registry is refused rather than run against.
 */
import type { Db } from '../types';
import { MIGRATIONS, type Migration } from './index';

const MIGRATION_LOCK = 4_300_001;

export class DatabaseTooNewError extends Error {}

async function ensureTable(db: Db): Promise<void> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

export async function appliedMigrationIds(db: Db): Promise<number[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  const table = exists.rows[0]?.t ?? null;
  if (table === null) return [];
  const rows = await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
  return rows.rows.map((r) => r.id);
}

/** Migrations not yet applied; throws DatabaseTooNewError when the database knows more than we do. */
export async function pendingMigrations(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<Migration[]> {
  const applied = new Set(await appliedMigrationIds(db));
  const known = new Set(migrations.map((m) => m.id));
  const unknown = [...applied].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DatabaseTooNewError(
      `The database has migration(s) ${unknown.join(', ')} that this registry does not know: it was migrated by a newer version.`,
    );
  }
  return migrations.filter((m) => !applied.has(m.id));
}

export interface MigrateOptions {
  /** A separate application role: UPDATE, DELETE and TRUNCATE on audit_log are revoked from it. */
  readonly appRole?: string | null;
  readonly migrations?: readonly Migration[];
}

/** Brings the schema up to date; returns the ids it applied. */
export async function migrate(db: Db, options: MigrateOptions = {}): Promise<number[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  await ensureTable(db);
  const applied: number[] = [];
  for (const migration of await pendingMigrations(db, migrations)) {
    const ran = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE id = $1', [migration.id]);
      if (done.rows.length > 0) return false; // another process applied it while we waited
      await tx.exec(migration.sql);
      if (migration.after) await migration.after(tx);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      return true;
    });
    if (ran) applied.push(migration.id);
  }
  if (options.appRole) {
    // Identifier validated by the config schema ([a-z_][a-z0-9_]*), so quoting it is enough.
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM "${options.appRole}"`);
  }
  return applied;
}
