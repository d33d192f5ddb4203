/** Writes organisations and users (idempotent: existing rows are left as they are). */
import type { Role } from '../../shared/api';
import { hashPassword } from '../auth/password';
import type { Queryable } from '../db/types';
import type { DemoOrg } from './directory';

export async function upsertOrganisation(db: Queryable, org: DemoOrg): Promise<void> {
  await db.query(
    `INSERT INTO organisations (id, ori, name, county, kind) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [org.id, org.ori, org.name, org.county, org.kind],
  );
}

export interface NewUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly orgOri: string;
  readonly roles: readonly Role[];
  readonly cletsCertifiedUntil: string | null;
  readonly password: string;
  readonly totpSecret: string;
}

/** Creates the user unless one with this id or name exists; returns whether it was created. */
export async function createUser(db: Queryable, user: NewUser, iterations: number): Promise<boolean> {
  const exists = await db.query('SELECT 1 FROM users WHERE id = $1 OR lower(username) = lower($2)', [
    user.id,
    user.username,
  ]);
  if (exists.rows.length > 0) return false;
  const hash = await hashPassword(user.password, iterations);
  const result = await db.query(
    `INSERT INTO users (id, org_id, username, display_name, password_hash, password_salt, password_iterations,
        totp_secret, roles, clets_certified_until)
     SELECT $1, o.id, $2, $3, $4, $5, $6, $7, ARRAY(SELECT jsonb_array_elements_text($8::jsonb)), $9
       FROM organisations o WHERE o.ori = $10
     ON CONFLICT DO NOTHING`,
    [
      user.id,
      user.username,
      user.displayName,
      hash.hash,
      hash.salt,
      hash.iterations,
      user.totpSecret,
      JSON.stringify(user.roles),
      user.cletsCertifiedUntil,
      user.orgOri,
    ],
  );
  if (result.rowCount === 0)
    throw new Error(`No organization with ORI ${user.orgOri} for user ${user.username}`);
  return true;
}
