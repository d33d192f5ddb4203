/**
 * Sign-in and offline unlock against a real registry on loopback (PGlite in memory, demo users):
 * online sign-in leaves a verifier in the encrypted vault; with the registry stopped, the same user
 * may unlock offline with the password for the configured hours, five wrong passwords lock it.
 */
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

/** The registry refuses a TOTP code used twice (replay): each test signs in as a user of its own. */
const USERS = [
  'fresno.clerk',
  'fresno.supervisor',
  'fresno.sheriff',
  'fresno.sheriff2',
  'sacramento.clerk',
  'sacramento.supervisor',
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
});

async function manager(baseUrl = url): Promise<SessionManager> {
  return new SessionManager({
    registry: new RegistryClient({ baseUrl, timeoutMs: 2_000 }),
    vault: await SessionVault.open(dataDir, secrets, silentLog()),
    offlineUnlockHours: () => hours,
    now: () => now,
  });
}

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
    await (await manager()).signIn({ ...signIn(), totp: totp() });
    const offline = await manager('http://127.0.0.1:9');
    expect((await failure(offline.unlock({ ...signIn(), username: 'alameda.clerk2' }))).code).toBe(
      'OFFLINE_UNLOCK_REFUSED',
    );
    now = new Date(now.getTime() + 13 * 3_600_000);
    expect((await failure(offline.unlock(signIn()))).message).toMatch(/offline period .* is over/);
    now = new Date();
    hours = 0;
    expect((await failure(offline.unlock(signIn()))).code).toBe('OFFLINE_UNLOCK_REFUSED');
  });

  it('locks offline unlock for ten minutes after five wrong passwords', async () => {
    await (await manager()).signIn({ ...signIn(), totp: totp() });
    const offline = await manager('http://127.0.0.1:9');
    for (let i = 1; i <= 4; i += 1) {
      const error = await failure(offline.unlock({ ...signIn(), password: 'wrong' }));
      expect(error.code).toBe('WRONG_PASSWORD');
      expect(error.message).toContain(`${5 - i} attempt(s) left`);
    }
    expect((await failure(offline.unlock({ ...signIn(), password: 'wrong' }))).message).toMatch(
      /locked for 10 minutes/,
    );
    expect((await failure(offline.unlock(signIn()))).message).toMatch(/Too many wrong passwords/);
    now = new Date(now.getTime() + 11 * 60_000);
    expect((await offline.unlock(signIn())).state).toBe('signed-in');
  });

  it('signs out, and the registry session is revoked', async () => {
    const session = await manager();
    await session.signIn({ ...signIn(), totp: totp() });
    expect((await session.signOut()).state).toBe('signed-out');
    expect(session.isOnline()).toBe(false);
    expect(() => session.requireUser()).toThrow(/Sign in/);
  });
});
