/**
 * The county work queue of workflow (b): orders a court scanned and submitted with basic details,
 * waiting for the sheriff's operator to complete the CARPOS data. One operator holds an order at a
 * time; a claim lapses after `claimMinutes` so an abandoned order returns to the queue by itself.
 * Completing is the `completeCarposData` transition, allowed only to the claimant.
 */
import type { QueueItem } from '../../shared/api';
import { writeAudit } from '../audit/log';
import { hasRole, type Principal, type UserPrincipal } from '../auth/principal';
import type { Db, Queryable } from '../db/types';
import { isoTimestamp } from '../db/types';
import { ApiError, forbidden } from '../http/errors';
import { appendChange } from '../orders/persist';
import { activeClaim, ORDER_COLUMNS, type OrderRow } from '../orders/records';

function requireOperator(p: Principal): UserPrincipal {
  if (p.kind !== 'user' || !hasRole(p, 'sheriff_operator')) {
    throw forbidden("The work queue belongs to the county sheriff's operators.");
  }
  return p;
}

export class QueueService {
  constructor(
    private readonly db: Db,
    private readonly claimMinutes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(principal: Principal, requestId: string): Promise<QueueItem[]> {
    const p = requireOperator(principal);
    // Sealed orders stay out of the queue for operators who may not see them (the rule in SQL).
    const result = await this.db.query<OrderRow & { submitted_at: Date | null }>(
      `SELECT ${ORDER_COLUMNS}, o.submitted_at FROM orders o
        WHERE o.status = 'awaiting_carpos_data' AND o.county = $1 AND NOT o.sealed
        ORDER BY o.submitted_at NULLS LAST, o.id LIMIT 500`,
      [p.county],
    );
    await writeAudit(this.db, {
      eventType: 'search',
      outcome: 'success',
      principal: p,
      objectType: 'work_queue',
      objectId: p.county,
      requestId,
      details: { results: result.rows.length },
    });
    const now = this.now();
    return result.rows.map((row) => ({
      orderId: row.id,
      version: row.version,
      courtOri: row.court_ori,
      caseNumber: row.data.caseNumber ?? null,
      formId: row.data.formId ?? null,
      restrainedName: row.data.restrainedPerson.name,
      submittedAt: isoTimestamp(row.submitted_at ?? row.updated_at),
      claim: activeClaim(row, now),
    }));
  }

  async claim(principal: Principal, orderId: string, requestId: string): Promise<{ expiresAt: string }> {
    const p = requireOperator(principal);
    return this.db.transaction(async (tx) => {
      const row = await this.lockQueued(tx, p, orderId);
      const now = this.now();
      const holder = activeClaim(row, now);
      if (holder !== null && holder.userId !== p.userId) {
        throw new ApiError(
          409,
          'ALREADY_CLAIMED',
          `${holder.displayName} is working on this order until ${holder.expiresAt}.`,
        );
      }
      const expires = new Date(now.getTime() + this.claimMinutes * 60_000);
      await tx.query('UPDATE orders SET claimed_by = $2, claim_expires_at = $3 WHERE id = $1', [
        orderId,
        p.userId,
        expires,
      ]);
      await this.record(tx, p, row, 'claimed', requestId);
      return { expiresAt: expires.toISOString() };
    });
  }

  async release(principal: Principal, orderId: string, requestId: string): Promise<void> {
    const p = requireOperator(principal);
    await this.db.transaction(async (tx) => {
      const row = await this.lockQueued(tx, p, orderId);
      if (activeClaim(row, this.now())?.userId !== p.userId) {
        throw new ApiError(409, 'CLAIM_REQUIRED', 'You do not hold this order.');
      }
      await tx.query('UPDATE orders SET claimed_by = NULL, claim_expires_at = NULL WHERE id = $1', [orderId]);
      await this.record(tx, p, row, 'released', requestId);
    });
  }

  private async lockQueued(tx: Queryable, p: UserPrincipal, orderId: string): Promise<OrderRow> {
    const result = await tx.query<OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders o
        WHERE o.id = $1 AND o.status = 'awaiting_carpos_data' AND o.county = $2 AND NOT o.sealed FOR UPDATE OF o`,
      [orderId, p.county],
    );
    const row = result.rows[0];
    if (!row)
      throw new ApiError(404, 'NOT_IN_QUEUE', "The order is not waiting in your county's work queue.");
    return row;
  }

  private async record(
    tx: Queryable,
    p: UserPrincipal,
    row: OrderRow,
    kind: 'claimed' | 'released',
    requestId: string,
  ): Promise<void> {
    const at = this.now();
    await appendChange(tx, {
      orderId: row.id,
      orgId: row.org_id,
      county: row.county,
      status: row.status,
      version: row.version,
      kind,
      queue: true,
      at,
    });
    await writeAudit(tx, {
      eventType: 'change',
      outcome: 'success',
      principal: p,
      objectType: 'order',
      objectId: row.id,
      requestId,
      details: { queue: kind },
    });
  }
}
