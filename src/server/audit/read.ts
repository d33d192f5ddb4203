/**
 * Reading the audit log (local administrators: their organisation's entries; state administrators:
 * all). Reading it is itself recorded, in the same transaction as the read.
 */
import type { AuditEntry } from '../../shared/api';
import { hasRole, type Principal } from '../auth/principal';
import { SqlParams } from '../db/sql';
import type { Db } from '../db/types';
import { isoTimestamp } from '../db/types';
import { forbidden } from '../http/errors';
import { writeAudit } from './log';

export interface AuditFilter {
  eventType?: string;
  userId?: string;
  objectId?: string;
  outcome?: string;
  stationId?: string;
  clientAddress?: string;
  requestId?: string;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

interface AuditRow {
  id: string;
  at: Date;
  component: string;
  event_type: string;
  user_id: string | null;
  username: string | null;
  org_id: string | null;
  outcome: AuditEntry['outcome'];
  object_type: string | null;
  object_id: string | null;
  request_id: string | null;
  client_address: string | null;
  station_id: string | null;
  details: Record<string, unknown>;
}

export async function readAudit(
  db: Db,
  p: Principal,
  f: AuditFilter,
  requestId: string,
): Promise<AuditEntry[]> {
  if (p.kind === 'user' && !hasRole(p, 'local_admin', 'state_admin')) {
    await writeAudit(db, { eventType: 'audit_read', outcome: 'denied', principal: p, requestId });
    throw forbidden('Only administrators may read the audit log.');
  }
  const params = new SqlParams();
  const where: string[] = [];
  if (p.kind === 'user' && !hasRole(p, 'state_admin')) where.push(`a.org_id = ${params.add(p.orgId)}`);
  if (f.eventType !== undefined) where.push(`a.event_type = ${params.add(f.eventType)}`);
  if (f.userId !== undefined) where.push(`a.user_id = ${params.add(f.userId)}`);
  if (f.objectId !== undefined) where.push(`a.object_id = ${params.add(f.objectId)}`);
  if (f.outcome !== undefined) where.push(`a.outcome = ${params.add(f.outcome)}`);
  if (f.stationId !== undefined) where.push(`a.station_id = ${params.add(f.stationId)}`);
  if (f.clientAddress !== undefined) where.push(`a.client_address = ${params.add(f.clientAddress)}`);
  if (f.requestId !== undefined) where.push(`a.request_id = ${params.add(f.requestId)}`);
  if (f.from !== undefined) where.push(`a.at >= ${params.add(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`a.at <= ${params.add(f.to)}::timestamptz`);
  if (f.before !== undefined) where.push(`a.id < ${params.add(f.before)}`);
  const limit = params.add(f.limit ?? 100);
  return db.transaction(async (tx) => {
    const result = await tx.query<AuditRow>(
      `SELECT a.id, a.at, a.component, a.event_type, a.user_id, a.username, a.org_id, a.outcome, a.object_type,
              a.object_id, a.request_id, a.client_address, a.station_id, a.details
         FROM audit_log a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC LIMIT ${limit}`,
      params.values,
    );
    await writeAudit(tx, {
      eventType: 'audit_read',
      outcome: 'success',
      principal: p,
      objectType: 'audit_log',
      requestId,
      details: { filter: f, returned: result.rows.length },
    });
    return result.rows.map((r) => ({
      id: Number(r.id),
      at: isoTimestamp(r.at),
      component: r.component,
      eventType: r.event_type,
      userId: r.user_id,
      username: r.username,
      orgId: r.org_id,
      outcome: r.outcome,
      objectType: r.object_type,
      objectId: r.object_id,
      requestId: r.request_id,
      clientAddress: r.client_address,
      stationId: r.station_id,
      details: r.details,
    }));
  });
}
