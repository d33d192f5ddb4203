/**
 * Who may change which order, and by which transition. Reads are governed by the visibility
 * predicate (auth/visibility.ts); these rules come on top for writes.
 */
import { TRANSITIONS, type TransitionName } from '../../shared/order';
import {
  hasRole,
  isCletsCertified,
  seesSealed,
  WRITER_ROLES,
  type Principal,
  type UserPrincipal,
} from '../auth/principal';
import type { Queryable } from '../db/types';
import { ApiError, forbidden } from '../http/errors';
import type { OrderRow } from './records';
import { activeClaim } from './records';

const COURT_KINDS = ['superior_court', 'tribal_court'];

export function requireWriter(p: Principal): void {
  if (p.kind === 'user' && !hasRole(p, ...WRITER_ROLES)) {
    throw forbidden('Your role may search and view orders but not enter or change them.');
  }
}

export function requireSealAllowed(p: Principal, sealed: boolean): void {
  if (sealed && !seesSealed(p)) {
    throw forbidden('Only a supervisor may enter or change a sealed order.', 'SEALED_ORDER');
  }
}

/**
 * The court an order names must be a registered court; a court's users enter orders for their own
 * court, a sheriff's operators for the courts of their county (workflow c). Returns its county.
 */
export async function courtCountyFor(db: Queryable, p: Principal, courtOri: string): Promise<string> {
  const found = await db.query<{ county: string; kind: string }>(
    'SELECT county, kind FROM organisations WHERE ori = $1',
    [courtOri],
  );
  const court = found.rows[0];
  if (!court || !COURT_KINDS.includes(court.kind)) {
    throw new ApiError(422, 'UNKNOWN_COURT', `No court with ORI ${courtOri} is registered.`, 'court.ori');
  }
  if (p.kind === 'system') return court.county;
  const ownCourt = p.orgOri === courtOri;
  const countySheriff = hasRole(p, 'sheriff_operator') && p.county === court.county;
  if (!ownCourt && !countySheriff) {
    throw new ApiError(
      403,
      'COURT_NOT_YOURS',
      `You may not enter orders for the court ${courtOri}.`,
      'court.ori',
    );
  }
  return court.county;
}

function claimedBy(p: UserPrincipal, row: OrderRow, now: Date): boolean {
  return activeClaim(row, now)?.userId === p.userId;
}

/** May `p` edit the data of `row` (PUT, or a transition that carries data)? */
export function mayEdit(p: Principal, row: OrderRow, now: Date): boolean {
  if (p.kind === 'system') return true;
  if (!hasRole(p, ...WRITER_ROLES)) return false;
  if (row.sealed && !seesSealed(p)) return false;
  if (row.status === 'awaiting_carpos_data' && hasRole(p, 'sheriff_operator') && row.county === p.county) {
    return claimedBy(p, row, now);
  }
  return row.org_id === p.orgId || row.court_ori === p.orgOri;
}

export function checkTransitionAllowed(
  p: Principal,
  name: TransitionName,
  row: OrderRow,
  today: string,
  now: Date,
): void {
  const def = TRANSITIONS[name];
  if (p.kind === 'system') return;
  if (def.system)
    throw forbidden(`"${def.label}" is done by the DOJ gateway or the registry, not by a person.`);
  if (def.requiresClets && !isCletsCertified(p, today)) {
    throw forbidden(
      `"${def.label}" shows a DOJ response: only a CLETS-certified user may do it.`,
      'CLETS_CERTIFICATION_REQUIRED',
    );
  }
  if (name === 'completeCarposData' || name === 'returnToCourt') {
    if (!hasRole(p, 'sheriff_operator') || row.county !== p.county) {
      throw forbidden("Only the county sheriff's operator completes an order from the work queue.");
    }
    if (!claimedBy(p, row, now)) {
      throw new ApiError(
        409,
        'CLAIM_REQUIRED',
        'Claim the order from the work queue first (or your claim expired).',
      );
    }
    return;
  }
  if (name === 'recordService' && hasRole(p, 'sheriff_operator')) return; // officers serve orders anywhere
  if (!mayEdit(p, row, now))
    throw forbidden('Only the court that issued the order (or its submitter) may change it.');
}
