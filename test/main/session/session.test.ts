/**
 * Sign-in and offline unlock against a real registry on loopback (PGlite in memory, demo users):
 * online sign-in leaves a verifier in the encrypted vault; with the registry stopped, the same user
 * may unlock offline with the password for the configured hours, five wrong passwords lock it.
 */
import { countOf } from '../../../src/shared/util/count';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/main/registry-client';
import { SessionManager, SessionVault, type SessionError } from '../../../src/main/session';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { totpAt } from '../../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../../src/server/seed/directory';
import { startDemoRegistry, type DemoRegistry } from '../../../scripts/demo/registry';
import { useTempDir } from '../../support/temp';
import { silentLog } from '../../../src/main/log/station-log';
import type { AuditEntry } from '../../../src/main/audit/local-audit';
import { startSelfSignedServer } from './self-signed-server';

/** The registry refuses a TOTP code used twice (replay): each test signs in as a user of its own. */
const USERS = [
  'fresno.clerk',
  'fresno.supervisor',
  'fresno.sheriff',
  'fresno.sheriff2',
  'sacramento.clerk',
  'sacramento.supervisor',
  'alameda.clerk',
  'alameda.supervisor',
  'alameda.sheriff',
  'alameda.clerk2',
  'alameda.query',
  'sacramento.sheriff',
  'fresno.query',
  'sacramento.clerk2',
];
let USER = '';
let registry: DemoRegistry | null;
let url: string;
const tempDir = useTempDir('session-');
// The registry lives for the whole file, so its folder is made once rather than per test.
const registryDir = mkdtempSync(join(tmpdir(), 'session-registry-'));

async function startRegistry(port = 0): Promise<void> {
  registry = await startDemoRegistry({
    pgliteInMemory: true,
    pbkdf2Iterations: 1000,
    port,
    logLevel: 'silent',
    dataDir: registryDir,
  });
  url = registry.url;
}

beforeAll(async () => {
  await startRegistry();
}, 120_000);
afterAll(async () => {
  await registry?.close();
  rmSync(registryDir, { recursive: true, force: true });
});

let now: Date;
let hours: number;
let secrets: MemorySecretStore;
let dataDir: string;

beforeEach(() => {
  USER = USERS.shift() ?? 'san diego';
  now = new Date();
  hours = 12;
  secrets = new MemorySecretStore();
  dataDir = tempDir();
  lockMinutes = 10;
  audited = [];
});

let lockMinutes: number;
let audited: AuditEntry[];

async function manager(baseUrl = url): Promise<SessionManager> {
  return new SessionManager({
    registry: new RegistryClient({ baseUrl, timeoutMs: 2_000 }),
    vault: await SessionVault.open(dataDir, secrets, silentLog()),
    offlineUnlockHours: () => hours,
    lockAfterMinutes: () => lockMinutes,
    audit: (entry) => audited.push(entry),
    now: () => now,
  });
}

/** Signs in online and waits until the vault holds the password verifier (offline unlock needs it). */
async function signedInOnline(): Promise<SessionManager> {
  const session = await manager();
  await session.signIn({ ...signIn(), totp: totp() });
  await session.settled();
  return session;
}

/** The code of the next 30-second step: the registry refuses a code used twice. */
const nextTotp = () => totpAt(demoTotpSecret(USER), Date.now() / 1000 + 30);

const totp = () => totpAt(demoTotpSecret(USER), Date.now() / 1000);
const signIn = () => ({ username: USER, password: DEMO_PASSWORD, bannerAcknowledged: true as const });

async function failure(promise: Promise<unknown>): Promise<SessionError> {
  try {
    await promise;
  } catch (error) {
    return error as SessionError;
  }
  throw new Error('expected a failure');
}

