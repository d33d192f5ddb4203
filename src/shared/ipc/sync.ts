/** Sync as the UI sees it: the status bar and the conflicts a person resolves. */
import { z } from 'zod';
import type { ProtectiveOrder } from '../order/schema';
import { protectiveOrderSchema } from '../order/schema';

/** Mirrors the sync service's status (src/main/sync/contract.ts). */
export interface SyncStatusDto {
  readonly state: 'idle' | 'syncing' | 'offline' | 'signed-out' | 'error';
  readonly pendingChanges: number;
  readonly pendingBytes: number;
  readonly lastSuccessAt: string | null;
  readonly problem: string | null;
  readonly conflicts: number;
  readonly rejected: number;
}

export interface SyncConflictDto {
  readonly draftId: string;
  readonly mine: ProtectiveOrder;
  readonly theirs: ProtectiveOrder;
  readonly theirsVersion: number;
  readonly differingFields: readonly string[];
  readonly detectedAt: string;
}

export const conflictResolutionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('keep-mine') }),
  z.strictObject({ kind: z.literal('take-theirs') }),
  z.strictObject({ kind: z.literal('merged'), order: protectiveOrderSchema }),
]);
export type ConflictResolutionDto = z.infer<typeof conflictResolutionSchema>;
