/**
 * Turns the outcome of one delivery attempt into its store transaction (sync-repository.ts) and
 * tells the worker what follows for it: go offline, wait for a sign-in, pull soon.
 */
import { assertNever } from '../../shared/errors';
import type { RegistryError } from '../registry-client/errors';
import type { OutboxEntry } from '../store';
import type { SyncStore } from './sync-store';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { differingFields } from './diff';
import type { Outcome } from './outcome';

/** A change retried "at once" this many times in a row falls back to the normal backoff. */
const IMMEDIATE_RETRY_LIMIT = 5;

export const CONFLICT_MESSAGE =
  'Someone else changed this order on the registry. Review both versions and choose what to keep.';

export interface OutcomeEffect {
  /** The registry answered (accepted, refused or reported a conflict). */
  readonly answered: boolean;
  /** Text for the status bar when the change will be retried. */
  readonly retryProblem?: string;
  readonly offline?: RegistryError;
  readonly signedOut?: boolean;
  /** The change feed mentioned this draft while it was busy: pull now that it is settled. */
  readonly pullNow?: boolean;
}

/** A summary of `outcome` for the sync log: ids, kinds and codes, never order data. */
export function describeOutcome(head: OutboxEntry, outcome: Outcome): Record<string, unknown> {
  return {
    seq: head.seq,
    record: head.recordId,
    kind: head.kind,
    outcome: outcome.kind,
    ...(outcome.kind === 'acknowledged'
      ? { version: outcome.version, through: outcome.range.throughSeq }
      : {}),
    ...(outcome.kind === 'rejected' ? { code: outcome.problem.code } : {}),
    ...(outcome.kind === 'retry' || outcome.kind === 'offline' ? { code: outcome.error.code } : {}),
    ...(outcome.kind === 'conflict' ? { theirs: outcome.theirs.version } : {}),
  };
}

export function recordOutcome(
  store: SyncStore,
  head: OutboxEntry,
  outcome: Outcome,
  retry: BackoffPolicy,
  random: () => number,
  now: Date,
): OutcomeEffect {
  const later = () => new Date(now.getTime() + backoffDelay(head.attempts, retry, random));
  switch (outcome.kind) {
    case 'acknowledged':
      store.sync.acknowledge(
        outcome.range,
        {
          version: outcome.version,
          status: outcome.status,
          ...(outcome.order ? { order: outcome.order } : {}),
        },
        outcome.sha256,
      );
      return { answered: true, pullNow: store.sync.remote.isStaleReady(head.recordId) };
    case 'rejected':
      store.sync.reject(outcome.range, head, outcome.problem, outcome.revertStatus);
      return { answered: true };
    case 'conflict': {
      const mine = store.drafts.mustGet(head.recordId).order;
      store.sync.conflicts.record(
        {
          draftId: head.recordId,
          seq: head.seq,
          mine,
          theirs: outcome.theirs.order,
          theirsVersion: outcome.theirs.version,
          theirsStatus: outcome.theirs.status,
          differingFields: differingFields(mine, outcome.theirs.order),
          theirsUpdatedBy: outcome.changedBy,
          theirsUpdatedAt: outcome.theirs.updatedAt,
        },
        CONFLICT_MESSAGE,
      );
      return { answered: true };
    }
    case 'retry': {
      const immediately = outcome.immediately === true && head.attempts < IMMEDIATE_RETRY_LIMIT;
      store.outbox.recordFailure(head.seq, outcome.error.message, immediately ? now : later());
      return immediately
        ? { answered: false }
        : { answered: false, retryProblem: `${outcome.error.message} Trying again shortly.` };
    }
    case 'offline':
      store.outbox.recordFailure(head.seq, outcome.error.message, later());
      return { answered: false, offline: outcome.error };
    case 'signed-out':
      return { answered: false, signedOut: true };
    case 'cancelled':
      return { answered: false };
    default:
      return assertNever(outcome, 'outcome');
  }
}
