/**
 * Every refused request is audited (CJIS AU-2: failed access attempts): 401, 403, 423 and 429, with
 * the refusal's code as the reason, the route template and the principal when it is known. Code that
 * refuses with a record of its own (a failed sign-in, a denied audit read) is not recorded twice.
 * Request values are never copied into the record: a refused request is often a hostile one.
 */
import type { Db } from '../db/types';
import { currentRequest } from '../http/request-context';
import { writeAudit } from './log';

export const AUDITED_REFUSALS: readonly number[] = [401, 403, 423, 429];

/** The refused request: its id, method and route template (never its URL, which carries values). */
export interface RefusedRequest {
  readonly id: string;
  readonly method: string;
  readonly route: string;
}

export function refusalAuditor(db: Db) {
  return async (request: RefusedRequest, status: number, reason: string): Promise<void> => {
    const context = currentRequest();
    if (!AUDITED_REFUSALS.includes(status) || context?.refusalAudited === true) return;
    await writeAudit(db, {
      eventType: 'access_denied',
      outcome: 'denied',
      ...(context?.principal ? { principal: context.principal } : {}),
      requestId: request.id,
      details: {
        reason,
        status,
        method: request.method,
        route: request.route,
      },
    });
  };
}

export type RefusalAuditor = ReturnType<typeof refusalAuditor>;
