/** The submit confirmation: where the order is now and what DOJ (CARPOS) does next, in sentences. */
import { describe, expect, it } from 'vitest';
import type { SyncStatusDto } from '../../../src/shared/ipc/sync';
import { formatClockTime as clockTime, formatWhen as formatTime } from '../../../src/renderer/format/wording';
import { submitNextSteps } from '../../../src/renderer/sync/submit-next-steps';

const status = (state: SyncStatusDto['state']): SyncStatusDto => ({
  state,
  pendingChanges: 1,
  pendingBytes: 10,
  lastSuccessAt: null,
  problem: null,
  conflicts: 0,
  rejected: 0,
  heldForOthers: [],
});

describe('after submitting', () => {
  it('says the order is being sent and that DOJ gives it an FCN next', () => {
    const steps = submitNextSteps('submitted', status('syncing'), null);
    expect(steps.title).toBe('Order submitted');
    expect(steps.delivery).toContain('being sent to the registry now');
    expect(steps.next).toContain('“Sent to DOJ”');
    expect(steps.next).toContain('“Acknowledged by DOJ”');
    expect(steps.next).toContain('file control number (FCN)');
  });

  it('says it is kept on this station while the registry does not answer', () => {
    expect(submitNextSteps('submitted', status('offline'), null).delivery).toContain(
      'the registry does not answer now',
    );
  });

  it('says to sign in to the registry when the station has no registry session', () => {
    expect(submitNextSteps('submitted', status('signed-out'), null).delivery).toContain('Sign in to send');
  });

  it('says the sheriff completes the CARPOS data first when sent for completion', () => {
    const steps = submitNextSteps('awaiting_carpos_data', status('idle'), null);
    expect(steps.title).toBe('Sent to the sheriff for completion');
    expect(steps.next).toMatch(/^Next, the sheriff’s office completes the CARPOS data\./);
  });
});

describe('times in the sync status and the conflict dialog', () => {
  it('uses a 12-hour clock with AM and PM', () => {
    expect(clockTime(new Date(2026, 2, 14, 0, 5))).toBe('12:05 AM');
    expect(clockTime(new Date(2026, 2, 14, 12, 0))).toBe('12:00 PM');
    expect(clockTime(new Date(2026, 2, 14, 15, 7))).toBe('3:07 PM');
  });

  it('says "today" for today, and the court’s date format for another day', () => {
    const now = new Date(2026, 2, 14, 18, 0);
    expect(formatTime(new Date(2026, 2, 14, 9, 30).toISOString(), now)).toBe('today at 9:30 AM');
    expect(formatTime(new Date(2026, 2, 13, 21, 45).toISOString(), now)).toBe('03/13/2026 at 9:45 PM');
    expect(formatTime(null, now)).toBe('never');
  });
});
