/** Sync as the UI sees it: the status bar and the conflicts a person resolves. */
import { z } from 'zod';
import type { ProtectiveOrder } from '../order/schema';
import { protectiveOrderSchema } from '../order/schema';

/** The sync service's status (the one definition: src/main/sync/contract.ts uses it as is). */
export interface SyncStatusDto {
  /** idle: nothing to send; syncing: sending or pulling; offline: the registry does not answer;
   *  signed-out: no session to send with; error: stuck on a problem a person must look at. */
  readonly state: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  readonly pendingChanges: number;
  readonly pendingBytes: number;
  /** ISO time of the last exchange that succeeded, or null if none yet. */
  readonly lastSuccessAt: string | null;
  /** The current problem in plain words ("The registry has not answered since 10:42 AM."), or null. */
  readonly problem: string | null;
  readonly conflicts: number;
  readonly rejected: number;
  /** Changes made on this station by other users, waiting for each to sign in online (one user per change). */
  readonly heldForOthers: readonly { readonly displayName: string; readonly changes: number }[];
}

export interface SyncConflictDto {
  readonly draftId: string;
  readonly mine: ProtectiveOrder;
  readonly theirs: ProtectiveOrder;
  readonly theirsVersion: number;
  /** Dotted paths of the fields that differ (e.g. "restrainedPerson.dob"). */
  readonly differingFields: readonly string[];
  readonly detectedAt: string;
  /** Who changed the registry's version last, or null when the registry did not say. */
  readonly theirsUpdatedBy: { readonly username: string; readonly displayName: string } | null;
  /** ISO time the registry's version was changed, or null when not known. */
  readonly theirsUpdatedAt: string | null;
}

export const conflictResolutionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('keep-mine') }),
  z.strictObject({ kind: z.literal('take-theirs') }),
  z.strictObject({ kind: z.literal('merged'), order: protectiveOrderSchema }),
]);
export type ConflictResolutionDto = z.infer<typeof conflictResolutionSchema>;
