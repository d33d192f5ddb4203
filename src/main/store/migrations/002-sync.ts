import type { Migration } from './types';

/**
 * What the sync worker keeps between runs: small settings (the change-feed cursor, the time of the
 * last success), the exact request each outbox change was first sent as (so a retry after a crash
 * is byte-identical and the registry replays its first answer), the registry's copy of each
 * draft as last seen (the base that tells "someone else changed the data" from "only the version
 * moved"), drafts the change feed reported while their own changes were still queued (fetched
 * once those are settled), the tus upload of each image,
 * conflicts waiting for a person, changes the registry refused (kept, never dropped), and the
 * county work queue of sheriff stations.
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync state: cursor, sent requests, uploads, conflicts, rejections, work queue',
  up(db) {
    db.exec(`
      CREATE TABLE sync_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_requests (
        seq INTEGER PRIMARY KEY,
        record_id TEXT NOT NULL,
        mutation_id TEXT NOT NULL,
        method TEXT NOT NULL,
        path TEXT NOT NULL,
        body TEXT NOT NULL,
        through_seq INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_bases (
        draft_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        order_json TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_stale (
        draft_id TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sync_uploads (
        sha256 TEXT PRIMARY KEY,
        upload_id TEXT NOT NULL,
        byte_size INTEGER NOT NULL,
        bytes_confirmed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_conflicts (
        draft_id TEXT PRIMARY KEY REFERENCES drafts (id),
        seq INTEGER NOT NULL,
        mine_json TEXT NOT NULL,
        theirs_json TEXT NOT NULL,
        theirs_version INTEGER NOT NULL,
        theirs_status TEXT NOT NULL,
        differing_fields TEXT NOT NULL,
        detected_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_conflicts_by_detected ON sync_conflicts (detected_at, draft_id);

      CREATE TABLE sync_rejections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        draft_id TEXT NOT NULL,
        mutation_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        code TEXT NOT NULL,
        message TEXT NOT NULL,
        field TEXT,
        rejected_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sync_rejections_by_draft ON sync_rejections (draft_id, id);

      CREATE TABLE work_queue (
        order_id TEXT PRIMARY KEY,
        submitted_at TEXT NOT NULL,
        item_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX work_queue_by_submitted ON work_queue (submitted_at, order_id);

      CREATE INDEX outbox_by_kind ON outbox (kind, seq);
      CREATE INDEX documents_by_sha256 ON documents (sha256);
    `);
  },
};
