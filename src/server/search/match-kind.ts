/**
 * How a found name matched what was typed, so the station can say so and sort by it: the same name
 * (exact), a similar spelling, or only the same sound. The registry ranks the kinds in SQL (3, 2, 1:
 * a higher rank is a better match) and names them in the answer.
 */
import type { SearchMatchKind } from '../../shared/api';

export const MATCH_RANK = { exact: 3, similar: 2, sounds_like: 1 } as const satisfies Record<
  SearchMatchKind,
  number
>;

/**
 * A name one or two letters off what was typed (Levenshtein distance) is a similar spelling even
 * where it shares too few letter triples for pg_trgm: "Nuguyen" for NGUYEN.
 */
export const SIMILAR_MAX_EDITS = 2;

/**
 * The rank of one name (last or first) as a SQL CASE: `exact` and `similar` are conditions on the
 * row; anything else the search found came from the Double Metaphone branch, so it sounds alike.
 * A typed name that begins the name found counts as a similar spelling, not an exact match:
 * SMITH is not SMITHERS.
 */
export function nameRankSql(conditions: { readonly exact: string; readonly similar: string }): string {
  return `CASE WHEN ${conditions.exact} THEN ${MATCH_RANK.exact} WHEN ${conditions.similar} THEN ${MATCH_RANK.similar} ELSE ${MATCH_RANK.sounds_like} END`;
}

/** The kind a rank from the SQL stands for; null for a search without a name. */
export function matchKindOfRank(rank: number | null): SearchMatchKind | null {
  if (rank === null) return null;
  if (rank >= MATCH_RANK.exact) return 'exact';
  return rank >= MATCH_RANK.similar ? 'similar' : 'sounds_like';
}
