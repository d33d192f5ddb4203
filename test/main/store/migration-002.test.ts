import type Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from '../../../src/main/store/database';
import { migrate, schemaVersion } from '../../../src/main/store/migrate';
import { MIGRATIONS } from '../../../src/main/store/migrations';
import {
  PENDING_IMAGE_BYTES_SQL,
  PENDING_UPLOADS_SQL,
  SHARED_BLOB_SQL,
} from '../../../src/main/sync/store/sync-repository';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('store-migration-002-');
const key = randomBytes(32);

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}

describe('station database migration 2 (sync state)', () => {
  it('upgrades a version-1 database holding drafts and outbox rows, keeping them', () => {
    const path = join(tempDir(), 'a.db');
    const db = openEncryptedDatabase({ path, key, migrate: false });
    migrate(db, MIGRATIONS.slice(0, 1));
    const order = completeOrder();
    db.prepare(
      `INSERT INTO drafts (id, status, court_ori, order_json, local_version, sync_state, created_at, updated_at)
       VALUES (?, 'draft', ?, ?, 1, 'pending', 'x', 'x')`,
    ).run(order.id, order.court.ori, JSON.stringify(order));
    db.prepare(
      `INSERT INTO outbox (mutation_id, record_id, kind, payload, payload_bytes, created_at, next_attempt_at)
       VALUES ('m1', ?, 'order.save', '{}', 2, 'x', 'x')`,
    ).run(order.id);
    expect(migrate(db, MIGRATIONS.slice(0, 2))).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    const tables = db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name LIKE 'sync_%' OR name = 'work_queue'",
      )
      .all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual([
      'sync_bases',
      'sync_conflicts',
      'sync_meta',
      'sync_rejections',
      'sync_requests',
      'sync_stale',
      'sync_uploads',
      'work_queue',
    ]);
    expect(tables.every((t) => t.strict === 1)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    db.close();
  });

  it('uses indexes for the sync hot queries (EXPLAIN QUERY PLAN)', () => {
    const db = openEncryptedDatabase({ path: join(tempDir(), 'a.db'), key });
    expect(plan(db, PENDING_IMAGE_BYTES_SQL)).toMatch(/SEARCH o USING INDEX outbox_by_kind \(kind=\?\)/);
    expect(plan(db, PENDING_IMAGE_BYTES_SQL)).toMatch(
      /SEARCH u USING INDEX sqlite_autoindex_sync_uploads_1 \(sha256=\?\)/,
    );
    const uploads = plan(db, PENDING_UPLOADS_SQL, '9999', 8);
    expect(uploads).toMatch(/SEARCH o USING INDEX outbox_by_kind \(kind=\?\)/);
    expect(uploads).not.toMatch(/TEMP B-TREE/);
    expect(plan(db, SHARED_BLOB_SQL, 'a', 'b')).toMatch(
      /SEARCH documents USING INDEX documents_by_sha256 \(sha256=\?\)/,
    );
    expect(plan(db, "SELECT count(*) FROM drafts WHERE sync_state = 'rejected'")).toMatch(
      /USING COVERING INDEX drafts_by_sync_state \(sync_state=\?\)/,
    );
    expect(plan(db, 'SELECT * FROM sync_rejections WHERE draft_id = ? ORDER BY id', 'x')).toMatch(
      /SEARCH sync_rejections USING INDEX sync_rejections_by_draft \(draft_id=\?\)/,
    );
    const queue = plan(db, 'SELECT item_json FROM work_queue ORDER BY submitted_at, order_id');
    expect(queue).toMatch(/SCAN work_queue USING INDEX work_queue_by_submitted/);
    expect(queue).not.toMatch(/TEMP B-TREE/);
    expect(plan(db, 'SELECT * FROM sync_conflicts ORDER BY detected_at, draft_id')).not.toMatch(
      /TEMP B-TREE/,
    );
    expect(plan(db, 'DELETE FROM outbox WHERE record_id = ? AND seq BETWEEN ? AND ?', 'x', 1, 2)).toMatch(
      /SEARCH outbox USING (COVERING )?INDEX outbox_by_record \(record_id=\? AND seq>\? AND seq<\?\)|SEARCH outbox USING INTEGER PRIMARY KEY/,
    );
    db.close();
  });
});
