/**
 * Bulk loader for the search benchmark: N fictional orders with a realistic name distribution
 * (common and rare surnames, aliases, typos), written in batches straight into the registry schema
 * with the same normalisation and phonetic codes the registry itself uses.
 */
import { ORDER_STATUSES, orderTypeOf, type OrderStatus } from '../../src/shared/order';
import type { Db } from '../../src/server/db/types';
import { nameRows } from '../../src/server/orders/names';
import { normalizeCaseNumber } from '../../src/server/search/normalize';
import { DEMO_ORGS } from '../../src/server/seed/directory';
import { DEMO_FORMS, makeOrder } from '../../src/server/seed/order-factory';
import { Prng } from '../../src/server/seed/prng';
import { addDays } from '../../src/shared/util/dates';

export interface LoadedSample {
  readonly last: string;
  readonly first: string;
  readonly dob: string;
  readonly caseNumber: string;
}

const BATCH = 2000;

function pickStatus(rng: Prng): OrderStatus {
  // Most orders in a registry are in force or finished; a few are in flight.
  const r = rng.next();
  if (r < 0.55) return 'active';
  if (r < 0.65) return 'served';
  if (r < 0.72) return 'modified';
  if (r < 0.85) return 'expired';
  if (r < 0.9) return 'cancelled';
  return rng.pick(ORDER_STATUSES);
}

export async function loadOrders(
  db: Db,
  count: number,
  today: string,
  onProgress: (done: number) => void,
): Promise<void> {
  const rng = new Prng(42);
  const courts = DEMO_ORGS.filter((o) => o.kind === 'superior_court' || o.kind === 'tribal_court');
  // Bulk load the usual way: drop the secondary indexes, load, build them once at the end. Their
  // definitions are read back from the catalogue, so they are exactly the migrations' indexes.
  const indexes = await db.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename IN ('orders', 'order_names') AND indexname NOT LIKE '%_pkey'`,
  );
  for (const index of indexes.rows) await db.query(`DROP INDEX ${index.name}`);
  for (let start = 0; start < count; start += BATCH) {
    const orders: unknown[] = [];
    const names: unknown[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
      const court = rng.pick(courts);
      const formId = rng.pick(DEMO_FORMS);
      const order = makeOrder(rng, {
        id: rng.uuid(),
        court: { ori: court.ori, county: court.county, name: court.name },
        formId,
        issueDate: addDays(today, -rng.int(0, 2000)),
        sealed: rng.chance(0.02),
        casePrefix: `B${i}-`,
      });
      const status = pickStatus(rng);
      orders.push({
        id: order.id,
        org_id: court.id,
        court_ori: court.ori,
        county: court.county,
        status,
        sealed: order.sealed,
        form_id: order.formId,
        order_type: orderTypeOf(order) ?? null,
        case_number: order.caseNumber,
        case_number_norm: normalizeCaseNumber(order.caseNumber),
        fcn: status === 'draft' ? null : String(1_000_000_000_000 + i),
        issue_date: order.issueDate,
        expiration_date: order.expirationDate,
        data: order,
      });
      for (const row of nameRows(order)) names.push({ order_id: order.id, ...row });
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO orders (id, org_id, court_ori, county, status, version, sealed, form_id, order_type, case_number,
            case_number_norm, fcn, issue_date, expiration_date, data)
         SELECT r.id, r.org_id, r.court_ori, r.county, r.status, 1, r.sealed, r.form_id, r.order_type, r.case_number,
                r.case_number_norm, r.fcn, r.issue_date, r.expiration_date, r.data
           FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, org_id uuid, court_ori text, county text, status text, sealed boolean,
                form_id text, order_type text, case_number text, case_number_norm text, fcn text, issue_date date,
                expiration_date date, data jsonb)`,
        [JSON.stringify(orders)],
      );
      await tx.query(
        `INSERT INTO order_names (order_id, role, ordinal, last_norm, first_norm, last_dm, last_dm_alt, last_sx, first_dm, dob)
         SELECT r.order_id, r.role, r.ord, r.last, r.first, dmetaphone(r.last), dmetaphone_alt(r.last), soundex(r.last),
                CASE WHEN r.first = '' THEN '' ELSE dmetaphone(r.first) END, r.dob
           FROM jsonb_to_recordset($1::jsonb) AS r(order_id uuid, role text, ord int, last text, first text, dob date)`,
        [JSON.stringify(names)],
      );
    });
    onProgress(Math.min(count, start + BATCH));
  }
  for (const index of indexes.rows) await db.query(index.def);
  // As after any bulk load (and as autovacuum soon would): statistics, and the visibility map that
  // lets the covering name indexes answer searches index-only.
  await db.query('VACUUM ANALYZE orders');
  await db.query('VACUUM ANALYZE order_names');
  await db.query('VACUUM ANALYZE name_terms');
}

/** A fixed sample of restrained persons and case numbers (every 500th order by id) to search for. */
export async function sampleOrders(db: Db): Promise<LoadedSample[]> {
  const result = await db.query<LoadedSample>(
    `SELECT data->'restrainedPerson'->'name'->>'last' AS last, data->'restrainedPerson'->'name'->>'first' AS first,
            data->'restrainedPerson'->>'dob' AS dob, case_number AS "caseNumber"
       FROM (SELECT data, case_number, row_number() OVER (ORDER BY id) AS n FROM orders) o
      WHERE n % 500 = 0`,
  );
  return result.rows;
}
