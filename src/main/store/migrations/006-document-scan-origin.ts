import type { Migration } from './types';

/**
 * Which scan batch and which order of it a document was saved from. Written in the same transaction
 * as the document, so it is what says "this order is saved" across a crash: a save the disk stopped
 * part-way, or a saved batch the journal could not forget, is never saved a second time after a
 * restart (scan/batch/commit.ts). Null for documents attached otherwise or saved before this.
 */
export const migration006: Migration = {
  version: 6,
  name: 'documents: the scan batch and order they were saved from',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN scan_batch_id TEXT;
      ALTER TABLE documents ADD COLUMN scan_order_id TEXT;
      CREATE UNIQUE INDEX documents_by_scan_order ON documents (scan_batch_id, scan_order_id)
        WHERE scan_batch_id IS NOT NULL;
    `);
  },
};
