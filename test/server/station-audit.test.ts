/**
 * A station's own audit trail in the registry's audit log: recorded under the user whose token sent
 * it (whatever the body says), each event once however often it is sent, with the station's name;
 * readable and filterable through the audit API. Refused without a session or with a bad body.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STATION_ID_HEADER, type AuditEntry } from '../../src/shared/api';
import { describeOnBackends } from './support/backends';
import { startHarness, type Harness } from './support/harness';

describeOnBackends('station audit events', (kind) => {
  let h: Harness;
  let stateAdmin: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    stateAdmin = (await h.signIn('state.admin')).accessToken;
  });
  afterAll(async () => {
    await h.close();
  });

  const event = (name: string, outcome: 'success' | 'failure' | 'denied' = 'success') => ({
    id: randomUUID(),
    at: '2026-12-05T10:00:00.000Z',
    event: name,
    objectType: 'draft',
    objectId: randomUUID(),
    outcome,
    detail: { code: 'X', keys: ['registryUrl'] },
  });

  it('records each event once, under the sender, with the station, and the audit API finds them', async () => {
    const clerk = await h.signIn('alameda.clerk');
    const events = [event('lock'), event('unlock_failed', 'failure'), event('access_denied', 'denied')];
    const send = () =>
      h.call<{ recorded: number; repeated: number }>('POST', '/api/v1/audit/station-events', {
        token: clerk.accessToken,
        body: { station: 'Front Desk 2', events },
        headers: { [STATION_ID_HEADER]: 'Front Desk 2' },
      });
    const first = await send();
    expect(first).toMatchObject({ status: 200, body: { recorded: 3, repeated: 0 } });
    // The answer was lost and the station sends again: nothing is recorded twice.
    expect((await send()).body).toEqual({ recorded: 0, repeated: 3 });

    const read = await h.call<{ entries: AuditEntry[] }>(
      'GET',
      `/api/v1/audit?eventType=station_event&userId=${clerk.user.id}`,
      { token: stateAdmin },
    );
    const mine = read.body.entries.filter((e) => events.some((ev) => ev.objectId === e.objectId));
    expect(mine).toHaveLength(3);
    expect(mine.map((e) => e.details.stationEvent).sort()).toEqual([
      'access_denied',
      'lock',
      'unlock_failed',
    ]);
    expect(mine.every((e) => e.username === 'alameda.clerk' && e.component === 'station')).toBe(true);
    expect(mine.every((e) => e.stationId === 'Front Desk 2' && e.details.station === 'Front Desk 2')).toBe(
      true,
    );
    expect(mine.find((e) => e.details.stationEvent === 'unlock_failed')?.outcome).toBe('failure');
  });

  it('refuses without a session, and refuses a body carrying more than codes', async () => {
    const anonymous = await h.call('POST', '/api/v1/audit/station-events', {
      body: { station: 'S1', events: [event('lock')] },
    });
    expect(anonymous.status).toBe(401);
    const clerk = await h.signIn('fresno.clerk');
    const document = await h.call('POST', '/api/v1/audit/station-events', {
      token: clerk.accessToken,
      body: { station: 'S1', events: [{ ...event('lock'), detail: { order: { name: { last: 'X' } } } }] },
    });
    expect(document.status).toBe(400);
    const forged = await h.call('POST', '/api/v1/audit/station-events', {
      token: clerk.accessToken,
      body: { station: 'S1', events: [{ ...event('lock'), username: 'alameda.supervisor' }] },
    });
    expect(forged.status).toBe(400);
  });
});
