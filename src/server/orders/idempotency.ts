/**
 * Idempotent mutations keyed by the station's mutation id. The key row is inserted in the same
 * transaction as the mutation, so either both commit or neither does: a failed request leaves no
 * key behind and may be retried. A replay gets the stored first answer (same status, same body);
 * the same key with a different request is a 409. Concurrent duplicates queue on the key's unique
 * index and then see the committed first answer.
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/types';
import { ApiError } from '../http/errors';

export interface StoredResponse {
  readonly statusCode: number;
  readonly body: unknown;
  /** True when this is a replay of an earlier request. */
  readonly replayed: boolean;
}

/** Canonical JSON (sorted keys) so key order in the body does not change the fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(route: string, params: unknown, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonical(params)}\n${canonical(body)}`)
    .digest('hex');
}

interface KeyRow {
  user_id: string;
  fingerprint: string;
  status_code: number | null;
  response: unknown;
}

export async function runIdempotent(
  db: Db,
  key: string,
  userId: string,
  print: string,
  mutate: (tx: Queryable) => Promise<{ statusCode: number; body: unknown }>,
): Promise<StoredResponse> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO idempotency_keys (key, user_id, fingerprint) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, userId, print],
    );
    if (inserted.rowCount === 0) {
      const found = await tx.query<KeyRow>(
        'SELECT user_id, fingerprint, status_code, response FROM idempotency_keys WHERE key = $1',
        [key],
      );
      const row = found.rows[0];
      if (!row || row.user_id !== userId || row.fingerprint !== print || row.status_code === null) {
        throw new ApiError(
          409,
          'IDEMPOTENCY_KEY_REUSED',
          'This change id was already used for a different change. The station must give each change its own id.',
        );
      }
      return { statusCode: row.status_code, body: row.response, replayed: true };
    }
    const result = await mutate(tx);
    await tx.query('UPDATE idempotency_keys SET status_code = $2, response = $3::jsonb WHERE key = $1', [
      key,
      result.statusCode,
      JSON.stringify(result.body),
    ]);
    return { ...result, replayed: false };
  });
}
