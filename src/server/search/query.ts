/**
 * Builds the search SQL. A name search first finds candidate orders in `order_names` by the chosen
 * match mode, each branch served by its own index (btree prefix, pg_trgm GIN, Double Metaphone
 * btree), then joins the orders with the visibility rule and the other filters in the same query.
 */
import type { SearchQuery } from '../../shared/api';
import { visibleOrderPredicate } from '../auth/visibility';
import type { Principal } from '../auth/principal';
import { escapeLike, SqlParams } from '../db/sql';
import { ApiError } from '../http/errors';
import { MATCH_RANK, nameRankSql, SIMILAR_MAX_EDITS } from './match-kind';
import { isNonLatin, normalizeCaseNumber, normalizeName, normalizeNative } from './normalize';

/** A name that normalises to nothing would match every order: refused, never searched. */
function unsearchable(field: 'lastName' | 'firstName'): ApiError {
  return new ApiError(
    400,
    'NAME_NOT_SEARCHABLE',
    'The name has no letters to search by. Type the name as written on the order.',
    field,
  );
}

// Fuzzy matching uses pg_trgm's `%` with its default similarity threshold (0.3), on the vocabulary
// of names (`name_terms`, migration 004): the similar spellings found there are then looked up in
// the btree name indexes. An uncorrelated ARRAY(...) is an init plan, run once, so `= ANY(...)` can
// be an index condition inside every branch of the OR.
// With a date of birth the DOB index has already narrowed the rows to a few dozen, so the names are
// compared directly (same operator, same result) instead of first looking up the vocabulary.
function similarTo(column: string, param: string, narrowed: boolean): string {
  return narrowed
    ? `${column} % ${param}`
    : `${column} = ANY(ARRAY(SELECT t.term FROM name_terms t WHERE t.term % ${param}))`;
}

const SORT_COLUMNS = {
  // Relevance needs a name; without one, the most recently changed orders come first.
  relevance: 'o.updated_at',
  issueDate: 'o.issue_date',
  expirationDate: 'o.expiration_date',
  updatedAt: 'o.updated_at',
  caseNumber: 'o.case_number_norm',
} as const;

