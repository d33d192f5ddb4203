/**
 * The station's local store, composed: the encrypted database, its repositories and the blob store,
 * all under one data folder and one key from the SecretStore.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore, deriveBlobKey } from '../store/blob-store';
import { sweepUnreferencedBlobs, type BlobSweepOptions, type BlobSweepResult } from '../store/blob-sweep';
import { openEncryptedDatabase } from '../store/database';
import { DocumentsRepository } from '../drafts/documents-repository';
import { DraftsRepository } from '../drafts/drafts-repository';
import { OutboxRepository } from '../store/outbox-repository';
import { ScanBatchesRepository } from '../scan/batch/scan-batches-repository';
import type { SecretStore } from '../store/secret-store';
import { SyncRepository } from '../sync/store/sync-repository';

/** The name of the station's key in its SecretStore. */
export const STATION_KEY_NAME = 'station-store';
export const DATABASE_FILE = 'station.db';

export interface StationStore {
  readonly dataDir: string;
  readonly db: Database;
  readonly drafts: DraftsRepository;
  readonly documents: DocumentsRepository;
  readonly outbox: OutboxRepository;
  readonly blobs: BlobStore;
  /** The sync worker's bookkeeping (src/main/sync). */
  readonly sync: SyncRepository;
  /** The open scan batch (station/scan-controller.ts), so a restart loses nothing scanned or decided. */
  readonly scanBatches: ScanBatchesRepository;
  /** Removes blobs nothing refers to (see blob-sweep.ts); never a referenced one. */
  sweepBlobs(options?: BlobSweepOptions): BlobSweepResult;
  close(): void;
}

export interface StationStoreOptions {
  readonly dataDir: string;
  readonly secrets: SecretStore;
  readonly now?: () => Date;
}

export async function openStationStore(options: StationStoreOptions): Promise<StationStore> {
  const now = options.now ?? (() => new Date());
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = await options.secrets.getOrCreateKey(STATION_KEY_NAME);
  const db = openEncryptedDatabase({ path: join(options.dataDir, DATABASE_FILE), key });
  const blobs = new BlobStore(join(options.dataDir, 'blobs'), deriveBlobKey(key));
  blobs.sweepTemporaryFiles();
  const outbox = new OutboxRepository(db, now);
  const drafts = new DraftsRepository(db, outbox, now);
  return {
    dataDir: options.dataDir,
    db,
    drafts,
    documents: new DocumentsRepository(db, blobs, outbox, now),
    outbox,
    blobs,
    sync: new SyncRepository(db, drafts, now),
    scanBatches: new ScanBatchesRepository(db, now),
    sweepBlobs: (sweep) => sweepUnreferencedBlobs({ db, blobs }, sweep),
    close: () => {
      db.close();
    },
  };
}
