/**
 * What one attempt to deliver an outbox change came to, and how a failure is classified: the
 * worker turns each outcome into one store transaction (outbox-worker.ts).
 */
import type { ChangedBy, OrderRecord } from '../../shared/api';
import type { OrderStatus, ProtectiveOrder } from '../../shared/order';
import { RegistryError } from '../registry-client/errors';
import type { OutboxEntry } from '../store';
import type { SettledRange } from './store/sync-repository';
import { StoreError } from '../store/errors';

export type Outcome =
  /** The registry holds the change(s) in `range`. */
  | {
      readonly kind: 'acknowledged';
      readonly range: SettledRange;
      /** The registry version after an order change; null for an image link (it leaves the version alone). */
      readonly version: number | null;
      readonly status: OrderStatus | null;
      /** The registry's data after the change (kept as the base for conflict checks). */
      readonly order?: ProtectiveOrder;
      /** The image whose upload bookkeeping ends with this change. */
      readonly sha256?: string;
    }
  /** Refused for good: kept as a rejection, shown on the draft. */
  | {
      readonly kind: 'rejected';
      readonly range: SettledRange;
      readonly problem: { readonly code: string; readonly message: string; readonly field?: string };
      readonly revertStatus?: OrderStatus;
    }
  /** Someone else changed the order: a person decides. */
  | {
      readonly kind: 'conflict';
      readonly theirs: OrderRecord;
      /** Who changed the registry's version last, when the registry said (its conflict answer does). */
      readonly changedBy: ChangedBy | null;
    }
  /** Try again after a backoff (or at once when `immediately`). */
  | { readonly kind: 'retry'; readonly error: RegistryError; readonly immediately?: boolean }
  /** The registry does not answer: pause and probe its health. */
  | { readonly kind: 'offline'; readonly error: RegistryError }
  /** No session: wait for a sign-in. */
  | { readonly kind: 'signed-out'; readonly error: RegistryError }
  /** The worker is stopping. */
  | { readonly kind: 'cancelled' };

/** The single change `entry` as a range. */
export function rangeOf(entry: Pick<OutboxEntry, 'recordId' | 'seq'>, throughSeq = entry.seq): SettledRange {
  return { recordId: entry.recordId, fromSeq: entry.seq, throughSeq };
}

/**
 * Classifies a failure that is not a conflict: network trouble and 5xx are retried, a lost
 * session waits for a sign-in, local storage problems and the registry's 4xx refusals are
 * rejections a person sees.
 */
export function classifyFailure(error: unknown, range: SettledRange, revertStatus?: OrderStatus): Outcome {
  if (error instanceof RegistryError) {
    if (error.code === 'CANCELLED') return { kind: 'cancelled' };
    if (error.code === 'SIGNED_OUT') return { kind: 'signed-out', error };
    if (error.isNetwork) return { kind: 'offline', error };
    if (error.isTransient) return { kind: 'retry', error };
    return {
      kind: 'rejected',
      range,
      problem: {
        code: error.code,
        message: refusalMessage(error),
        ...(error.field === undefined ? {} : { field: error.field }),
      },
      ...(revertStatus === undefined ? {} : { revertStatus }),
    };
  }
  if (error instanceof StoreError) {
    return {
      kind: 'rejected',
      range,
      problem: error.toProblem(),
      ...(revertStatus === undefined ? {} : { revertStatus }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retry', error: new RegistryError('HTTP_ERROR', `Sending failed unexpectedly: ${message}`) };
}

/** The registry's message, with the first validation issue when it sent a list. */
function refusalMessage(error: RegistryError): string {
  const issues = (
    error.body as { issues?: { message?: unknown; field?: unknown; severity?: unknown }[] } | undefined
  )?.issues;
  const first = issues?.find((i) => i.severity === 'error') ?? issues?.[0];
  if (first && typeof first.message === 'string') {
    return `The registry refused this change: ${error.message} ${first.message}${typeof first.field === 'string' ? ` (${first.field})` : ''}`;
  }
  return `The registry refused this change: ${error.message}`;
}
