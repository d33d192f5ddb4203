/**
 * User administration: local administrators manage their own organisation's users, state
 * administrators everyone's. Role and CLETS-certification changes and unlocks are audited as
 * permission changes (CJIS AU-2), with the before and after values.
 *
 * Separation of duties: nobody changes their own roles, certification or lock, so granting the
 * supervisor role (sealed orders statewide) or CLETS certification always takes a second person,
 * another administrator of that organisation or a state administrator. A certification is recorded
 * for at most `cletsCertificationMaxDays` ahead (CLETS recertifies every two years); refusals are
 * audited with the reason.
 */
import type { AdminUser, Role } from '../../shared/api';
import { writeAudit } from '../audit/log';
import type { Db, Queryable } from '../db/types';
import { isoTimestamp } from '../db/types';
import { ApiError, forbidden } from '../http/errors';
import { todayIn } from '../orders/clock';
import { addDays } from '../../shared/util/dates';
import { hasRole, type Principal } from './principal';

export interface AdminPolicy {
  readonly timeZone: string;
  readonly cletsCertificationMaxDays: number;
}

interface AdminRow {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  org_ori: string;
  roles: Role[];
  clets_certified_until: string | null;
  locked_until: Date | null;
  disabled: boolean;
}

const COLUMNS = `u.id, u.username, u.display_name, u.org_id, o.ori AS org_ori, u.roles, u.clets_certified_until,
  u.locked_until, u.disabled`;

function toAdminUser(r: AdminRow): AdminUser {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    orgId: r.org_id,
    orgOri: r.org_ori,
    roles: r.roles,
    cletsCertifiedUntil: r.clets_certified_until,
    lockedUntil: r.locked_until === null ? null : isoTimestamp(r.locked_until),
    disabled: r.disabled,
  };
}

/** SQL restricting users to those `p` administers. */
function scope(p: Principal): { clause: string; params: unknown[] } {
  if (p.kind === 'system' || hasRole(p, 'state_admin')) return { clause: 'TRUE', params: [] };
  if (hasRole(p, 'local_admin')) return { clause: 'u.org_id = $1', params: [p.orgId] };
  throw forbidden('Only administrators manage users.');
}

export class UserAdminService {
  constructor(
    private readonly db: Db,
    private readonly policy: AdminPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Refuses (and audits) a change the caller may not make, whoever they administer. */
  private async refuse(
    p: Principal,
    id: string,
    requestId: string,
    what: string,
    error: ApiError,
  ): Promise<never> {
    await writeAudit(this.db, {
      eventType: 'permission_change',
      outcome: 'denied',
      principal: p,
      objectType: 'user',
      objectId: id,
      requestId,
      details: { what, reason: error.code },
    });
    throw error;
  }

  private async requireOtherPerson(p: Principal, id: string, requestId: string, what: string): Promise<void> {
    scope(p); // only administrators get this far
    if (p.kind === 'user' && p.userId === id) {
      await this.refuse(
        p,
        id,
        requestId,
        what,
        forbidden(
          'Nobody changes their own roles, certification or lock: ask another administrator of your organization or a state administrator.',
          'SEPARATION_OF_DUTIES',
        ),
      );
    }
  }

  async list(p: Principal): Promise<AdminUser[]> {
    const s = scope(p);
    const result = await this.db.query<AdminRow>(
      `SELECT ${COLUMNS} FROM users u JOIN organisations o ON o.id = u.org_id WHERE ${s.clause} ORDER BY u.username`,
      s.params,
    );
    return result.rows.map(toAdminUser);
  }

  private async lockUser(tx: Queryable, p: Principal, id: string): Promise<AdminRow> {
    const s = scope(p);
    const result = await tx.query<AdminRow>(
      `SELECT ${COLUMNS} FROM users u JOIN organisations o ON o.id = u.org_id
        WHERE u.id = $${s.params.length + 1} AND ${s.clause} FOR UPDATE OF u`,
      [...s.params, id],
    );
    const row = result.rows[0];
    if (!row) throw new ApiError(404, 'USER_NOT_FOUND', 'No such user among those you administer.');
    return row;
  }

  async setRoles(p: Principal, id: string, roles: Role[], requestId: string): Promise<AdminUser> {
    await this.requireOtherPerson(p, id, requestId, 'roles');
    if (roles.includes('state_admin') && !(p.kind === 'system' || hasRole(p, 'state_admin'))) {
      await this.refuse(
        p,
        id,
        requestId,
        'roles',
        forbidden('Only a state administrator may grant the state administrator role.'),
      );
    }
    return this.change(p, id, requestId, 'roles', async (tx, before) => {
      await tx.query(
        'UPDATE users SET roles = ARRAY(SELECT jsonb_array_elements_text($2::jsonb)), updated_at = $3 WHERE id = $1',
        [id, JSON.stringify(roles), this.now()],
      );
      return { before: before.roles, after: roles };
    });
  }

  async setClets(p: Principal, id: string, until: string | null, requestId: string): Promise<AdminUser> {
    await this.requireOtherPerson(p, id, requestId, 'clets_certified_until');
    const latest = addDays(todayIn(this.policy.timeZone, this.now()), this.policy.cletsCertificationMaxDays);
    if (until !== null && until > latest) {
      await this.refuse(
        p,
        id,
        requestId,
        'clets_certified_until',
        new ApiError(
          400,
          'CERTIFICATION_TOO_LONG',
          `A CLETS certification can be recorded until ${latest} at the latest (${this.policy.cletsCertificationMaxDays} days from today).`,
          'certifiedUntil',
        ),
      );
    }
    return this.change(p, id, requestId, 'clets_certified_until', async (tx, before) => {
      await tx.query('UPDATE users SET clets_certified_until = $2, updated_at = $3 WHERE id = $1', [
        id,
        until,
        this.now(),
      ]);
      return { before: before.clets_certified_until, after: until };
    });
  }

  /** An administrator releases a locked account before its lock runs out (CJIS AC-7). */
  async unlock(p: Principal, id: string, requestId: string): Promise<AdminUser> {
    await this.requireOtherPerson(p, id, requestId, 'unlock');
    return this.change(p, id, requestId, 'unlock', async (tx, before) => {
      await tx.query('UPDATE users SET locked_until = NULL, failed_attempts = 0 WHERE id = $1', [id]);
      return { before: before.locked_until === null ? null : isoTimestamp(before.locked_until), after: null };
    });
  }

  private async change(
    p: Principal,
    id: string,
    requestId: string,
    what: string,
    apply: (tx: Queryable, before: AdminRow) => Promise<{ before: unknown; after: unknown }>,
  ): Promise<AdminUser> {
    return this.db.transaction(async (tx) => {
      const before = await this.lockUser(tx, p, id);
      const diff = await apply(tx, before);
      await writeAudit(tx, {
        eventType: 'permission_change',
        outcome: 'success',
        principal: p,
        objectType: 'user',
        objectId: id,
        requestId,
        details: { what, ...diff },
      });
      return toAdminUser(await this.lockUser(tx, p, id));
    });
  }
}
