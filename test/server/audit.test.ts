import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/shared/api';
import { emptyOrder } from '../../src/shared/order';
import { addDays } from '../../src/shared/util/dates';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';
import { courtOf } from './support/orders';

describeOnBackends('registry audit log', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  it('is append-only: UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    await h.signIn('alameda.query');
    const before = await h.count('audit_log');
    expect(before).toBeGreaterThan(0);
    await expect(h.database.db.query("UPDATE audit_log SET outcome = 'failure'")).rejects.toThrow(
      /append-only/,
    );
    await expect(h.database.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(h.database.db.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await h.count('audit_log')).toBe(before);
  });

  it('lets administrators read it, and records each read', async () => {
    const clerk = await h.signIn('alameda.clerk');
    const denied = await h.call('GET', '/api/v1/audit', { token: clerk.accessToken });
    expect(denied.status).toBe(403);
    const deniedRow = await h.database.db.query<{ outcome: string }>(
      "SELECT outcome FROM audit_log WHERE event_type = 'audit_read' AND username = 'alameda.clerk'",
    );
    expect(deniedRow.rows.map((r) => r.outcome)).toEqual(['denied']);

    const local = await h.signIn('alameda.admin');
    const res = await h.call<{ entries: AuditEntry[] }>('GET', '/api/v1/audit?limit=500', {
      token: local.accessToken,
    });
    expect(res.status).toBe(200);
    const orgs = new Set(res.body.entries.map((e) => e.orgId));
    expect([...orgs]).toEqual([local.user.orgId]);
    expect(res.body.entries.map((e) => e.eventType)).toContain('sign_in');

    const state = await h.signIn('state.admin');
    const all = await h.call<{ entries: AuditEntry[] }>('GET', '/api/v1/audit?eventType=audit_read', {
      token: state.accessToken,
    });
    expect(all.body.entries.some((e) => e.username === 'alameda.admin' && e.outcome === 'success')).toBe(
      true,
    );
  });

  it('records permission changes with before and after', async () => {
    const admin = await h.signIn('fresno.admin');
    const users = await h.call<{ users: { id: string; username: string }[] }>('GET', '/api/v1/users', {
      token: admin.accessToken,
    });
    expect(users.body.users.every((u) => u.username.startsWith('fresno.'))).toBe(true);
    const target = users.body.users.find((u) => u.username === 'fresno.clerk2')!;
    const res = await h.call('PUT', `/api/v1/users/${target.id}/roles`, {
      token: admin.accessToken,
      body: { roles: ['court_clerk', 'query_only'] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['court_clerk', 'query_only'] });
    // Within the two years a certification may be recorded for (cletsCertificationMaxDays).
    const until = addDays(h.app.registry.orders.today(), 600);
    const clets = await h.call('PUT', `/api/v1/users/${target.id}/clets`, {
      token: admin.accessToken,
      body: { certifiedUntil: until },
    });
    expect(clets.body).toMatchObject({ cletsCertifiedUntil: until });
    const escalate = await h.call('PUT', `/api/v1/users/${target.id}/roles`, {
      token: admin.accessToken,
      body: { roles: ['state_admin'] },
    });
    expect(escalate.status).toBe(403);
    const rows = await h.database.db.query<{ details: { what: string; before: unknown; after: unknown } }>(
      "SELECT details FROM audit_log WHERE event_type = 'permission_change' AND object_id = $1 ORDER BY id",
      [target.id],
    );
    expect(rows.rows.map((r) => r.details)).toEqual([
      { what: 'roles', before: ['court_clerk'], after: ['court_clerk', 'query_only'] },
      { what: 'clets_certified_until', before: null, after: until },
      // The refused escalation is recorded too, with its reason.
      { what: 'roles', reason: 'FORBIDDEN' },
    ]);
    const otherCounty = (
      await h.database.db.query<{ id: string }>("SELECT id FROM users WHERE username = 'alameda.clerk'")
    ).rows[0]!.id;
    expect(
      (
        await h.call('PUT', `/api/v1/users/${otherCounty}/roles`, {
          token: admin.accessToken,
          body: { roles: [] },
        })
      ).status,
    ).toBe(404);
  });

  it('records time, component, event, user, outcome and object for an order change', async () => {
    const clerk = await h.signIn('alameda.clerk');
    const order = emptyOrder(randomUUID(), courtOf('Alameda'));
    await h.createOrder(clerk.accessToken, order);
    const row = await h.database.db.query(
      "SELECT at, component, event_type, user_id, outcome, object_type, object_id, request_id FROM audit_log WHERE event_type = 'create' AND object_id = $1",
      [order.id],
    );
    expect(row.rows[0]).toMatchObject({
      component: 'registry.api',
      event_type: 'create',
      user_id: clerk.user.id,
      outcome: 'success',
      object_type: 'order',
    });
    expect(row.rows[0]?.at).toBeInstanceOf(Date);
    expect(typeof row.rows[0]?.request_id).toBe('string');
  });
});
