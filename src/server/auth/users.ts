/** Reading users with their organisation, as principals and as the sign-in answer's `user`. */
import type { Role, SessionUser } from '../../shared/api';
import type { Queryable } from '../db/types';
import type { UserPrincipal } from './principal';

export interface UserRow {
  id: string;
  org_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  password_salt: string;
  password_iterations: number;
  totp_secret: string;
  totp_last_step: string;
  roles: Role[];
  clets_certified_until: string | null;
  failed_attempts: number;
  locked_until: Date | null;
  disabled: boolean;
  org_ori: string;
  org_kind: string;
  county: string;
}

export const USER_COLUMNS = `u.id, u.org_id, u.username, u.display_name, u.password_hash, u.password_salt,
  u.password_iterations, u.totp_secret, u.totp_last_step, u.roles, u.clets_certified_until,
  u.failed_attempts, u.locked_until, u.disabled, o.ori AS org_ori, o.kind AS org_kind, o.county`;

export async function findUserByName(db: Queryable, username: string): Promise<UserRow | null> {
  const result = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users u JOIN organisations o ON o.id = u.org_id WHERE lower(u.username) = lower($1)`,
    [username],
  );
  return result.rows[0] ?? null;
}

export function toPrincipal(row: UserRow, sessionId: string): UserPrincipal {
  return {
    kind: 'user',
    userId: row.id,
    sessionId,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    orgId: row.org_id,
    orgOri: row.org_ori,
    orgKind: row.org_kind,
    county: row.county,
    cletsCertifiedUntil: row.clets_certified_until,
  };
}

export function toSessionUser(p: UserPrincipal): SessionUser {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    roles: [...p.roles],
    orgId: p.orgId,
    orgOri: p.orgOri,
    county: p.county,
    cletsCertifiedUntil: p.cletsCertifiedUntil,
  };
}
