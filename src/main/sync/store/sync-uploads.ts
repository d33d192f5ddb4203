/**
 * The tus upload of each document waiting to reach the registry: its upload id (stored before any
 * byte is sent, so a later attempt resumes it) and how many bytes the registry confirmed.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { PARKED_UNTIL, type StoredUpload } from './sync-common';

/** SQL for the documents still to upload, in outbox order (run on every worker pass). */
export const PENDING_UPLOADS_SQL = `
  SELECT o.record_id, json_extract(o.payload, '$.sha256') AS sha256
  FROM outbox o LEFT JOIN sync_uploads u ON u.sha256 = json_extract(o.payload, '$.sha256')
  WHERE o.kind = 'document.attach' AND o.next_attempt_at < ?
    AND (u.sha256 IS NULL OR u.bytes_confirmed < u.byte_size)
  ORDER BY o.seq LIMIT ?`;

/** SQL: does another draft hold the same document? */
export const SHARED_BLOB_SQL = 'SELECT 1 FROM documents WHERE sha256 = ? AND draft_id <> ? LIMIT 1';

export class SyncUploads {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  get(sha256: string): StoredUpload | undefined {
    const row = this.db.prepare('SELECT * FROM sync_uploads WHERE sha256 = ?').get(sha256) as
      { sha256: string; upload_id: string; byte_size: number; bytes_confirmed: number } | undefined;
    return (
      row && {
        sha256: row.sha256,
        uploadId: row.upload_id,
        byteSize: row.byte_size,
        bytesConfirmed: row.bytes_confirmed,
      }
    );
  }

  save(sha256: string, uploadId: string, byteSize: number): void {
    this.db
      .prepare(
        `INSERT INTO sync_uploads (sha256, upload_id, byte_size, bytes_confirmed, updated_at) VALUES (?, ?, ?, 0, ?)
         ON CONFLICT (sha256) DO UPDATE SET upload_id = excluded.upload_id, byte_size = excluded.byte_size,
           bytes_confirmed = 0, updated_at = excluded.updated_at`,
      )
      .run(sha256, uploadId, byteSize, this.now().toISOString());
  }

  /**
   * Documents queued for upload whose bytes the registry does not hold yet (as far as this station
   * knows), in outbox order; changes parked behind a conflict excepted.
   */
  pending(limit: number): { readonly recordId: string; readonly sha256: string }[] {
    const rows = this.db.prepare(PENDING_UPLOADS_SQL).all(PARKED_UNTIL, limit) as {
      record_id: string;
      sha256: string;
    }[];
    return rows.map((r) => ({ recordId: r.record_id, sha256: r.sha256 }));
  }

  /** True when another draft holds the same document (so the registry may have its bytes already). */
  shared(sha256: string, draftId: string): boolean {
    return this.db.prepare(SHARED_BLOB_SQL).get(sha256, draftId) !== undefined;
  }

  confirm(sha256: string, bytes: number): void {
    this.db
      .prepare(
        'UPDATE sync_uploads SET bytes_confirmed = max(bytes_confirmed, ?), updated_at = ? WHERE sha256 = ?',
      )
      .run(bytes, this.now().toISOString(), sha256);
  }

  forget(sha256: string): void {
    this.db.prepare('DELETE FROM sync_uploads WHERE sha256 = ?').run(sha256);
  }
}
