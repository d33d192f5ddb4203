/**
 * Records the audit events a station sends (its own trail: sign-ins, locks, unlocks, draft changes,
 * views, prints, refusals) in the registry's audit log, under the user whose token sent them: a
 * station cannot write another person's trail. Each event is recorded once, whatever the retries
 * (station_audit_events keeps the ids), in one transaction with its audit row.
 */
import type { StationAuditRequest } from '../../shared/api';
import type { UserPrincipal } from '../auth/principal';
import type { Db } from '../db/types';
import { writeAudit } from './log';

export async function recordStationEvents(
  db: Db,
  principal: UserPrincipal,
  request: StationAuditRequest,
): Promise<{ recorded: number; repeated: number }> {
  return db.transaction(async (tx) => {
    let recorded = 0;
    for (const event of request.events) {
      const fresh = await tx.query(
        'INSERT INTO station_audit_events (id, user_id) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id',
        [event.id, principal.userId],
      );
      if (fresh.rows.length === 0) continue;
      await writeAudit(tx, {
        component: 'station',
        eventType: 'station_event',
        outcome: event.outcome,
        principal,
        ...(event.objectType === null ? {} : { objectType: event.objectType }),
        ...(event.objectId === null ? {} : { objectId: event.objectId }),
        details: {
          stationEvent: event.event,
          station: request.station,
          stationAt: event.at,
          stationEventId: event.id,
          ...(event.detail === null ? {} : { detail: event.detail }),
        },
      });
      recorded += 1;
    }
    return { recorded, repeated: request.events.length - recorded };
  });
}
