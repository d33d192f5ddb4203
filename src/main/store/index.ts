/**
 * The station's storage layer, below every feature: the encrypted database and its migrations, the
 * outbox written in the same transaction as each record, the encrypted blob store and its sweep,
 * and the secret store that holds the key. Features keep their own tables' repositories.
 */
export * from './database';
export * from './secret-store';
export * from './errors';
export { OutboxRepository } from './outbox-repository';
export type { ChangeAuthor, OutboxEntry, OutboxKind } from './outbox-repository';
export { BlobStore, deriveBlobKey, sha256Hex } from './blob-store';
export type { StoredBlob } from './blob-store';
export type { BlobSweepOptions, BlobSweepResult } from './blob-sweep';
export { BLOB_SWEEP_GRACE_MS, sweepUnreferencedBlobs } from './blob-sweep';
export { diskFailure, diskFault } from './disk-errors';
