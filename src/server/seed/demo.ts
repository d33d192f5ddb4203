/**
 * The demo data set: the directory (directory.ts) and orders of every form and every lifecycle
 * state in each county, each with a specimen PDF image. Deterministic (seeded PRNG, fixed ids) and
 * idempotent (existing rows are kept), so running it twice changes nothing. Order dates are set
 * relative to today so the demo always has orders in force.
 */
import { Readable } from 'node:stream';
import type { OrderStatus, ProtectiveOrder, TransitionName } from '../../shared/order';
import { systemPrincipal } from '../auth/principal';
import type { RegistryContext } from '../context';
import { addDays } from '../../shared/util/dates';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS, demoTotpSecret } from './directory';
import { createUser, upsertOrganisation } from './directory-seed';
import { DEMO_FORMS, makeOrder } from './order-factory';
import { specimenPdf } from './pdf';
import { Prng } from './prng';

/** The transitions (run by the system principal) that bring a new draft to each status. */
const PATHS: Record<OrderStatus, readonly TransitionName[]> = {
  draft: [],
  discarded: ['discard'],
  awaiting_carpos_data: ['submitForCompletion'],
  submitted: ['submit'],
  sent_to_doj: ['submit', 'sendToDoj'],
  acknowledged: ['submit', 'sendToDoj', 'dojAcknowledge'],
  rejected: ['submit', 'sendToDoj', 'dojReject'],
  active: ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse'],
  modified: ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse', 'modify'],
  served: ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse', 'recordService'],
  cancelled: ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse', 'cancel'],
  expired: ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse', 'expire'],
};
const STATUSES = Object.keys(PATHS) as OrderStatus[];

export interface SeedSummary {
  organisations: number;
  usersCreated: number;
  ordersCreated: number;
  ordersTotal: number;
}

export async function seedDirectory(ctx: RegistryContext): Promise<number> {
  for (const org of DEMO_ORGS) await upsertOrganisation(ctx.db, org);
  let created = 0;
  for (const user of DEMO_USERS) {
    const made = await createUser(
      ctx.db,
      { ...user, password: DEMO_PASSWORD, totpSecret: demoTotpSecret(user.username) },
      ctx.config.pbkdf2Iterations,
    );
    if (made) created += 1;
  }
  return created;
}

async function applyPath(
  ctx: RegistryContext,
  order: ProtectiveOrder,
  path: readonly TransitionName[],
  rng: Prng,
): Promise<void> {
  const system = { principal: systemPrincipal('seed'), idempotencyKey: null, requestId: 'seed' };
  let version = 1;
  let data = order;
  for (const transition of path) {
    if (transition === 'dojAcknowledge')
      data = { ...data, fcn: String(rng.int(1, 9)) + String(rng.int(0, 999_999_999_999)).padStart(12, '0') };
    if (transition === 'modify')
      data = {
        ...data,
        conditions: {
          ...data.conditions,
          miscellaneous: 'Stay 100 yards away from the protected person’s workplace (demo modification).',
        },
      };
    if (transition === 'recordService') {
      data = {
        ...data,
        service: {
          servedBy: 'Deputy J. Demo',
          agency: 'Sheriff (demo)',
          date: data.issueDate ?? ctx.orders.today(),
          time: '15:30',
          method: 'PERSONAL',
        },
      };
    }
    const result = await ctx.orders.transition(system, order.id, {
      transition,
      baseVersion: version,
      order: data,
    });
    version = (result.body as { version: number }).version;
  }
}

async function attachImage(ctx: RegistryContext, order: ProtectiveOrder, pages: number): Promise<void> {
  const bytes = await specimenPdf(order, pages);
  const stored = await ctx.blobs.put(Readable.from([bytes]));
  await ctx.db.query(
    `INSERT INTO blobs (sha256, size, content_type) VALUES ($1, $2, 'application/pdf') ON CONFLICT DO NOTHING`,
    [stored.sha256, stored.size],
  );
  await ctx.db.query(
    `INSERT INTO order_images (order_id, sha256, file_name, page_count) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [order.id, stored.sha256, `${order.caseNumber ?? order.id}_${order.formId ?? 'order'}.pdf`, pages],
  );
}

export async function seedDemo(
  ctx: RegistryContext,
  options: { ordersPerStatus?: number } = {},
): Promise<SeedSummary> {
  const usersCreated = await seedDirectory(ctx);
  const today = ctx.orders.today();
  const courts = DEMO_ORGS.filter((o) => o.kind === 'superior_court' || o.kind === 'tribal_court');
  let ordersCreated = 0;
  // One PRNG per order, seeded by its position: a skipped (existing) order does not shift the rest.
  let formIndex = 0;
  for (const court of courts) {
    const perStatus = court.kind === 'tribal_court' ? 1 : (options.ordersPerStatus ?? 1);
    for (const status of STATUSES) {
      for (let n = 0; n < perStatus; n += 1) {
        const formId = DEMO_FORMS[formIndex % DEMO_FORMS.length] ?? 'DV-110';
        const rng = new Prng(20260101 + formIndex * 7919);
        formIndex += 1;
        const id = rng.uuid();
        const longTerm = !['DV-110', 'CH-110', 'EA-110', 'WV-110', 'GV-110', 'EPO-001'].includes(formId);
        const order = makeOrder(rng, {
          id,
          court: { ori: court.ori, county: court.county, name: court.name },
          formId,
          issueDate: addDays(today, -(longTerm ? rng.int(0, 300) : rng.int(0, 1))),
          sealed: rng.chance(0.08),
          casePrefix: 'DEMO-',
        });
        const exists = await ctx.db.query('SELECT 1 FROM orders WHERE id = $1', [id]);
        if (exists.rows.length > 0) continue;
        await ctx.orders.create(
          { principal: systemPrincipal('seed'), idempotencyKey: null, requestId: 'seed' },
          { order },
        );
        await applyPath(ctx, order, PATHS[status], rng);
        if (status !== 'draft' && status !== 'discarded')
          await attachImage(ctx, order, 1 + (ordersCreated % 3));
        ordersCreated += 1;
      }
    }
  }
  const total = await ctx.db.query<{ n: string }>('SELECT count(*)::text AS n FROM orders');
  return {
    organisations: DEMO_ORGS.length,
    usersCreated,
    ordersCreated,
    ordersTotal: Number(total.rows[0]?.n ?? 0),
  };
}

/** The demo accounts as printed by `npm run registry:seed` and listed in README. */
export function demoAccountsTable(): string {
  const lines = DEMO_USERS.map(
    (u) =>
      `  ${u.username.padEnd(22)} ${u.roles.join(',').padEnd(18)} ${(u.cletsCertifiedUntil ?? '-').padEnd(11)} ${demoTotpSecret(u.username)}`,
  );
  return [
    `Demo accounts (password for all: ${DEMO_PASSWORD}); TOTP secrets are Base32, SHA-1, 6 digits, 30 s:`,
    `  ${'username'.padEnd(22)} ${'roles'.padEnd(18)} ${'CLETS until'.padEnd(11)} TOTP secret`,
    ...lines,
  ].join('\n');
}
