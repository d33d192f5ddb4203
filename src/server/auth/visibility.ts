/**
 * Which orders a principal may see, as a SQL predicate every order query includes: the rule is
 * applied by PostgreSQL while it reads, never by filtering rows afterwards.
 *
 * - Sealed orders: supervisors and state administrators only (and the system).
 * - Drafts and discarded drafts: the submitting organisation only.
 * - Orders awaiting CARPOS data (workflow b): the submitting organisation and the sheriff's
 *   operators of the same county (it is their work queue).
 * - Everything else: statewide, to every signed-in role (that is what the registry is for).
 */
import type { SqlParams } from '../db/sql';
import { hasRole, seesSealed, type Principal } from './principal';

export function visibleOrderPredicate(p: Principal, alias: string, params: SqlParams): string {
  if (p.kind === 'system') return 'TRUE';
  const org = params.add(p.orgId);
  const sealed = seesSealed(p) ? 'TRUE' : `NOT ${alias}.sealed`;
  const sheriffQueue = hasRole(p, 'sheriff_operator')
    ? ` OR (${alias}.status = 'awaiting_carpos_data' AND ${alias}.county = ${params.add(p.county)})`
    : '';
  return `(${sealed} AND (${alias}.org_id = ${org}
    OR ${alias}.status NOT IN ('draft', 'discarded', 'awaiting_carpos_data')${sheriffQueue}))`;
}
