/**
 * The outbox worker: delivers queued changes to the registry in order per record (up to
 * `concurrency` records at a time), at least once, each outcome recorded in one store transaction.
 * It pauses while the registry does not answer (a /healthz probe with backoff decides when to
 * resume, not the OS's online flag), waits for a sign-in when the session ends, and pulls the
 * change feed between rounds. Everything it needs survives a restart in the store.
 */
import type { RegistryError } from '../registry-client/errors';
import type { RegistryClient } from '../registry-client/registry-client';
import type { OutboxEntry, StationStore } from '../store';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { differingFields } from './diff';
import { ImageSender } from './image-sender';
import { OrderSender } from './order-sender';
import { classifyFailure, rangeOf, type Outcome } from './outcome';
import { Puller } from './puller';
import { Uploader } from './uploader';
import type { Connectivity } from './status';

export interface WorkerOptions {
  readonly concurrency: number;
  readonly retry: BackoffPolicy;
  readonly probe: BackoffPolicy;
  /** How often to look for new local changes when nothing told the worker (ms). */
  readonly pollMs: number;
  readonly pullEveryMs: number;
  readonly chunkSize: number;
  /** Image uploads running at once, including those started ahead of their turn. */
  readonly uploadsAhead: number;
  readonly random: () => number;
  readonly now: () => Date;
  /** Sync events for the station log (no order data: ids, kinds, codes only). */
  readonly log?: (event: string, detail: Readonly<Record<string, unknown>>) => void;
}

export const LAST_SUCCESS_KEY = 'last-success-at';
/** A change retried "at once" this many times in a row falls back to the normal backoff. */
const IMMEDIATE_RETRY_LIMIT = 5;

export class OutboxWorker {
  connectivity: Connectivity = 'online';
  offlineSince: Date | null = null;
  lastFailure: string | null = null;
  lastSuccessAt: string | null;

  private running = false;
  private abort = new AbortController();
  private readonly inFlight = new Map<string, Promise<void>>();
  private pulling: Promise<void> | null = null;
  private pullRequested = true;
  private lastPullAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private probeAttempt = 0;
  private lastSuccessStoredAt = 0;
  private waiters: (() => void)[] = [];
  private unsubscribe: (() => void) | null = null;
  private readonly orders: OrderSender;
  private readonly images: ImageSender;
  private readonly uploader: Uploader;
  private readonly puller: Puller;

  constructor(
    private readonly store: StationStore,
    private readonly client: RegistryClient,
    private readonly options: WorkerOptions,
    private readonly changed: () => void,
  ) {
    this.orders = new OrderSender(store, client);
    this.uploader = new Uploader(store, client, options.chunkSize);
    this.images = new ImageSender(store, client, this.uploader);
    this.puller = new Puller(store, client);
    this.lastSuccessAt = store.sync.getMeta(LAST_SUCCESS_KEY);
  }

  /** What the worker is doing, for logs and test failures. */
  diagnostics(): {
    connectivity: Connectivity;
    inFlight: string[];
    pulling: boolean;
    pullRequested: boolean;
    running: boolean;
  } {
    return {
      connectivity: this.connectivity,
      inFlight: [...this.inFlight.keys()],
      pulling: this.pulling !== null,
      pullRequested: this.pullRequested,
      running: this.running,
    };
  }

  /** Read after an await: stop() may have run meanwhile (a method, so the check is not narrowed away). */
  private stillRunning(): boolean {
    return this.running;
  }

  get busy(): boolean {
    return this.inFlight.size > 0 || this.pulling !== null || this.uploader.active > 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.unsubscribe = this.client.session.onChange((state) => {
      if (state.state === 'signed-in' && this.connectivity === 'signed-out') {
        this.connectivity = 'online';
        this.pullRequested = true;
      }
      this.pump();
    });
    this.pump();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.abort.abort();
    this.clearTimers();
    await Promise.allSettled([...this.inFlight.values(), ...(this.pulling ? [this.pulling] : [])]);
    await this.uploader.settle();
    if (this.lastSuccessAt !== null) this.store.sync.setMeta(LAST_SUCCESS_KEY, this.lastSuccessAt);
    this.settle();
  }

  /** Look for work now (a local change was just queued). */
  kick(): void {
    this.pump();
  }

