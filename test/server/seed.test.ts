import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ORDER_STATUSES } from '../../src/shared/order';
import { seedDemo } from '../../src/server/seed/demo';
import { DEMO_USERS } from '../../src/server/seed/directory';
import { DEMO_FORMS } from '../../src/server/seed/order-factory';
import { ROLES } from '../../src/shared/api';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('registry demo seed', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('seeds orders of every state and form with images, deterministically and idempotently', async () => {
    const first = await seedDemo(h.app.registry);
    expect(first.ordersCreated).toBeGreaterThanOrEqual(ORDER_STATUSES.length * 4);
    const statuses = await h.database.db.query<{ status: string }>(
      'SELECT DISTINCT status FROM orders ORDER BY 1',
    );
    expect(statuses.rows.map((r) => r.status)).toEqual([...ORDER_STATUSES].sort());
    const forms = await h.database.db.query<{ form_id: string }>(
      'SELECT DISTINCT form_id FROM orders ORDER BY 1',
    );
    expect(forms.rows.map((r) => r.form_id)).toEqual([...DEMO_FORMS].sort());
    const counties = await h.database.db.query<{ n: string }>(
      'SELECT count(DISTINCT county)::text AS n FROM orders',
    );
    expect(Number(counties.rows[0]?.n)).toBeGreaterThanOrEqual(4);
    const roles = new Set(DEMO_USERS.flatMap((u) => u.roles));
    expect([...roles].sort()).toEqual([...ROLES].sort());

    const withoutImage = await h.database.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM orders o WHERE o.status NOT IN ('draft', 'discarded') AND NOT EXISTS (SELECT 1 FROM order_images i WHERE i.order_id = o.id)",
    );
    expect(withoutImage.rows[0]?.n).toBe('0');
    const blob = await h.database.db.query<{ sha256: string }>('SELECT sha256 FROM blobs LIMIT 1');
    const sha = blob.rows[0]!.sha256;
    expect(existsSync(join(h.dataDir, 'blobs', sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(true);
    const caseNumbers = await h.database.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM orders WHERE case_number NOT LIKE 'DEMO-%'",
    );
    expect(caseNumbers.rows[0]?.n).toBe('0');

    const ids = await h.database.db.query<{ id: string }>('SELECT id FROM orders ORDER BY id');
    const again = await seedDemo(h.app.registry);
    expect(again).toMatchObject({ usersCreated: 0, ordersCreated: 0, ordersTotal: first.ordersTotal });
    expect((await h.database.db.query<{ id: string }>('SELECT id FROM orders ORDER BY id')).rows).toEqual(
      ids.rows,
    );
  });

  it('gives demo users working sign-ins', async () => {
    const session = await h.signIn('state.admin');
    expect(session.user.roles).toEqual(['state_admin']);
    const res = await h.call<{ total: number }>('GET', '/api/v1/search?scope=statewide&pageSize=1', {
      token: session.accessToken,
    });
    expect(res.body.total).toBeGreaterThan(0);
  });
});
