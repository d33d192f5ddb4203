export * from './station-store';
export * from './secret-store';
export * from './errors';
export type { DraftRecord, DraftSummary, DraftListQuery, SyncState } from './drafts-repository';
export type { DocumentRecord, AttachInput } from './documents-repository';
export type { OutboxEntry, OutboxKind } from './outbox-repository';
export type { StoredBlob } from './blob-store';
export { sha256Hex } from './blob-store';
export type {
  FrozenRequest,
  StoredConflict,
  StoredRejection,
  StoredUpload,
  PulledRecord,
  SyncCounts,
  SettledRange,
} from './sync-repository';
export type {
  ScanBatchHeader,
  ScanBatchState,
  StoredScanBatch,
  StoredScanPage,
} from './scan-batches-repository';
export type { BlobSweepOptions, BlobSweepResult } from './blob-sweep';
export { BLOB_SWEEP_GRACE_MS } from './blob-sweep';
