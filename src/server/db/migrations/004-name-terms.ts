import type { Migration } from './types';

/**
 * Fuzzy name search through a vocabulary. Trigram GIN indexes on `order_names` itself cost a search
 * the posting lists of every bearer of a common surname (a misspelt GARCIA read ~20,000 entries per
 * trigram at 200,000 orders, 5-20 ms before any row was fetched). `name_terms` holds each distinct
 * normalised first or last name once (~14,000 at 200,000 orders), so `term % $1` on its trigram index
 * is well under a millisecond and yields the few similar spellings; the search then looks those up in
 * the btree name indexes together with the other name (`last_norm = ANY(...) AND first_norm = $2`).
 * The same similarity operator and threshold decide what matches, so the results are unchanged.
 *
 * A statement-level trigger adds new spellings as names are written. Terms are never removed: a term
 * whose orders are gone only finds nothing. There is no unique constraint, so writers never wait on
 * each other's new terms (two racing writers may both add one; a duplicate is harmless).
 */
export const migration004: Migration = {
  id: 4,
  name: 'name_terms: the vocabulary of names for trigram search',
  sql: /* sql */ `
CREATE TABLE name_terms (term text NOT NULL);
CREATE INDEX name_terms_term_idx ON name_terms (term);
CREATE INDEX name_terms_trgm_idx ON name_terms USING gin (term gin_trgm_ops) WITH (fastupdate = off);

CREATE FUNCTION name_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO name_terms (term)
  SELECT DISTINCT t.term
    FROM (SELECT last_norm AS term FROM new_names UNION ALL SELECT first_norm FROM new_names) t
   WHERE t.term <> '' AND NOT EXISTS (SELECT 1 FROM name_terms x WHERE x.term = t.term);
  RETURN NULL;
END;
$$;
CREATE TRIGGER order_names_terms_on_insert AFTER INSERT ON order_names
  REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION name_terms_add();
CREATE TRIGGER order_names_terms_on_update AFTER UPDATE ON order_names
  REFERENCING NEW TABLE AS new_names FOR EACH STATEMENT EXECUTE FUNCTION name_terms_add();

INSERT INTO name_terms (term)
SELECT DISTINCT t.term
  FROM (SELECT last_norm AS term FROM order_names UNION ALL SELECT first_norm FROM order_names) t
 WHERE t.term <> '';
ANALYZE name_terms;

-- Replaced by name_terms: the btree name indexes serve the lookups that follow.
DROP INDEX order_names_last_trgm_idx;
DROP INDEX order_names_first_trgm_idx;
`,
};
