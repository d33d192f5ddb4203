import type { ProtectiveOrder } from '../../../shared/order';
import { writeNames } from '../../orders/names';
import type { Migration } from './types';

/**
 * Names in any script. `last_norm`/`first_norm` become a Latin transliteration (any-ascii) instead of
 * the A-Z letters of the name (which made `Иванов` an empty string, never indexed), and the name in
 * its own script is kept beside it for exact and prefix matches. Orders whose data holds any
 * non-ASCII character are re-indexed by the registry's own indexing code, in this migration's
 * transaction; names that were plain ASCII normalise exactly as before.
 */
export const migration009: Migration = {
  id: 9,
  name: 'order_names: names in their own script and transliterated to Latin',
  sql: /* sql */ `
ALTER TABLE order_names
  ADD COLUMN last_native text NOT NULL DEFAULT '',
  ADD COLUMN first_native text NOT NULL DEFAULT '';
CREATE INDEX order_names_native_idx ON order_names (last_native text_pattern_ops, first_native)
  INCLUDE (role, order_id) WHERE last_native <> '';
`,
  async after(tx) {
    const found = await tx.query<{ data: ProtectiveOrder }>(
      `SELECT data FROM orders WHERE data::text ~ '[^\\u0001-\\u007f]' ORDER BY id`,
    );
    for (const row of found.rows) await writeNames(tx, row.data);
  },
};
