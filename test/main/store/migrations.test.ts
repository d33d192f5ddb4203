import type Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/main/store/database';
import { migrate, schemaVersion } from '../../../src/main/store/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/main/store/migrations';
import { DUE_HEADS_SQL } from '../../../src/main/store/outbox-repository';
import { StoreError } from '../../../src/main/store/errors';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-migrations-');
const key = randomBytes(32);

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('station database migrations', () => {
  it('migration 1 creates STRICT tables and records the schema version', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key, migrate: false });
    expect(migrate(db, MIGRATIONS.slice(0, 1))).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as {
      name: string;
      strict: number;
    }[];
    expect(tables.map((t) => t.name).sort()).toEqual(['documents', 'drafts', 'outbox']);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    db.close();
  });

  it('uses an index for the draft list, its filters, and the outbox queries (EXPLAIN QUERY PLAN)', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key });
    const list = plan(db, 'SELECT id FROM drafts ORDER BY updated_at DESC, id LIMIT 50');
    expect(list).toMatch(/SCAN drafts USING (COVERING )?INDEX drafts_by_updated/);
    expect(list).not.toMatch(/TEMP B-TREE/);
    const byStatus = plan(
      db,
      "SELECT id FROM drafts WHERE status = 'draft' ORDER BY updated_at DESC LIMIT 50",
    );
    expect(byStatus).toMatch(/SEARCH drafts USING INDEX drafts_by_status \(status=\?\)/);
    expect(byStatus).not.toMatch(/TEMP B-TREE/);
    const heads = plan(db, DUE_HEADS_SQL, '2026-01-01', 'a.clerk', 50);
    expect(heads).toMatch(/SEARCH o USING INDEX outbox_by_due \(next_attempt_at<\?\)/);
    expect(heads).toMatch(/SEARCH i USING COVERING INDEX outbox_by_record \(record_id=\?\)/);
    const perRecord = plan(db, 'SELECT * FROM outbox WHERE record_id = ? ORDER BY seq', 'x');
    expect(perRecord).toMatch(/SEARCH outbox USING INDEX outbox_by_record \(record_id=\?\)/);
    expect(plan(db, 'SELECT * FROM documents WHERE draft_id = ? AND sha256 = ?', 'a', 'b')).toMatch(
      /USING INDEX/,
    );
    db.close();
  });

  it('migration 3 keeps the open scan batch: STRICT tables, pages go with their batch, indexed lookups', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key });
    const strict = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE name IN ('scan_batches', 'scan_batch_pages')",
      )
      .all() as { name: string; strict: number }[];
    expect(strict.map((t) => [t.name, t.strict]).sort()).toEqual([
      ['scan_batch_pages', 1],
      ['scan_batches', 1],
    ]);
    expect(plan(db, 'SELECT * FROM scan_batch_pages WHERE batch_id = ? ORDER BY page_index', 'b')).toMatch(
      /SEARCH scan_batch_pages USING INDEX sqlite_autoindex_scan_batch_pages_1 \(batch_id=\?\)/,
    );
    expect(plan(db, 'SELECT 1 FROM scan_batch_pages WHERE image_sha256 = ?', 'x')).toMatch(
      /USING (COVERING )?INDEX scan_batch_pages_by_image/,
    );
    db.prepare(
      `INSERT INTO scan_batches (id, device_id, profile_json, scan_settings_json, started_at, status, scanned,
         page_offset, edits_json, updated_at) VALUES ('b', 'd', '{}', '{}', '', 'complete', 0, 0, '[]', '')`,
    ).run();
    db.prepare("INSERT INTO scan_batch_pages (batch_id, page_index, page_json) VALUES ('b', 1, '{}')").run();
    expect(() =>
      db
        .prepare("INSERT INTO scan_batch_pages (batch_id, page_index, page_json) VALUES ('nope', 1, '{}')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM scan_batches WHERE id = 'b'").run();
    expect(db.prepare('SELECT count(*) AS n FROM scan_batch_pages').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 4 records who made each change and owns each draft, gives existing drafts their court, and keeps the audit trail', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key, migrate: false });
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(
      `INSERT INTO drafts (id, status, court_ori, order_json, local_version, sync_state, created_at, updated_at)
       VALUES ('d1', 'draft', 'CA001013J', '{}', 1, 'pending', '', '')`,
    ).run();
    db.prepare(
      `INSERT INTO outbox (mutation_id, record_id, kind, payload, payload_bytes, created_at, next_attempt_at)
       VALUES ('m1', 'd1', 'order.save', '{}', 2, '', '')`,
    ).run();
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(db.prepare('SELECT org_ori FROM drafts').get()).toEqual({ org_ori: 'CA001013J' });
    expect(db.prepare('SELECT author_username FROM outbox').get()).toEqual({ author_username: null });
    expect(
      (
        db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'audit_events'").get() as {
          strict: number;
        }
      ).strict,
    ).toBe(1);
    expect(
      plan(db, 'SELECT id FROM drafts WHERE org_ori = ? ORDER BY updated_at DESC LIMIT 50', 'x'),
    ).toMatch(/SEARCH drafts USING INDEX drafts_by_org \(org_ori=\?\)/);
    expect(
      plan(
        db,
        'SELECT * FROM audit_events WHERE sent_at IS NULL AND username = ? ORDER BY at LIMIT 200',
        'u',
      ),
    ).toMatch(/USING INDEX audit_events_unsent/);
    db.close();
  });

  it('migration 5 keeps who changed the registry version of a conflict, null for conflicts from before', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key, migrate: false });
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare(
      `INSERT INTO drafts (id, status, court_ori, order_json, local_version, sync_state, created_at, updated_at)
       VALUES ('d1', 'draft', 'CA001013J', '{}', 1, 'conflict', '', '')`,
    ).run();
    db.prepare(
      `INSERT INTO sync_conflicts (draft_id, seq, mine_json, theirs_json, theirs_version, theirs_status, differing_fields, detected_at)
       VALUES ('d1', 1, '{}', '{}', 2, 'draft', '[]', '')`,
    ).run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(db.prepare('SELECT theirs_updated_by, theirs_updated_at FROM sync_conflicts').get()).toEqual({
      theirs_updated_by: null,
      theirs_updated_at: null,
    });
    db.close();
  });

  it('migration 6 records the scan batch and order a document was saved from: one document per order, null for documents from before', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key, migrate: false });
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare(
      `INSERT INTO drafts (id, status, court_ori, order_json, local_version, sync_state, created_at, updated_at)
       VALUES ('d1', 'draft', 'CA001013J', '{}', 1, 'pending', '', '')`,
    ).run();
    const insert = (id: string, name: string, scan: [string, string] | null) =>
      db
        .prepare(
          `INSERT INTO documents (id, draft_id, sha256, file_name, page_count, byte_size, created_at${scan ? ', scan_batch_id, scan_order_id' : ''})
           VALUES (?, 'd1', ?, ?, 1, 1, ''${scan ? ', ?, ?' : ''})`,
        )
        .run(id, id.padEnd(64, '0'), name, ...(scan ?? []));
    insert('a', 'a.pdf', null);
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(db.prepare("SELECT scan_batch_id, scan_order_id FROM documents WHERE id = 'a'").get()).toEqual({
      scan_batch_id: null,
      scan_order_id: null,
    });
    insert('b', 'b.pdf', ['batch-1', 'o1']);
    insert('c', 'c.pdf', null);
    expect(() => insert('d', 'd.pdf', ['batch-1', 'o1'])).toThrow(/UNIQUE/);
    insert('e', 'e.pdf', ['batch-1', 'o3']);
    db.close();
  });

  it('runs all pending migrations in one transaction: a failing step leaves nothing behind', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key, migrate: false });
    const failing = [
      ...MIGRATIONS,
      {
        version: LATEST_VERSION + 1,
        name: 'broken',
        up: (d: Database.Database) => {
          d.exec('CREATE TABLE extra (x TEXT) STRICT');
          throw new Error('disk on fire');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow(expect.objectContaining({ code: 'MIGRATION_FAILED' }));
    expect(schemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('refuses a database from a newer station and leaves the file as it was', () => {
    const path = join(tempDir(), 'a.db');
    const db = openEncryptedDatabase({ path, key });
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = readFileSync(path);
    let caught: unknown;
    try {
      openEncryptedDatabase({ path, key });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('NEWER_DATABASE');
    expect((caught as StoreError).message).toContain('newer version of CCPOR Station');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('is a no-op on an up-to-date database', () => {
    const path = join(tempDir(), 'a.db');
    openEncryptedDatabase({ path, key }).close();
    const db = openEncryptedDatabase({ path, key });
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
