/**
 * Claiming the next order for DOJ, atomically: in one transaction the order row is locked with
 * SKIP LOCKED (another registry instance takes the next one instead of waiting), a submitted order
 * is moved to sent_to_doj through the shared lifecycle, and a lease row is written to the trail.
 * Until the lease runs out no other worker picks the order, so DOJ is never asked twice at once;
 * after a crash the lease lapses and the order is sent again under the same transaction id.
 */
import { randomUUID } from 'node:crypto';
import type { OrderRecord } from '../../shared/api';
import type { OrderStatus, ProtectiveOrder } from '../../shared/order';
import type { ValidationIssue } from '../../shared/validation';
import type { Db, Queryable } from '../db/types';
import { ApiError } from '../http/errors';
import type { MutationContext, OrderService } from '../orders/service';
import type { DojReason } from './gateway';
import { GATEWAY_COMPONENT, gatewayPrincipal, latestTrail, writeTrail, type TrailDetails } from './trail';

/** An order this worker holds the lease of, ready to be sent. */
export interface Claim {
  readonly orderId: string;
  /** The order's version once sent_to_doj: the answer applies only to this version. */
  readonly version: number;
  readonly transactionId: string;
  readonly attempt: number;
  readonly order: ProtectiveOrder;
  readonly requestId: string;
}

/** null: nothing due. 'refused': the pre-flight refused sendToDoj. 'busy': another worker claimed it first. */
export type ClaimResult =
  | { kind: 'claimed'; claim: Claim }
  | { kind: 'refused'; orderId: string }
  | { kind: 'busy'; orderId: string }
  | null;

export interface ClaimOptions {
  readonly workerId: string;
  readonly now: Date;
  /** How long the lease keeps other workers away; longer than a DOJ call may take. */
  readonly leaseMs: number;
  /** When the registry's own pre-flight refuses sendToDoj (e.g. a date passed), when to look again. */
  readonly refusedRetryMs: number;
}

/**
 * Due: submitted or sent_to_doj, and the latest gateway row (if any) no longer holds it back. The
 * lateral subquery reads that row through audit_log_object_idx (object_id, id).
 */
const DUE_SQL = /* sql */ `
SELECT o.id, o.status, o.version, g.details AS last
  FROM orders o
  LEFT JOIN LATERAL (
    SELECT a.details FROM audit_log a
     WHERE a.object_id = o.id::text AND a.component = '${GATEWAY_COMPONENT}'
       AND a.event_type IN ('carpos_send', 'carpos_response')
     ORDER BY a.id DESC LIMIT 1) g ON true
 WHERE o.status IN ('submitted', 'sent_to_doj')
   AND (g.details IS NULL OR (g.details->>'notBefore')::timestamptz <= $1::timestamptz)
 ORDER BY o.updated_at, o.id
 LIMIT 1
 FOR UPDATE OF o SKIP LOCKED`;

interface DueRow {
  id: string;
  status: OrderStatus;
  version: number;
  last: TrailDetails | null;
}

export function transactionIdFor(orderId: string, version: number): string {
  return `${orderId}.v${version}`;
}

export async function claimNext(db: Db, orders: OrderService, options: ClaimOptions): Promise<ClaimResult> {
  return db.transaction(async (tx) => {
    const picked = await tx.query<DueRow>(DUE_SQL, [options.now.toISOString()]);
    const candidate = picked.rows[0];
    if (!candidate) return null;
    // Read again now that the row is locked: under READ COMMITTED the pick may have waited for a
    // worker that committed its claim meanwhile, and the pick's lateral read predates that commit.
    const row = await recheck(tx, candidate.id, options.now);
    if (row === null) return { kind: 'busy', orderId: candidate.id };
    const requestId = `carpos-${randomUUID()}`;
    const ctx: MutationContext = {
      principal: gatewayPrincipal,
      idempotencyKey: null,
      requestId,
      component: GATEWAY_COMPONENT,
    };
    let version = row.version;
    let order: ProtectiveOrder | null = null;
    if (row.status === 'submitted') {
      const sent = await sendToDoj(tx, orders, ctx, row, options);
      if (sent === null) return { kind: 'refused', orderId: row.id };
      version = sent.version;
      order = sent.order;
    }
    const transactionId = transactionIdFor(row.id, version);
    // A retry of the same transaction counts on; a new transaction (resubmitted order) starts at 1.
    const attempt = row.last?.transactionId === transactionId ? row.last.attempt + 1 : 1;
    await writeTrail(
      tx,
      row.id,
      'carpos_send',
      'success',
      {
        transaction: 'enter',
        transactionId,
        attempt,
        worker: options.workerId,
        notBefore: new Date(options.now.getTime() + options.leaseMs).toISOString(),
      },
      requestId,
    );
    if (order === null) order = await currentData(tx, row.id);
    return { kind: 'claimed', claim: { orderId: row.id, version, transactionId, attempt, order, requestId } };
  });
}

/** The locked order as it is now, or null when it is no longer due. */
async function recheck(tx: Queryable, orderId: string, now: Date): Promise<DueRow | null> {
  const current = await tx.query<{ status: OrderStatus; version: number }>(
    'SELECT status, version FROM orders WHERE id = $1',
    [orderId],
  );
  const order = current.rows[0];
  if (!order || (order.status !== 'submitted' && order.status !== 'sent_to_doj')) return null;
  const last = await latestTrail(tx, orderId);
  if (last !== null && new Date(last.notBefore).getTime() > now.getTime()) return null;
  return { id: orderId, status: order.status, version: order.version, last };
}

/** sendToDoj through the shared lifecycle; null (and a 'refused' trail row) when the pre-flight refuses. */
async function sendToDoj(
  tx: Queryable,
  orders: OrderService,
  ctx: MutationContext,
  row: DueRow,
  options: ClaimOptions,
): Promise<OrderRecord | null> {
  try {
    const result = await orders.transitionWithin(tx, ctx, row.id, {
      transition: 'sendToDoj',
      baseVersion: row.version,
    });
    return result.body as OrderRecord;
  } catch (error) {
    // The pre-flight throws before anything is written, so the transaction is still usable.
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') throw error;
    await writeTrail(
      tx,
      row.id,
      'carpos_response',
      'failure',
      {
        transaction: 'enter',
        transactionId: transactionIdFor(row.id, row.version + 1),
        attempt: 0,
        worker: options.workerId,
        notBefore: new Date(options.now.getTime() + options.refusedRetryMs).toISOString(),
        outcome: 'refused',
        error: error.message,
        reasons: preflightReasons(error.extra.issues),
      },
      ctx.requestId,
    );
    return null;
  }
}

/** The pre-flight's errors as reasons, so the trail says what to correct. */
function preflightReasons(issues: unknown): DojReason[] {
  if (!Array.isArray(issues)) return [];
  return (issues as ValidationIssue[])
    .filter((i) => i.severity === 'error')
    .map((i) => ({ code: i.code, field: i.field, message: i.message }));
}

async function currentData(tx: Queryable, orderId: string): Promise<ProtectiveOrder> {
  const result = await tx.query<{ data: ProtectiveOrder }>('SELECT data FROM orders WHERE id = $1', [
    orderId,
  ]);
  const data = result.rows[0]?.data;
  if (data === undefined) throw new Error(`order ${orderId} vanished while claimed`);
  return data;
}
