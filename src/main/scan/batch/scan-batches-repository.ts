/**
 * The open scan batch, kept in the encrypted database so a crash or a restart loses nothing a clerk
 * scanned or decided (see migration 003). The store does not interpret the batch: the station's
 * scan controller hands it plain JSON-able values and reads them back (station/batch-persistence.ts
 * gives them their types). Pages arrive one row each, in small transactions, while the batch scans;
 * the model and the decision log are rewritten after each decision.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** What is known when a batch starts. */
export interface ScanBatchHeader {
  readonly id: string;
  readonly deviceId: string;
  readonly profile: unknown;
  readonly scanSettings: unknown;
  readonly startedAt: string;
}

/** What changes while a batch is scanned and reviewed. */
export interface ScanBatchState {
  readonly status: string;
  readonly stopped: unknown;
  readonly scanned: number;
  readonly pageOffset: number;
  /** The reviewed model (null while scanning: it is then derived from the pages). */
  readonly model: unknown;
  /** The operator's decisions in order, replayed over a new separation after a retry. */
  readonly edits: readonly unknown[];
}

export interface StoredScanPage {
  readonly index: number;
  readonly page: unknown;
  /** The page image's blob (null for a page that could not be read). */
  readonly imageSha256: string | null;
}

export interface StoredScanBatch extends ScanBatchHeader, ScanBatchState {
  readonly pages: readonly StoredScanPage[];
  readonly updatedAt: string;
}

interface BatchRow {
  id: string;
  device_id: string;
  profile_json: string;
  scan_settings_json: string;
  started_at: string;
  status: string;
  stopped_json: string | null;
  scanned: number;
  page_offset: number;
  model_json: string | null;
  edits_json: string;
  updated_at: string;
}

const parse = (json: string | null): unknown => (json === null ? null : (JSON.parse(json) as unknown));
const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

export class ScanBatchesRepository {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date,
  ) {}

  /** Records a new batch; the station has one open batch, so any earlier one (and its pages) goes. */
  begin(header: ScanBatchHeader): void {
    const run = this.db.transaction(() => {
      this.db.prepare('DELETE FROM scan_batches').run();
      this.db
        .prepare(
          `INSERT INTO scan_batches (id, device_id, profile_json, scan_settings_json, started_at, status,
             stopped_json, scanned, page_offset, model_json, edits_json, updated_at)
           VALUES (?, ?, ?, ?, ?, 'scanning', NULL, 0, 0, NULL, '[]', ?)`,
        )
        .run(
          header.id,
          header.deviceId,
          JSON.stringify(header.profile),
          JSON.stringify(header.scanSettings),
          header.startedAt,
          this.now().toISOString(),
        );
    });
    run.immediate();
  }

  /** Adds (or replaces) processed pages, in one transaction. */
  addPages(batchId: string, pages: readonly StoredScanPage[]): void {
    if (pages.length === 0) return;
    const insert = this.db.prepare(
      `INSERT OR REPLACE INTO scan_batch_pages (batch_id, page_index, page_json, image_sha256)
       VALUES (?, ?, ?, ?)`,
    );
    const run = this.db.transaction(() => {
      for (const p of pages) insert.run(batchId, p.index, JSON.stringify(p.page), p.imageSha256);
    });
    run.immediate();
  }

  /** Writes the batch's state; a batch that is no longer recorded (discarded) is left alone. */
  update(batchId: string, state: ScanBatchState): void {
    this.db
      .prepare(
        `UPDATE scan_batches SET status = ?, stopped_json = ?, scanned = ?, page_offset = ?,
           model_json = ?, edits_json = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        state.status,
        json(state.stopped),
        state.scanned,
        state.pageOffset,
        json(state.model),
        JSON.stringify(state.edits),
        this.now().toISOString(),
        batchId,
      );
  }

  /** Forgets a batch and its pages (committed or discarded). Their image blobs go at the next sweep. */
  remove(batchId: string): void {
    this.db.prepare('DELETE FROM scan_batches WHERE id = ?').run(batchId);
  }

  /** The open batch with its pages in order, or null. */
  open(): StoredScanBatch | null {
    const row = this.db.prepare('SELECT * FROM scan_batches ORDER BY updated_at DESC LIMIT 1').get() as
      BatchRow | undefined;
    if (!row) return null;
    const pages = (
      this.db
        .prepare(
          'SELECT page_index, page_json, image_sha256 FROM scan_batch_pages WHERE batch_id = ? ORDER BY page_index',
        )
        .all(row.id) as { page_index: number; page_json: string; image_sha256: string | null }[]
    ).map((p) => ({ index: p.page_index, page: parse(p.page_json), imageSha256: p.image_sha256 }));
    const edits = parse(row.edits_json);
    return {
      id: row.id,
      deviceId: row.device_id,
      profile: parse(row.profile_json),
      scanSettings: parse(row.scan_settings_json),
      startedAt: row.started_at,
      status: row.status,
      stopped: parse(row.stopped_json),
      scanned: row.scanned,
      pageOffset: row.page_offset,
      model: parse(row.model_json),
      edits: Array.isArray(edits) ? (edits as unknown[]) : [],
      pages,
      updatedAt: row.updated_at,
    };
  }
}
