/**
 * The station's own audit events (sign-ins, locks, unlocks, draft changes, views, prints, settings
 * changes, refusals) sent to the registry's audit log by the user they concern: the registry records
 * them under the token's user, so a station cannot write another person's trail.
 */
import { z } from 'zod';

const stationAuditDetailValueSchema = z.union([
  z.string().max(300),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(100)).max(20),
]);
export type StationAuditDetail = Readonly<Record<string, z.infer<typeof stationAuditDetailValueSchema>>>;

export const stationAuditEventSchema = z.strictObject({
  /** The station's id for the event: a repeat of the same id is recorded once. */
  id: z.uuid(),
  at: z.iso.datetime(),
  event: z.string().regex(/^[a-z_]{2,40}$/),
  objectType: z.string().max(40).nullable(),
  objectId: z.string().max(100).nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  /** Codes, counts and field names only: short scalars, never a document. */
  detail: z.record(z.string().max(40), stationAuditDetailValueSchema).nullable(),
});
export type StationAuditEvent = z.infer<typeof stationAuditEventSchema>;

export const stationAuditRequestSchema = z.strictObject({
  station: z.string().min(1).max(40),
  events: z.array(stationAuditEventSchema).min(1).max(200),
});
export type StationAuditRequest = z.infer<typeof stationAuditRequestSchema>;

export const stationAuditResponseSchema = z.object({ recorded: z.int(), repeated: z.int() });
