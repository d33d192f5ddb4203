/**
 * Who may do what on the station, through the station API as the renderer calls it, on real parts:
 * the node station (encrypted store, sync) against the demo registry (PGlite, loopback HTTP), users
 * of each role signing in with password and code. One user per change: a change made offline by a
 * supervisor is never sent under the clerk who signs in next, and the registry's audit names the
 * real author.
 */
import { syncUntil } from '../../support/sync-wait';
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

const COURT = DEFAULT_SETTINGS.court;
let dir = '';
let registry: DemoRegistry | null = null;
let port = 0;
let station: Station;
/** TOTP steps already used per user: the registry refuses a code twice, so each sign-in takes the next. */
const steps = new Map<string, number>();

async function startRegistry(): Promise<void> {
  registry = await startDemoRegistry({
    dataDir: join(dir, 'registry'),
    pbkdf2Iterations: 1000,
    tokenSecret: 'authority-test-secret-0123456789abcdef0123456789',
    logLevel: 'silent',
    port,
  });
  port = Number(new URL(registry.url).port);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'authority-'));
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

async function signIn(username: string): Promise<void> {
  const step = Math.floor(Date.now() / 30_000) + (steps.get(username) ?? 0);
  steps.set(username, (steps.get(username) ?? 0) + 1);
  await call('session:sign-in', {
    username,
    password: DEMO_PASSWORD,
    totp: totpAt(demoTotpSecret(username), step * 30),
    bannerAcknowledged: true,
  });
  await station.session.settled();
}

async function signOut(): Promise<void> {
  await call('session:sign-out', {});
}

async function onRegistry(id: string): Promise<boolean> {
  const rows = await registry?.app.registry.db.query('SELECT 1 FROM orders WHERE id = $1', [id]);
  return (rows?.rows.length ?? 0) > 0;
}

async function registryCreator(id: string): Promise<string | undefined> {
  const rows = await registry?.app.registry.db.query<{ username: string }>(
    `SELECT username FROM audit_log WHERE object_id = $1 AND event_type = 'create' ORDER BY id LIMIT 1`,
    [id],
  );
  return rows?.rows[0]?.username;
}

function newOrder(last: string) {
  return completeOrder({
    id: randomUUID(),
    court: COURT,
    restrainedPerson: { ...completeOrder().restrainedPerson, name: { last, first: 'Test' } },
  });
}

describe('roles on the station', () => {
  it('a query-only user searches, and may not create drafts, scan or change settings; each refusal is audited', async () => {
    await signIn('alameda.query');
    expect((await refusal('drafts:create', {})).code).toBe('NOT_ALLOWED');
    expect((await refusal('scan:devices', {})).code).toBe('NOT_ALLOWED');
    expect((await refusal('drafts:list', {})).code).toBe('NOT_ALLOWED');
    expect((await refusal('settings:update', { patch: { stationName: 'Mine' } })).code).toBe('NOT_ALLOWED');
    expect((await call('registry:search', { query: { lastName: 'Nobody' } })).total).toBeGreaterThanOrEqual(
      0,
    );
    const denied = station.audit.recent(20).filter((e) => e.event === 'access_denied');
    expect(denied.map((e) => e.objectId)).toEqual(
      expect.arrayContaining(['drafts:create', 'scan:devices', 'drafts:list', 'settings:update']),
    );
    expect(denied.every((e) => e.username === 'alameda.query' && e.outcome === 'denied')).toBe(true);
    expect(station.settings.get().stationName).toBe(DEFAULT_SETTINGS.stationName);
    await signOut();
  });

  it('a clerk picks a scanner profile but not the registry, the court or the lock policy; an administrator may', async () => {
    await signIn('alameda.clerk2');
    const refused = await refusal('settings:update', { patch: { registryUrl: 'https://elsewhere.example' } });
    expect(refused).toMatchObject({ code: 'NOT_ALLOWED', field: 'registryUrl' });
    expect((await refusal('settings:update', { patch: { lockAfterMinutes: 30 } })).code).toBe('NOT_ALLOWED');
    const profile = { ...DEFAULT_SETTINGS.scanProfile, duplex: true };
    expect((await call('settings:update', { patch: { scanProfile: profile } })).scanProfile.duplex).toBe(
      true,
    );
    expect((await refusal('settings:preview-name', { template: '{county}_{seq}' })).code).toBe('NOT_ALLOWED');
    await signOut();

    await signIn('alameda.admin');
    expect((await call('settings:update', { patch: { lockAfterMinutes: 5 } })).lockAfterMinutes).toBe(5);
    expect((await refusal('drafts:create', {})).code).toBe('NOT_ALLOWED');
    expect(
      station.audit.recent(5).some((e) => e.event === 'settings_change' && e.username === 'alameda.admin'),
    ).toBe(true);
    await call('settings:update', { patch: { lockAfterMinutes: DEFAULT_SETTINGS.lockAfterMinutes } });
    await signOut();
  });

  it("keeps a court's drafts from another organisation's users, and shares them within the court", async () => {
    await signIn('sacramento.clerk');
    const draft = await call('drafts:save', {
      order: {
        ...newOrder('Orgcheck'),
        court: { ori: 'CA034013J', county: 'Sacramento', name: 'Sacramento' },
      },
    });
    expect(draft.orgOri).toBe('CA034013J');
    await signOut();

    await signIn('fresno.sheriff');
    expect(await call('drafts:list', {})).toEqual([]);
    expect((await refusal('drafts:get', { id: draft.id })).code).toBe('NOT_FOUND');
    expect((await refusal('drafts:transition', { id: draft.id, transition: 'submit' })).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal('drafts:save', { order: { ...draft.order, caseNumber: 'STOLEN-1' } })).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal('documents:list', { draftId: draft.id })).code).toBe('NOT_FOUND');
    // Each reach for another organisation's draft is a refusal in the audit trail.
    const reached = station.audit
      .recent(20)
      .filter(
        (e) => e.event === 'access_denied' && e.objectId === draft.id && e.username === 'fresno.sheriff',
      );
    expect(reached).toHaveLength(4);
    await signOut();

    await signIn('sacramento.supervisor');
    expect((await call('drafts:get', { id: draft.id })).order.caseNumber).toBe(draft.order.caseNumber);
    expect((await call('drafts:list', {})).map((d) => d.id)).toContain(draft.id);
    await signOut();
  });
});