const asArray = <T>(v: T | T[] | undefined): T[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/**
 * The name conditions as branches, each answered by one index on its own (the search ORs them, or
 * UNIONs them), and the relevance score.
 */
function nameMatch(
  q: SearchQuery,
  params: SqlParams,
): { branches: string[]; score: string; rank: string; nearMiss: string; native: boolean } | null {
  const narrowed = q.dob !== undefined;
  if (q.lastName === undefined) return null;
  const last = normalizeName(q.lastName);
  const lastNative = normalizeNative(q.lastName);
  const firstNative = normalizeNative(q.firstName);
  if (last === '' && lastNative === '') throw unsearchable('lastName');
  if (q.firstName !== undefined && normalizeName(q.firstName) === '' && firstNative === '') {
    throw unsearchable('firstName');
  }
  // The name in its own script: an exact or prefix match there ranks first (migration 009). Only
  // for names with letters outside A-Z; a Latin name's own form is its Latin form.
  const native = isNonLatin(lastNative) || last === '';
  const N = native ? params.add(lastNative) : null;
  const nativeBranches = (() => {
    if (N === null) return [];
    const exact = (q.match ?? 'smart') === 'exact';
    const lastCond = exact
      ? `n.last_native = ${N}`
      : `n.last_native LIKE ${params.add(`${escapeLike(lastNative)}%`)}`;
    if (firstNative === '') return [`${lastCond} AND n.last_native <> ''`];
    const firstCond = exact
      ? `n.first_native = ${params.add(firstNative)}`
      : `n.first_native LIKE ${params.add(`${escapeLike(firstNative)}%`)}`;
    return [`${lastCond} AND ${firstCond} AND n.last_native <> ''`];
  })();
  if (last === '') {
    // No Latin form at all (a script the transliteration leaves empty): its own script only, where
    // every branch is an exact or prefix match.
    const firstExact = firstNative === '' ? '' : ` AND n.first_native = ${params.add(firstNative)}`;
    return {
      branches: nativeBranches,
      score: `CASE WHEN n.last_native = ${N} THEN 1 ELSE 0.8 END`,
      rank: `CASE WHEN n.last_native = ${N}${firstExact} THEN ${MATCH_RANK.exact} ELSE ${MATCH_RANK.similar} END`,
      nearMiss: '',
      native,
    };
  }
  const L = params.add(last);
  const prefix = params.add(`${escapeLike(last)}%`);
  const first = normalizeName(q.firstName);
  const F = first === '' ? null : params.add(first);
  const mode = q.match ?? 'smart';
  let where: string[];
  let firstScore = '0';
  let firstRank: string | null = null;
  if (F === null) {
    // Last name only: each branch has its own index (btree, the vocabulary, Double Metaphone pairs).
    // Smart leaves out exact: prefix finds those too.
    const branches: Record<string, string[]> = {
      exact: [`n.last_norm = ${L}`],
      prefix: [`n.last_norm LIKE ${prefix}`],
      fuzzy: [similarTo('n.last_norm', L, narrowed)],
      phonetic: [`n.last_dm = dmetaphone(${L})`, `n.last_dm_alt = dmetaphone_alt(${L})`],
    };
    const modes = mode === 'smart' ? (['prefix', 'fuzzy', 'phonetic'] as const) : [mode];
    where = modes.flatMap((m) => branches[m] ?? []);
  } else {
    // Last and first name: each branch constrains both, so a common surname does not drag in all
    // its bearers. Fuzzy = one name as typed and the other trigram-similar (btree AND trigram
    // bitmaps via name_terms, migration 004); both names misspelt is left to the phonetic pair.
    // Parameters are added only by the branches used: an unused one has no type PostgreSQL can infer.
    let fPrefixParam: string | null = null;
    const fPrefix = () => (fPrefixParam ??= params.add(`${escapeLike(first)}%`));
    const branches: Record<string, () => string[]> = {
      exact: () => [`n.last_norm = ${L} AND n.first_norm = ${F}`],
      prefix: () => [`n.last_norm LIKE ${prefix} AND n.first_norm LIKE ${fPrefix()}`],
      fuzzy: () => [
        `n.first_norm = ${F} AND ${similarTo('n.last_norm', L, narrowed)}`,
        `n.last_norm = ${L} AND ${similarTo('n.first_norm', F, narrowed)}`,
      ],
      phonetic: () => [
        `n.last_dm = dmetaphone(${L}) AND n.first_dm = dmetaphone(${F})`,
        `n.last_dm_alt = dmetaphone_alt(${L}) AND n.first_dm = dmetaphone(${F})`,
      ],
    };
    const modes = mode === 'smart' ? (['prefix', 'fuzzy', 'phonetic'] as const) : [mode];
    where = modes.flatMap((m) => branches[m]?.() ?? ['FALSE']);
    firstScore = `CASE WHEN n.first_norm = ${F} THEN 0.5 WHEN n.first_norm LIKE ${fPrefix()} THEN 0.4 ELSE similarity(n.first_norm, ${F}) * 0.4 END`;
    firstRank = nameRankSql({
      exact: `n.first_norm = ${F}`,
      similar: `n.first_norm <> '' AND (n.first_norm LIKE ${fPrefix()} OR n.first_norm % ${F} OR levenshtein(n.first_norm, ${F}) <= ${SIMILAR_MAX_EDITS})`,
    });
  }
  // Exact beats prefix beats a near miss: one or two typed letters wrong (Levenshtein), letters in
  // common (trigrams), or the same sound (Double Metaphone, weighted by spelling so GARSIA ranks
  // GARCIA above CRUZ, which also sounds "KRS").
  // The near-miss measures are computed once per row (x, below), and only for rows that are not
  // already an exact or prefix match (a common surname has thousands of those).
  // A name typed in its own script ranks the same spelling in that script above its transliteration.
  const nativeExact = N === null ? '' : `WHEN n.last_native = ${N} THEN 1 `;
  const lastScore = `CASE ${nativeExact}WHEN n.last_norm = ${L} THEN ${N === null ? '1' : '0.95'} WHEN n.last_norm LIKE ${prefix} THEN 0.8
    ELSE GREATEST(
      x.sim,
      CASE WHEN x.lev <= 2 THEN 0.8 - 0.15 * x.lev ELSE 0 END,
      CASE WHEN n.last_dm = dmetaphone(${L}) OR n.last_dm_alt = dmetaphone_alt(${L})
           THEN 0.4 + 0.4 * x.sim ELSE 0 END) END`;
  // OFFSET 0 keeps the planner from inlining the lateral row back into each use of its columns.
  const nearMiss = `LEFT JOIN LATERAL (SELECT similarity(n.last_norm, ${L}) AS sim, levenshtein(n.last_norm, ${L}) AS lev
      WHERE n.last_norm NOT LIKE ${prefix} OFFSET 0) x ON TRUE`;
  // How the last name matched, by the same tests as the branches that find it (x.lev is there for
  // every row that is not a prefix match, and a prefix match is decided before it is read).
  const lastRank = nameRankSql({
    exact: `n.last_norm = ${L}${N === null ? '' : ` OR n.last_native = ${N}`}`,
    similar: `n.last_norm LIKE ${prefix}${N === null ? '' : ` OR n.last_native LIKE ${params.add(`${escapeLike(lastNative)}%`)}`} OR n.last_norm % ${L} OR x.lev <= ${SIMILAR_MAX_EDITS}`,
  });
  return {
    branches: [...where, ...nativeBranches],
    score: `(${lastScore} + ${firstScore})`,
    rank: firstRank === null ? lastRank : `LEAST(${lastRank}, ${firstRank})`,
    nearMiss,
    native,
  };
}

/** A text[] parameter passed as JSON, which both drivers carry the same way. */
function textArray(params: SqlParams, values: readonly string[]): string {
  return `ARRAY(SELECT jsonb_array_elements_text(${params.add(JSON.stringify(values))}::jsonb))`;
}

export interface BuiltSearch {
  readonly sql: string;
  readonly params: unknown[];
  readonly page: number;
  readonly pageSize: number;
}

export function buildSearch(p: Principal, q: SearchQuery): BuiltSearch {
  const params = new SqlParams();
  const filters: string[] = [];
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 25;

  const name = nameMatch(q, params);
  let from = 'orders o';
  let scoreColumn =
    'NULL::real AS score, NULL::integer AS match_rank, NULL::text AS matched_on, NULL::text AS matched_name';
  if (name !== null) {
    const person = q.person ?? 'restrained';
    const roles =
      person === 'any' ? null : person === 'restrained' ? "('restrained', 'alias')" : "('protected')";
    const role = roles === null ? '' : ` AND n.role IN ${roles}`;
    // With a date of birth, its covering index (migration 005) yields a few dozen rows, index-only,
    // and the name branches filter them. Without, each branch is its own index-only scan (covering
    // indexes, migration 006) and the branches are UNIONed: an OR would be a bitmap scan, which
    // fetches every candidate's heap page (~250 random pages for a common name).
    // The native columns only when the query uses them: the Latin branches stay index-only scans.
    const columns = `n.order_id, n.role, n.last_norm, n.first_norm, n.last_dm, n.last_dm_alt${name.native ? ', n.last_native, n.first_native' : ''}`;
    const rows =
      q.dob === undefined
        ? name.branches.map((b) => `SELECT ${columns} FROM order_names n WHERE ${b}${role}`).join('\n UNION ')
        : `SELECT ${columns} FROM order_names n
            WHERE (${name.branches.map((b) => `(${b})`).join(' OR ')})${role} AND n.dob = ${params.add(q.dob)}`;
    // Each order once, by its best-matching name: the best kind of match first, then the score.
    from = `(SELECT DISTINCT ON (n.order_id) n.order_id, ${name.score} AS score, ${name.rank} AS match_rank,
                    n.role AS matched_on, concat_ws(', ', n.last_norm, NULLIF(n.first_norm, '')) AS matched_name
               FROM (${rows}) n ${name.nearMiss}
              ORDER BY n.order_id, match_rank DESC, score DESC) m
             JOIN orders o ON o.id = m.order_id`;
    scoreColumn = 'm.score::real AS score, m.match_rank, m.matched_on, m.matched_name';
  } else if (q.dob !== undefined) {
    filters.push(
      `EXISTS (SELECT 1 FROM order_names n WHERE n.order_id = o.id AND n.dob = ${params.add(q.dob)} AND n.role IN ('restrained', 'alias'))`,
    );
  }

  filters.push(visibleOrderPredicate(p, 'o', params));
  const caseNorm = normalizeCaseNumber(q.caseNumber);
  if (caseNorm !== null) filters.push(`o.case_number_norm = ${params.add(caseNorm)}`);
  if (q.fcn !== undefined) filters.push(`o.fcn = ${params.add(q.fcn)}`);
  const types = asArray(q.orderType);
  if (types) filters.push(`o.order_type = ANY(${textArray(params, types)})`);
  const forms = asArray(q.formId);
  if (forms) filters.push(`o.form_id = ANY(${textArray(params, forms)})`);
  const statuses = asArray(q.status);
  if (statuses) filters.push(`o.status = ANY(${textArray(params, statuses)})`);
  if (q.courtOri !== undefined) filters.push(`o.court_ori = ${params.add(q.courtOri)}`);
  if (q.issuedFrom !== undefined) filters.push(`o.issue_date >= ${params.add(q.issuedFrom)}`);
  if (q.issuedTo !== undefined) filters.push(`o.issue_date <= ${params.add(q.issuedTo)}`);
  if (q.expiresFrom !== undefined) filters.push(`o.expiration_date >= ${params.add(q.expiresFrom)}`);
  if (q.expiresTo !== undefined) filters.push(`o.expiration_date <= ${params.add(q.expiresTo)}`);
  const county = q.county ?? (q.scope === 'statewide' || p.kind === 'system' ? undefined : p.county);
  if (county !== undefined) filters.push(`lower(o.county) = lower(${params.add(county)})`);

  const sort = q.sort ?? (name !== null ? 'relevance' : 'updatedAt');
  const dir = (q.dir ?? (sort === 'caseNumber' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
  // Relevance is the kind of match first (exact, similar spelling, sounds like), then the score
  // within a kind: a sound-alike never ranks above a name spelt as typed.
  const order =
    sort === 'relevance' && name !== null
      ? `match_rank ${dir} NULLS LAST, score ${dir} NULLS LAST`
      : `${SORT_COLUMNS[sort]} ${dir} NULLS LAST`;
  const limit = params.add(pageSize);
  const offset = params.add((page - 1) * pageSize);
  const sql = `SELECT o.id, o.status, o.version, o.court_ori, o.county, o.case_number, o.form_id, o.order_type,
      o.issue_date, o.expiration_date, o.fcn, o.sealed, o.updated_at,
      o.data->'restrainedPerson'->'name' AS restrained_name, o.data->'restrainedPerson'->>'dob' AS restrained_dob,
      COALESCE((SELECT jsonb_agg(pp->'name') FROM jsonb_array_elements(o.data->'protectedPersons') pp), '[]'::jsonb) AS protected_names,
      ${scoreColumn}, count(*) OVER () AS total
    FROM ${from}
    WHERE ${filters.join('\n      AND ')}
    ORDER BY ${order}, o.id
    LIMIT ${limit} OFFSET ${offset}`;
  return { sql, params: params.values, page, pageSize };
}
