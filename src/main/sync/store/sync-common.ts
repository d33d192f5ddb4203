/**
 * Types and helpers shared by the sync bookkeeping modules (sync-repository.ts and its parts):
 * what the sync worker stores about requests, conflicts, refusals, uploads and pulled records.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OrderStatus, ProtectiveOrder } from '../../../shared/order';
import type { SyncState } from '../../drafts/drafts-repository';
import type { OutboxKind } from '../../store/outbox-repository';

/** next_attempt_at of a change parked behind a conflict: never due until the conflict is resolved. */
export const PARKED_UNTIL = '9999-12-31T23:59:59.999Z';

/** The request an outbox change was first sent as; retries send exactly this. */
export interface FrozenRequest {
  readonly seq: number;
  readonly recordId: string;
  readonly mutationId: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: unknown;
  /** The last outbox row this request covers (consecutive saves of a record go as one). */
  readonly throughSeq: number;
}

export interface StoredConflict {
  readonly draftId: string;
  readonly seq: number;
  readonly mine: ProtectiveOrder;
  readonly theirs: ProtectiveOrder;
  readonly theirsVersion: number;
  readonly theirsStatus: OrderStatus;
  readonly differingFields: readonly string[];
  readonly detectedAt: string;
  /** Who changed the registry's version last (null when the registry did not say). */
  readonly theirsUpdatedBy: { readonly username: string; readonly displayName: string } | null;
  /** When the registry's version was changed (null when not known). */
  readonly theirsUpdatedAt: string | null;
}

export interface StoredRejection {
  readonly id: number;
  readonly draftId: string;
  readonly mutationId: string;
  readonly kind: OutboxKind;
  readonly payload: unknown;
  readonly code: string;
  readonly message: string;
  readonly field: string | null;
  readonly rejectedAt: string;
}

export interface StoredUpload {
  readonly sha256: string;
  readonly uploadId: string;
  readonly byteSize: number;
  readonly bytesConfirmed: number;
}

/** A registry record pulled from the change feed, to apply to its local draft. */
export interface PulledRecord {
  readonly order: ProtectiveOrder;
  readonly status: OrderStatus;
  readonly version: number;
  readonly syncState: SyncState;
  readonly message: string | null;
}

export interface SyncCounts {
  readonly pendingChanges: number;
  /** Of those, changes of drafts in conflict (waiting for a person, not for the network). */
  readonly parked: number;
  readonly pendingBytes: number;
  readonly conflicts: number;
  readonly rejected: number;
}

/** Which outbox rows an outcome settles: one change, or a run of saves sent as one. */
export interface SettledRange {
  readonly recordId: string;
  readonly fromSeq: number;
  readonly throughSeq: number;
}

/** Outbox rows still queued for a record. */
export function queuedCount(db: Database, recordId: string): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE record_id = ?').get(recordId) as { n: number })
    .n;
}
