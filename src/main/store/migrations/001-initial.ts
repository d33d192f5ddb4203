import type { Migration } from './types';

/**
 * Drafts (the order as JSON plus the columns the list and local search need), the documents (PDFs)
 * attached to them by content address, and the outbox of changes waiting to reach the registry.
 */
export const migration001: Migration = {
  version: 1,
  name: 'drafts, documents and outbox',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        court_ori TEXT NOT NULL,
        case_number TEXT,
        form_id TEXT,
        issue_date TEXT,
        restrained_name TEXT NOT NULL DEFAULT '',
        restrained_key TEXT NOT NULL DEFAULT '',
        restrained_dob TEXT,
        protected_keys TEXT NOT NULL DEFAULT '',
        order_json TEXT NOT NULL,
        local_version INTEGER NOT NULL,
        registry_version INTEGER,
        sync_state TEXT NOT NULL,
        sync_message TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX drafts_by_updated ON drafts (updated_at DESC, id);
      CREATE INDEX drafts_by_status ON drafts (status, updated_at DESC);
      CREATE INDEX drafts_by_sync_state ON drafts (sync_state, updated_at DESC);
      CREATE INDEX drafts_by_restrained ON drafts (restrained_key);
      CREATE INDEX drafts_by_case ON drafts (case_number);

      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        draft_id TEXT NOT NULL REFERENCES drafts (id),
        sha256 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        page_count INTEGER NOT NULL,
        byte_size INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (draft_id, sha256)
      ) STRICT;
      CREATE UNIQUE INDEX documents_by_file_name ON documents (file_name COLLATE NOCASE);

      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        payload_bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT
      ) STRICT;
      CREATE INDEX outbox_by_record ON outbox (record_id, seq);
      CREATE INDEX outbox_by_due ON outbox (next_attempt_at, seq);
    `);
  },
};
