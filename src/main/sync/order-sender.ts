/**
 * Sends an order change (a save or a lifecycle transition) to the registry. The request is built
 * once, stored, and re-sent byte for byte on every retry, with the change's mutation id as the
 * Idempotency-Key: if the registry committed an earlier attempt whose answer was lost, the retry
 * gets that first answer back instead of applying the change twice.
 */
import { randomUUID } from 'node:crypto';
import { changedBySchema, orderRecordSchema, type ChangedBy, type OrderRecord } from '../../shared/api';
import type { OrderStatus, ProtectiveOrder } from '../../shared/order';
import { RegistryError } from '../registry-client/errors';
import type { RegistryClient } from '../registry-client/registry-client';
import type { OutboxEntry } from '../store';
import type { DraftRecord } from '../drafts/drafts-repository';
import type { SyncStore } from './sync-store';
import type { FrozenRequest, SettledRange } from './store/sync-repository';
import { differingFields } from './diff';
import { classifyFailure, rangeOf, type Outcome } from './outcome';

/** Statuses whose data the registry replaces by PUT; others change data only through a transition. */
const EDITABLE: readonly OrderStatus[] = ['draft', 'awaiting_carpos_data'];

interface SavePayload {
  readonly order: ProtectiveOrder;
  readonly status: OrderStatus;
}
interface TransitionPayload {
  readonly transition: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  /** Present after a conflict was resolved: the data the transition carries. */
  readonly order?: ProtectiveOrder;
}

