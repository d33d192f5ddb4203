/**
 * The change feed the station pulls: status changes of orders the caller's organisation submitted
 * and, for sheriff's operators, every change to their county's work queue. Entries carry ids,
 * statuses and versions only (no personal data), so the station learns that an order of its own
 * changed even when it is sealed; it then fetches the record under the usual visibility rules.
 * The cursor is the last change-log sequence number, wrapped so clients treat it as opaque.
 */
import type { ChangesResponse, ChangeKind } from '../../shared/api';
import type { OrderStatus } from '../../shared/order';
import { hasRole, type Principal } from '../auth/principal';
import type { Db } from '../db/types';
import { isoTimestamp } from '../db/types';
import { ApiError } from '../http/errors';

export function encodeCursor(seq: string): string {
  return Buffer.from(`c1:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string {
  if (cursor === undefined) return '0';
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1:(\d{1,18})$/.exec(text);
  if (!match?.[1])
    throw new ApiError(
      400,
      'INVALID_CURSOR',
      'The change-feed cursor is not one this registry gave out.',
      'cursor',
    );
  return match[1];
}

interface ChangeRow {
  seq: string;
  order_id: string;
  status: OrderStatus;
  version: number;
  kind: ChangeKind;
  queue: boolean;
  org_id: string;
  at: Date;
}

export async function readChanges(
  db: Db,
  p: Principal,
  cursor: string | undefined,
  limit: number,
): Promise<ChangesResponse> {
  if (p.kind !== 'user') throw new Error('the change feed is for users');
  const after = decodeCursor(cursor);
  const queueClause = hasRole(p, 'sheriff_operator') ? 'OR (c.queue AND c.county = $4)' : '';
  const params: unknown[] = [after, p.orgId, limit + 1];
  if (queueClause !== '') params.push(p.county);
  const result = await db.query<ChangeRow>(
    `SELECT c.seq, c.order_id, c.status, c.version, c.kind, c.queue, c.org_id, c.at FROM order_changes c
      WHERE c.seq > $1 AND (c.org_id = $2 ${queueClause}) ORDER BY c.seq LIMIT $3`,
    params,
  );
  const rows = result.rows.slice(0, limit);
  const last = rows[rows.length - 1];
  return {
    changes: rows.map((r) => ({
      orderId: r.order_id,
      status: r.status,
      version: r.version,
      kind: r.kind,
      at: isoTimestamp(r.at),
      queue: r.org_id !== p.orgId,
    })),
    cursor: encodeCursor(last ? last.seq : after),
    hasMore: result.rows.length > limit,
  };
}
