/**
 * The scanned documents (one PDF per order) attached to drafts, by content address. The blob is
 * stored durably first (BlobStore.put); only then does the database refer to it, in the same
 * transaction as the outbox row that will upload it.
 */
import type { DocumentDto } from '../../shared/ipc/drafts';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';
import type { BlobStore } from '../store/blob-store';
import { StoreError } from '../store/errors';
import type { ChangeAuthor, OutboxRepository } from '../store/outbox-repository';

/** A document as the store keeps it is what the UI gets (src/shared/ipc/drafts.ts). */
export type DocumentRecord = DocumentDto;

export interface AttachInput {
  readonly draftId: string;
  readonly sha256: string;
  readonly fileName: string;
  readonly pageCount: number;
  /** The scan batch order this document is saved from (at most one document per order). */
  readonly scan?: ScanOrigin;
}

export interface ScanOrigin {
  readonly batchId: string;
  readonly orderId: string;
}

interface DocumentRow {
  id: string;
  draft_id: string;
  sha256: string;
  file_name: string;
  page_count: number;
  byte_size: number;
  created_at: string;
  scan_batch_id: string | null;
  scan_order_id: string | null;
}

const toRecord = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  draftId: r.draft_id,
  sha256: r.sha256,
  fileName: r.file_name,
  pageCount: r.page_count,
  byteSize: r.byte_size,
  createdAt: r.created_at,
});

export class DocumentsRepository {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly outbox: OutboxRepository,
    private readonly now: () => Date,
  ) {}

  /** Stores the PDF bytes and attaches them to a draft; returns the document. */
  attachBytes(
    draftId: string,
    bytes: Uint8Array,
    fileName: string,
    pageCount: number,
    author: ChangeAuthor | null = null,
  ): DocumentRecord {
    const blob = this.blobs.put(bytes);
    return this.attach({ draftId, sha256: blob.sha256, fileName, pageCount }, author);
  }

  /** Attaches an already stored blob. Attaching the same content to the same draft twice is a no-op. */
  attach(input: AttachInput, author: ChangeAuthor | null = null): DocumentRecord {
    if (!this.blobs.has(input.sha256)) {
      throw new StoreError(
        'BLOB_MISSING',
        'The scanned file must be stored before it is attached to a draft.',
        'sha256',
      );
    }
    const size = this.blobs.get(input.sha256).length;
    const run = this.db.transaction((): DocumentRecord => {
      const draft = this.db.prepare('SELECT 1 FROM drafts WHERE id = ?').get(input.draftId);
      if (!draft) throw new StoreError('NOT_FOUND', 'That draft does not exist on this station.', 'draftId');
      const existing = this.db
        .prepare('SELECT * FROM documents WHERE draft_id = ? AND sha256 = ?')
        .get(input.draftId, input.sha256) as DocumentRow | undefined;
      if (existing) return toRecord(existing);
      const taken = this.db
        .prepare('SELECT 1 FROM documents WHERE file_name = ? COLLATE NOCASE')
        .get(input.fileName);
      if (taken)
        throw new StoreError(
          'INVALID_RECORD',
          `A document named ${input.fileName} already exists.`,
          'fileName',
        );
      const row: DocumentRow = {
        id: randomUUID(),
        draft_id: input.draftId,
        sha256: input.sha256,
        file_name: input.fileName,
        page_count: input.pageCount,
        byte_size: size,
        created_at: this.now().toISOString(),
        scan_batch_id: input.scan?.batchId ?? null,
        scan_order_id: input.scan?.orderId ?? null,
      };
      this.db
        .prepare(
          `INSERT INTO documents (id, draft_id, sha256, file_name, page_count, byte_size, created_at,
             scan_batch_id, scan_order_id)
           VALUES (@id, @draft_id, @sha256, @file_name, @page_count, @byte_size, @created_at,
             @scan_batch_id, @scan_order_id)`,
        )
        .run(row);
      this.outbox.enqueue(
        input.draftId,
        'document.attach',
        {
          documentId: row.id,
          sha256: row.sha256,
          fileName: row.file_name,
          pageCount: row.page_count,
          byteSize: row.byte_size,
        },
        author,
      );
      return toRecord(row);
    });
    return run.immediate();
  }

  forDraft(draftId: string): DocumentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM documents WHERE draft_id = ? ORDER BY created_at, id')
      .all(draftId) as DocumentRow[];
    return rows.map(toRecord);
  }

  /** The documents saved from a scan batch, by the batch's order id. */
  savedFromScan(batchId: string): Map<string, DocumentRecord> {
    const rows = this.db
      .prepare('SELECT * FROM documents WHERE scan_batch_id = ?')
      .all(batchId) as DocumentRow[];
    return new Map(rows.map((r) => [r.scan_order_id ?? '', toRecord(r)]));
  }

  /** True when a file name is used by any document (compared without case, as Windows does). */
  fileNameTaken(fileName: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM documents WHERE file_name = ? COLLATE NOCASE').get(fileName) !==
      undefined
    );
  }
}
