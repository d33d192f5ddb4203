/** Reading order rows as API records (`OrderRecord`). */
import type { OrderImage, OrderRecord } from '../../shared/api';
import type { OrderStatus, ProtectiveOrder } from '../../shared/order';
import { isoTimestamp, type Queryable } from '../db/types';

export interface OrderRow {
  id: string;
  org_id: string;
  court_ori: string;
  county: string;
  status: OrderStatus;
  version: number;
  sealed: boolean;
  data: ProtectiveOrder;
  created_at: Date;
  updated_at: Date;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  claimant_name: string | null;
}

/** Columns for an OrderRow from `orders o` (with the claimant's name). */
export const ORDER_COLUMNS = `o.id, o.org_id, o.court_ori, o.county, o.status, o.version, o.sealed, o.data,
  o.created_at, o.updated_at, o.claimed_by, o.claim_expires_at,
  (SELECT display_name FROM users cu WHERE cu.id = o.claimed_by) AS claimant_name`;

interface ImageRow {
  sha256: string;
  file_name: string;
  page_count: number;
  size: string;
  added_at: Date;
}

export async function loadImages(db: Queryable, orderId: string): Promise<OrderImage[]> {
  const result = await db.query<ImageRow>(
    `SELECT i.sha256, i.file_name, i.page_count, b.size, i.added_at
       FROM order_images i JOIN blobs b ON b.sha256 = i.sha256
      WHERE i.order_id = $1 ORDER BY i.added_at, i.sha256`,
    [orderId],
  );
  return result.rows.map((r) => ({
    sha256: r.sha256,
    fileName: r.file_name,
    pageCount: r.page_count,
    size: Number(r.size),
    addedAt: isoTimestamp(r.added_at),
  }));
}

/** A claim counts only until it expires. */
export function activeClaim(row: OrderRow, now: Date): OrderRecord['claim'] {
  if (row.claimed_by === null || row.claim_expires_at === null || row.claim_expires_at <= now) return null;
  return {
    userId: row.claimed_by,
    displayName: row.claimant_name ?? '',
    expiresAt: isoTimestamp(row.claim_expires_at),
  };
}

export async function toRecord(db: Queryable, row: OrderRow, now: Date): Promise<OrderRecord> {
  return {
    order: row.data,
    status: row.status,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
    courtOri: row.court_ori,
    orgId: row.org_id,
    images: await loadImages(db, row.id),
    claim: activeClaim(row, now),
  };
}

/**
 * Who last changed an order and when, for a VERSION_CONFLICT answer: the clerk deciding between two
 * versions needs to know whose version the registry holds (null when the user no longer exists).
 */
export async function lastChange(
  db: Queryable,
  row: Pick<OrderRow, 'id' | 'updated_at'>,
): Promise<{ updatedBy: { username: string; displayName: string } | null; updatedAt: string }> {
  const result = await db.query<{ username: string; display_name: string }>(
    `SELECT u.username, u.display_name FROM orders o JOIN users u ON u.id = o.updated_by WHERE o.id = $1`,
    [row.id],
  );
  const user = result.rows[0];
  return {
    updatedBy: user ? { username: user.username, displayName: user.display_name } : null,
    updatedAt: isoTimestamp(row.updated_at),
  };
}
