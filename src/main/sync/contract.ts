/**
 * What the rest of the station (the API handlers behind the UI) sees of sync. The implementation
 * (outbox worker, image uploads, pull, conflicts) lives beside this file; the UI reads status and
 * conflicts through the station API, never the worker's internals.
 */
import type { ConflictResolutionDto, SyncConflictDto, SyncStatusDto } from '../../shared/ipc/sync';

export type SyncStatus = SyncStatusDto;
export type SyncConflict = SyncConflictDto;
/** Field by field ('merged'): the merged order the operator built from both. */
export type ConflictResolution = ConflictResolutionDto;

export interface SyncService {
  start(): void;
  stop(): Promise<void>;
  status(): SyncStatus;
  /** Called on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: SyncStatus) => void): () => void;
  /** Try now rather than at the next scheduled attempt (e.g. the operator pressed "Sync now"). */
  syncNow(): Promise<void>;
  conflicts(): SyncConflict[];
  resolveConflict(draftId: string, resolution: ConflictResolution): Promise<void>;
}
