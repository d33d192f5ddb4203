/**
 * The clock's part of the lifecycle: orders in force (active, modified, served) whose expiration
 * has passed become `expired` through the shared `expire` transition, as the system principal
 * 'expiry-sweep' (audited with that component, a new version, a change-feed entry). An order expires
 * after its expiration date, or on that date from its expiration time when one is entered (EPOs and
 * criminal protective orders carry a time), both in the court's time zone.
 */
import { randomUUID } from 'node:crypto';
import { systemPrincipal } from '../auth/principal';
import type { Db } from '../db/types';
import { ApiError } from '../http/errors';
import { todayIn } from '../orders/clock';
import type { OrderService } from '../orders/service';

export const EXPIRY_COMPONENT = 'expiry-sweep';
const principal = systemPrincipal(EXPIRY_COMPONENT);

/** "HH:MM" at `now` in `timeZone`. */
export function timeOfDayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('hour')}:${get('minute')}`;
}

// expirationTime is "HH:MM" (isoTimeSchema), so text comparison orders it correctly.
const DUE_SQL = /* sql */ `
SELECT id, version FROM orders
 WHERE status IN ('active', 'modified', 'served')
   AND expiration_date IS NOT NULL
   AND (expiration_date < $1::date
        OR (expiration_date = $1::date AND data->>'expirationTime' IS NOT NULL AND data->>'expirationTime' <= $2))
 ORDER BY expiration_date, id
 LIMIT $3`;

/**
 * Expires up to `limit` orders that are due; returns how many it expired. Safe to run on several
 * instances at once: each order is expired in its own transaction under its row lock, and an order
 * another instance (or a clerk) changed meanwhile is left to the next sweep.
 */
export async function sweepExpired(
  db: Db,
  orders: OrderService,
  options: { now: Date; timeZone: string; limit?: number },
): Promise<number> {
  const today = todayIn(options.timeZone, options.now);
  const due = await db.query<{ id: string; version: number }>(DUE_SQL, [
    today,
    timeOfDayIn(options.timeZone, options.now),
    options.limit ?? 200,
  ]);
  let expired = 0;
  for (const row of due.rows) {
    try {
      await db.transaction((tx) =>
        orders.transitionWithin(
          tx,
          {
            principal,
            idempotencyKey: null,
            requestId: `expiry-${randomUUID()}`,
            component: EXPIRY_COMPONENT,
          },
          row.id,
          { transition: 'expire', baseVersion: row.version },
        ),
      );
      expired += 1;
    } catch (error) {
      const raced =
        error instanceof ApiError &&
        (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION');
      if (!raced) throw error;
    }
  }
  return expired;
}
