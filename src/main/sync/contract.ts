/**
 * What the rest of the station (the API handlers behind the UI) sees of sync. The implementation
 * (outbox worker, image uploads, pull, conflicts) lives beside this file; the UI reads status and
 * conflicts through the station API, never the worker's internals.
 */
import type { ProtectiveOrder } from '../../shared/order';

export interface SyncStatus {
  /** idle: nothing to send; syncing: sending or pulling; offline: the registry does not answer;
   *  signed-out: no session to send with; error: stuck on a problem a person must look at. */
  readonly state: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  readonly pendingChanges: number;
  readonly pendingBytes: number;
  /** ISO time of the last exchange that succeeded, or null if none yet. */
  readonly lastSuccessAt: string | null;
  /** The current problem in plain words ("The registry has not answered since 10:42."), or null. */
  readonly problem: string | null;
  readonly conflicts: number;
  readonly rejected: number;
}

export interface SyncConflict {
  readonly draftId: string;
  readonly mine: ProtectiveOrder;
  readonly theirs: ProtectiveOrder;
  readonly theirsVersion: number;
  /** Dotted paths of the fields that differ (e.g. "restrainedPerson.dob"). */
  readonly differingFields: readonly string[];
  readonly detectedAt: string;
}

export type ConflictResolution =
  | { readonly kind: 'keep-mine' }
  | { readonly kind: 'take-theirs' }
  /** Field by field: the merged order the operator built from both. */
  | { readonly kind: 'merged'; readonly order: ProtectiveOrder };

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
