import type { Migration } from './types';

/**
 * Searches by last and first name together. A misspelt "GARCAI MARIA" must not drag in every
 * GARCIA: multicolumn GIN indexes (btree_gin) pair an exact first name with a trigram-similar last
 * name, and the other way round, so the index itself returns only plausible people. Double
 * Metaphone codes are indexed in (last, first) pairs. Measured with `npm run bench:search`.
 * Also: refresh-token reuse detection (the token a rotation replaced).
 */
export const migration003: Migration = {
  id: 3,
  name: 'order_names: name-pair indexes; sessions: refresh-token reuse detection',
  sql: /* sql */ `
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX order_names_first_last_trgm_idx ON order_names
  USING gin (first_norm, last_norm gin_trgm_ops) WITH (fastupdate = off);
CREATE INDEX order_names_last_first_trgm_idx ON order_names
  USING gin (last_norm, first_norm gin_trgm_ops) WITH (fastupdate = off);
-- The pairs lead with the last-name code, so they also serve last-name-only phonetic searches.
CREATE INDEX order_names_dm_pair_idx ON order_names (last_dm, first_dm);
CREATE INDEX order_names_dm_alt_pair_idx ON order_names (last_dm_alt, first_dm);
-- A GIN index serves a condition on any of its columns, so the pair indexes replace these.
DROP INDEX order_names_last_trgm_idx;
DROP INDEX order_names_last_dm_idx;
DROP INDEX order_names_last_dm_alt_idx;

-- Presenting the refresh token a rotation replaced (stolen or replayed) revokes the whole session.
ALTER TABLE sessions ADD COLUMN previous_refresh_hash text;
CREATE INDEX sessions_previous_refresh_idx ON sessions (previous_refresh_hash);
`,
};
