/**
 * Signing in to the registry without leaving the station (issue 17): after an offline unlock the
 * station holds changes it cannot send; once the registry answers, the signed-in user gives password
 * and code through `session:registry-sign-in` and the queued changes go under that user's session.
 * On real parts: the node station (encrypted store, sync) against the demo registry (PGlite, HTTP).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRegistry, type DemoRegistry } from '../../../scripts/demo/registry';
import type { Station } from '../../../src/main/app/station';
import { openNodeStation } from '../../../src/main/host/node-station';
import { totpAt } from '../../../src/server/auth/totp';
import { DEMO_PASSWORD, demoTotpSecret } from '../../../src/server/seed/directory';
import { DEFAULT_SETTINGS } from '../../../src/shared/ipc/settings';
import { completeOrder } from '../../support/orders';
import { stationCalls } from '../../support/station-calls';
import { syncUntil } from '../../support/sync-wait';

const USER = 'alameda.clerk';
let dir = '';
let registry: DemoRegistry | null = null;
let port = 0;
let station: Station;
/** The registry refuses a code twice: each accepted sign-in takes the next time step's code. */
let step = -1;
/** A code in the right shape for attempts the registry never checks (it does not answer) or refuses. */
const ANY_CODE = '000000';

async function startRegistry(): Promise<void> {
  registry = await startDemoRegistry({
    dataDir: join(dir, 'registry'),
    pbkdf2Iterations: 1000,
    tokenSecret: 'registry-sign-in-test-secret-0123456789abcdef',
    logLevel: 'silent',
    port,
  });
  port = Number(new URL(registry.url).port);
}

function nextCode(): string {
  step += 1;
  return totpAt(demoTotpSecret(USER), (Math.floor(Date.now() / 30_000) + step) * 30);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'registry-sign-in-'));
  await startRegistry();
  station = await openNodeStation({
    root: join(dir, 'station'),
    registryUrl: registry?.url ?? '',
    drivers: { withSaneTest: false },
    sync: {
      pollMs: 50,
      pullEveryMs: 500,
      probeBackoff: { baseMs: 50, maxMs: 200 },
      retryBackoff: { baseMs: 50, maxMs: 200 },
    },
  });
}, 120_000);
afterAll(async () => {
  await station.close();
  await registry?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { call, refusal } = stationCalls(() => station);

async function onRegistry(id: string): Promise<boolean> {
  const rows = await registry?.app.registry.db.query('SELECT 1 FROM orders WHERE id = $1', [id]);
  return (rows?.rows.length ?? 0) > 0;
}

describe('session:registry-sign-in', () => {
  it('is refused while nobody is signed in', async () => {
    expect(
      (await refusal('session:registry-sign-in', { password: DEMO_PASSWORD, totp: '123456' })).code,
    ).toBe('SIGNED_OUT');
  });

  it('after an offline unlock, sends the queued changes once the user signs in to the registry; a wrong code changes nothing', async () => {
    // Signed in online once, so this user may unlock offline later.
    await call('session:sign-in', {
      username: USER,
      password: DEMO_PASSWORD,
      totp: nextCode(),
      bannerAcknowledged: true,
    });
    await station.session.settled();
    await call('session:sign-out', {});

    await registry?.close();
    registry = null;
    await call('session:unlock', { username: USER, password: DEMO_PASSWORD, bannerAcknowledged: true });
    const order = completeOrder({ id: randomUUID(), court: DEFAULT_SETTINGS.court });
    await call('drafts:save', { order });
    expect(station.sync.status()).toMatchObject({ state: 'signed-out', pendingChanges: 1 });

    // The registry does not answer yet: said so, the session stays offline.
    const unreachable = await refusal('session:registry-sign-in', {
      password: DEMO_PASSWORD,
      totp: ANY_CODE,
    });
    expect(unreachable.code).toBe('REGISTRY_UNREACHABLE');
    expect(unreachable.message).toContain('Your changes stay on this station');

    await startRegistry();
    expect((await refusal('session:registry-sign-in', { password: DEMO_PASSWORD, totp: '12' })).code).toBe(
      'INVALID_ARGUMENT',
    );
    const wrong = await refusal('session:registry-sign-in', { password: 'not the password', totp: ANY_CODE });
    expect(wrong).toMatchObject({ code: 'WRONG_PASSWORD', field: 'password' });
    expect(wrong.message).toContain('Nothing was lost');
    expect(await call('session:get', {})).toMatchObject({ state: 'signed-in', mode: 'offline' });
    expect(station.sync.status().pendingChanges).toBe(1);

    const session = await call('session:registry-sign-in', { password: DEMO_PASSWORD, totp: nextCode() });
    expect(session).toMatchObject({ state: 'signed-in', mode: 'online', user: { username: USER } });
    await syncUntil(station.sync, (s) => s.state === 'idle' && s.pendingChanges === 0, 'the queue drained');
    expect(await onRegistry(order.id)).toBe(true);

    const trail = station.audit
      .recent(50)
      .filter((e) => e.event === 'registry_sign_in')
      .map((e) => e.outcome);
    expect(trail).toEqual(['success', 'failure', 'failure']);
    await call('session:sign-out', {});
  });
});
