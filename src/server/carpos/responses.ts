/**
 * DOJ's responses for an order, read from the gateway trail. The responses are CLETS data: only a
 * CLETS-certified user who may see the order reads them, and every read is audited.
 */
import type { DojResponse, DojResponses } from '../../shared/api';
import { writeAudit } from '../audit/log';
import { isCletsCertified, type UserPrincipal } from '../auth/principal';
import type { Db } from '../db/types';
import { isoTimestamp } from '../db/types';
import { forbidden, notFound } from '../http/errors';
import type { OrderService } from '../orders/service';
import { GATEWAY_COMPONENT, type TrailDetails } from './trail';

export async function readDojResponses(
  db: Db,
  orders: OrderService,
  p: UserPrincipal,
  orderId: string,
  requestId: string,
): Promise<DojResponses> {
  const visible = await orders.loadRow(db, p, orderId, false);
  const certified = isCletsCertified(p, orders.today());
  await writeAudit(db, {
    eventType: 'view',
    outcome: !visible ? 'failure' : certified ? 'success' : 'denied',
    principal: p,
    objectType: 'doj_response',
    objectId: orderId,
    requestId,
  });
  if (!visible) throw notFound();
  if (!certified) {
    throw forbidden(
      'DOJ responses are CLETS data: only a CLETS-certified user may read them.',
      'CLETS_CERTIFICATION_REQUIRED',
    );
  }
  const rows = await db.query<{ at: Date; details: TrailDetails }>(
    `SELECT at, details FROM audit_log
      WHERE object_id = $1 AND component = '${GATEWAY_COMPONENT}' AND event_type = 'carpos_response'
      ORDER BY id`,
    [orderId],
  );
  return { orderId, responses: rows.rows.map((r) => toResponse(r.at, r.details)) };
}

function toResponse(at: Date, d: TrailDetails): DojResponse {
  return {
    at: isoTimestamp(at),
    transaction: d.transaction,
    transactionId: d.transactionId,
    attempt: d.attempt,
    outcome: d.outcome ?? 'unavailable',
    reasons: [...(d.reasons ?? [])],
    ...(d.fcn === undefined ? {} : { fcn: d.fcn }),
    ...(d.dojReference === undefined ? {} : { dojReference: d.dojReference }),
    ...(d.error === undefined ? {} : { error: d.error }),
  };
}
