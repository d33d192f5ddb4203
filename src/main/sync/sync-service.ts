/**
 * The station's sync service (the SyncService contract in contract.ts): the outbox worker, the
 * status the UI shows, conflicts and their resolution, and the sheriff's work queue.
 *
 * Composition (see ARCHITECTURE.md, "Sync"):
 *   const client = new RegistryClient({ baseUrl });
 *   const sync = new StationSync(store, client);
 *   sync.start();            // runs until stop(); waits for a sign-in if there is no session
 *   ...drafts.save(order); sync.kick();
 *   await sync.stop();
 */
import type { LocalAudit } from '../audit/local-audit';
import { AuditSender } from './audit-sender';
import type { StationLog } from '../log/station-log';
import { randomUUID } from 'node:crypto';
import type { QueueItem } from '../../shared/api';
import { conflictResolutionSchema } from '../../shared/ipc/sync';
import { protectiveOrderSchema } from '../../shared/order';
import { RegistryError } from '../registry-client/errors';
import type { RegistryClient } from '../registry-client/registry-client';
import type { DraftRecord } from '../drafts/drafts-repository';
import type { SyncStore } from './sync-store';
import type { StoredRejection } from './store/sync-repository';
import { DEFAULT_PROBE_BACKOFF, DEFAULT_RETRY_BACKOFF, type BackoffPolicy } from './backoff';
import type { ConflictResolution, SyncConflict, SyncService, SyncStatus } from './contract';
import { OutboxWorker } from './outbox-worker';
import { computeStatus } from './status';

export interface StationSyncOptions {
  /** Records sent in parallel (each record's changes stay in order). Default 4. */
  readonly concurrency?: number;
  /** Backoff between attempts of a failing change. Default 1 s doubling to 5 min, with jitter. */
  readonly retryBackoff?: BackoffPolicy;
  /** Backoff between health probes while the registry does not answer. Default 1 s to 30 s. */
  readonly probeBackoff?: BackoffPolicy;
  /** Look for new local changes at least this often (ms; kick() looks at once). Default 2 s. */
  readonly pollMs?: number;
  /** Pull the change feed at least this often (ms). Default 30 s. */
  readonly pullEveryMs?: number;
  /** Bytes per tus PATCH request. Default 8 MiB. */
  readonly chunkSize?: number;
  /** Image uploads running at once, started ahead of their turn (0 = only in turn). Default 2. */
  readonly uploadsAhead?: number;
  readonly random?: () => number;
  readonly now?: () => Date;
  /** Receives sync events (ids, kinds and codes; never order data) for the station log. */
  readonly log?: StationLog;
  /** The station's audit trail, sent to the registry by each event's user (with the station's name). */
  readonly audit?: { readonly trail: LocalAudit; readonly station: () => string };
}

export class StationSync implements SyncService {
  private readonly worker: OutboxWorker;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private last = '';

  constructor(
    private readonly store: SyncStore,
    private readonly client: RegistryClient,
    options: StationSyncOptions = {},
  ) {
    this.worker = new OutboxWorker(
      store,
      client,
      {
        concurrency: options.concurrency ?? 4,
        retry: options.retryBackoff ?? DEFAULT_RETRY_BACKOFF,
        probe: options.probeBackoff ?? DEFAULT_PROBE_BACKOFF,
        pollMs: options.pollMs ?? 2_000,
        pullEveryMs: options.pullEveryMs ?? 30_000,
        chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
        uploadsAhead: options.uploadsAhead ?? 2,
        random: options.random ?? Math.random,
        now: options.now ?? (() => new Date()),
        ...(options.log ? { log: options.log } : {}),
        ...(options.audit
          ? { auditSender: new AuditSender(options.audit.trail, client, options.audit.station, options.log) }
          : {}),
      },
      () => {
        this.emit();
      },
    );
  }

  start(): void {
    this.worker.start();
  }

