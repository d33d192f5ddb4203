/**
 * Issue 12, holes 2 and 3: lockout under parallel attempts, the same answer and the same cost for
 * unknown and known names, and rate limits on sign-in (429 with Retry-After).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TokenResponse } from '../../src/shared/api';
import { beginAttempt, finishSuccess } from '../../src/server/auth/lockout';
import { passwordChecks } from '../../src/server/auth/password';
import { totpAt } from '../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../src/server/seed/directory';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('registry lockout and sign-in limits', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { signInLimitPerAccount: 1000, signInLimitPerAddress: 1000 });
  });
  afterAll(async () => {
    await h.close();
  });

  const code = (username: string) => totpAt(demoTotpSecret(username), h.now().getTime() / 1000);
  const attempt = (username: string, password: string, totp = '000000') =>
    h.call<TokenResponse & { code: string }>('POST', '/api/v1/auth/sign-in', {
      body: { username, password, totp },
    });
  const userId = async (username: string) =>
    (await h.database.db.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))
      .rows[0]!.id;
  const failures = async (username: string, reasons: string[]) => {
    const r = await h.database.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM audit_log
        WHERE username = $1 AND event_type = 'sign_in_failed' AND details->>'reason' = ANY($2::text[])`,
      [username, reasons],
    );
    return Number(r.rows[0]?.n);
  };
  const policy = () => ({
    threshold: h.app.registry.config.lockoutThreshold,
    lockMs: h.app.registry.config.lockoutMinutes * 60_000,
  });

  it('hole 2: of 12 parallel wrong passwords exactly five are checked, then the right one is locked out too', async () => {
    const user = 'fresno.clerk2';
    const before = passwordChecks();
    const results = await Promise.all(Array.from({ length: 12 }, () => attempt(user, 'wrong password')));
    // Five counted and checked (the fifth takes the lock); seven refused without a check.
    expect(await failures(user, ['bad_password'])).toBe(5);
    expect(await failures(user, ['locked'])).toBe(7);
    expect(results.filter((r) => r.status === 401)).toHaveLength(4);
    expect(results.filter((r) => r.status === 423)).toHaveLength(8);
    expect(passwordChecks() - before).toBe(12); // seven of them dummies, so every answer costs the same
    h.advance(30_000);
    const right = await attempt(user, DEMO_PASSWORD, code(user));
    expect(right.status).toBe(423);
  });

  it('hole 2: the right password racing wrong ones never signs in past a lock another attempt took', async () => {
    const user = 'sandiego.clerk2';
    h.advance(30_000);
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => attempt(user, 'wrong password')),
      attempt(user, DEMO_PASSWORD, code(user)),
      ...Array.from({ length: 6 }, () => attempt(user, 'wrong password')),
    ]);
    const right = results[6]!;
    const checked = await failures(user, ['bad_password']);
    const row = await h.database.db.query<{ locked_until: Date | null }>(
      'SELECT locked_until FROM users WHERE username = $1',
      [user],
    );
    const lockedAtEnd = (row.rows[0]?.locked_until?.getTime() ?? 0) > h.now().getTime();
    if (right.status === 200) {
      // Serially: at most four failures, the success (which forgives them and could only release a
      // lock it took itself), then at most five more, the fifth of which locks.
      expect(checked).toBeLessThanOrEqual(9);
    } else {
      // Refused: a lock taken by wrong passwords stands, and no more than five were checked for it.
      expect(right.status).toBe(423);
      expect(lockedAtEnd).toBe(true);
      expect(checked).toBeLessThanOrEqual(5);
    }
    expect(results.every((r) => [200, 401, 423].includes(r.status))).toBe(true);
  });

  it('hole 2: a sign-in that succeeds cannot clear a lock another attempt took meanwhile', async () => {
    const id = await userId('sacramento.clerk2');
    const now = h.now();
    const db = h.database.db;
    const mine = await beginAttempt(db, id, now, policy());
    expect(mine).toMatchObject({ count: 1, tookLock: null });
    const others = [];
    for (let i = 0; i < 4; i += 1) others.push(await beginAttempt(db, id, now, policy()));
    expect(others[3]?.tookLock).not.toBeNull();
    expect(await beginAttempt(db, id, now, policy())).toBeNull(); // locked: not even counted
    const outcome = await db.transaction((tx) => finishSuccess(tx, id, mine!, 10_000_000, now));
    expect(outcome).toBe('locked');
    const row = await db.query<{ locked_until: Date | null; failed_attempts: number }>(
      'SELECT locked_until, failed_attempts FROM users WHERE id = $1',
      [id],
    );
    expect(row.rows[0]?.locked_until?.getTime()).toBe(others[3]?.tookLock?.getTime());
    expect(row.rows[0]?.failed_attempts).toBe(5);
  });

  it('hole 2: the fifth attempt may still be the right one (its own lock is released)', async () => {
    const user = 'sandiego.supervisor';
    for (let i = 0; i < 4; i += 1) expect((await attempt(user, 'wrong')).status).toBe(401);
    h.advance(30_000);
    expect((await attempt(user, DEMO_PASSWORD, code(user))).status).toBe(200);
    const row = await h.database.db.query<{ locked_until: Date | null; failed_attempts: number }>(
      'SELECT locked_until, failed_attempts FROM users WHERE username = $1',
      [user],
    );
    expect(row.rows[0]).toEqual({ locked_until: null, failed_attempts: 0 });
  });

  it('hole 3: unknown and known names get the same statuses, each answer costing one PBKDF2', async () => {
    const sequence = async (username: string) => {
      const statuses: number[] = [];
      const costs: number[] = [];
      for (let i = 0; i < 7; i += 1) {
        const before = passwordChecks();
        const res = await attempt(username, 'wrong password');
        costs.push(passwordChecks() - before);
        statuses.push(res.status);
      }
      return { statuses, costs };
    };
    const known = await sequence('sacramento.query');
    const unknown = await sequence('no.such.person');
    expect(known.statuses).toEqual([401, 401, 401, 401, 423, 423, 423]);
    expect(unknown.statuses).toEqual(known.statuses);
    expect(known.costs).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(unknown.costs).toEqual(known.costs);
    const lockedKnown = await attempt('sacramento.query', 'x');
    const lockedUnknown = await attempt('no.such.person', 'x');
    expect(lockedUnknown.body.code).toBe(lockedKnown.body.code);
  });
});

describeOnBackends('registry sign-in rate limits', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { signInLimitPerAccount: 3, signInLimitPerAddress: 8 });
  });
  afterAll(async () => {
    await h.close();
  });
  const attempt = (username: string) =>
    h.call<{ code: string }>('POST', '/api/v1/auth/sign-in', {
      body: { username, password: 'wrong', totp: '000000' },
    });

  it('hole 3: limits sign-in per name (existing or not) and per address with 429 and Retry-After', async () => {
    for (const name of ['alameda.clerk2', 'nobody.at.all']) {
      for (let i = 0; i < 3; i += 1) expect((await attempt(name)).status).toBe(401);
      const limited = await attempt(name);
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Eight attempts from this address so far (six counted and two refused): the next name is refused too.
    const other = await attempt('fresno.query');
    expect(other.status).toBe(429);
    expect(Number(other.headers.get('retry-after'))).toBeGreaterThan(0);
    const audited = await h.database.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM audit_log WHERE details->>'reason' = 'RATE_LIMITED'",
    );
    expect(Number(audited.rows[0]?.n)).toBeGreaterThanOrEqual(3);
  });
});
