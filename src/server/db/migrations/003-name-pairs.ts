import type { Migration } from './types';

/**
 * Searches by last and first name together: a trigram index over the whole name (so a misspelt
 * "GARCAI MARIA" is matched against whole names, not against every GARCIA) and Double Metaphone
 * pairs (last sound, first sound). Measured with `npm run bench:search`.
 */
export const migration003: Migration = {
  id: 3,
  name: 'order_names: whole-name trigram index and phonetic pairs',
  sql: /* sql */ `
ALTER TABLE order_names ADD COLUMN full_norm text GENERATED ALWAYS AS (last_norm || ' ' || first_norm) STORED;
CREATE INDEX order_names_full_trgm_idx ON order_names USING gin (full_norm gin_trgm_ops) WITH (fastupdate = off);
-- The pairs lead with the last-name code, so they also serve last-name-only phonetic searches.
CREATE INDEX order_names_dm_pair_idx ON order_names (last_dm, first_dm);
CREATE INDEX order_names_dm_alt_pair_idx ON order_names (last_dm_alt, first_dm);
DROP INDEX order_names_last_dm_idx;
DROP INDEX order_names_last_dm_alt_idx;
`,
};
