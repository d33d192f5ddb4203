/**
 * Blob access follows order access: a caller may use stored bytes by their digest only when they
 * uploaded those bytes themselves or may read an order that holds them. Otherwise the registry
 * answers as if the bytes did not exist, so a digest (of a sealed order's PDF, say) unlocks nothing.
 */
import type { Principal } from '../auth/principal';
import { visibleOrderPredicate } from '../auth/visibility';
import { SqlParams } from '../db/sql';
import type { Queryable } from '../db/types';

export async function mayUseBlob(db: Queryable, p: Principal, sha256: string): Promise<boolean> {
  if (p.kind === 'system') return true;
  const params = new SqlParams();
  const sha = params.add(sha256);
  const user = params.add(p.userId);
  const visible = visibleOrderPredicate(p, 'o', params);
  const result = await db.query<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM blob_uploaders u WHERE u.sha256 = ${sha} AND u.user_id = ${user})
         OR EXISTS (SELECT 1 FROM order_images i JOIN orders o ON o.id = i.order_id
                     WHERE i.sha256 = ${sha} AND ${visible}) AS ok`,
    params.values,
  );
  return result.rows[0]?.ok === true;
}
