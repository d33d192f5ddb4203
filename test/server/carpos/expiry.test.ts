import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OrderRecord } from '../../../src/shared/api';
import type { ProtectiveOrder, TransitionName } from '../../../src/shared/order';
import { addDays } from '../../../src/shared/util/dates';
import { systemPrincipal } from '../../../src/server/auth/principal';
import { sweepExpired, timeOfDayIn } from '../../../src/server/expiry/sweep';
import { describeOnBackends } from '../support/backends';
import { startHarness, type Harness } from '../support/harness';
import { completeOrder } from '../support/orders';

const ZONE = 'America/Los_Angeles';

describeOnBackends('expiry sweep', (kind) => {
  let h: Harness;
  let today: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    today = h.app.registry.orders.today();
  });
  afterAll(async () => {
    await h.close();
  });

  const setup = { principal: systemPrincipal('test-setup'), idempotencyKey: null, requestId: 'test' };

  /** An order in force (active), brought there by the system as the demo seed does. */
  async function inForce(
    changes: Partial<ProtectiveOrder>,
    extra: TransitionName[] = [],
  ): Promise<OrderRecord> {
    const order = { ...completeOrder(today), ...changes };
    const svc = h.app.registry.orders;
    await svc.create(setup, { order });
    let version = 1;
    for (const transition of ['submit', 'sendToDoj', 'dojAcknowledge', 'reviewResponse', ...extra] as const) {
      const body =
        transition === 'dojAcknowledge'
          ? { transition, baseVersion: version, order: { ...order, fcn: '1234567890123' } }
          : { transition, baseVersion: version };
      const res = await svc.transition(setup, order.id, body);
      version = (res.body as OrderRecord).version;
    }
    const rows = await h.database.db.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [
      order.id,
    ]);
    expect(rows.rows[0]?.status).toBe(extra.length === 0 ? 'active' : 'modified');
    return await svc.get(setup.principal, order.id, 'test');
  }

  const status = async (id: string) =>
    (
      await h.database.db.query<{ status: string; version: number }>(
        'SELECT status, version FROM orders WHERE id = $1',
        [id],
      )
    ).rows[0];

  it('expires orders in force after their expiration date, and from their expiration time on that date', async () => {
    const expiresOn = addDays(today, 30);
    const byDate = await inForce({ expirationDate: expiresOn });
    const byTime = await inForce({ expirationDate: expiresOn, expirationTime: '14:00' });
    const modified = await inForce({ expirationDate: expiresOn, expirationTime: '09:00' }, ['modify']);
    const later = await inForce({ expirationDate: addDays(today, 31) });

    // Early afternoon at the court on the expiration date (12:59 or 13:59 by the season): only the
    // 09:00 one has expired.
    const at1359 = new Date(`${expiresOn}T13:59:00-07:00`);
    const clock = timeOfDayIn(ZONE, at1359);
    expect(clock >= '09:00' && clock < '14:00').toBe(true);
    const svc = h.app.registry.orders;
    const first = await sweepExpired(h.database.db, svc, { now: at1359, timeZone: ZONE });
    expect(first).toBeGreaterThanOrEqual(1);
    expect((await status(modified.order.id))?.status).toBe('expired');
    expect((await status(byTime.order.id))?.status).toBe('active');
    expect((await status(byDate.order.id))?.status).toBe('active');

    // The next morning: the two due ones expire, the later order stays in force.
    const nextMorning = new Date(`${addDays(expiresOn, 1)}T08:00:00-07:00`);
    await sweepExpired(h.database.db, svc, { now: nextMorning, timeZone: ZONE });
    expect((await status(byTime.order.id))?.status).toBe('expired');
    expect(await status(byDate.order.id)).toEqual({ status: 'expired', version: byDate.version + 1 });
    expect((await status(later.order.id))?.status).toBe('active');
    // Running again changes nothing.
    expect(await sweepExpired(h.database.db, svc, { now: nextMorning, timeZone: ZONE })).toBe(0);

    const audit = await h.database.db.query<{
      component: string;
      username: string;
      details: { transition: string };
    }>(
      `SELECT component, username, details FROM audit_log WHERE object_id = $1 AND event_type = 'transition' ORDER BY id DESC LIMIT 1`,
      [byDate.order.id],
    );
    expect(audit.rows[0]).toMatchObject({
      component: 'expiry-sweep',
      username: 'system:expiry-sweep',
      details: { transition: 'expire' },
    });
    const feed = await h.database.db.query<{ status: string }>(
      'SELECT status FROM order_changes WHERE order_id = $1 ORDER BY seq DESC LIMIT 1',
      [byDate.order.id],
    );
    expect(feed.rows[0]?.status).toBe('expired');
  });

  it('two sweeps at once expire each order once', async () => {
    const expiresOn = addDays(today, 60);
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push((await inForce({ expirationDate: expiresOn })).order.id);
    const now = new Date(`${addDays(expiresOn, 1)}T12:00:00-07:00`);
    const svc = h.app.registry.orders;
    const [a, b] = await Promise.all([
      sweepExpired(h.database.db, svc, { now, timeZone: ZONE }),
      sweepExpired(h.database.db, svc, { now, timeZone: ZONE }),
    ]);
    expect(a + b).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const expires = await h.database.db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_log WHERE object_id = $1 AND details->>'transition' = 'expire'`,
        [id],
      );
      expect(expires.rows[0]?.n).toBe('1');
    }
  });
});
