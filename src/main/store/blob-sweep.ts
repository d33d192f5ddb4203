/**
 * Releasing blobs nothing refers to any more: page images of a batch that was discarded or whose
 * orders were committed (the PDFs are separate blobs, attached as documents).
 *
 * Safety, in order of importance:
 * - A blob is referenced when the database names it anywhere: a document, a page of the open scan
 *   batch, an upload in progress, or a queued or refused change (any SHA-256 in their payloads);
 *   the caller adds what it holds only in memory (`keep`: the batch on screen). Referenced blobs are
 *   never removed.
 * - A blob stored (put) less than `graceMs` ago is kept even when unreferenced: writers store the
 *   bytes first and refer to them afterwards (BlobStore.put refreshes the time of an existing file,
 *   so re-storing garbage makes it young again).
 * - The sweep is synchronous: in this single-threaded process nothing can store or refer to a blob
 *   between reading the references and removing a file.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { BlobStore } from './blob-store';

/** Default grace period: an hour, far longer than any store-then-refer gap. */
export const BLOB_SWEEP_GRACE_MS = 60 * 60 * 1000;

const SHA256_IN_TEXT = /[0-9a-f]{64}/g;

export interface BlobSweepOptions {
  /** Blobs stored more recently than this are kept (default BLOB_SWEEP_GRACE_MS). */
  readonly graceMs?: number;
  /** Blobs referenced by state held only in memory. */
  readonly keep?: Iterable<string>;
  /** The wall clock, compared with file times (not the store's injectable clock). */
  readonly now?: () => Date;
}

export interface BlobSweepResult {
  readonly examined: number;
  readonly removed: number;
  readonly referenced: number;
  readonly young: number;
}

/** Every blob address the database refers to. */
export function referencedBlobs(db: Database): Set<string> {
  const refs = new Set<string>();
  const column = (sql: string): void => {
    for (const value of db.prepare(sql).pluck().all() as (string | null)[]) if (value) refs.add(value);
  };
  column('SELECT sha256 FROM documents');
  column('SELECT image_sha256 FROM scan_batch_pages WHERE image_sha256 IS NOT NULL');
  column('SELECT sha256 FROM sync_uploads');
  // Payloads are searched as text: any address in a queued or refused change counts, whatever its shape.
  for (const sql of [
    'SELECT payload FROM outbox',
    'SELECT payload FROM sync_rejections',
    'SELECT model_json FROM scan_batches WHERE model_json IS NOT NULL',
  ]) {
    for (const text of db.prepare(sql).pluck().all() as string[])
      for (const match of text.matchAll(SHA256_IN_TEXT)) refs.add(match[0]);
  }
  return refs;
}

/** Removes the blobs nothing refers to and that are older than the grace period. */
export function sweepUnreferencedBlobs(
  store: { readonly db: Database; readonly blobs: BlobStore },
  options: BlobSweepOptions = {},
): BlobSweepResult {
  const cutoff = (options.now ?? (() => new Date()))().getTime() - (options.graceMs ?? BLOB_SWEEP_GRACE_MS);
  const refs = referencedBlobs(store.db);
  for (const ref of options.keep ?? []) refs.add(ref);
  let removed = 0;
  let referenced = 0;
  let young = 0;
  const blobs = store.blobs.list();
  for (const blob of blobs) {
    if (refs.has(blob.sha256)) referenced += 1;
    else if (blob.storedAtMs > cutoff) young += 1;
    else {
      store.blobs.remove(blob.sha256);
      removed += 1;
    }
  }
  return { examined: blobs.length, removed, referenced, young };
}
