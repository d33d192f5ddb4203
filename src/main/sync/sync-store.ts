/**
 * What sync needs of the station store: the drafts it sends and imports, the outbox it drains, the
 * blob store it uploads from, and its own bookkeeping tables (sync/store). The composed station
 * store (app/station-store.ts) is one; tests may open just these.
 */
import type { DraftsRepository } from '../drafts/drafts-repository';
import type { BlobStore, OutboxRepository } from '../store';
import type { SyncRepository } from './store/sync-repository';

export interface SyncStore {
  readonly drafts: DraftsRepository;
  readonly outbox: OutboxRepository;
  readonly blobs: BlobStore;
  readonly sync: SyncRepository;
}
