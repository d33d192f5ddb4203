/**
 * Recording DOJ's answer to a claimed transaction, in one transaction with the order locked: the
 * lifecycle step (dojAcknowledge with the FCN in the order data — a new version, so stations pull
 * it through the change feed — or dojReject), and the answer in the trail (rejection reasons
 * included, for a CLETS-certified user to read). An outage records a retry time instead. An answer
 * arriving after this worker lost the order (its lease ran out and another worker took over) is
 * dropped: the other worker gets the same answer for the same transaction id.
 */
import type { Db } from '../db/types';
import type { MutationContext, OrderService } from '../orders/service';
import type { Claim } from './claim';
import type { CarposAnswer } from './gateway';
import { GATEWAY_COMPONENT, gatewayPrincipal, latestTrail, writeTrail, type TrailDetails } from './trail';

export type Outcome = 'acknowledged' | 'rejected' | 'unavailable' | 'superseded';

export interface OutcomeOptions {
  readonly workerId: string;
  readonly now: Date;
  /** For an outage: how long until this transaction is tried again. */
  readonly retryInMs: number;
}

export async function recordOutcome(
  db: Db,
  orders: OrderService,
  claim: Claim,
  answer: CarposAnswer | { outcome: 'unavailable'; error: string },
  options: OutcomeOptions,
): Promise<Outcome> {
  return db.transaction(async (tx) => {
    const locked = await tx.query<{ status: string; version: number }>(
      'SELECT status, version FROM orders WHERE id = $1 FOR UPDATE',
      [claim.orderId],
    );
    const row = locked.rows[0];
    const last = await latestTrail(tx, claim.orderId);
    const stillOurs =
      row?.status === 'sent_to_doj' &&
      row.version === claim.version &&
      last?.transactionId === claim.transactionId &&
      last.attempt === claim.attempt &&
      last.worker === options.workerId;
    if (!stillOurs) return 'superseded';

    const base = {
      transaction: 'enter' as const,
      transactionId: claim.transactionId,
      attempt: claim.attempt,
      worker: options.workerId,
    };
    if (answer.outcome === 'unavailable') {
      const details: TrailDetails = {
        ...base,
        notBefore: new Date(options.now.getTime() + options.retryInMs).toISOString(),
        outcome: 'unavailable',
        error: answer.error,
      };
      await writeTrail(tx, claim.orderId, 'carpos_response', 'failure', details, claim.requestId);
      return 'unavailable';
    }

    const ctx: MutationContext = {
      principal: gatewayPrincipal,
      idempotencyKey: null,
      requestId: claim.requestId,
      component: GATEWAY_COMPONENT,
    };
    const done = { ...base, notBefore: options.now.toISOString(), dojReference: answer.dojReference };
    if (answer.outcome === 'accepted') {
      await orders.transitionWithin(tx, ctx, claim.orderId, {
        transition: 'dojAcknowledge',
        baseVersion: claim.version,
        order: { ...claim.order, fcn: answer.fcn },
      });
      await writeTrail(
        tx,
        claim.orderId,
        'carpos_response',
        'success',
        { ...done, outcome: 'accepted', fcn: answer.fcn },
        claim.requestId,
      );
      return 'acknowledged';
    }
    await orders.transitionWithin(tx, ctx, claim.orderId, {
      transition: 'dojReject',
      baseVersion: claim.version,
    });
    await writeTrail(
      tx,
      claim.orderId,
      'carpos_response',
      'success',
      { ...done, outcome: 'rejected', reasons: answer.reasons },
      claim.requestId,
    );
    return 'rejected';
  });
}
