/** Writing order rows, their name index and the change feed, always inside the caller's transaction. */
import type { ChangeKind } from '../../shared/api';
import { orderTypeOf, type OrderStatus, type ProtectiveOrder } from '../../shared/order';
import type { Queryable } from '../db/types';
import { normalizeCaseNumber } from '../search/normalize';
import { writeNames } from './names';

/** Serialises change-log inserts so `seq` order is commit order (see migration 002). */
const CHANGE_LOG_LOCK = 4_300_002;

function denormalised(order: ProtectiveOrder): unknown[] {
  return [
    order.sealed,
    order.formId ?? null,
    orderTypeOf(order) ?? null,
    order.caseNumber ?? null,
    normalizeCaseNumber(order.caseNumber),
    order.fcn ?? null,
    order.issueDate ?? null,
    order.expirationDate ?? null,
    JSON.stringify(order),
  ];
}

export interface NewOrderRow {
  readonly order: ProtectiveOrder;
  readonly orgId: string;
  readonly county: string;
  readonly status: OrderStatus;
  readonly userId: string | null;
  readonly at: Date;
}

export async function insertOrder(tx: Queryable, row: NewOrderRow): Promise<void> {
  await tx.query(
    `INSERT INTO orders (id, org_id, court_ori, county, status, version, sealed, form_id, order_type, case_number,
        case_number_norm, fcn, issue_date, expiration_date, data, created_by, updated_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $15, $16, $16)`,
    [
      row.order.id,
      row.orgId,
      row.order.court.ori,
      row.county,
      row.status,
      ...denormalised(row.order),
      row.userId,
      row.at,
    ],
  );
  await writeNames(tx, row.order);
}

export interface OrderUpdate {
  readonly order: ProtectiveOrder;
  readonly status: OrderStatus;
  readonly userId: string | null;
  readonly at: Date;
  /** Leaving the work queue ends any claim. */
  readonly clearClaim: boolean;
  /** Set when the order enters the work queue. */
  readonly submittedAt?: Date;
}

/** Writes the new data and status and bumps the version; returns the new version. */
export async function updateOrder(tx: Queryable, update: OrderUpdate): Promise<number> {
  const result = await tx.query<{ version: number }>(
    `UPDATE orders SET status = $2, sealed = $3, form_id = $4, order_type = $5, case_number = $6, case_number_norm = $7,
        fcn = $8, issue_date = $9, expiration_date = $10, data = $11::jsonb, updated_by = $12, updated_at = $13,
        version = version + 1,
        claimed_by = CASE WHEN $14 THEN NULL ELSE claimed_by END,
        claim_expires_at = CASE WHEN $14 THEN NULL ELSE claim_expires_at END,
        submitted_at = COALESCE($15, submitted_at)
      WHERE id = $1 RETURNING version`,
    [
      update.order.id,
      update.status,
      ...denormalised(update.order),
      update.userId,
      update.at,
      update.clearClaim,
      update.submittedAt ?? null,
    ],
  );
  await writeNames(tx, update.order);
  const version = result.rows[0]?.version;
  if (version === undefined) throw new Error('order vanished during update');
  return version;
}

export interface ChangeEntry {
  readonly orderId: string;
  readonly orgId: string;
  readonly county: string;
  readonly status: OrderStatus;
  readonly version: number;
  readonly kind: ChangeKind;
  readonly queue: boolean;
  readonly at: Date;
}

export async function appendChange(tx: Queryable, change: ChangeEntry): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOG_LOCK]);
  await tx.query(
    `INSERT INTO order_changes (order_id, org_id, county, status, version, kind, queue, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      change.orderId,
      change.orgId,
      change.county,
      change.status,
      change.version,
      change.kind,
      change.queue,
      change.at,
    ],
  );
}