describe('session', () => {
  it('signs in online and keeps only an encrypted verifier on disk', async () => {
    const session = await manager();
    const result = await session.signIn({ ...signIn(), totp: totp() });
    await session.settled();
    expect(result).toMatchObject({
      state: 'signed-in',
      mode: 'online',
      user: { username: USER, county: 'Fresno' },
    });
    expect(session.isOnline()).toBe(true);
    const vault = readFileSync(join(dataDir, 'session-vault.bin'));
    expect(vault.toString('latin1')).not.toContain(USER);
    expect(vault.toString('latin1')).not.toContain(DEMO_PASSWORD);
    expect((await session.banner()).source).toBe('registry');
  });

  it('refuses a wrong code online and says why', async () => {
    const session = await manager();
    const error = await failure(
      session.signIn({ ...signIn(), totp: '000000' === totp() ? '111111' : '000000' }),
    );
    expect(error.code).not.toBe('REGISTRY_UNREACHABLE');
    expect(session.current().state).toBe('signed-out');
  });

  it('unlocks offline within the window after an online sign-in, for local work only', async () => {
    const online = await manager();
    await online.banner();
    await online.signIn({ ...signIn(), totp: totp() });
    await online.settled();
    // The registry "goes away": a station pointed at a port where nothing listens.
    const offline = await manager('http://127.0.0.1:9');
    const refused = await failure(offline.signIn({ ...signIn(), totp: totp() }));
    expect(refused.code).toBe('REGISTRY_UNREACHABLE');
    expect(refused.message).toMatch(/unlock offline/);
    expect((await offline.banner()).source).toBe('cached');
    const unlocked = await offline.unlock(signIn());
    expect(unlocked).toMatchObject({ state: 'signed-in', mode: 'offline', user: { username: USER } });
    expect(offline.requireUser().username).toBe(USER);
    expect(() => offline.requireOnline()).toThrow(/unlocked offline/);
  });

  it('refuses offline unlock after the window, for a user never signed in here, and when turned off', async () => {
    await signedInOnline();
    const offline = await manager('http://127.0.0.1:9');
    // A user never signed in here gets the answer a wrong password gets: names cannot be probed.
    const unknown = await failure(offline.unlock({ ...signIn(), username: 'nobody.here' }));
    const wrong = await failure(offline.unlock({ ...signIn(), password: 'wrong' }));
    expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
    expect(unknown.code).toBe('WRONG_PASSWORD');
    now = new Date(now.getTime() + 13 * 3_600_000);
    const late = await failure(offline.unlock(signIn()));
    expect([late.code, late.message]).toEqual([
      'WRONG_PASSWORD',
      expect.stringMatching(/offline period .* is over/),
    ]);
    now = new Date();
    hours = 0;
    expect((await failure(offline.unlock(signIn()))).code).toBe('WRONG_PASSWORD');
  });

  it('locks offline unlock for ten minutes after five wrong passwords', async () => {
    await signedInOnline();
    const offline = await manager('http://127.0.0.1:9');
    for (let i = 1; i <= 4; i += 1) {
      const error = await failure(offline.unlock({ ...signIn(), password: 'wrong' }));
      expect(error.code).toBe('WRONG_PASSWORD');
      expect(error.message).toContain(`${countOf(5 - i, 'attempt')} left`);
    }
    expect((await failure(offline.unlock({ ...signIn(), password: 'wrong' }))).message).toMatch(
      /locked for 10 minutes/,
    );
    expect((await failure(offline.unlock(signIn()))).message).toMatch(/Too many wrong passwords/);
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await offline.unlock(signIn())).state).toBe('signed-in');
  });

  it('counts a burst of concurrent wrong offline passwords: five are checked, then offline unlock is locked', async () => {
    await signedInOnline();
    const offline = await manager('http://127.0.0.1:9');
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => failure(offline.unlock({ ...signIn(), password: 'wrong' }))),
    );
    const codes = burst.map((e) => e.code);
    expect(codes.filter((c) => c === 'WRONG_PASSWORD')).toHaveLength(5);
    expect(codes.filter((c) => c === 'OFFLINE_UNLOCK_REFUSED')).toHaveLength(20);
    // The right password does not get through the lock either.
    expect((await failure(offline.unlock(signIn()))).message).toMatch(/Too many wrong passwords/);
  });

  it('refuses offline unlock while the registry answers: that is a way around the second factor', async () => {
    await signedInOnline();
    const again = await manager();
    const error = await failure(again.unlock(signIn()));
    expect(error.code).toBe('REGISTRY_AVAILABLE');
    expect(again.current().state).toBe('signed-out');
  });

  it('ends an offline session when its period is over, and forgets vault entries past their period', async () => {
    await signedInOnline();
    const offline = await manager('http://127.0.0.1:9');
    expect((await offline.unlock(signIn())).state).toBe('signed-in');
    now = new Date(now.getTime() + 12 * 3_600_000 + 1_000);
    expect(() => offline.requireUser()).toThrow(/Sign in/);
    await offline.checkIdle();
    expect(offline.current()).toMatchObject({
      state: 'signed-out',
      reason: expect.stringMatching(/offline period/) as unknown,
    });
    expect((await failure(offline.unlock(signIn()))).code).toBe('WRONG_PASSWORD');
    const vault = await SessionVault.open(dataDir, secrets, silentLog());
    expect(Object.keys(vault.read().entries)).toEqual([]);
  });

  it('locks after the idle limit; a locked session answers LOCKED; input does not unlock it', async () => {
    lockMinutes = 5;
    const session = await signedInOnline();
    expect(session.current()).toMatchObject({ locked: null, lockAfterMinutes: 5 });
    now = new Date(now.getTime() + 4 * 60_000);
    session.activity();
    now = new Date(now.getTime() + 4 * 60_000);
    await session.checkIdle();
    expect(session.requireUser().username).toBe(USER);
    now = new Date(now.getTime() + 60_000);
    await session.checkIdle();
    expect(session.current()).toMatchObject({ locked: { reason: 'idle' } });
    expect(() => session.requireUser()).toThrow(expect.objectContaining({ code: 'LOCKED' }) as Error);
    session.activity();
    expect(session.current()).toMatchObject({ locked: { reason: 'idle' } });
    expect(audited.map((a) => `${a.event}:${a.outcome}`)).toEqual(['sign_in:success', 'lock:success']);
  });

  it('after the computer sleeps past the idle limit (the clock jumps 2 hours), the first input or call finds it locked, before the next idle check', async () => {
    lockMinutes = 5;
    const session = await signedInOnline();
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    // The renderer reports input on waking before the 15-second idle check has run: that input
    // must not count as the operator being there all along.
    session.activity();
    expect(session.current()).toMatchObject({ locked: { reason: 'idle' } });
    expect(() => session.requireUser()).toThrow(expect.objectContaining({ code: 'LOCKED' }) as Error);
    expect(audited.map((a) => `${a.event}:${a.outcome}`)).toEqual(['sign_in:success', 'lock:success']);

    // Unlocked again, another sleep: a station call arriving first (an autosave on waking) is
    // refused the same way, and the screen locks.
    await session.reauthenticate({ password: DEMO_PASSWORD, totp: nextTotp() });
    expect(session.requireUser().username).toBe(USER);
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    expect(() => session.requireUser()).toThrow(expect.objectContaining({ code: 'LOCKED' }) as Error);
    expect(session.current()).toMatchObject({ locked: { reason: 'idle' } });
  });

  it('never locks later than 30 minutes, whatever the setting says', async () => {
    lockMinutes = 240;
    const session = await signedInOnline();
    expect(session.current()).toMatchObject({ lockAfterMinutes: 30 });
    now = new Date(now.getTime() + 30 * 60_000);
    await session.checkIdle();
    expect(session.current()).toMatchObject({ locked: { reason: 'idle' } });
  });

  it('unlocks with the same password and code, and signs the user out after five failed unlocks', async () => {
    const session = await signedInOnline();
    session.lock('manual');
    expect((await failure(session.reauthenticate({ password: DEMO_PASSWORD }))).code).toBe('CODE_REQUIRED');
    expect(session.current()).toMatchObject({ locked: { reason: 'manual' } });
    const unlocked = await session.reauthenticate({ password: DEMO_PASSWORD, totp: nextTotp() });
    expect(unlocked).toMatchObject({ state: 'signed-in', mode: 'online', locked: null });
    expect(session.requireUser().username).toBe(USER);

    session.lock('manual');
    for (let i = 1; i <= 4; i += 1) {
      const error = await failure(session.reauthenticate({ password: 'wrong', totp: '123456' }));
      expect(error.code).toBe('WRONG_PASSWORD');
      expect(error.message).toContain(`${countOf(5 - i, 'attempt')} left`);
    }
    const fifth = await failure(session.reauthenticate({ password: 'wrong', totp: '123456' }));
    expect(fifth.code).toBe('SIGNED_OUT');
    expect(session.current()).toMatchObject({
      state: 'signed-out',
      reason: expect.stringMatching(/Five failed/) as unknown,
    });
    expect(audited.filter((a) => a.event === 'unlock_failed')).toHaveLength(6);
  });

  it('reports a certificate error as a security problem, never as "offline", and offers no offline unlock', async () => {
    await signedInOnline();
    const tls = await startSelfSignedServer(tempDir());
    try {
      const session = await manager(tls.url);
      const error = await failure(session.signIn({ ...signIn(), totp: totp() }));
      expect(error.code).toBe('REGISTRY_CERTIFICATE');
      expect(error.message).toMatch(/court IT support/);
      expect(error.message).not.toMatch(/unlock offline/);
      expect((await failure(session.unlock(signIn()))).code).toBe('REGISTRY_CERTIFICATE');
      expect(session.current().state).toBe('signed-out');
    } finally {
      await tls.close();
    }
  });

  it('signs out, and the registry session is revoked', async () => {
    const session = await manager();
    await session.signIn({ ...signIn(), totp: totp() });
    expect((await session.signOut()).state).toBe('signed-out');
    expect(session.isOnline()).toBe(false);
    expect(() => session.requireUser()).toThrow(/Sign in/);
  });
});
