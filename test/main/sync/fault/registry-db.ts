/**
 * The registry side of the ledger, read from its PGlite files once the registry process has
 * stopped. PostgreSQL has no PRAGMA integrity_check; its counterpart is amcheck:
 * verify_heapam on every table (heap pages and tuples readable and consistent) and bt_index_check
 * on every B-tree index (index entries in order and, with heapallindexed, every row indexed). Then
 * consistency queries the schema's constraints do not cover: each order has exactly one 'created'
 * change, every image link has its blob, and each station audit event is in the audit log once.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Ledger } from './ledger';

export interface RegistryCheck {
  readonly tables: number;
  readonly indexes: number;
  readonly auditEvents: number;
}

/** `dataDir`: the PGlite folder (the registry's data folder + /pglite). */
export async function checkRegistryDatabase(
  dataDir: string,
  stationAuditIds: readonly string[],
  l: Ledger,
): Promise<RegistryCheck> {
  // An absent folder would be created empty and pass: insist on the registry's files.
  if (!existsSync(join(dataDir, 'PG_VERSION'))) throw new Error(`no PGlite database in ${dataDir}`);
  const db = await PGlite.create({ dataDir, extensions: { amcheck, pg_trgm, fuzzystrmatch } });
  const problem = (text: string) => l.problems.push(`registry database: ${text}`);
  try {
    await db.exec('CREATE EXTENSION IF NOT EXISTS amcheck');
    const tables = await db.query<{ oid: number; name: string }>(
      `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = 'public'`,
    );
    for (const t of tables.rows) {
      const bad = await db.query<{ msg: string }>('SELECT msg FROM verify_heapam($1::regclass)', [t.oid]);
      if (bad.rows.length > 0) {
        l.integrityFailures += 1;
        problem(`table ${t.name}: ${bad.rows[0]?.msg ?? ''}`);
      }
    }
    const indexes = await db.query<{ oid: number; name: string }>(
      `SELECT c.oid::int AS oid, c.relname AS name FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE am.amname = 'btree' AND n.nspname = 'public'`,
    );
    for (const ix of indexes.rows) {
      try {
        await db.query('SELECT bt_index_check($1::regclass, true)', [ix.oid]);
      } catch (error) {
        l.integrityFailures += 1;
        problem(`index ${ix.name}: ${(error as Error).message}`);
      }
    }
    const created = await db.query<{ order_id: string; n: number }>(
      `SELECT o.id AS order_id, count(c.*)::int AS n FROM orders o
       LEFT JOIN order_changes c ON c.order_id = o.id AND c.kind = 'created'
       GROUP BY o.id HAVING count(c.*) <> 1`,
    );
    for (const r of created.rows) {
      l.duplicated += r.n > 1 ? r.n - 1 : 0;
      problem(`order ${r.order_id} has ${r.n} 'created' changes`);
    }
    const orphans = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM order_images i LEFT JOIN blobs b ON b.sha256 = i.sha256 WHERE b.sha256 IS NULL',
    );
    if ((orphans.rows[0]?.n ?? 0) > 0) {
      l.lost += orphans.rows[0]?.n ?? 0;
      problem(`${orphans.rows[0]?.n} image links without their blob`);
    }
    const logged = await db.query<{ id: string; n: number }>(
      `SELECT details->>'stationEventId' AS id, count(*)::int AS n FROM audit_log
       WHERE component = 'station' GROUP BY 1`,
    );
    const byId = new Map(logged.rows.map((r) => [r.id, r.n]));
    for (const id of stationAuditIds) {
      const n = byId.get(id) ?? 0;
      if (n === 0) {
        l.lost += 1;
        problem(`station audit event ${id} missing from the audit log`);
      } else if (n > 1) {
        l.duplicated += n - 1;
        problem(`station audit event ${id} logged ${n} times`);
      }
    }
    return { tables: tables.rows.length, indexes: indexes.rows.length, auditEvents: byId.size };
  } finally {
    await db.close();
  }
}
