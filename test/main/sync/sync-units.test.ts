import { describe, expect, it } from 'vitest';
import { networkError, RegistryError } from '../../../src/main/registry-client/errors';
import { backoffDelay } from '../../../src/main/sync/backoff';
import { classifyFailure } from '../../../src/main/sync/outcome';
import { differingFields } from '../../../src/main/sync/diff';
import { computeStatus, type StatusInput } from '../../../src/main/sync/status';
import { completeOrder } from '../../support/orders';

describe('backoff with jitter', () => {
  it('doubles from the base up to the cap, and jitters within the upper half', () => {
    const policy = { baseMs: 1_000, maxMs: 60_000 };
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(0, policy, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(4_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(6_000);
    expect(backoffDelay(20, policy, () => 0.999_999)).toBe(60_000);
    expect(backoffDelay(1_000, policy, () => 0)).toBe(30_000);
    expect(backoffDelay(-4, policy, () => 0)).toBe(500);
  });
});

describe('differing fields', () => {
  it('names the dotted paths that differ, arrays by index, nothing for equal orders', () => {
    const a = completeOrder();
    expect(differingFields(a, structuredClone(a))).toEqual([]);
    const b = {
      ...a,
      caseNumber: '26FL00001',
      restrainedPerson: { ...a.restrainedPerson, dob: '1980-01-01' },
      protectedPersons: [...a.protectedPersons, { name: { last: 'Other', first: 'Person' } }],
    };
    expect(differingFields(a, b)).toEqual(['caseNumber', 'protectedPersons.1', 'restrainedPerson.dob']);
    const { fcn: _fcn, ...withoutFcn } = { ...a, fcn: '1234567890123' };
    expect(differingFields(withoutFcn, { ...a, fcn: '1234567890123' })).toEqual(['fcn']);
    expect(differingFields(1, 'x')).toEqual(['(whole order)']);
  });
});

describe('sync status in plain words', () => {
  const base: StatusInput = {
    counts: { pendingChanges: 0, parked: 0, pendingBytes: 0, conflicts: 0, rejected: 0 },
    connectivity: 'online',
    busy: false,
    lastSuccessAt: null,
    offlineSince: null,
    signedOutReason: null,
    lastFailure: null,
    held: [],
  };

  it('is idle with nothing to do, syncing while work waits, and says why a retry is pending', () => {
    expect(computeStatus(base)).toMatchObject({ state: 'idle', problem: null });
    expect(computeStatus({ ...base, busy: true })).toMatchObject({ state: 'syncing', problem: null });
    const waiting = {
      ...base,
      counts: { ...base.counts, pendingChanges: 2 },
      lastFailure: 'The registry failed with HTTP 503.',
    };
    expect(computeStatus(waiting)).toMatchObject({
      state: 'syncing',
      problem: 'The registry failed with HTTP 503.',
    });
  });

  it('says since when the registry has been silent, and asks for a sign-in with changes waiting', () => {
    const offline = computeStatus({
      ...base,
      connectivity: 'offline',
      offlineSince: new Date(2026, 10, 29, 10, 42),
    });
    expect(offline.state).toBe('offline');
    expect(offline.problem).toMatch(/^The registry has not answered since 10:42 AM\./);
    const out = computeStatus({
      ...base,
      connectivity: 'signed-out',
      counts: { ...base.counts, pendingChanges: 1 },
    });
    expect(out).toMatchObject({
      state: 'signed-out',
      problem: 'Sign in to the registry to send your changes.',
    });
    expect(
      computeStatus({ ...base, connectivity: 'signed-out', signedOutReason: 'Your session has ended.' })
        .problem,
    ).toBe('Your session has ended.');
  });

  it('is an error only when what is left needs a person: conflicts and refusals', () => {
    const stuck = computeStatus({
      ...base,
      counts: { pendingChanges: 3, parked: 3, pendingBytes: 10, conflicts: 2, rejected: 1 },
    });
    expect(stuck.state).toBe('error');
    expect(stuck.problem).toBe(
      '2 drafts were changed on the registry by someone else: review and choose which version to keep. 1 draft was refused: open it to see why.',
    );
  });
});

describe('failure classes', () => {
  const range = { recordId: 'r1', fromSeq: 1, throughSeq: 1 };

  it('keeps a change whose send met a refused certificate, to retry once IT fixes it; never a refusal', () => {
    const error = networkError('DEPTH_ZERO_SELF_SIGNED_CERT', 'registry.court.example', 10_000);
    expect(error.code).toBe('REGISTRY_CERTIFICATE');
    const outcome = classifyFailure(error, range);
    expect(outcome.kind).toBe('retry');
    expect(outcome.kind === 'retry' ? outcome.error.message : '').toMatch(/court IT support/);
  });

  it('still refuses what the registry refused, and waits out a rate limit', () => {
    const refused = new RegistryError('FIELD_NOT_ALLOWED', 'Not yours to change.', { status: 403 });
    expect(classifyFailure(refused, range).kind).toBe('rejected');
    const limited = new RegistryError('RATE_LIMITED', 'Too many requests.', { status: 429 });
    expect(classifyFailure(limited, range).kind).toBe('retry');
  });
});
