/** Orders over HTTP: the record the registry keeps and the bodies that create and change it. */
import { z } from 'zod';
import { orderFormIdSchema } from '../forms';
import { ORDER_STATUSES, TRANSITION_NAMES } from '../order/lifecycle';
import { oriSchema, uuidSchema } from '../order/primitives';
import { protectiveOrderSchema } from '../order/schema';

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export const transitionNameSchema = z.enum(TRANSITION_NAMES as [string, ...string[]]);

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, {
  error: 'A SHA-256 digest is 64 lower-case hexadecimal characters.',
});

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) < 32) return true;
  return false;
}

export const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\\/]/.test(name) && !hasControlCharacter(name), {
    error: 'A file name may not contain slashes or control characters.',
  });

export const orderImageSchema = z.object({
  sha256: sha256Schema,
  fileName: z.string(),
  pageCount: z.int(),
  size: z.int(),
  addedAt: z.string(),
});
export type OrderImage = z.infer<typeof orderImageSchema>;

export const claimSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  expiresAt: z.string(),
});

/** An order as the registry holds it. `version` grows by one with every change. */
export const orderRecordSchema = z.object({
  order: protectiveOrderSchema,
  status: orderStatusSchema,
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  courtOri: oriSchema,
  /** The organisation that submitted the order. */
  orgId: z.uuid(),
  images: z.array(orderImageSchema),
  /** The sheriff's operator working on it (workflow b), when claimed. */
  claim: claimSchema.nullable(),
});
export type OrderRecord = z.infer<typeof orderRecordSchema>;

/** POST /orders (with an Idempotency-Key header): a station draft becomes a registry record. */
export const createOrderRequestSchema = z.strictObject({
  order: protectiveOrderSchema,
  status: z.literal('draft').optional(),
});
export type CreateOrderRequest = z.infer<typeof createOrderRequestSchema>;

/** PUT /orders/:id: replace the order data when `baseVersion` is still current. */
export const updateOrderRequestSchema = z.strictObject({
  order: protectiveOrderSchema,
  baseVersion: z.int().min(1),
});
export type UpdateOrderRequest = z.infer<typeof updateOrderRequestSchema>;

/** POST /orders/:id/transitions: a lifecycle step, optionally with the data it completes. */
export const transitionRequestSchema = z.strictObject({
  transition: transitionNameSchema,
  baseVersion: z.int().min(1),
  order: protectiveOrderSchema.optional(),
});
export type TransitionRequest = z.infer<typeof transitionRequestSchema>;

/** POST /orders/:id/clone: a new draft in the same matter. */
export const cloneRequestSchema = z.strictObject({
  newId: uuidSchema,
  formId: orderFormIdSchema.optional(),
});
export type CloneRequest = z.infer<typeof cloneRequestSchema>;

/** Who changed a record last: shown to the clerk who must choose between two versions. */
export const changedBySchema = z.object({ username: z.string(), displayName: z.string() });
export type ChangedBy = z.infer<typeof changedBySchema>;

/**
 * 409 VERSION_CONFLICT carries the record as it now is, for the clerk to compare, and who changed it
 * last and when (`updatedBy` is null when that user no longer exists).
 */
export const versionConflictSchema = z.object({
  code: z.literal('VERSION_CONFLICT'),
  message: z.string(),
  current: orderRecordSchema,
  updatedBy: changedBySchema.nullable(),
  updatedAt: z.string(),
});
export type VersionConflict = z.infer<typeof versionConflictSchema>;

/**
 * POST /orders/:id/images: link a completed tus upload (or bytes the registry already holds) to an
 * order. The registry hashes the stored bytes and refuses the link when they differ from `sha256`.
 */
export const linkImageRequestSchema = z.strictObject({
  uploadId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'Not an upload id.' })
    .optional(),
  sha256: sha256Schema,
  fileName: fileNameSchema,
  /** The station's count, for its own display: the registry counts the pages of the PDF itself. */
  pageCount: z.int().min(1).max(2000).optional(),
});
export type LinkImageRequest = z.infer<typeof linkImageRequestSchema>;

export const orderIdParamsSchema = z.strictObject({ id: uuidSchema });
export const orderImageParamsSchema = z.strictObject({ id: uuidSchema, sha256: sha256Schema });
export const idempotencyKeyHeaderSchema = z.object({
  'idempotency-key': z.uuid({ error: 'Send the mutation id as an Idempotency-Key header (a UUID).' }),
});