describe('one user per change', () => {
  it("sends a supervisor's offline changes only under the supervisor's own session, and the registry's audit names each author", async () => {
    // The supervisor has signed in here before, so may unlock offline later.
    await signIn('alameda.supervisor');
    await signOut();

    await signIn('alameda.clerk');
    const mine = await call('drafts:save', { order: newOrder('Clerkmade') });
    await syncUntil(station.sync, (s) => s.pendingChanges === 0 && s.state === 'idle', 'the clerk drained');
    expect(await onRegistry(mine.id)).toBe(true);
    await signOut();

    // The registry goes away; the supervisor unlocks offline and saves a draft.
    await registry?.close();
    registry = null;
    await call('session:unlock', {
      username: 'alameda.supervisor',
      password: DEMO_PASSWORD,
      bannerAcknowledged: true,
    });
    const theirs = await call('drafts:save', { order: newOrder('Supervisormade') });
    await signOut();

    // The registry is back; the clerk signs in online. The supervisor's change waits for the supervisor.
    await startRegistry();
    await signIn('alameda.clerk');
    const held = await syncUntil(
      station.sync,
      (s) => s.state === 'idle' && s.heldForOthers.length > 0,
      "the supervisor's change held for the supervisor",
    );
    expect(held.heldForOthers).toEqual([{ displayName: 'Alameda Supervisor (demo)', changes: 1 }]);
    expect(held.problem).toBe(
      '1 change by Alameda Supervisor (demo) wait for Alameda Supervisor (demo) to sign in.',
    );
    expect(await onRegistry(theirs.id)).toBe(false);
    await signOut();

    await signIn('alameda.supervisor');
    await syncUntil(
      station.sync,
      (s) => s.pendingChanges === 0 && s.state === 'idle',
      'the supervisor drained',
    );
    expect(await onRegistry(theirs.id)).toBe(true);
    expect(await registryCreator(mine.id)).toBe('alameda.clerk');
    expect(await registryCreator(theirs.id)).toBe('alameda.supervisor');
    // The station's own trail of what the supervisor did offline reaches the registry's audit log,
    // under the supervisor, once the supervisor is online.
    await expect
      .poll(
        async () => {
          void station.sync.syncNow().catch(() => undefined);
          const rows = await registry?.app.registry.db.query<{ e: string }>(
            `SELECT details->>'stationEvent' AS e FROM audit_log WHERE component = 'station' AND username = $1`,
            ['alameda.supervisor'],
          );
          return rows?.rows.map((r) => r.e) ?? [];
        },
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining(['offline_unlock', 'draft_create', 'sign_in']));
    await signOut();
  });
});
