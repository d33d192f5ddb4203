/**
 * What the drafts feature needs of the station store: its two tables' repositories and the blob
 * store a document's bytes are read from. The composed station store (app/station-store.ts) is one.
 */
import type { BlobStore } from '../store';
import type { DocumentsRepository } from './documents-repository';
import type { DraftsRepository } from './drafts-repository';

export interface DraftsStore {
  readonly drafts: DraftsRepository;
  readonly documents: DocumentsRepository;
  readonly blobs: BlobStore;
}
