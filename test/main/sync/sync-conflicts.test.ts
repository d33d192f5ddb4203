import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/main/registry-client';
import type { ProtectiveOrder } from '../../../src/shared/order';
import { completeOrder } from '../../support/orders';
import { USERS } from './support/directory';
import { startTestRegistry, type TestRegistry } from './support/registry';
import { openTestStation, type TestStation } from './support/station';

let registry: TestRegistry;
let station: TestStation;
let other: RegistryClient;

beforeAll(async () => {
  registry = await startTestRegistry();
  station = await openTestStation(registry.url);
  await registry.signIn(station.client, USERS.clerk);
  station.sync.start();
  other = new RegistryClient({ baseUrl: registry.url });
  await registry.signIn(other, USERS.clerk2);
});
afterAll(async () => {
  other.close();
  await station.close();
  await registry.close();
});

/** A draft synced to the registry (version 1), then changed there by another clerk (version 2), then here. */
async function conflicted(
  caseNo: string,
): Promise<{ id: string; theirs: ProtectiveOrder; mine: ProtectiveOrder }> {
  const id = randomUUID();
  const base = completeOrder({ id, caseNumber: `${caseNo}0` });
  station.store.drafts.save(base);
  await station.drain();
  expect(station.store.drafts.mustGet(id).registryVersion).toBe(1);
  const theirs: ProtectiveOrder = {
    ...base,
    caseNumber: `${caseNo}1`,
    restrainedPerson: { ...base.restrainedPerson, dob: '1988-03-15' },
  };
  await other.updateOrder(id, { order: theirs, baseVersion: 1 }, randomUUID());
  const mine: ProtectiveOrder = {
    ...base,
    caseNumber: `${caseNo}2`,
    restrainedPerson: { ...base.restrainedPerson, weightLbs: 190 },
  };
  station.store.drafts.save(mine);
  station.sync.kick();
  await station.drain();
  return { id, theirs, mine };
}

describe('sync: conflicts', () => {
  it('turns a stale update into a conflict a person sees; nothing is overwritten, even across a restart', async () => {
    const { id, theirs, mine } = await conflicted('26FL2100');
    const status = station.sync.status();
    expect(status).toMatchObject({ state: 'error', conflicts: 1, pendingChanges: 1 });
    expect(status.problem).toContain('changed on the registry by someone else');
    const [conflict] = station.sync.conflicts();
    expect(conflict).toMatchObject({ draftId: id, theirsVersion: 2, mine, theirs });
    // Who changed the registry's version and when, from the registry's conflict answer.
    expect(conflict!.theirsUpdatedBy?.username).toBe(USERS.clerk2.username);
    expect(conflict!.theirsUpdatedAt).toBe((await other.getOrder(id)).updatedAt);
    expect(conflict!.differingFields).toEqual([
      'caseNumber',
      'restrainedPerson.dob',
      'restrainedPerson.weightLbs',
    ]);
    expect(station.store.drafts.mustGet(id)).toMatchObject({ syncState: 'conflict', order: mine });
    expect((await other.getOrder(id)).order).toEqual(theirs);

    await station.restartSync();
    await station.drain();
    expect(station.sync.conflicts()).toHaveLength(1);
    expect((await other.getOrder(id)).version).toBe(2);

    await station.sync.resolveConflict(id, { kind: 'keep-mine' });
    await station.drain();
    const record = await other.getOrder(id);
    expect(record).toMatchObject({ version: 3, order: mine });
    expect(station.store.drafts.mustGet(id)).toMatchObject({ syncState: 'synced', registryVersion: 3 });
    expect(station.sync.status()).toMatchObject({ state: 'idle', conflicts: 0, pendingChanges: 0 });
  });

  it('take theirs: the draft becomes the registry order, in one step, and nothing is sent', async () => {
    const { id, theirs } = await conflicted('26FL2200');
    await station.sync.resolveConflict(id, { kind: 'take-theirs' });
    const draft = station.store.drafts.mustGet(id);
    expect(draft).toMatchObject({ order: theirs, registryVersion: 2, syncState: 'synced', status: 'draft' });
    expect(station.store.outbox.forRecord(id)).toHaveLength(0);
    await station.drain();
    expect((await other.getOrder(id)).version).toBe(2);
  });

  it('merged: the operator picks field by field; the merge is saved and sent on their version', async () => {
    const { id, theirs, mine } = await conflicted('26FL2300');
    const merged: ProtectiveOrder = {
      ...theirs,
      restrainedPerson: { ...theirs.restrainedPerson, weightLbs: mine.restrainedPerson.weightLbs },
    };
    await station.sync.resolveConflict(id, { kind: 'merged', order: merged });
    await station.drain();
    expect(await other.getOrder(id)).toMatchObject({ version: 3, order: merged });
    expect(station.store.drafts.mustGet(id)).toMatchObject({ order: merged, syncState: 'synced' });
  });

  it('checks a resolution before acting on it', async () => {
    await expect(station.sync.resolveConflict(randomUUID(), { kind: 'keep-mine' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      station.sync.resolveConflict(randomUUID(), { kind: 'bogus' } as never),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(
      station.sync.resolveConflict(randomUUID(), { kind: 'merged', order: { id: 'x' } as never }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('goes through without asking when only the version moved (returned by the sheriff with the same data)', async () => {
    const id = randomUUID();
    const base = completeOrder({ id, caseNumber: '26FL24000' });
    station.store.drafts.save(base);
    await station.drain();
    const sheriff = new RegistryClient({ baseUrl: registry.url });
    await registry.signIn(sheriff, USERS.sheriff);
    await other.transition(id, { transition: 'submitForCompletion', baseVersion: 1 }, randomUUID());
    await sheriff.claim(id);
    const returned = await sheriff.transition(
      id,
      { transition: 'returnToCourt', baseVersion: 2 },
      randomUUID(),
    );
    expect(returned.record).toMatchObject({ version: 3, status: 'draft' });
    sheriff.close();
    const edited = { ...base, caseNumber: '26FL24001' };
    station.store.drafts.save(edited);
    station.sync.kick();
    await station.drain();
    expect(station.sync.conflicts()).toHaveLength(0);
    expect(await other.getOrder(id)).toMatchObject({ version: 4, order: edited, status: 'draft' });
    expect(station.store.drafts.mustGet(id)).toMatchObject({
      registryVersion: 4,
      syncState: 'synced',
      status: 'draft',
    });
  });
});