  /** Everything waiting becomes due, an offline pause is probed at once, and a pull runs. */
  async syncNow(): Promise<void> {
    if (!this.running) return;
    this.store.sync.makeAllDue();
    this.pullRequested = true;
    if (this.connectivity === 'offline') await this.probe();
    else this.pump();
    await this.settled();
  }

  /** Resolves when nothing is in flight and nothing is due, or the worker cannot proceed (offline, signed out, stopped). */
  settled(): Promise<void> {
    if (this.isSettled()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private isSettled(): boolean {
    if (!this.running || this.connectivity !== 'online') return true;
    return !this.busy && !this.pullRequested && this.store.outbox.dueHeads(1).length === 0;
  }

  private settle(): void {
    if (this.waiters.length === 0 || !this.isSettled()) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private clearTimers(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.timer = null;
    this.probeTimer = null;
  }

  /** Starts whatever can start now and schedules the next look. */
  private pump(): void {
    if (!this.running) return;
    try {
      if (this.client.session.current() === null) {
        this.connectivity = 'signed-out';
      } else if (this.connectivity === 'signed-out') {
        this.connectivity = 'online';
      }
      if (this.connectivity === 'online') {
        this.dispatchDue();
        if (this.options.uploadsAhead > 0) {
          this.uploader.prefetch(this.options.uploadsAhead, this.abort.signal, () => {
            this.pump();
          });
        }
        const due = Date.now() - this.lastPullAt >= this.options.pullEveryMs;
        if (this.pulling === null && (due || (this.pullRequested && this.inFlight.size === 0)))
          this.startPull();
      }
      this.scheduleNext();
    } catch (error) {
      // The store failed (closed while stopping, disk full): report it and look again later.
      this.lastFailure = `The station could not read its outbox: ${(error as Error).message}`;
      this.scheduleNext();
    }
    this.changed();
    this.settle();
  }

  private dispatchDue(): void {
    const free = this.options.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const heads = this.store.outbox.dueHeads(this.options.concurrency + this.inFlight.size + 8);
    for (const head of heads) {
      if (this.inFlight.size >= this.options.concurrency) break;
      if (this.inFlight.has(head.recordId)) continue;
      this.dispatch(head);
    }
  }

  private scheduleNext(): void {
    if (this.timer) clearTimeout(this.timer);
    if (!this.running) return;
    let wait = this.options.pollMs;
    const next = this.connectivity === 'online' ? this.store.sync.nextDueAt() : null;
    if (next !== null)
      wait = Math.min(wait, Math.max(0, Date.parse(next) - this.options.now().getTime()) + 5);
    this.timer = setTimeout(() => {
      this.pump();
    }, wait);
    this.timer.unref();
  }

  private dispatch(head: OutboxEntry): void {
    const signal = this.abort.signal;
    const task = (async () => {
      const draft = this.store.drafts.get(head.recordId);
      let outcome: Outcome;
      if (!draft) {
        outcome = {
          kind: 'rejected',
          range: rangeOf(head),
          problem: {
            code: 'NOT_FOUND',
            message: 'The draft of this change no longer exists on this station.',
          },
        };
      } else {
        try {
          outcome =
            head.kind === 'document.attach'
              ? await this.images.send(head, draft, signal)
              : await this.orders.send(head, draft, signal);
        } catch (error) {
          outcome = classifyFailure(error, rangeOf(head));
        }
      }
      this.apply(head, outcome);
    })()
      .catch((error: unknown) => {
        this.lastFailure = `Recording a sync result failed: ${(error as Error).message}`;
      })
      .finally(() => {
        this.inFlight.delete(head.recordId);
        this.pump();
      });
    this.inFlight.set(head.recordId, task);
  }

  private apply(head: OutboxEntry, outcome: Outcome): void {
    const now = this.options.now();
    this.options.log?.('outcome', {
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
    });
    switch (outcome.kind) {
      case 'acknowledged':
        this.store.sync.acknowledge(
          outcome.range,
          {
            version: outcome.version,
            status: outcome.status,
            ...(outcome.order ? { order: outcome.order } : {}),
          },
          outcome.sha256,
        );
        this.succeeded(now);
        if (this.store.sync.isStaleReady(head.recordId)) this.pullRequested = true;
        return;
      case 'rejected':
        this.store.sync.reject(outcome.range, head, outcome.problem, outcome.revertStatus);
        this.succeeded(now);
        return;
      case 'conflict': {
        const mine = this.store.drafts.mustGet(head.recordId).order;
        this.store.sync.recordConflict(
          {
            draftId: head.recordId,
            seq: head.seq,
            mine,
            theirs: outcome.theirs.order,
            theirsVersion: outcome.theirs.version,
            theirsStatus: outcome.theirs.status,
            differingFields: differingFields(mine, outcome.theirs.order),
          },
          'Someone else changed this order on the registry. Review both versions and choose what to keep.',
        );
        this.succeeded(now);
        return;
      }
      case 'retry': {
        const immediately = outcome.immediately === true && head.attempts < IMMEDIATE_RETRY_LIMIT;
        const delay = immediately ? 0 : backoffDelay(head.attempts, this.options.retry, this.options.random);
        this.store.outbox.recordFailure(head.seq, outcome.error.message, new Date(now.getTime() + delay));
        if (!immediately) this.lastFailure = `${outcome.error.message} Trying again shortly.`;
        return;
      }
      case 'offline':
        this.store.outbox.recordFailure(
          head.seq,
          outcome.error.message,
          new Date(now.getTime() + backoffDelay(head.attempts, this.options.retry, this.options.random)),
        );
        this.goOffline(outcome.error);
        return;
      case 'signed-out':
        this.connectivity = 'signed-out';
        return;
      case 'cancelled':
        return;
    }
  }

  private succeeded(now: Date): void {
    this.lastSuccessAt = now.toISOString();
    this.lastFailure = null;
    // Stored at most once a second: each write is a synced transaction, and the status bar
    // only shows minutes.
    if (now.getTime() - this.lastSuccessStoredAt >= 1_000) {
      this.lastSuccessStoredAt = now.getTime();
      this.store.sync.setMeta(LAST_SUCCESS_KEY, this.lastSuccessAt);
    }
    if (this.store.outbox.totals().count === 0) this.pullRequested = true;
  }

  private startPull(): void {
    this.pullRequested = false;
    this.pulling = (async () => {
      try {
        const result = await this.puller.pull(this.abort.signal);
        this.options.log?.('pulled', { ...result });
        this.succeeded(this.options.now());
        this.pullRequested = false;
      } catch (error) {
        const outcome = classifyFailure(error, { recordId: '', fromSeq: 0, throughSeq: 0 });
        this.options.log?.('pull-failed', {
          outcome: outcome.kind,
          code: (error as { code?: unknown }).code ?? null,
        });
        if (outcome.kind === 'offline') this.goOffline(outcome.error);
        else if (outcome.kind === 'signed-out') this.connectivity = 'signed-out';
        else if (outcome.kind !== 'cancelled') {
          this.lastFailure = `Reading the registry's changes failed: ${(error as Error).message}`;
        }
      } finally {
        this.lastPullAt = Date.now();
      }
    })().finally(() => {
      this.pulling = null;
      this.pump();
    });
  }

  private goOffline(error: RegistryError): void {
    if (this.connectivity === 'offline') return;
    this.connectivity = 'offline';
    this.options.log?.('offline', { code: error.code });
    this.offlineSince = this.options.now();
    this.lastFailure = error.message;
    this.probeAttempt = 0;
    this.scheduleProbe();
    this.changed();
  }

  private scheduleProbe(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    if (!this.running) return;
    const delay = backoffDelay(this.probeAttempt, this.options.probe, this.options.random);
    this.probeTimer = setTimeout(() => {
      void this.probe();
    }, delay);
    this.probeTimer.unref();
  }

  /** Asks /healthz; online again when it answers, otherwise the next probe after a longer wait. */
  private async probe(): Promise<void> {
    if (!this.running || this.connectivity !== 'offline') return;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    const alive = await this.client.health(3_000, this.abort.signal);
    if (!this.stillRunning()) return;
    if (alive) {
      this.options.log?.('online', {});
      this.connectivity = 'online';
      this.offlineSince = null;
      this.probeAttempt = 0;
      this.pump();
    } else {
      this.probeAttempt += 1;
      this.scheduleProbe();
      this.changed();
      this.settle();
    }
  }
}
