/** Runs searches and conflict checks; every one is audited with its criteria and result count. */
import type { ConflictRequest, SearchHit, SearchQuery, SearchResult } from '../../shared/api';
import type { OrderStatus } from '../../shared/order';
import { auditInsertSql, writeAudit } from '../audit/log';
import type { Principal } from '../auth/principal';
import { SqlParams } from '../db/sql';
import type { Db } from '../db/types';
import { isoTimestamp } from '../db/types';
import { todayIn } from '../orders/clock';
import { matchKindOfRank } from './match-kind';
import { buildSearch } from './query';

interface HitRow {
  id: string;
  status: OrderStatus;
  version: number;
  court_ori: string;
  county: string;
  case_number: string | null;
  form_id: string | null;
  order_type: string | null;
  issue_date: string | null;
  expiration_date: string | null;
  fcn: string | null;
  sealed: boolean;
  updated_at: Date;
  restrained_name: SearchHit['restrainedName'] | null;
  restrained_dob: string | null;
  protected_names: SearchHit['protectedNames'];
  score: number | null;
  match_rank: number | null;
  matched_on: SearchHit['matchedOn'];
  matched_name: string | null;
  total: string;
}

function toHit(r: HitRow): SearchHit {
  return {
    orderId: r.id,
    status: r.status,
    version: r.version,
    courtOri: r.court_ori,
    county: r.county,
    caseNumber: r.case_number,
    formId: r.form_id,
    orderType: r.order_type,
    issueDate: r.issue_date,
    expirationDate: r.expiration_date,
    fcn: r.fcn,
    sealed: r.sealed,
    restrainedName: r.restrained_name ?? {},
    restrainedDob: r.restrained_dob,
    protectedNames: r.protected_names,
    matchedOn: r.matched_on,
    match: matchKindOfRank(r.match_rank),
    matchedName: r.matched_name,
    score: r.score === null ? null : Math.round(r.score * 1000) / 1000,
    updatedAt: isoTimestamp(r.updated_at),
  };
}

/** Statuses of orders that are, or are about to be, in force. */
const LIVE_STATUSES: readonly OrderStatus[] = [
  'submitted',
  'sent_to_doj',
  'acknowledged',
  'active',
  'modified',
  'served',
];

export class SearchService {
  constructor(
    private readonly db: Db,
    private readonly timeZone: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async search(p: Principal, q: SearchQuery, requestId: string): Promise<SearchResult> {
    const built = buildSearch(p, q);
    // The search and its audit record in one statement: one round trip, one commit, and no results
    // leave without their record. row_number() OVER () keeps the page's order through the CTE.
    const params = new SqlParams([...built.params]);
    const audit = auditInsertSql(
      {
        eventType: 'search',
        outcome: 'success',
        principal: p,
        objectType: 'orders',
        requestId,
        details: { criteria: q },
      },
      params,
      `jsonb_build_object('total', COALESCE((SELECT max(h.total) FROM hits h), 0))`,
    );
    const result = await this.db.query<HitRow>(
      `WITH hits AS (SELECT s.*, row_number() OVER () AS pos FROM (${built.sql}) s),
            audit AS (${audit})
       SELECT * FROM hits ORDER BY pos`,
      params.values,
    );
    const total = Number(result.rows[0]?.total ?? 0);
    return { hits: result.rows.map(toHit), total, page: built.page, pageSize: built.pageSize };
  }

  /**
   * Other live, unexpired orders against the same restrained person statewide: the same date of
   * birth and the same name, exactly or by Double Metaphone (a misspelling on one of the orders).
   */
  async conflicts(p: Principal, req: ConflictRequest, requestId: string): Promise<SearchHit[]> {
    const found: SearchHit[] = [];
    const query: SearchQuery = {
      lastName: req.name.last ?? '',
      ...(req.name.first === undefined ? {} : { firstName: req.name.first }),
      dob: req.dob,
      match: 'smart',
      scope: 'statewide',
      person: 'restrained',
      status: [...LIVE_STATUSES],
      expiresFrom: todayIn(this.timeZone, this.now()),
      pageSize: 100,
    };
    if (req.name.last !== undefined) {
      const built = buildSearch(p, query);
      const result = await this.db.query<HitRow>(built.sql, built.params);
      for (const row of result.rows) if (row.id !== req.excludeOrderId) found.push(toHit(row));
    }
    await writeAudit(this.db, {
      eventType: 'search',
      outcome: 'success',
      principal: p,
      objectType: 'conflicts',
      requestId,
      details: { criteria: { name: req.name, dob: req.dob }, total: found.length },
    });
    return found;
  }
}
