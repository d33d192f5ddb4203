/**
 * The gateway's bookkeeping is its own audit trail: every step is an audit row (component
 * 'carpos-gateway', event 'carpos_send' or 'carpos_response', object = the order) whose details say
 * which transaction, which attempt, which worker, and `notBefore` — until when the order is not due
 * again (a send's lease while DOJ is being asked; a retry time after an outage). The latest such row
 * of an order is therefore its gateway state, and no table of its own is needed.
 */
import type { CarposTransaction } from '../../shared/order';
import { writeAudit } from '../audit/log';
import { systemPrincipal } from '../auth/principal';
import type { Queryable } from '../db/types';
import type { DojReason } from './gateway';

export const GATEWAY_COMPONENT = 'carpos-gateway';
export const gatewayPrincipal = systemPrincipal(GATEWAY_COMPONENT);

/** What a gateway audit row's details hold. */
export interface TrailDetails {
  readonly transaction: CarposTransaction;
  readonly transactionId: string;
  readonly attempt: number;
  readonly worker: string;
  /** ISO timestamp: the order is not picked again before this. */
  readonly notBefore: string;
  /** On responses: DOJ's verdict, or why there was none. */
  readonly outcome?: 'accepted' | 'rejected' | 'unavailable' | 'refused';
  readonly fcn?: string;
  readonly reasons?: readonly DojReason[];
  readonly dojReference?: string;
  /** Why the attempt failed (unavailable) or was not sent (refused), in plain words. */
  readonly error?: string;
}

export async function writeTrail(
  tx: Queryable,
  orderId: string,
  eventType: 'carpos_send' | 'carpos_response',
  outcome: 'success' | 'failure',
  details: TrailDetails,
  requestId: string,
): Promise<void> {
  await writeAudit(tx, {
    eventType,
    outcome,
    component: GATEWAY_COMPONENT,
    principal: gatewayPrincipal,
    objectType: 'order',
    objectId: orderId,
    requestId,
    details: { ...details },
  });
}

/** The latest gateway row of `orderId` (its gateway state), or null when the gateway never touched it. */
export async function latestTrail(tx: Queryable, orderId: string): Promise<TrailDetails | null> {
  const result = await tx.query<{ details: TrailDetails }>(
    `SELECT details FROM audit_log
      WHERE object_id = $1 AND component = '${GATEWAY_COMPONENT}' AND event_type IN ('carpos_send', 'carpos_response')
      ORDER BY id DESC LIMIT 1`,
    [orderId],
  );
  return result.rows[0]?.details ?? null;
}
