/**
 * Writes audit records (CJIS 5.4: time, component, event type, user, outcome, object). Records are
 * written in the same transaction as the action they describe where there is one, so an action and
 * its record commit together; reads, searches and failures are recorded on their own.
 */
import type { AuditEventType } from '../../shared/api';
import type { SqlParams } from '../db/sql';
import type { Queryable } from '../db/types';
import { auditActor, type Principal } from '../auth/principal';
import { currentRequest } from '../http/request-context';

export interface AuditRecord {
  readonly eventType: AuditEventType;
  readonly outcome: 'success' | 'failure' | 'denied';
  readonly component?: string;
  readonly principal?: Principal;
  /** For events before a principal exists (failed sign-in). */
  readonly actor?: { userId: string | null; username: string | null; orgId: string | null };
  readonly objectType?: string;
  readonly objectId?: string;
  readonly requestId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

const AUDIT_COLUMNS =
  'component, event_type, user_id, username, org_id, outcome, object_type, object_id, request_id, client_address, station_id, details';

/**
 * The record's column values in AUDIT_COLUMNS order, `details` last (as JSON text). The client's
 * address and station come from the request being handled (none for the gateway's and the clock's
 * own work).
 */
function auditValues(record: AuditRecord): unknown[] {
  const actor = record.principal
    ? auditActor(record.principal)
    : (record.actor ?? { userId: null, username: null, orgId: null });
  const request = currentRequest();
  if (request !== undefined && record.outcome !== 'success') request.refusalAudited = true;
  return [
    record.component ?? 'registry.api',
    record.eventType,
    actor.userId,
    actor.username,
    actor.orgId,
    record.outcome,
    record.objectType ?? null,
    record.objectId ?? null,
    record.requestId ?? request?.requestId ?? null,
    request?.clientAddress ?? null,
    request?.stationId ?? null,
    JSON.stringify(record.details ?? {}),
  ];
}

export async function writeAudit(db: Queryable, record: AuditRecord): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    auditValues(record),
  );
}

/**
 * The INSERT of one audit record for a data-modifying WITH clause, its values added to `params`:
 * the record is written by the very statement it describes, in one round trip and one commit.
 * `details` is a SQL jsonb expression merged over `record.details`, so it can carry what the
 * statement itself found (a search's total).
 */
export function auditInsertSql(record: AuditRecord, params: SqlParams, details: string): string {
  const values = auditValues(record);
  const json = values.pop();
  const placeholders = values.map((v) => params.add(v));
  return `INSERT INTO audit_log (${AUDIT_COLUMNS})
    VALUES (${placeholders.join(', ')}, ${params.add(json)}::jsonb || ${details})`;
}
