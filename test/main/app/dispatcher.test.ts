import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../src/main/app/dispatcher';
import { draftHandlers } from '../../../src/main/drafts/draft-handlers';
import { silentLog } from '../../../src/main/log/station-log';
import { openConfSettings } from '../../../src/main/settings';
import { MemorySecretStore } from '../../../src/main/store/secret-store';
import { openStationStore, type StationStore } from '../../../src/main/app/station-store';
import { CodedError } from '../../../src/shared/errors';
import { CHANNELS, type Channel } from '../../../src/shared/ipc';
import type { Handlers } from '../../../src/main/app/dispatcher';
import { completeOrder } from '../../support/orders';
import { useTempDir } from '../../support/temp';

const tempDir = useTempDir('ipc-');

/** Channels this suite does not exercise answer with a coded error (they are tested with the station). */
function notWired(): Handlers {
  const handlers: Partial<Record<Channel, () => never>> = {};
  for (const channel of CHANNELS) {
    handlers[channel] = () => {
      throw new CodedError('NOT_WIRED', `${channel} is not wired in this test.`);
    };
  }
  return handlers as Handlers;
}
const CLERK = {
  username: 'test.clerk',
  displayName: 'Test Clerk',
  roles: ['court_clerk'],
  orgOri: 'CA001013J',
  county: 'Alameda',
  cletsCertified: false,
};
let store: StationStore;
let dispatch: Dispatch;

beforeEach(async () => {
  const dir = tempDir();
  store = await openStationStore({ dataDir: dir, secrets: new MemorySecretStore() });
  dispatch = createDispatcher(
    {
      ...notWired(),
      'station:info': () => ({ version: 'test', host: 'browser', stationName: 'Test' }),
      ...draftHandlers({
        store,
        settings: openConfSettings(`${dir}/config`),
        user: () => CLERK,
        audit: () => undefined,
        changed: () => undefined,
      }),
    },
    silentLog(),
  );
});
afterEach(() => {
  store.close();
});

function unchanged(): void {
  expect(store.drafts.count()).toBe(0);
  expect(store.outbox.totals().count).toBe(0);
}

describe('station API dispatcher', () => {
  it('carries a valid call through to the store', async () => {
    const saved = await dispatch('drafts:save', { order: completeOrder() });
    expect(saved).toMatchObject({ ok: true, value: { id: completeOrder().id, status: 'draft' } });
    expect(await dispatch('drafts:list', {})).toMatchObject({
      ok: true,
      value: [{ id: completeOrder().id }],
    });
  });

  it('refuses an unknown channel, including names inherited from Object', async () => {
    for (const channel of ['drafts:delete', 'constructor', '__proto__', 42, null]) {
      expect(await dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    // Objects whose toString is not a function (a structured clone keeps such data) and a
    // megabyte name: refused, and the refusal does not echo the name whole.
    for (const channel of [{ toString: 1 }, Object.create(null) as object, 'c'.repeat(1_000_000)]) {
      const result = await dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      expect(result.ok ? '' : result.error.message.length).toBeLessThan(200);
    }
    unchanged();
  });

  it('refuses malformed arguments with the field named, and changes nothing', async () => {
    expect(await dispatch('drafts:save', { order: { ...completeOrder(), issueDate: '2026-13-01' } })).toEqual(
      {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          field: 'order.issueDate',
          message: 'order.issueDate: Enter a real date as YYYY-MM-DD.',
        },
      },
    );
    expect(await dispatch('drafts:save', { order: completeOrder(), extra: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await dispatch('drafts:save', undefined)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await dispatch('drafts:get', { id: "' OR 1=1 --" })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'id' },
    });
    expect(await dispatch('drafts:list', { limit: 1e9 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', field: 'limit' },
    });
    expect(
      await dispatch('drafts:save', JSON.parse('{"order":{"__proto__":{"polluted":true}}}')),
    ).toMatchObject({ ok: false });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    unchanged();
  });

  it('turns a domain error into data the UI can explain', async () => {
    const { value } = (await dispatch('drafts:save', { order: completeOrder() })) as {
      value: { id: string };
    };
    expect(await dispatch('drafts:transition', { id: value.id, transition: 'cancel' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION', message: expect.stringContaining('cannot be changed') },
    });
    expect(await dispatch('drafts:get', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers any argument on any channel with a result, never a throw (generated input)', async () => {
    // drafts:create takes no argument, so an empty object or undefined is a valid call that
    // makes a draft; count those to check that nothing else did.
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHANNELS.filter((c) => c !== 'drafts:save')),
        fc.anything(),
        async (channel, input) => {
          const result = await dispatch(channel, input);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
          if (channel === 'drafts:create' && result.ok) created += 1;
        },
      ),
      { numRuns: 300 },
    );
    expect(store.drafts.count()).toBe(created);
    const outboxBefore = store.outbox.totals().count;
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (order) => {
        const result = await dispatch('drafts:save', { order });
        expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      }),
      { numRuns: 300 },
    );
    expect(store.drafts.count()).toBe(created);
    expect(store.outbox.totals().count).toBe(outboxBefore);
  });
});
