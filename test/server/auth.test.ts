import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TokenResponse } from '../../src/shared/api';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('registry sign-in', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(async () => {
    await h.close();
  });

  const code = (username: string) => totpAt(demoTotpSecret(username), h.now().getTime() / 1000);
  const attempt = (username: string, password: string, totp: string) =>
    h.call<TokenResponse & { code: string }>('POST', '/api/v1/auth/sign-in', {
      body: { username, password, totp },
    });
  const auditCount = async (username: string, event: string) => {
    const r = await h.database.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM audit_log WHERE username = $1 AND event_type = $2',
      [username, event],
    );
    return Number(r.rows[0]?.n);
  };

  it('serves the system-use banner before sign-in', async () => {
    const res = await h.call<{ text: string }>('GET', '/api/v1/banner');
    expect(res.status).toBe(200);
    expect(res.body.text).toMatch(/monitored, recorded and audited/);
    expect(res.body.text).toMatch(/consent/);
  });

  it('signs in with password and TOTP and returns the session user', async () => {
    h.advance(30_000);
    const res = await attempt('alameda.sheriff', DEMO_PASSWORD, code('alameda.sheriff'));
    expect(res.status).toBe(200);
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.user).toMatchObject({
      username: 'alameda.sheriff',
      roles: ['sheriff_operator'],
      orgOri: 'CA0010000',
      county: 'Alameda',
      cletsCertifiedUntil: '2027-12-31',
    });
    const me = await h.call('GET', '/api/v1/queue', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(await auditCount('alameda.sheriff', 'sign_in')).toBe(1);
  });

  it('stores PBKDF2 hashes with the configured iteration count and never accepts a TOTP code twice', async () => {
    const row = await h.database.db.query<{ password_iterations: number; password_hash: string }>(
      "SELECT password_iterations, password_hash FROM users WHERE username = 'fresno.clerk'",
    );
    expect(row.rows[0]?.password_iterations).toBe(1000);
    expect(row.rows[0]?.password_hash).not.toContain(DEMO_PASSWORD);
    h.advance(30_000);
    const totp = code('fresno.clerk');
    expect((await attempt('fresno.clerk', DEMO_PASSWORD, totp)).status).toBe(200);
    const replay = await attempt('fresno.clerk', DEMO_PASSWORD, totp);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('gives the same answer for an unknown user and a wrong password, and audits both', async () => {
    const unknown = await attempt('nobody.here', 'x', '123456');
    const wrong = await attempt('sacramento.clerk', 'wrong password', code('sacramento.clerk'));
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(await auditCount('nobody.here', 'sign_in_failed')).toBe(1);
    expect(await auditCount('sacramento.clerk', 'sign_in_failed')).toBe(1);
  });

  it('locks the account after five failures, even against the right password, until the lock runs out', async () => {
    const user = 'sandiego.clerk';
    for (let i = 1; i <= 4; i += 1) {
      expect((await attempt(user, 'wrong', '000000')).status).toBe(401);
    }
    const fifth = await attempt(user, 'wrong', '000000');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    expect(await auditCount(user, 'lockout')).toBe(1);
    h.advance(30_000);
    const right = await attempt(user, DEMO_PASSWORD, code(user));
    expect(right.status).toBe(423);
    h.advance(10 * 60_000);
    expect((await attempt(user, DEMO_PASSWORD, code(user))).status).toBe(200);
  });

  it('lets an administrator release a locked account', async () => {
    const user = 'sandiego.clerk2';
    for (let i = 0; i < 5; i += 1) await attempt(user, 'wrong', '000000');
    h.advance(30_000);
    expect((await attempt(user, DEMO_PASSWORD, code(user))).status).toBe(423);
    const admin = await h.signIn('sandiego.admin');
    const id = (await h.database.db.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [user]))
      .rows[0]!.id;
    const unlocked = await h.call('POST', `/api/v1/users/${id}/unlock`, { token: admin.accessToken });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ lockedUntil: null });
    h.advance(30_000);
    expect((await attempt(user, DEMO_PASSWORD, code(user))).status).toBe(200);
  });

  it('rotates refresh tokens and refuses a used one', async () => {
    const first = await h.signIn('alameda.clerk');
    const refreshed = await h.call<TokenResponse>('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).not.toBe(first.refreshToken);
    const reuse = await h.call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(reuse.status).toBe(401);
    expect(reuse.body).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    // Presenting a replaced token means it leaked: the whole session ends, the current token too.
    const current = await h.call('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: refreshed.body.refreshToken },
    });
    expect(current.status).toBe(401);
    expect((await h.call('GET', '/api/v1/changes', { token: refreshed.body.accessToken })).status).toBe(401);
  });

  it('expires access tokens and revokes the session at sign-out', async () => {
    const session = await h.signIn('alameda.supervisor');
    expect((await h.call('GET', '/api/v1/changes', { token: session.accessToken })).status).toBe(200);
    const out = await h.call('POST', '/api/v1/auth/sign-out', { token: session.accessToken });
    expect(out.status).toBe(204);
    const after = await h.call('GET', '/api/v1/changes', { token: session.accessToken });
    expect(after.status).toBe(401);
    expect(
      (await h.call('POST', '/api/v1/auth/refresh', { body: { refreshToken: session.refreshToken } })).status,
    ).toBe(401);
    const other = await h.signIn('alameda.supervisor');
    h.advance(901_000);
    const expired = await h.call('GET', '/api/v1/changes', { token: other.accessToken });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses forged and malformed tokens', async () => {
    const session = await h.signIn('alameda.query');
    const [payload] = session.accessToken.split('.');
    const forged = `${payload}.${'A'.repeat(43)}`;
    expect((await h.call('GET', '/api/v1/changes', { token: forged })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/changes', { headers: { authorization: 'Basic abc' } })).status).toBe(
      401,
    );
    expect((await h.call('GET', '/api/v1/changes')).status).toBe(401);
  });
});
