/** The sync status the UI shows, from the store's counts and the worker's state, in plain words. */
import { formatClockTime } from '../../shared/util/clock';
import type { SyncCounts } from './store/sync-repository';
import type { SyncStatus } from './contract';

export type Connectivity = 'online' | 'offline' | 'signed-out';

export interface StatusInput {
  readonly counts: SyncCounts;
  readonly connectivity: Connectivity;
  /** Sending or pulling right now. */
  readonly busy: boolean;
  readonly lastSuccessAt: string | null;
  readonly offlineSince: Date | null;
  /** Why the session ended, if the registry said. */
  readonly signedOutReason: string | null;
  /** The last failure that will be retried ("The registry failed… (HTTP 503)"). */
  readonly lastFailure: string | null;
  /** Changes by other users than the one signed in online, which only they can send. */
  readonly held: readonly { readonly displayName: string; readonly changes: number }[];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function needsAPerson(counts: SyncCounts): string | null {
  const parts: string[] = [];
  if (counts.conflicts > 0) {
    parts.push(
      `${plural(counts.conflicts, 'draft was', 'drafts were')} changed on the registry by someone else: review and choose which version to keep.`,
    );
  }
  if (counts.rejected > 0) {
    parts.push(
      `${plural(counts.rejected, 'draft was', 'drafts were')} refused: open ${counts.rejected === 1 ? 'it' : 'them'} to see why.`,
    );
  }
  return parts.length === 0 ? null : parts.join(' ');
}

/** "3 changes by J. Smith wait for J. Smith to sign in." — each change goes under its author's own session. */
export function heldMessage(held: StatusInput['held']): string | null {
  if (held.length === 0) return null;
  return held
    .map(
      (h) =>
        `${plural(h.changes, 'change', 'changes')} by ${h.displayName} wait for ${h.displayName} to sign in.`,
    )
    .join(' ');
}

export function computeStatus(input: StatusInput): SyncStatus {
  const { counts } = input;
  const base = {
    pendingChanges: counts.pendingChanges,
    pendingBytes: counts.pendingBytes,
    lastSuccessAt: input.lastSuccessAt,
    conflicts: counts.conflicts,
    rejected: counts.rejected,
    heldForOthers: input.held.map((h) => ({ displayName: h.displayName, changes: h.changes })),
  };
  if (input.connectivity === 'signed-out') {
    return {
      ...base,
      state: 'signed-out',
      problem:
        input.signedOutReason ??
        (counts.pendingChanges > 0
          ? 'Sign in to the registry to send your changes.'
          : 'Not signed in to the registry.'),
    };
  }
  if (input.connectivity === 'offline') {
    const since = input.offlineSince ? ` since ${formatClockTime(input.offlineSince)}` : '';
    return {
      ...base,
      state: 'offline',
      problem: `The registry has not answered${since}. Your changes are kept on this station and will be sent when it answers.`,
    };
  }
  const person = needsAPerson(counts);
  const heldCount = input.held.reduce((sum, h) => sum + h.changes, 0);
  const waiting = counts.pendingChanges - counts.parked - heldCount;
  if (input.busy || waiting > 0) {
    return { ...base, state: 'syncing', problem: person ?? (waiting > 0 ? input.lastFailure : null) };
  }
  if (person !== null) return { ...base, state: 'error', problem: person };
  return { ...base, state: 'idle', problem: heldMessage(input.held) };
}
