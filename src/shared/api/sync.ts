/** The change feed the station pulls, and the sheriff's work queue (workflow b). */
import { z } from 'zod';
import { orderStatusSchema } from './orders';
import { personSummarySchema } from './search';

export const CHANGE_KINDS = ['created', 'updated', 'transition', 'images', 'claimed', 'released'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const changesQuerySchema = z.strictObject({
  /** Opaque; absent on the first pull. */
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'Not a change-feed cursor.' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export const changeSchema = z.object({
  orderId: z.uuid(),
  status: orderStatusSchema,
  version: z.int(),
  kind: z.enum(CHANGE_KINDS),
  at: z.string(),
  /** True when the entry is about the county work queue rather than the caller's own order. */
  queue: z.boolean(),
});
export type Change = z.infer<typeof changeSchema>;

export const changesResponseSchema = z.object({
  changes: z.array(changeSchema),
  /** Pass back to get what came after; unchanged when nothing new. */
  cursor: z.string(),
  hasMore: z.boolean(),
});
export type ChangesResponse = z.infer<typeof changesResponseSchema>;

export const queueItemSchema = z.object({
  orderId: z.uuid(),
  version: z.int(),
  courtOri: z.string(),
  caseNumber: z.string().nullable(),
  formId: z.string().nullable(),
  restrainedName: personSummarySchema,
  submittedAt: z.string(),
  claim: z.object({ userId: z.uuid(), displayName: z.string(), expiresAt: z.string() }).nullable(),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const queueResponseSchema = z.object({ items: z.array(queueItemSchema) });

export const claimResponseSchema = z.object({
  orderId: z.uuid(),
  claimedBy: z.uuid(),
  expiresAt: z.string(),
});
