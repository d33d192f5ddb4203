/**
 * What the scan station needs of the station store: drafts (looked up by cover sheet, created for
 * an order without one), their documents (one PDF per order), the blob store holding page images
 * and PDFs, its own journal table, and the sweep of page images no batch needs any more. The
 * composed station store (app/station-store.ts) is one.
 */
import type { DocumentsRepository } from '../../drafts/documents-repository';
import type { DraftsRepository } from '../../drafts/drafts-repository';
import type { BlobStore, BlobSweepOptions, BlobSweepResult } from '../../store';
import type { ScanBatchesRepository } from './scan-batches-repository';

export interface ScanStore {
  readonly drafts: DraftsRepository;
  readonly documents: DocumentsRepository;
  readonly blobs: BlobStore;
  readonly scanBatches: ScanBatchesRepository;
  sweepBlobs(options?: BlobSweepOptions): BlobSweepResult;
}