  /** Stops sending (requests in flight are cancelled and retried on the next start). */
  async stop(): Promise<void> {
    await this.worker.stop();
    this.emit();
  }

  status(): SyncStatus {
    const session = this.client.session.state();
    return computeStatus({
      counts: this.store.sync.counts(),
      connectivity: this.worker.connectivity,
      busy: this.worker.busy,
      lastSuccessAt: this.worker.lastSuccessAt,
      offlineSince: this.worker.offlineSince,
      signedOutReason: session.state === 'signed-out' ? session.reason : null,
      lastFailure: this.worker.lastFailure,
      held: this.store.outbox.heldForOthers(this.client.session.current()?.user.username ?? null),
    });
  }

  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    let status: SyncStatus;
    try {
      status = this.status();
    } catch {
      return; // the store is closed (shutting down)
    }
    const text = JSON.stringify(status);
    if (text === this.last) return;
    this.last = text;
    for (const listener of [...this.listeners]) listener(status);
  }

  async syncNow(): Promise<void> {
    await this.worker.syncNow();
  }

  /** A local change was queued: look at once instead of at the next poll. */
  kick(): void {
    this.worker.kick();
  }

  /** Resolves when nothing is being sent and nothing is due (or sync cannot proceed: offline, signed out). */
  settled(): Promise<void> {
    return this.worker.settled();
  }

  /** The worker's state (connectivity, records in flight), for logs and diagnostics. */
  diagnostics(): ReturnType<OutboxWorker['diagnostics']> {
    return this.worker.diagnostics();
  }

  conflicts(): SyncConflict[] {
    return this.store.sync.conflicts.list().map((c) => ({
      draftId: c.draftId,
      mine: c.mine,
      theirs: c.theirs,
      theirsVersion: c.theirsVersion,
      differingFields: c.differingFields,
      detectedAt: c.detectedAt,
      theirsUpdatedBy: c.theirsUpdatedBy,
      theirsUpdatedAt: c.theirsUpdatedAt,
    }));
  }

  /**
   * Keep mine: sent again on their version. Take theirs: the draft becomes the registry's order
   * (its queued order changes are dropped). Merged: the operator's order is saved and sent.
   */
  resolveConflict(draftId: string, resolution: ConflictResolution): Promise<void> {
    const parsed = conflictResolutionSchema.safeParse(resolution);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(
        new RegistryError('INVALID_INPUT', issue?.message ?? 'Not a conflict resolution.', {
          field: issue?.path.join('.') ?? 'kind',
        }),
      );
    }
    try {
      const r = parsed.data;
      if (r.kind === 'take-theirs') this.store.sync.conflicts.takeTheirs(draftId);
      else if (r.kind === 'keep-mine') this.store.sync.conflicts.keepMine(draftId, randomUUID());
      else this.store.sync.conflicts.keepMine(draftId, randomUUID(), protectiveOrderSchema.parse(r.order));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.worker.kick();
    return Promise.resolve();
  }

  /** Changes the registry refused (all, newest first, or those of one draft in order). */
  rejections(draftId?: string): StoredRejection[] {
    return this.store.sync.rejections(draftId);
  }

  /** The county work queue as last pulled (sheriff stations; empty elsewhere). */
  workQueue(): QueueItem[] {
    return this.store.sync.remote.workQueue<QueueItem>();
  }

  /** Claims an order from the work queue and takes it as a local draft to complete. */
  async claim(orderId: string): Promise<DraftRecord> {
    await this.client.claim(orderId);
    const record = await this.client.getOrder(orderId);
    const orgOri = this.client.session.current()?.user.orgOri ?? record.order.court.ori;
    this.store.sync.remote.importFromRegistry(record, orgOri);
    this.worker.kick();
    return this.store.drafts.mustGet(orderId);
  }

  /** Gives a claimed order back to the queue. */
  async release(orderId: string): Promise<void> {
    await this.client.release(orderId);
    this.worker.kick();
  }
}