export class OrderSender {
  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
  ) {}

  /**
   * The request for `head`, as stored on its first send. Consecutive saves of a record go as one
   * (the last snapshot carries them all); saves of an order in force travel inside the transition
   * that follows them (the registry changes such orders only through "Modify" and the like).
   */
  request(head: OutboxEntry, draft: DraftRecord): FrozenRequest | null {
    const stored = this.store.sync.frozen(head.seq);
    if (stored) return stored;
    const base = draft.registryVersion;
    const id = head.recordId;
    const frozen = (method: 'POST' | 'PUT', path: string, body: unknown, throughSeq: number): FrozenRequest =>
      this.store.sync.freeze({
        seq: head.seq,
        recordId: id,
        mutationId: head.mutationId,
        method,
        path,
        body,
        throughSeq,
      });

    if (head.kind === 'order.transition') {
      if (base === null) return null;
      const p = head.payload as TransitionPayload;
      return frozen(
        'POST',
        `/api/v1/orders/${id}/transitions`,
        {
          transition: p.transition,
          baseVersion: base,
          ...(p.order === undefined ? {} : { order: p.order }),
        },
        head.seq,
      );
    }
    const queue = this.store.outbox.forRecord(id);
    const run: OutboxEntry[] = [];
    for (const entry of queue) {
      if (entry.seq < head.seq) continue;
      // A run of saves goes as one request only while it is one author's: each change is sent
      // under its own author's session.
      if (entry.kind !== 'order.save' || entry.authorUsername !== head.authorUsername) break;
      run.push(entry);
    }
    const last = run.at(-1) ?? head;
    const save = last.payload as SavePayload;
    if (base === null) return frozen('POST', '/api/v1/orders', { order: save.order }, last.seq);
    const next = queue.find((e) => e.seq > last.seq);
    if (
      !EDITABLE.includes(save.status) &&
      next?.kind === 'order.transition' &&
      next.authorUsername === last.authorUsername
    ) {
      const t = next.payload as TransitionPayload;
      return frozen(
        'POST',
        `/api/v1/orders/${id}/transitions`,
        { transition: t.transition, baseVersion: base, order: save.order },
        next.seq,
      );
    }
    return frozen('PUT', `/api/v1/orders/${id}`, { order: save.order, baseVersion: base }, last.seq);
  }

  async send(head: OutboxEntry, draft: DraftRecord, signal: AbortSignal): Promise<Outcome> {
    const request = this.request(head, draft);
    const revert = head.kind === 'order.transition' ? (head.payload as TransitionPayload).from : undefined;
    if (request === null) {
      return {
        kind: 'rejected',
        range: rangeOf(head),
        problem: {
          code: 'NOT_ON_REGISTRY',
          message:
            'This order never reached the registry (its first save was refused), so this step cannot be done there. Correct and save the draft to send it again.',
        },
        ...(revert === undefined ? {} : { revertStatus: revert }),
      };
    }
    const range = rangeOf(head, request.throughSeq);
    try {
      const result = await this.client.mutate(
        {
          method: request.method,
          path: request.path,
          body: request.body,
          idempotencyKey: request.mutationId,
        },
        signal,
      );
      return {
        kind: 'acknowledged',
        range,
        version: result.record.version,
        status: result.record.status,
        order: result.record.order,
      };
    } catch (error) {
      if (!(error instanceof RegistryError)) return classifyFailure(error, range, revert);
      switch (error.code) {
        case 'VERSION_CONFLICT':
          return this.stale(head, request, theirsOf(error), range, changedByOf(error));
        case 'ORDER_EXISTS':
          return this.alreadyThere(head, draft, range, signal);
        case 'IDEMPOTENCY_KEY_REUSED':
          // The key is held by another user's request (the station changed hands mid-sync): a new key.
          this.store.sync.rekey(head.seq, randomUUID());
          return { kind: 'retry', error, immediately: true };
        default:
          return classifyFailure(error, range, revert);
      }
    }
  }

  /**
   * A stale base version. Three cases: the registry already holds exactly what this request sends
   * (an earlier attempt landed under another key): acknowledged. The registry's data is what this
   * station last saw and only the version moved (a system step, a claim): the change goes again
   * on the new version. Otherwise someone else changed the data: a person decides.
   */
  private stale(
    head: OutboxEntry,
    request: FrozenRequest,
    theirs: OrderRecord | null,
    range: SettledRange,
    changedBy: ChangedBy | null,
  ): Outcome {
    if (theirs === null) {
      return {
        kind: 'retry',
        error: new RegistryError(
          'BAD_RESPONSE',
          'The registry reported a conflict without the current order.',
        ),
      };
    }
    const sent = (request.body as { order?: ProtectiveOrder }).order;
    if (
      sent !== undefined &&
      isPlainSave(this.store, range) &&
      differingFields(sent, theirs.order).length === 0
    ) {
      return {
        kind: 'acknowledged',
        range,
        version: theirs.version,
        status: theirs.status,
        order: theirs.order,
      };
    }
    const base = this.store.sync.remote.base(head.recordId);
    if (base !== undefined && differingFields(base.order, theirs.order).length === 0) {
      this.store.sync.rebase(head.seq, head.recordId, theirs.version, randomUUID());
      return {
        kind: 'retry',
        error: new RegistryError('VERSION_CONFLICT', 'Sent again on the registry version.'),
        immediately: true,
      };
    }
    return { kind: 'conflict', theirs, changedBy };
  }

  /** A create met an order with the same id: ours if it holds our data (created by another of our attempts). */
  private async alreadyThere(
    head: OutboxEntry,
    draft: DraftRecord,
    range: SettledRange,
    signal: AbortSignal,
  ): Promise<Outcome> {
    try {
      const theirs = await this.client.getOrder(head.recordId, signal);
      const mine = this.store.drafts.get(draft.id)?.order ?? draft.order;
      // A plain read does not say who changed the order: the dialog then says only when.
      if (differingFields(mine, theirs.order).length > 0)
        return { kind: 'conflict', theirs, changedBy: null };
      return {
        kind: 'acknowledged',
        range,
        version: theirs.version,
        status: theirs.status,
        order: theirs.order,
      };
    } catch (error) {
      return classifyFailure(error, range);
    }
  }
}

/** True when every row of `range` is a save (acknowledging them settles no transition unsent). */
function isPlainSave(store: SyncStore, range: SettledRange): boolean {
  return store.outbox
    .forRecord(range.recordId)
    .filter((e) => e.seq >= range.fromSeq && e.seq <= range.throughSeq)
    .every((e) => e.kind === 'order.save');
}

/** Who changed the order last, from a conflict answer (null from a registry that does not say). */
function changedByOf(error: RegistryError): ChangedBy | null {
  const parsed = changedBySchema.safeParse((error.body as { updatedBy?: unknown } | undefined)?.updatedBy);
  return parsed.success ? parsed.data : null;
}

function theirsOf(error: RegistryError): OrderRecord | null {
  const parsed = orderRecordSchema.safeParse((error.body as { current?: unknown } | undefined)?.current);
  return parsed.success ? parsed.data : null;
}
