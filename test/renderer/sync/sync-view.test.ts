/**
 * The one reading of the sync status that the header and the status bar both show: one view per
 * status, in sentences, with the action a person can take; and what "Sync now" came to.
 */
import { describe, expect, it } from 'vitest';
import type { SessionDto } from '../../../src/shared/ipc/session';
import type { SyncStatusDto } from '../../../src/shared/ipc/sync';
import { describeSync, syncNowResult, waitingSentence } from '../../../src/renderer/sync/sync-view';

const status = (patch: Partial<SyncStatusDto> = {}): SyncStatusDto => ({
  state: 'idle',
  pendingChanges: 0,
  pendingBytes: 0,
  lastSuccessAt: null,
  problem: null,
  conflicts: 0,
  rejected: 0,
  heldForOthers: [],
  ...patch,
});

const session = (mode: 'online' | 'offline'): SessionDto => ({
  state: 'signed-in',
  mode,
  user: {
    username: 'alameda.clerk',
    displayName: 'Alameda Clerk',
    roles: ['court_clerk'],
    orgOri: 'CA001013J',
    county: 'Alameda',
    cletsCertified: true,
  },
  signedInAt: '2026-03-14T15:00:00.000Z',
  offlineUnlockUntil: null,
  locked: null,
  lockAfterMinutes: 15,
});

describe('the sync view', () => {
  const online = session('online');

  it('gives each state one sentence, never a raw state name', () => {
    const views = [
      describeSync(status(), online),
      describeSync(status({ state: 'syncing', pendingChanges: 2 }), online),
      describeSync(
        status({ state: 'offline', pendingChanges: 1, problem: 'The registry has not answered.' }),
        online,
      ),
      describeSync(status({ state: 'error', conflicts: 1, problem: '1 draft was changed…' }), online),
      describeSync(status({ state: 'error', rejected: 1, problem: '1 draft was refused…' }), online),
    ];
    expect(views.map((v) => v.headline)).toEqual([
      'Everything is sent.',
      'Sending changes…',
      'The registry does not answer.',
      'A change needs your decision.',
      'A change was refused.',
    ]);
    for (const v of views) expect(v.headline).toMatch(/^[A-Z].*[.…]$/);
    expect(new Set(views.map((v) => v.headline)).size).toBe(views.length);
  });

  it('offers "Sign in to send" after an offline unlock while changes wait, with what to do', () => {
    const view = describeSync(
      status({
        state: 'signed-out',
        pendingChanges: 3,
        problem: 'Sign in to the registry to send your changes.',
      }),
      session('offline'),
    );
    expect(view).toMatchObject({
      state: 'signed-out',
      headline: 'Sign in to the registry to send your changes.',
      waiting: '3 changes are waiting to be sent.',
      action: 'sign-in',
    });
    expect(view.detail).toContain('Sign in to send');
  });

  it('offers conflict resolution when a conflict waits, and nothing when all is sent', () => {
    expect(describeSync(status({ state: 'error', conflicts: 2 }), online).action).toBe('resolve');
    expect(describeSync(status(), online).action).toBe('none');
  });

  it('says changes wait for another user when only theirs are left', () => {
    const view = describeSync(
      status({ heldForOthers: [{ displayName: 'Alameda Supervisor', changes: 1 }], pendingChanges: 1 }),
      online,
    );
    expect(view.headline).toBe('Changes wait for another user.');
  });

  it('is loading until the first status arrives', () => {
    expect(describeSync(null, online)).toMatchObject({ state: 'loading', action: 'none' });
  });

  it('counts waiting changes in words, not bytes', () => {
    expect(waitingSentence(status())).toBe('Nothing is waiting to be sent.');
    expect(waitingSentence(status({ pendingChanges: 1, pendingBytes: 4096 }))).toBe(
      '1 change is waiting to be sent.',
    );
  });
});

describe('what "Sync now" came to', () => {
  it('says it sent everything', () => {
    expect(syncNowResult(status(), session('online'))).toEqual({
      ok: true,
      text: 'Sent and checked for changes: everything is up to date.',
    });
  });

  it('says why it could not and what to do: offline, or not signed in to the registry', () => {
    const offline = syncNowResult(status({ state: 'offline', pendingChanges: 1 }), session('online'));
    expect(offline.ok).toBe(false);
    expect(offline.text).toContain('the registry does not answer');
    const signedOut = syncNowResult(status({ state: 'signed-out', pendingChanges: 1 }), session('offline'));
    expect(signedOut).toEqual({
      ok: false,
      text: 'Not sent: you are not signed in to the registry. Press “Sign in to send”.',
    });
  });

  it('passes on the problem a person must look at', () => {
    const result = syncNowResult(
      status({
        state: 'error',
        conflicts: 1,
        problem: '1 draft was changed on the registry by someone else.',
      }),
      session('online'),
    );
    expect(result).toEqual({
      ok: false,
      text: 'Checked with the registry. 1 draft was changed on the registry by someone else.',
    });
  });
});
