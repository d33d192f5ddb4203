import type { Migration } from './types';

/**
 * Who uploaded which bytes. Attaching stored bytes by their digest needs either an entry here for
 * the caller or an order holding them that the caller may read: knowing a digest is not enough.
 * No backfill: bytes linked before this migration are reachable through their orders, and a station
 * that no longer sees them simply uploads them again.
 */
export const migration008: Migration = {
  id: 8,
  name: 'blob_uploaders: who proved possession of which bytes',
  sql: /* sql */ `
CREATE TABLE blob_uploaders (
  sha256 text NOT NULL REFERENCES blobs (sha256),
  user_id uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sha256, user_id)
);
CREATE INDEX order_images_sha_idx ON order_images (sha256);
`,
};
