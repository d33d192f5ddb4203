/** User administration (local and state administrators) and the audit log reader. */
import { z } from 'zod';
import { isoDateSchema } from '../order/primitives';
import { roleSchema } from './auth';
import { stationIdSchema } from './station';

/**
 * A point in time as ISO 8601 with an offset, within years 1900-9999: the database's timestamps
 * cannot hold every date the ISO syntax can write (year 0000 does not exist in its calendar).
 */
export const isoInstantSchema = z.iso.datetime({ offset: true }).refine(
  (text) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) return false;
    const year = new Date(ms).getUTCFullYear();
    return year >= 1900 && year <= 9999;
  },
  { error: 'Use a date and time between the years 1900 and 9999.' },
);

export const adminUserSchema = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.uuid(),
  orgOri: z.string(),
  roles: z.array(roleSchema),
  cletsCertifiedUntil: z.string().nullable(),
  lockedUntil: z.string().nullable(),
  disabled: z.boolean(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const usersResponseSchema = z.object({ users: z.array(adminUserSchema) });

export const userIdParamsSchema = z.strictObject({ id: z.uuid() });

export const updateRolesRequestSchema = z.strictObject({
  roles: z
    .array(roleSchema)
    .max(6)
    .refine((r) => new Set(r).size === r.length, { error: 'Each role may be listed once.' }),
});

export const updateCletsRequestSchema = z.strictObject({
  /** ISO date, or null to record that the user is not certified. */
  certifiedUntil: isoDateSchema.nullable(),
});

export const AUDIT_EVENTS = [
  'sign_in',
  'sign_in_failed',
  'lockout',
  'sign_out',
  'token_refresh',
  'search',
  'view',
  'create',
  'change',
  'transition',
  'permission_change',
  'audit_read',
  'access_denied',
  // The DOJ CARPOS gateway: a transaction sent (or refused before sending), and DOJ's answer.
  'carpos_send',
  'carpos_response',
  // What a station recorded (sign-ins, locks, unlocks, draft changes, views, prints, refusals),
  // sent by the user it concerns; details.stationEvent says which.
  'station_event',
] as const;
export type AuditEventType = (typeof AUDIT_EVENTS)[number];

export const auditQuerySchema = z.strictObject({
  eventType: z.enum(AUDIT_EVENTS).optional(),
  userId: z.uuid().optional(),
  objectId: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9-]+$/)
    .optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  /** The station that sent the request (X-CCPOR-Station). */
  stationId: stationIdSchema.optional(),
  /** The client's address as the registry saw it. */
  clientAddress: z
    .string()
    .max(64)
    .regex(/^[0-9A-Fa-f.:]+$/, { error: 'Not an IP address.' })
    .optional(),
  requestId: z.uuid().optional(),
  from: isoInstantSchema.optional(),
  to: isoInstantSchema.optional(),
  /** Entries with an id below this one (newest first paging). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const auditEntrySchema = z.object({
  id: z.int(),
  at: z.string(),
  component: z.string(),
  eventType: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  orgId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /** The request that caused the entry (the same id the registry's logs carry). */
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  stationId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
