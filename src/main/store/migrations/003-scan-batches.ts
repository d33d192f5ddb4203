import type { Migration } from './types';

/**
 * The scan batch being reviewed, so a crash or a restart loses nothing a clerk scanned or decided:
 * the batch (device, profile, status, the reviewed model with its page flags and the operator's
 * decisions, and the log of those decisions, replayed after a retry) and its processed pages, one
 * row each, written as they arrive. A page's image stays in the blob store; `image_sha256` is the
 * reference the blob sweep keeps alive. One open batch per station; a commit or a discard deletes it.
 */
export const migration003: Migration = {
  version: 3,
  name: 'open scan batch: batch, pages, decisions',
  up(db) {
    db.exec(`
      CREATE TABLE scan_batches (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        profile_json TEXT NOT NULL,
        scan_settings_json TEXT NOT NULL,
        started_at TEXT NOT NULL,
        status TEXT NOT NULL,
        stopped_json TEXT,
        scanned INTEGER NOT NULL,
        page_offset INTEGER NOT NULL,
        model_json TEXT,
        edits_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE scan_batch_pages (
        batch_id TEXT NOT NULL REFERENCES scan_batches (id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        page_json TEXT NOT NULL,
        image_sha256 TEXT,
        PRIMARY KEY (batch_id, page_index)
      ) STRICT;
      CREATE INDEX scan_batch_pages_by_image ON scan_batch_pages (image_sha256);
    `);
  },
};
