/**
 * Issue 12, hole 5: nobody changes their own roles or certification; granting the supervisor role
 * or CLETS certification takes another administrator of that organisation or a state administrator;
 * certification is bounded; every refusal is audited.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AdminUser, TokenResponse } from '../../src/shared/api';
import { addDays } from '../../src/shared/util/dates';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('registry separation of duties', (kind) => {
  let h: Harness;
  let admin: TokenResponse;
  let state: TokenResponse;
  beforeAll(async () => {
    h = await startHarness(kind);
    admin = await h.signIn('alameda.admin');
    state = await h.signIn('state.admin');
  });
  afterAll(async () => {
    await h.close();
  });

  const userId = async (username: string) =>
    (await h.database.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))
      .rows[0]!.id;
  const stored = async (username: string) =>
    (
      await h.database.db.query<{ roles: string[]; clets_certified_until: string | null }>(
        'SELECT roles, clets_certified_until FROM users WHERE username = $1',
        [username],
      )
    ).rows[0]!;
  const denials = async (objectId: string) =>
    (
      await h.database.db.query<{ details: { what: string; reason: string } }>(
        "SELECT details FROM audit_log WHERE event_type = 'permission_change' AND outcome = 'denied' AND object_id = $1",
        [objectId],
      )
    ).rows.map((r) => r.details);

  it('hole 5: a local administrator cannot grant itself the supervisor role or CLETS certification', async () => {
    const self = admin.user.id;
    const roles = await h.call<{ code: string }>('PUT', `/api/v1/users/${self}/roles`, {
      token: admin.accessToken,
      body: { roles: ['local_admin', 'supervisor'] },
    });
    expect(roles.status).toBe(403);
    expect(roles.body.code).toBe('SEPARATION_OF_DUTIES');
    const clets = await h.call<{ code: string }>('PUT', `/api/v1/users/${self}/clets`, {
      token: admin.accessToken,
      body: { certifiedUntil: '2099-12-31' },
    });
    expect(clets.status).toBe(403);
    expect(await stored('alameda.admin')).toEqual({ roles: ['local_admin'], clets_certified_until: null });
    expect(await denials(self)).toEqual([
      { what: 'roles', reason: 'SEPARATION_OF_DUTIES' },
      { what: 'clets_certified_until', reason: 'SEPARATION_OF_DUTIES' },
    ]);
  });

  it('hole 5: certification is bounded; a second person grants it and the supervisor role', async () => {
    const clerk2 = await userId('alameda.clerk2');
    const tooLong = await h.call<{ code: string; field: string }>('PUT', `/api/v1/users/${clerk2}/clets`, {
      token: admin.accessToken,
      body: { certifiedUntil: '2099-12-31' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'CERTIFICATION_TOO_LONG', field: 'certifiedUntil' });
    expect((await stored('alameda.clerk2')).clets_certified_until).toBeNull();
    expect(await denials(clerk2)).toEqual([
      { what: 'clets_certified_until', reason: 'CERTIFICATION_TOO_LONG' },
    ]);

    const until = addDays(h.app.registry.orders.today(), 365);
    const granted = await h.call<AdminUser>('PUT', `/api/v1/users/${clerk2}/clets`, {
      token: admin.accessToken,
      body: { certifiedUntil: until },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.cletsCertifiedUntil).toBe(until);

    // The state administrator, a second person, may make the local administrator a supervisor.
    const promoted = await h.call<AdminUser>('PUT', `/api/v1/users/${admin.user.id}/roles`, {
      token: state.accessToken,
      body: { roles: ['local_admin', 'supervisor'] },
    });
    expect(promoted.status).toBe(200);
    // An administrator of another court administers nobody here.
    const fresno = await h.signIn('fresno.admin');
    const foreign = await h.call('PUT', `/api/v1/users/${clerk2}/roles`, {
      token: fresno.accessToken,
      body: { roles: ['supervisor'] },
    });
    expect(foreign.status).toBe(404);
    expect((await stored('alameda.clerk2')).roles).toEqual(['court_clerk']);
  });
});
