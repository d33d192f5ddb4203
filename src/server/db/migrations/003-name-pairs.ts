import type { Migration } from './types';

/**
 * Searches by last and first name together. A misspelt "GARCAI MARIA" must not drag in every
 * GARCIA: the fuzzy branch asks for one name as typed and the other trigram-similar, which the
 * planner answers by ANDing a btree bitmap (exact name) with a trigram GIN bitmap (similar name).
 * Double Metaphone codes are indexed in (last, first) pairs. Measured with `npm run bench:search`.
 * (Multicolumn GIN through btree_gin would be tighter, but PGlite 0.5's btree_gin returns no rows.)
 * Also: refresh-token reuse detection (the token a rotation replaced).
 */
export const migration003: Migration = {
  id: 3,
  name: 'order_names: name-pair indexes; sessions: refresh-token reuse detection',
  sql: /* sql */ `
CREATE INDEX order_names_first_idx ON order_names (first_norm, last_norm);
CREATE INDEX order_names_first_trgm_idx ON order_names USING gin (first_norm gin_trgm_ops) WITH (fastupdate = off);
-- The pairs lead with the last-name code, so they also serve last-name-only phonetic searches.
CREATE INDEX order_names_dm_pair_idx ON order_names (last_dm, first_dm);
CREATE INDEX order_names_dm_alt_pair_idx ON order_names (last_dm_alt, first_dm);
DROP INDEX order_names_last_dm_idx;
DROP INDEX order_names_last_dm_alt_idx;

-- Presenting the refresh token a rotation replaced (stolen or replayed) revokes the whole session.
ALTER TABLE sessions ADD COLUMN previous_refresh_hash text;
CREATE INDEX sessions_previous_refresh_idx ON sessions (previous_refresh_hash);
`,
};
