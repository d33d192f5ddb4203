/**
 * Keeps `order_names` (the search index of people's names) in step with an order's data: each name
 * transliterated to Latin and in its own script (migration 009). Phonetic
 * codes are computed by PostgreSQL (fuzzystrmatch) on insert so indexing and querying use one
 * implementation of Double Metaphone and Soundex.
 */
import type { ProtectiveOrder } from '../../shared/order';
import type { Queryable } from '../db/types';
import { normalizeName, normalizeNative } from '../search/normalize';

interface NameRow {
  role: 'restrained' | 'alias' | 'protected';
  ord: number;
  last: string;
  first: string;
  /** The name in its own script (see search/normalize.ts). */
  last_native: string;
  first_native: string;
  dob: string | null;
}

export function nameRows(order: ProtectiveOrder): NameRow[] {
  const rows: NameRow[] = [];
  const rp = order.restrainedPerson;
  const push = (
    role: NameRow['role'],
    ord: number,
    name: { last?: string; first?: string },
    dob?: string,
  ) => {
    const last = normalizeName(name.last);
    const lastNative = normalizeNative(name.last);
    if (last === '' && lastNative === '') return;
    rows.push({
      role,
      ord,
      last,
      first: normalizeName(name.first),
      last_native: lastNative,
      first_native: normalizeNative(name.first),
      dob: dob ?? null,
    });
  };
  push('restrained', 0, rp.name, rp.dob);
  rp.aliases.forEach((alias, i) => {
    push('alias', i, alias, rp.dob);
  });
  order.protectedPersons.forEach((person, i) => {
    push('protected', i, person.name, person.dob);
  });
  return rows;
}

export async function writeNames(tx: Queryable, order: ProtectiveOrder): Promise<void> {
  await tx.query('DELETE FROM order_names WHERE order_id = $1', [order.id]);
  const rows = nameRows(order);
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO order_names (order_id, role, ordinal, last_norm, first_norm, last_dm, last_dm_alt, last_sx, first_dm, dob,
                              last_native, first_native)
     SELECT $1, r.role, r.ord, r.last, r.first, dmetaphone(r.last), dmetaphone_alt(r.last), soundex(r.last),
            CASE WHEN r.first = '' THEN '' ELSE dmetaphone(r.first) END, r.dob, r.last_native, r.first_native
       FROM jsonb_to_recordset($2::jsonb)
         AS r(role text, ord int, last text, first text, dob date, last_native text, first_native text)`,
    [order.id, JSON.stringify(rows)],
  );
}
